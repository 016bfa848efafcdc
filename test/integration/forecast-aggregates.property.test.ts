/**
 * Property: after any sequence of creates, updates, decisions, outcomes, withdrawals and expiries, the forecast
 * aggregates equal a recomputation from the registrations themselves. Runs the real use cases in-process against
 * DynamoDB Local, in a table of its own.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTable } from '../../infra/local/dynamodb-local.js';
import type { Cell } from '../../shared/forecast/contribution.js';

const stack = inject('stack');
Object.assign(process.env, {
  TABLE_NAME: `forecast-property-${randomUUID().slice(0, 8)}`,
  AWS_REGION: stack.region,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_ENDPOINT_URL_DYNAMODB: stack.dynamoDbUrl,
  AWS_ENDPOINT_URL_SES: stack.sesUrl,
  REVIEW_TOKEN_SECRET: stack.reviewTokenSecret,
  CURSOR_SECRET: stack.reviewTokenSecret,
  POWERTOOLS_LOG_LEVEL: 'ERROR',
});
delete process.env.EVENT_BUS_NAME;

const { dealers, products, program, regions } = await import('../../shared/db/setup-repository.js');
const { registrations } = await import('../../shared/db/registration-repository.js');
const { forecastStore } = await import('../../shared/db/forecast-repository.js');
const { submitRegistration } = await import('../../shared/registrations/submit.js');
const { changeRegistration } = await import('../../shared/registrations/change.js');
const changes = await import('../../shared/domain/registration-changes.js');
const { DomainError } = await import('../../shared/domain/errors.js');
const { contributions, cellId, cellsOf, forecastLineOf, rollupId } = await import('../../shared/forecast/contribution.js');
const { defaultProgram } = await import('../../shared/schemas/setup.js');
const { SYSTEM_ACTOR } = await import('../../shared/domain/caller.js');

const REGION = 'prop-region';
const SKUS = { 'PROP-A': 'line-a', 'PROP-B': 'line-b' } as const;
const settings = { ...defaultProgram(), fxRates: { USD: 0.9 } };
const months = ['2032-01', '2032-02', '2032-03', '2032-04'];

beforeAll(async () => {
  const admin = new DynamoDBClient({ endpoint: stack.dynamoDbUrl, region: stack.region });
  await ensureTable(admin, process.env.TABLE_NAME as string);
  admin.destroy();
  const updatedAt = new Date().toISOString();
  await program.put(settings);
  await regions.put({
    id: REGION,
    name: 'Property',
    countries: ['DE'],
    partnerManagerEmail: 'pm@p.example',
    regionalDirectorEmail: 'rd@p.example',
    updatedAt,
  });
  for (const [sku, productLine] of Object.entries(SKUS)) await products.put({ sku, name: sku, productLine, updatedAt });
});

const command = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    dealer: fc.nat(1),
    sku: fc.constantFrom(...Object.keys(SKUS)),
    second: fc.option(fc.constantFrom(...Object.keys(SKUS)), { nil: undefined }),
    amount: fc.integer({ min: 1, max: 5_000_000 }),
    currency: fc.constantFrom('EUR', 'USD'),
    stage: fc.option(fc.constantFrom('early' as const, 'mid' as const, 'late' as const), { nil: undefined }),
    month: fc.nat(months.length - 1),
    customer: fc.nat(3),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    target: fc.nat(),
    amount: fc.option(fc.integer({ min: 1, max: 5_000_000 }), { nil: undefined }),
    stage: fc.option(fc.constantFrom('early' as const, 'mid' as const, 'late' as const), { nil: undefined }),
    month: fc.option(fc.nat(months.length - 1), { nil: undefined }),
    sku: fc.option(fc.constantFrom(...Object.keys(SKUS)), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('decide' as const), target: fc.nat(), approve: fc.boolean() }),
  fc.record({
    kind: fc.constant('outcome' as const),
    target: fc.nat(),
    won: fc.boolean(),
    amount: fc.option(fc.integer({ min: 1, max: 9_000_000 }), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('withdraw' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('expire' as const), target: fc.nat() }),
);

type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const catalog = { productLineOf: (sku: string) => SKUS[sku as keyof typeof SKUS] };

async function apply(cmd: Command, run: { dealers: string[]; ids: string[]; tag: string }) {
  const now = new Date();
  const caller = (dealerId: string) => ({ role: 'dealer' as const, subject: 'prop', dealerId, regions: [] });
  if (cmd.kind === 'create') {
    const dealerId = run.dealers[cmd.dealer] as string;
    const { registration } = await submitRegistration({
      caller: caller(dealerId),
      now,
      input: {
        customer: { name: `Kunde ${run.tag} ${cmd.customer}`, country: 'DE', city: 'Ulm' },
        contact: { name: 'C', email: 'c@p.example' },
        products: [{ sku: cmd.sku, quantity: 2 }, ...(cmd.second && cmd.second !== cmd.sku ? [{ sku: cmd.second, quantity: 3 }] : [])],
        expectedValue: { amount: cmd.amount, currency: cmd.currency },
        expectedCloseDate: `${months[cmd.month]}-15`,
        ...(cmd.stage ? { stage: cmd.stage } : {}),
      },
    });
    run.ids.push(registration.id);
    return;
  }
  const id = run.ids[cmd.target % Math.max(run.ids.length, 1)];
  if (!id) return;
  await changeRegistration({
    id,
    actor: SYSTEM_ACTOR,
    now: () => now,
    compute: (current, at) => {
      switch (cmd.kind) {
        case 'update':
          return {
            next: changes.applyUpdate({
              registration: current,
              update: {
                ...(cmd.amount ? { expectedValue: { amount: cmd.amount, currency: current.expectedValue.currency } } : {}),
                ...(cmd.stage ? { stage: cmd.stage } : {}),
                ...(cmd.month !== undefined ? { expectedCloseDate: `${months[cmd.month]}-20` } : {}),
                ...(cmd.sku ? { products: [{ sku: cmd.sku, quantity: 1 }] } : {}),
              },
              catalog,
              program: settings,
              now: at,
            }),
            action: 'updated',
            happening: { kind: 'updated' },
          };
        case 'decide':
          return {
            next: changes.applyDecision({
              registration: current,
              decision: cmd.approve ? { decision: 'approve' } : { decision: 'reject', reason: 'no' },
              program: settings,
              now: at,
            }),
            action: 'decided',
            happening: { kind: 'decided' },
          };
        case 'outcome':
          return {
            next: changes.applyOutcome({
              registration: current,
              outcome: cmd.won
                ? {
                    result: 'won',
                    closedOn: at.toISOString().slice(0, 10),
                    ...(cmd.amount ? { actualValue: { amount: cmd.amount, currency: 'USD' } } : {}),
                  }
                : { result: 'lost', closedOn: at.toISOString().slice(0, 10), lostReason: 'price' },
              program: settings,
              now: at,
            }),
            action: 'closed',
            happening: { kind: 'closed' },
          };
        case 'withdraw':
          return {
            next: changes.applyWithdrawal({ registration: current, now: at }),
            action: 'withdrawn',
            happening: { kind: 'withdrawn' },
          };
        case 'expire': {
          if (!current.protectedUntil) return undefined;
          const step = changes.applyExpiryStep({ registration: current, now: new Date(Date.parse(current.protectedUntil) + 1000) });
          return step?.expired ? { next: step.next, action: 'expired', happening: { kind: 'expired' } } : undefined;
        }
      }
    },
  });
}

/** Every registration the runs created: the rollups, which have no dealer, add up over all of them. */
const created: string[] = [];

