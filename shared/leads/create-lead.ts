/**
 * Creating a lead (channel admins): the customer's region is found, the lead routed at once and stored with its
 * first routing decision, offer and outbox messages in one transaction. An Idempotency-Key (scoped to the caller
 * and the route) makes a retry answer what the first request answered.
 */
import { createHash, randomBytes } from 'node:crypto';
import { keys } from '../db/keys.js';
import { leads } from '../db/lead-repository.js';
import { queryAll } from '../db/query-pages.js';
import { idempotencyRecords } from '../db/registration-repository.js';
import { loadRegionAndProgram } from '../db/setup-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import { actorOf, type Caller } from '../domain/caller.js';
import { IdempotencyKeyReused, InvalidInput } from '../domain/errors.js';
import { type StoredLead, toManagerLead } from '../domain/lead.js';
import type { Lead, LeadInput } from '../schemas/leads.js';
import type { Program, Region } from '../schemas/setup.js';
import { routeAndCommit } from './route-lead.js';

const ROUTE = 'POST /leads';
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const newLeadId = () => `lead_${[...randomBytes(24)].map((b) => BASE62[b % 62]).join('')}`;

/**
 * The region whose dealers share the lead: the one named, which must hold the customer's country, or the only one
 * that does. A named region comes with the program settings, read in the same round trip.
 */
async function regionOf(input: LeadInput): Promise<{ region: Region; program?: Program }> {
  const country = input.customer.country;
  if (input.regionId) {
    const { region, program } = await loadRegionAndProgram(input.regionId);
    if (!region) throw new InvalidInput([{ path: '/regionId', message: 'is not a region of the program' }]);
    if (!region.countries.includes(country))
      throw new InvalidInput([{ path: '/regionId', message: `does not hold the customer's country ${country}` }]);
    return { region, program };
  }
  const all = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :p',
    ExpressionAttributeValues: { ':p': keys.regionsPartition() },
  });
  const holding = all.map((r) => r as unknown as Region).filter((r) => r.countries.includes(country));
  if (holding.length === 1) return { region: holding[0] as Region };
  throw new InvalidInput([
    holding.length === 0
      ? { path: '/customer/country', message: `lies in no region of the program (${country})` }
      : { path: '/regionId', message: `is required: the customer's country ${country} lies in ${holding.length} regions` },
  ]);
}

export async function createLead(args: {
  caller: Caller;
  input: LeadInput;
  idempotencyKey?: string | undefined;
  now: Date;
}): Promise<{ lead: Lead; replayed: boolean }> {
  const { caller, input, now } = args;
  const requestHash = createHash('sha256').update(JSON.stringify(input)).digest('base64url');
  const idempotencyKey = args.idempotencyKey
    ? keys.idempotencyKey(`manufacturer:${caller.subject}`, ROUTE, args.idempotencyKey)
    : undefined;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const replay = (record: { requestHash: string; response: string }) => {
    if (record.requestHash !== requestHash)
      throw new IdempotencyKeyReused('This Idempotency-Key was used with a different body; use a new key.');
    return { lead: JSON.parse(record.response) as Lead, replayed: true };
  };
  if (idempotencyKey) {
    const record = await idempotencyRecords.get(idempotencyKey);
    if (record && record.expiresAt >= nowSeconds) return replay(record);
  }

  const { region, program } = await regionOf(input);
  const regionId = region.id;
  const at = now.toISOString();
  const fresh: StoredLead = {
    id: newLeadId(),
    status: 'unassigned',
    regionId,
    customer: input.customer,
    contact: input.contact,
    interest: input.interest,
    source: input.source,
    ...(input.expectedValue ? { expectedValue: input.expectedValue } : {}),
    answers: [],
    rounds: 0,
    createdAt: at,
    createdBy: actorOf(caller),
    updatedAt: at,
    version: 0,
  };
  try {
    const { lead, trace } = await routeAndCommit({
      lead: fresh,
      region,
      ...(program ? { program } : {}),
      happenings: [],
      now,
      extra: (routed) =>
        idempotencyKey
          ? [
              idempotencyRecords.claim(
                idempotencyKey,
                { requestHash, response: JSON.stringify(toManagerLead(routed)), expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS },
                now,
              ),
            ]
          : [],
    });
    return { lead: toManagerLead(lead, [trace]), replayed: false };
  } catch (error) {
    if (!(error instanceof ConditionsFailed)) throw error;
    if (idempotencyKey && error.failed.has('idempotency')) {
      const record = await idempotencyRecords.get(idempotencyKey);
      if (record) return replay(record);
    }
    if (error.failed.has('lead')) {
      // An SDK retry of a transaction that had committed (its reply lost): the lead is stored whole.
      const committed = await leads.record(fresh.id);
      if (committed) return { lead: toManagerLead(committed.lead, committed.routing), replayed: false };
    }
    throw error;
  }
}
