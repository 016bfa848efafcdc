/**
 * Every partition key, sort key and index key of the single table is built here and nowhere else.
 * The access-pattern table in README.md lists which pattern uses which of these.
 */
import { createHash } from 'node:crypto';
import { nextDueAt, type ExpiryWarning } from '../domain/expiry-schedule.js';
import type { RegistrationStatus } from '../domain/registration.js';

/** Partitions of the due-time index; writes spread over them so none runs hot. */
export const DUE_SHARDS = 16;
/** Partitions of the outbox index. */
export const OUTBOX_SHARDS = 4;

const shardOf = (id: string, shards: number) => createHash('sha1').update(id).digest().readUInt32BE(0) % shards;

export const keys = {
  program: () => ({ PK: 'PROGRAM', SK: 'PROGRAM' }),

  region: (regionId: string) => ({ PK: `REGION#${regionId}`, SK: 'REGION' }),
  regionCollection: (regionId: string) => ({ GSI1PK: 'REGIONS', GSI1SK: regionId }),
  regionsPartition: () => 'REGIONS',

  dealer: (dealerId: string) => ({ PK: `DEALER#${dealerId}`, SK: 'DEALER' }),
  dealerCollection: (dealerId: string) => ({ GSI1PK: 'DEALERS', GSI1SK: dealerId }),
  dealersPartition: () => 'DEALERS',

  product: (sku: string) => ({ PK: `PRODUCT#${sku}`, SK: 'PRODUCT' }),
  productCollection: (sku: string) => ({ GSI1PK: 'PRODUCTS', GSI1SK: sku }),
  productsPartition: () => 'PRODUCTS',

  registration: (registrationId: string) => ({ PK: `REG#${registrationId}`, SK: 'REG' }),
  /** Index keys of a registration; they follow its status, so they are rewritten with every state change. */
  registrationIndexes: (r: {
    id: string;
    dealerId: string;
    regionId: string;
    status: RegistrationStatus;
    submittedAt: string;
    protectedUntil?: string | undefined;
    expiryWarnings?: ExpiryWarning[] | undefined;
  }) => ({
    GSI1PK: `DEALER#${r.dealerId}#REGS`,
    GSI1SK: `${r.submittedAt}#${r.id}`,
    GSI2PK: `DEALER#${r.dealerId}#REGS#${r.status}`,
    GSI2SK: `${r.submittedAt}#${r.id}`,
    ...(r.status === 'submitted' || r.status === 'in_conflict'
      ? { GSI3PK: `REVIEWQ#${r.regionId}`, GSI3SK: `${r.submittedAt}#${r.id}` }
      : {}),
    ...(r.status === 'approved' && r.protectedUntil
      ? {
          GSI3PK: `DUE#${shardOf(r.id, DUE_SHARDS)}`,
          GSI3SK: `${nextDueAt(r.protectedUntil, r.expiryWarnings)}#${r.id}`,
        }
      : {}),
  }),
  dealerRegistrationsPartition: (dealerId: string) => `DEALER#${dealerId}#REGS`,
  dealerRegistrationsByStatusPartition: (dealerId: string, status: RegistrationStatus) =>
    `DEALER#${dealerId}#REGS#${status}`,
  reviewQueuePartition: (regionId: string) => `REVIEWQ#${regionId}`,
  duePartition: (shard: number) => `DUE#${shard}`,
  /** Sort-key bound: everything due at or before `at`. */
  dueUntil: (at: string) => `${at}#~`,

  /** History events sort by time; the tiebreak (the new version, or a random id for reads) orders one millisecond. */
  historyEvent: (registrationId: string, at: string, tiebreak: string) => ({
    PK: `REG#${registrationId}`,
    SK: `EVT#${at}#${tiebreak}`,
  }),
  historyPrefix: () => 'EVT#',

  outboxMessage: (messageId: string) => ({ PK: `OUTBOX#${messageId}`, SK: 'OUTBOX' }),
  outboxIndex: (messageId: string, createdAt: string) => ({
    GSI3PK: `OUTBOX#${shardOf(messageId, OUTBOX_SHARDS)}`,
    GSI3SK: `${createdAt}#${messageId}`,
  }),
  outboxPartition: (shard: number) => `OUTBOX#${shard}`,

  /** Scoped to the dealer and the route, so one dealer can never replay another's answer. */
  idempotencyKey: (dealerId: string, route: string, key: string) => ({
    PK: `IDEMPOTENCY#${dealerId}#${route}#${key}`,
    SK: 'IDEMPOTENCY',
  }),
} as const;