describe('forecast aggregates', () => {
  it('equal a recomputation from the line items after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
        const tag = randomUUID().slice(0, 8);
        const run = { dealers: [`prop-${tag}-a`, `prop-${tag}-b`], ids: [] as string[], tag };
        const updatedAt = new Date().toISOString();
        for (const id of run.dealers)
          await dealers.put({ id, name: id, regionId: REGION, email: `${id}@p.example`, status: 'active', updatedAt });
        for (const cmd of commands) {
          try {
            await apply(cmd, run);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        }
        type Sums = { openCount: number; pipeline: number; wonCount: number; won: number };
        const expected = new Map<string, Sums>();
        for (const id of run.ids) {
          for (const cell of contributions(await registrations.get(id))) {
            const key = `${cell.month}#${cellId(cell)}`;
            const sum: Sums = expected.get(key) ?? { openCount: 0, pipeline: 0, wonCount: 0, won: 0 };
            sum.openCount += cell.openCount;
            sum.pipeline += cell.pipeline;
            sum.wonCount += cell.wonCount;
            sum.won += cell.won;
            expected.set(key, sum);
          }
        }
        const thisMonth = new Date().toISOString().slice(0, 7);
        const stored = [
          ...(await forecastStore.cells(months[0] as string, months.at(-1) as string)),
          ...(await forecastStore.cells(thisMonth, thisMonth)),
        ]
          .filter((c) => run.dealers.includes(c.dealerId))
          .filter((c) => c.openCount || c.pipeline || c.wonCount || c.won);
        const actual = new Map(
          stored.map((c) => [
            `${c.month}#${cellId(c)}`,
            { openCount: c.openCount, pipeline: c.pipeline, wonCount: c.wonCount, won: c.won },
          ]),
        );
        expect(actual).toEqual(expected);
        created.push(...run.ids);
      }),
      { numRuns: 15 },
    );
    // The rollups (summed over the shards) equal the recomputation from every registration of every run.
    type Sums = { openCount: number; pipeline: number; wonCount: number; won: number };
    const sumBy = (cells: Cell[]) => {
      const sums = new Map<string, Sums>();
      for (const c of cells) {
        const key = `${c.month}#${rollupId(c)}`;
        const sum = sums.get(key) ?? { openCount: 0, pipeline: 0, wonCount: 0, won: 0 };
        sum.openCount += c.openCount;
        sum.pipeline += c.pipeline;
        sum.wonCount += c.wonCount;
        sum.won += c.won;
        sums.set(key, sum);
      }
      return new Map([...sums].filter(([, v]) => v.openCount || v.pipeline || v.wonCount || v.won));
    };
    const all = (await Promise.all(created.map((id) => registrations.get(id)))).filter((r) => r !== undefined);
    const thisMonth = new Date().toISOString().slice(0, 7);
    const rollups = [
      ...(await forecastStore.rollups(months[0] as string, months.at(-1) as string)),
      ...(await forecastStore.rollups(thisMonth, thisMonth)),
    ];
    expect(rollups.length).toBeGreaterThan(0);
    expect(sumBy(rollups)).toEqual(sumBy(cellsOf(all)));
    // Ends and wins by product line, per dealer and per registration month, equal a count of the ended registrations
    // (a closed registration changes no more, so its line is the one it ended in; rejections are no ends).
    const ends = all.filter((r) => ['won', 'lost', 'expired', 'withdrawn'].includes(r.status));
    const countLines = (registrations: typeof all) => {
      const lines = new Map<string, { ended: number; won: number }>();
      for (const r of registrations) {
        const line = forecastLineOf(r);
        const c = lines.get(line) ?? { ended: 0, won: 0 };
        lines.set(line, { ended: c.ended + 1, won: c.won + (r.status === 'won' ? 1 : 0) });
      }
      return lines;
    };
    expect(ends.length).toBeGreaterThan(0);
    const dealerStats = await forecastStore.dealerStats();
    for (const dealerId of new Set(ends.map((r) => r.dealerId))) {
      expect(dealerStats.outcomes.get(dealerId)?.lines, dealerId).toEqual(countLines(ends.filter((r) => r.dealerId === dealerId)));
    }
    const cohortStats = await forecastStore.cohortStats();
    for (const cohort of new Set(ends.map((r) => r.submittedAt.slice(0, 7)))) {
      expect(cohortStats.get(cohort)?.lines, cohort).toEqual(countLines(ends.filter((r) => r.submittedAt.startsWith(cohort))));
    }
    // Fifteen runs of up to fourteen API calls each: minutes on a loaded 2-core machine, seconds on an idle one.
  }, 180_000);
});
