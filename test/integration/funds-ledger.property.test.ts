/**
 * Property, against DynamoDB Local: random sequences of requests, approvals (for less, or more than is left),
 * rejections, claims (some above the approval), claim decisions, lapses and payouts through the real use cases,
 * on a clock that moves forward. After every step the allocation's balances equal a recomputation from its ledger,
 * no invariant is broken, and refused steps leave the balances as they were. In a table of its own.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb-local.js';

const stack = inject('stack');
Object.assign(process.env, {
  TABLE_NAME: `funds-property-${randomUUID().slice(0, 8)}`,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
  CURSOR_SECRET: stack.reviewTokenSecret,
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});

const { dealers, program, regions } = await import('../../shared/db/setup-repository.js');
const { fundAllocations, fundLedger, balancesOf } = await import('../../shared/db/funds-repository.js');
const { allocateDealer } = await import('../../shared/funds/allocations.js');
const { putBudget } = await import('../../shared/funds/budgets.js');
const { submitFundRequest, decideFundRequest } = await import('../../shared/funds/requests.js');
const { submitClaim, decideClaim, markPaid } = await import('../../shared/funds/claims.js');
const { chaseClaimDeadlines } = await import('../../shared/funds/claim-deadlines.js');
const { balancesFrom, brokenInvariants } = await import('../../shared/domain/fund-ledger.js');
const { DomainError } = await import('../../shared/domain/errors.js');
const { defaultProgram } = await import('../../shared/schemas/setup.js');
const { files } = await import('../../shared/db/file-repository.js');

const REGION = 'funds-prop';
const PERIOD = '2033-Q1';
const START = Date.parse('2033-01-02T08:00:00Z');
const DAY = 86_400_000;
const ALLOCATION = 100_000;
const manager = { role: 'partner_manager' as const, subject: 'pm', email: 'pm@p.example', regions: [REGION] };
const finance = { role: 'finance' as const, subject: 'fin', regions: [] };
const eur = (amount: number) => ({ amount, currency: 'EUR' });

beforeAll(async () => {
  const admin = new DynamoDBClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
  await ensureTable(admin, process.env.TABLE_NAME as string);
  admin.destroy();
  await program.put(defaultProgram());
  await regions.put({
    id: REGION,
    name: 'Property',
    countries: ['DE'],
    partnerManagerEmail: 'pm@p.example',
    regionalDirectorEmail: 'rd@p.example',
    updatedAt: new Date(START).toISOString(),
  });
  await putBudget(
    PERIOD,
    { byTier: { gold: eur(ALLOCATION), silver: eur(ALLOCATION), bronze: eur(ALLOCATION) }, costSharePercent: 50, claimDays: 20 },
    defaultProgram(),
    new Date(START),
  );
});

const step = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('request' as const), amount: fc.integer({ min: 1, max: 30_000 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat(), share: fc.double({ min: 0.1, max: 1, noNaN: true }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('claim' as const), pick: fc.nat(), share: fc.double({ min: 0.1, max: 1.3, noNaN: true }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('decideClaim' as const), pick: fc.nat(), approve: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pay' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 1, max: 12 }) }) },
);

describe('the funds ledger against DynamoDB Local', () => {
  it('keeps the balances equal to the ledger and every invariant through random sequences', { timeout: 240_000 }, async () => {
    const committed = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 24 }), async (steps) => {
        const dealerId = `prop-${randomUUID().slice(0, 8)}`;
        const dealer = {
          id: dealerId,
          name: 'Prop',
          regionId: REGION,
          email: `${dealerId}@p.example`,
          status: 'active' as const,
          updatedAt: '',
        };
        await dealers.put(dealer);
        let clock = START;
        const budget = {
          period: PERIOD,
          kind: 'fixed' as const,
          currency: 'EUR',
          byTier: { gold: ALLOCATION, silver: ALLOCATION, bronze: ALLOCATION },
          costSharePercent: 50,
          claimDays: 20,
          updatedAt: '',
        };
        expect(await allocateDealer(dealer, budget, defaultProgram(), new Date(clock))).toBe(true);
        const caller = { role: 'dealer' as const, subject: 'u', dealerId, regions: [] };
        const proofId = `file_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
        await files.createPending(
          {
            fileId: proofId,
            purpose: 'proof',
            fileName: 'invoice.pdf',
            contentType: 'application/pdf',
            bytes: 1024,
            status: 'pending',
            createdAt: new Date(clock).toISOString(),
            tenant: `dealer:${dealerId}`,
            objectKey: `proof/${proofId}`,
          },
          new Date(clock),
        );
        await files.confirm(proofId, new Date(clock).toISOString());
        const requests: string[] = [];
        const amounts = new Map<string, number>();
        const approvedIds: string[] = [];
        const claims: string[] = [];
        const pick = <T>(items: T[], n: number) => (items.length ? items[n % items.length] : undefined);
        const attempt = async (action: () => Promise<unknown>, kind = 'step') => {
          try {
            await action();
            committed.set(kind, (committed.get(kind) ?? 0) + 1);
          } catch (error) {
            // Refusals are domain errors (4xx); anything else is a failure of the property.
            if (!(error instanceof DomainError)) throw error;
          }
        };
        for (const s of steps) {
          clock += 3_600_000;
          const now = new Date(clock);
          const day = now.toISOString().slice(0, 10);
          if (s.kind === 'request') {
            await attempt(async () => {
              const { request } = await submitFundRequest({
                caller,
                input: {
                  activity: 'Fair',
                  description: 'Booth',
                  startsOn: day,
                  endsOn: day,
                  cost: eur(s.amount * 2),
                  requested: eur(s.amount),
                },
                now,
              });
              requests.push(request.id);
              amounts.set(request.id, s.amount);
            }, 'request');
          } else if (s.kind === 'approve' || s.kind === 'reject') {
            const id = pick(requests, s.pick);
            if (id) {
              const decision =
                s.kind === 'approve'
                  ? { decision: 'approve' as const, approved: eur(Math.max(1, Math.floor((amounts.get(id) ?? 0) * s.share))) }
                  : { decision: 'reject' as const, reason: 'No' };
              await attempt(async () => {
                const decided = await decideFundRequest({ caller: manager, id, decision, now });
                amounts.set(id, decided.approved?.amount ?? 0);
                if (decided.status === 'approved') approvedIds.push(id);
              }, s.kind);
            }
          } else if (s.kind === 'claim') {
            // Mostly approved requests (claims that may succeed), sometimes any (claims that must be refused).
            const id = s.pick % 4 === 0 ? pick(requests, s.pick) : pick(approvedIds, s.pick);
            if (id) {
              await attempt(async () => {
                const claim = await submitClaim({
                  caller,
                  requestId: id,
                  input: { amount: eur(Math.max(1, Math.floor((amounts.get(id) ?? 0) * s.share))), proof: [proofId] },
                  now,
                });
                claims.push(claim.id);
              }, 'claim');
            }
          } else if (s.kind === 'decideClaim') {
            const id = pick(claims, s.pick);
            if (id) {
              await attempt(
                () =>
                  decideClaim({
                    caller: manager,
                    id,
                    decision: s.approve ? { decision: 'approve' } : { decision: 'reject', reason: 'No' },
                    now,
                  }),
                'decideClaim',
              );
            }
          } else if (s.kind === 'pay') {
            const id = pick(claims, s.pick);
            if (id) await attempt(() => markPaid({ caller: finance, id, payment: { paidOn: day, reference: `R-${id}` }, now }), 'pay');
          } else {
            clock += s.days * DAY;
            const { lapsed } = await chaseClaimDeadlines(new Date(clock));
            committed.set('lapse', (committed.get('lapse') ?? 0) + lapsed);
          }
          const allocation = await fundAllocations.get(dealerId, PERIOD);
          const balances = balancesOf(allocation as NonNullable<typeof allocation>);
          const entries = await fundLedger.entries(dealerId, PERIOD);
          expect(balancesFrom(entries)).toEqual(balances);
          expect(brokenInvariants(balances)).toEqual([]);
          expect(balances.allocated).toBe(ALLOCATION);
          expect(allocation?.entryCount).toBe(entries.length);
          // The headrooms the conditions check are kept with the balances.
          expect(allocation).toMatchObject({
            available: balances.allocated - balances.approved,
            unclaimed: balances.approved - balances.claimed,
            inReview: balances.claimed - balances.approvedClaims,
            unpaid: balances.approvedClaims - balances.paid,
          });
          // Every prefix of the ledger is a state that existed: none breaks an invariant.
          for (const entry of entries) expect(brokenInvariants(balancesFrom(entries, entry.at))).toEqual([]);
        }
      }),
      { numRuns: 12 },
    );
    // The sequences reached every kind of change, not only refusals.
    console.info('committed changes', Object.fromEntries(committed));
    for (const kind of ['request', 'approve', 'claim']) expect(committed.get(kind) ?? 0).toBeGreaterThan(0);
  });
});
