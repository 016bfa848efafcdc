/**
 * Every partition key, sort key and index key of the single table is built here and nowhere else.
 * The access-pattern table in README.md lists which pattern uses which of these.
 */
import type { RegistrationStatus } from '../domain/registration.js';

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
  }) => ({
    GSI1PK: `DEALER#${r.dealerId}#REGS`,
    GSI1SK: `${r.submittedAt}#${r.id}`,
    GSI2PK: `DEALER#${r.dealerId}#REGS#${r.status}`,
    GSI2SK: `${r.submittedAt}#${r.id}`,
    ...(r.status === 'submitted' || r.status === 'in_conflict'
      ? { GSI3PK: `REVIEWQ#${r.regionId}`, GSI3SK: `${r.submittedAt}#${r.id}` }
      : {}),
  }),
  dealerRegistrationsPartition: (dealerId: string) => `DEALER#${dealerId}#REGS`,
  dealerRegistrationsByStatusPartition: (dealerId: string, status: RegistrationStatus) =>
    `DEALER#${dealerId}#REGS#${status}`,
  reviewQueuePartition: (regionId: string) => `REVIEWQ#${regionId}`,

  /** History events sort by time; the tiebreak (the new version, or a random id for reads) orders one millisecond. */
  historyEvent: (registrationId: string, at: string, tiebreak: string) => ({
    PK: `REG#${registrationId}`,
    SK: `EVT#${at}#${tiebreak}`,
  }),
  historyPrefix: () => 'EVT#',

  /** Scoped to the dealer and the route, so one dealer can never replay another's answer. */
  idempotencyKey: (dealerId: string, route: string, key: string) => ({
    PK: `IDEMPOTENCY#${dealerId}#${route}#${key}`,
    SK: 'IDEMPOTENCY',
  }),
} as const;
