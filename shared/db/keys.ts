/**
 * Every partition key, sort key and index key of the single table is built here and nowhere else.
 * The access-pattern table in README.md lists which pattern uses which of these.
 */
import { createHash } from 'node:crypto';
import { type ExpiryWarning, nextDueAt } from '../domain/expiry-schedule.js';
import type { RegistrationStatus } from '../domain/registration.js';

/** Partitions of the due-time index; writes spread over them so none runs hot. */
export const DUE_SHARDS = 16;
/** Partitions of the outbox index. */
export const OUTBOX_SHARDS = 4;
/** Partitions of the webhook deliveries' due index. */
export const WEBHOOK_DUE_SHARDS = 4;
/** Partitions of the fund requests' claim-deadline index. */
export const FUND_DUE_SHARDS = 4;
/** Partitions per month of the forecast aggregates and of the line-item index. */
export const FORECAST_SHARDS = 4;
/** Partitions of the certification-expiry index (warnings due). */
export const CERT_DUE_SHARDS = 8;

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

  territory: (territoryId: string) => ({ PK: `TERRITORY#${territoryId}`, SK: 'TERRITORY' }),
  territoryCollection: (territoryId: string) => ({ GSI1PK: 'TERRITORIES', GSI1SK: territoryId }),
  territoriesPartition: () => 'TERRITORIES',
  /** Territories are looked up by the customer's country at submission. */
  territoryByCountry: (t: { id: string; country: string }) => ({ GSI2PK: `TERRITORIES#${t.country}`, GSI2SK: t.id }),
  territoriesInCountry: (country: string) => `TERRITORIES#${country}`,

  namedAccount: (accountId: string) => ({ PK: `NAMEDACCOUNT#${accountId}`, SK: 'NAMEDACCOUNT' }),
  namedAccountCollection: (accountId: string) => ({ GSI1PK: 'NAMEDACCOUNTS', GSI1SK: accountId }),
  namedAccountsPartition: () => 'NAMEDACCOUNTS',
  namedAccountByCountry: (a: { id: string; customer: { country: string } }) => ({
    GSI2PK: `NAMEDACCOUNTS#${a.customer.country}`,
    GSI2SK: a.id,
  }),
  namedAccountsInCountry: (country: string) => `NAMEDACCOUNTS#${country}`,

  directRules: () => ({ PK: 'RULES#DIRECT', SK: 'RULES' }),

  registration: (registrationId: string) => ({ PK: `REG#${registrationId}`, SK: 'REG' }),
  /**
   * Index keys of a registration; they follow its status, so they are rewritten with every state change. Only the
   * lean indexes (table-design.ts): GSI6 the dealer's list, GSI7 the review queue or the due time, GSI8 the
   * near-duplicate block, GSI5 the forecast's line items.
   */
  registrationIndexes: (r: {
    id: string;
    dealerId: string;
    regionId: string;
    status: RegistrationStatus;
    submittedAt: string;
    protectedUntil?: string | undefined;
    expiryWarnings?: ExpiryWarning[] | undefined;
    customerBlock?: string | undefined;
    expectedCloseDate?: string | undefined;
  }) => ({
    // The dealer list and the near-duplicate block need no unique sort key (a page resumes by the table key too), and
    // every byte of a key is paid on each write: keeping a registration within 1 KB halves what its item costs.
    GSI6PK: `DEALER#${r.dealerId}#REGS`,
    GSI6SK: r.submittedAt,
    ...(r.status === 'submitted' || r.status === 'in_conflict'
      ? { GSI7PK: `REVIEWQ#${r.regionId}`, GSI7SK: `${r.submittedAt}#${r.id}` }
      : {}),
    ...(r.status === 'approved' && r.protectedUntil
      ? {
          GSI7PK: `DUE#${shardOf(r.id, DUE_SHARDS)}`,
          GSI7SK: `${nextDueAt(r.protectedUntil, r.expiryWarnings)}#${r.id}`,
        }
      : {}),
    ...((r.status === 'submitted' || r.status === 'in_conflict' || r.status === 'approved') && r.customerBlock
      ? { GSI8PK: `CUSTOMER#${r.customerBlock}`, GSI8SK: r.id }
      : {}),
    ...((r.status === 'submitted' || r.status === 'in_conflict' || r.status === 'approved') && r.expectedCloseDate
      ? {
          GSI5PK: `CLOSE#${r.expectedCloseDate.slice(0, 7)}#${shardOf(r.id, FORECAST_SHARDS)}`,
          GSI5SK: `${r.expectedCloseDate}#${r.id}`,
        }
      : {}),
  }),
  openByCloseMonthPartition: (month: string, shard: number) => `CLOSE#${month}#${shard}`,

  /** One forecast aggregate cell; a dealer's cells of a month always share a shard. */
  forecastCell: (month: string, dealerId: string, cellId: string) => ({
    PK: `FORECAST#${month}#${shardOf(dealerId, FORECAST_SHARDS)}`,
    SK: cellId,
  }),
  forecastMonthPartition: (month: string, shard: number) => `FORECAST#${month}#${shard}`,
  /** One rollup of a month's cells over dealers and registration months, in the dealer's shard (contribution.ts). */
  forecastRollup: (month: string, dealerId: string, rollupId: string) => ({
    PK: `FORECASTROLLUP#${month}#${shardOf(dealerId, FORECAST_SHARDS)}`,
    SK: rollupId,
  }),
  forecastRollupPartition: (month: string, shard: number) => `FORECASTROLLUP#${month}#${shard}`,
  /** Closed registrations per dealer and stage, for history weighting; read all at once by the forecast. */
  closeStat: (dealerId: string, stage: string) => ({ PK: 'CLOSESTATS', SK: `${dealerId}#${stage}` }),
  closeStatsPartition: () => 'CLOSESTATS',
  /** A dealer's stage flows and outcome statistics (dealer-stats.ts), for the dealer and calibrated weightings. */
  dealerForecastStat: (dealerId: string, kind: string) => ({ PK: 'FORECASTSTATS', SK: `${dealerId}#${kind}` }),
  dealerForecastStatsPartition: () => 'FORECASTSTATS',
  /** The network's stage flows per registration month (cohort), to tell which cohorts have run their course. */
  cohortForecastStat: (cohort: string, kind: string) => ({ PK: 'FORECASTSTATS#COHORTS', SK: `${cohort}#${kind}` }),
  cohortForecastStatsPartition: () => 'FORECASTSTATS#COHORTS',
  /** What a monthly snapshot forecast for a target month. */
  forecastSnapshot: (targetMonth: string, takenMonth: string) => ({ PK: `FORECASTSNAP#${targetMonth}`, SK: takenMonth }),
  forecastSnapshotPartition: (targetMonth: string) => `FORECASTSNAP#${targetMonth}`,
  /** A closed month: what was won and what the snapshots forecast for it (track-record.ts). */
  forecastTrackRecord: (month: string) => ({ PK: 'FORECASTTRACK', SK: month }),
  forecastTrackRecordPartition: () => 'FORECASTTRACK',
  customerBlockPartition: (block: string) => `CUSTOMER#${block}`,
  /** The sequence every clean submission of one name block advances: it serialises near-duplicate checks. */
  customerBlockSequence: (block: string) => ({ PK: `BLOCK#${block}`, SK: 'BLOCK' }),

  /**
   * One lock per customer identity key and product line, held by the registration that is pending or protected
   * for it. Written with attribute_not_exists, so two registrations can never both hold one.
   */
  customerLock: (identityKey: string, productLine: string) => ({ PK: `LOCK#${identityKey}#${productLine}`, SK: 'LOCK' }),

  /** How many open registrations a dealer has: kept in every transaction that opens or closes one. */
  openRegistrationCounter: (dealerId: string) => ({ PK: `DEALER#${dealerId}`, SK: 'OPEN_REGISTRATIONS' }),

  conflict: (conflictId: string) => ({ PK: `CONFLICT#${conflictId}`, SK: 'CONFLICT' }),
  /** A conflict is listed under every region with a party in it. */
  conflictInRegion: (conflictId: string, regionId: string, openedAt: string) => ({
    PK: `CONFLICT#${conflictId}`,
    SK: `REGION#${regionId}`,
    GSI1PK: `REGION#${regionId}#CONFLICTS`,
    GSI1SK: `${openedAt}#${conflictId}`,
  }),
  regionConflictsPartition: (regionId: string) => `REGION#${regionId}#CONFLICTS`,
  conflictsPartition: () => 'CONFLICTS',
  dealerRegistrationsPartition: (dealerId: string) => `DEALER#${dealerId}#REGS`,

  /** A held quarterly business review: its frozen pack; one per dealer and quarter, in quarter order. */
  businessReview: (dealerId: string, quarter: string) => ({ PK: `QBR#${dealerId}`, SK: `QBR#${quarter}` }),
  businessReviewsPartition: (dealerId: string) => `QBR#${dealerId}`,
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

  /** An uploaded file's record (shared/files): its owner, declaration and status. */
  file: (fileId: string) => ({ PK: `FILE#${fileId}`, SK: 'FILE' }),

  /** Price lists by id, listed in GSI1; one timeline per currency holds every list's validity (no overlaps). */
  priceList: (priceListId: string) => ({ PK: `PRICELIST#${priceListId}`, SK: 'PRICELIST' }),
  priceListCollection: (priceListId: string) => ({ GSI1PK: 'PRICELISTS', GSI1SK: priceListId }),
  priceListsPartition: () => 'PRICELISTS',
  priceTimeline: (currency: string) => ({ PK: `PRICELISTS#${currency}`, SK: 'TIMELINE' }),

  /** Sales assets by id, listed in GSI1 in id order. */
  asset: (assetId: string) => ({ PK: `ASSET#${assetId}`, SK: 'ASSET' }),
  assetCollection: (assetId: string) => ({ GSI1PK: 'ASSETS', GSI1SK: assetId }),
  assetsPartition: () => 'ASSETS',
  /**
   * That a dealer downloaded an asset in a month: in the dealer's KPI partition (so the dealer routes' KPI-counter
   * grant covers it), outside every `<YYYY-MM>#` range the scorecard reads.
   */
  assetDownloadMarker: (dealerId: string, month: string, assetId: string) => ({
    PK: `DEALER#${dealerId}#KPI`,
    SK: `DOWNLOAD#${month}#${assetId}`,
  }),

  outboxMessage: (messageId: string) => ({ PK: `OUTBOX#${messageId}`, SK: 'OUTBOX' }),
  /** A waiting message in GSI7 (keys only), by age; a dead letter leaves it. */
  outboxIndex: (messageId: string, createdAt: string) => ({
    GSI7PK: `OUTBOX#${shardOf(messageId, OUTBOX_SHARDS)}`,
    GSI7SK: `${createdAt}#${messageId}`,
  }),
  outboxPartition: (shard: number) => `OUTBOX#${shard}`,
  /** A dead letter in GSI7 (keys only), by when it gave up: listed for channel admins, newest first. */
  outboxDeadLetterIndex: (messageId: string, deadAt: string) => ({ GSI7PK: 'OUTBOX#DEAD', GSI7SK: `${deadAt}#${messageId}` }),
  outboxDeadLettersPartition: () => 'OUTBOX#DEAD',
  /** What SES told us about a recipient (bounces, a complaint that suppresses further mail), by lower-cased address. */
  mailAddress: (email: string) => ({ PK: `MAILADDR#${email.toLowerCase()}`, SK: 'MAILADDR' }),

  /** Scoped to the dealer and the route, so one dealer can never replay another's answer. */
  idempotencyKey: (dealerId: string, route: string, key: string) => ({
    PK: `IDEMPOTENCY#${dealerId}#${route}#${key}`,
    SK: 'IDEMPOTENCY',
  }),

  // ── Partner program: KPI inputs, portal logins, tiers, improvement plans ─────────────────────────────────────────
  // A scorecard reads one dealer's partitions only: its KPI months (two SK ranges), its latest tier evaluation and
  // its registrations (GSI6 `DEALER#<id>#REGS`). Nothing here is shared by all dealers except the two small lists
  // `TIERS` (current tier per dealer) and `PLANDUE` (open improvement plans by deadline).

  /**
   * One dealer's inputs of one month and kind (`revenue`, `training`, `marketing`, `support`, `satisfaction`) and its
   * portal-login counter (`logins`). Month first in the sort key, so a period is one range query over all kinds.
   * Re-posting a month of a kind replaces the item: uploads are idempotent per (dealer, month, kind).
   */
  dealerKpiMonth: (dealerId: string, month: string, kind: string) => ({ PK: `DEALER#${dealerId}#KPI`, SK: `${month}#${kind}` }),
  dealerKpiPartition: (dealerId: string) => `DEALER#${dealerId}#KPI`,
  /** Sort-key bounds of the months `from`..`to` (`YYYY-MM`), all kinds. */
  dealerKpiRange: (from: string, to: string) => ({ from: `${from}#`, to: `${to}#~` }),

  /** A dealer user's first authenticated request of a UTC day; written once (attribute_not_exists), kept 3 days. */
  portalLogin: (dealerId: string, day: string, subject: string) => ({ PK: `LOGIN#${dealerId}#${day}#${subject}`, SK: 'LOGIN' }),

  /** A dealer's tier evaluation for a quarter (`EVAL#2026-Q1`) and, when the tier moved, the change (`CHANGE#…`). */
  tierEvaluation: (dealerId: string, quarter: string) => ({ PK: `DEALER#${dealerId}#TIER`, SK: `EVAL#${quarter}` }),
  tierChange: (dealerId: string, quarter: string) => ({ PK: `DEALER#${dealerId}#TIER`, SK: `CHANGE#${quarter}` }),
  tierPartition: (dealerId: string) => `DEALER#${dealerId}#TIER`,
  tierEvaluationPrefix: () => 'EVAL#',
  tierChangePrefix: () => 'CHANGE#',
  /** The dealer's tier now, listed under `TIERS` (GSI1) so that all current tiers are one paged query. */
  currentTier: (dealerId: string) => ({
    PK: `DEALER#${dealerId}#TIER`,
    SK: 'CURRENT',
    GSI1PK: 'TIERS',
    GSI1SK: dealerId,
  }),
  currentTiersPartition: () => 'TIERS',

  /** A dealer's improvement plans, oldest first; the open one is also in `PLANDUE` (GSI3) by its deadline. */
  improvementPlan: (dealerId: string, createdAt: string, planId: string) => ({
    PK: `DEALER#${dealerId}#PLANS`,
    SK: `PLAN#${createdAt}#${planId}`,
  }),
  improvementPlanDue: (deadline: string, dealerId: string, planId: string) => ({
    GSI3PK: 'PLANDUE',
    GSI3SK: `${deadline}#${dealerId}#${planId}`,
  }),
  improvementPlansPartition: (dealerId: string) => `DEALER#${dealerId}#PLANS`,
  improvementPlanPrefix: () => 'PLAN#',
  plansDuePartition: () => 'PLANDUE',
  /** Sort-key bound: plans whose deadline is before `day`. */
  plansDueBefore: (day: string) => `${day}#`,
  /** Held while a dealer has an open plan: one open plan per dealer, by condition. */
  openImprovementPlan: (dealerId: string) => ({ PK: `DEALER#${dealerId}#PLANS`, SK: 'OPEN' }),
  // ── Integrations: a dealer's API clients (CRM credentials) and webhooks ───────────────────────────────────────────
  /** An API client: its dealer binding, scopes and status, read by key on every request made with its token. */
  apiClient: (clientId: string) => ({ PK: `APICLIENT#${clientId}`, SK: 'APICLIENT' }),
  dealerApiClientEntry: (dealerId: string, createdAt: string, clientId: string) => ({
    GSI1PK: `DEALER#${dealerId}#APICLIENTS`,
    GSI1SK: `${createdAt}#${clientId}`,
  }),
  dealerApiClientsPartition: (dealerId: string) => `DEALER#${dealerId}#APICLIENTS`,
  webhook: (webhookId: string) => ({ PK: `WEBHOOK#${webhookId}`, SK: 'WEBHOOK' }),
  dealerWebhookEntry: (dealerId: string, createdAt: string, webhookId: string) => ({
    GSI1PK: `DEALER#${dealerId}#WEBHOOKS`,
    GSI1SK: `${createdAt}#${webhookId}`,
  }),
  dealerWebhooksPartition: (dealerId: string) => `DEALER#${dealerId}#WEBHOOKS`,
  /** How many webhooks a dealer has: kept in the transactions that create and delete one, capped by condition. */
  dealerWebhookCounter: (dealerId: string) => ({ PK: `DEALER#${dealerId}`, SK: 'WEBHOOK_COUNT' }),
  /** One delivery per webhook and event id: written with attribute_not_exists, so an event is delivered once. */
  webhookDelivery: (webhookId: string, eventId: string) => ({ PK: `WEBHOOK#${webhookId}#DELIVERY#${eventId}`, SK: 'DELIVERY' }),
  /** Deliveries are written at every attempt: the log lives in the keys-only GSI7, which only their creation writes. */
  webhookDeliveryLogEntry: (webhookId: string, createdAt: string, eventId: string) => ({
    GSI7PK: `WEBHOOK#${webhookId}#DELIVERIES`,
    GSI7SK: `${createdAt}#${eventId}`,
  }),
  webhookDeliveriesPartition: (webhookId: string) => `WEBHOOK#${webhookId}#DELIVERIES`,
  /** A pending delivery by its next attempt (GSI3, sharded); removed once delivered or given up, usually at the first attempt. */
  webhookDeliveryDue: (webhookId: string, eventId: string, dueAt: string) => ({
    GSI3PK: `WEBHOOKDUE#${shardOf(`${webhookId}#${eventId}`, WEBHOOK_DUE_SHARDS)}`,
    GSI3SK: `${dueAt}#${webhookId}#${eventId}`,
  }),
  webhookDuePartition: (shard: number) => `WEBHOOKDUE#${shard}`,

  // ── Leads ─────────────────────────────────────────────────────────────────────────────────────────────────────
  // A lead's partition holds the lead, one offer item per dealer it was offered to and one item per routing
  // decision, so a manager's read of one lead with its traces is one Query.

  lead: (leadId: string) => ({ PK: `LEAD#${leadId}`, SK: 'LEAD' }),
  leadPartition: (leadId: string) => `LEAD#${leadId}`,
  /** Index keys of a lead; they follow its status, so they are rewritten with every change. */
  leadIndexes: (l: { id: string; regionId: string; status: string; createdAt: string; dueAt?: string | undefined }) => ({
    GSI1PK: `LEADS#${l.regionId}`,
    GSI1SK: `${l.createdAt}#${l.id}`,
    GSI2PK: `LEADS#${l.regionId}#${l.status}`,
    GSI2SK: `${l.createdAt}#${l.id}`,
    GSI4PK: 'LEADS',
    GSI4SK: `${l.createdAt}#${l.id}`,
    ...(l.dueAt ? { GSI3PK: `LEADDUE#${shardOf(l.id, DUE_SHARDS)}`, GSI3SK: `${l.dueAt}#${l.id}` } : {}),
  }),
  regionLeadsPartition: (regionId: string) => `LEADS#${regionId}`,
  regionLeadsByStatusPartition: (regionId: string, status: string) => `LEADS#${regionId}#${status}`,
  allLeadsPartition: () => 'LEADS',
  leadDuePartition: (shard: number) => `LEADDUE#${shard}`,
  /** A dealer's offer of a lead; listed for the dealer until recalled (a lapsed offer moves to `RECALLEDLEADS`). */
  leadOffer: (leadId: string, dealerId: string) => ({ PK: `LEAD#${leadId}`, SK: `OFFER#${dealerId}` }),
  leadOfferPrefix: () => 'OFFER#',
  leadOfferIndexes: (o: { leadId: string; dealerId: string; status: string; offeredAt: string }) =>
    o.status === 'lapsed'
      ? { GSI1PK: `DEALER#${o.dealerId}#RECALLEDLEADS`, GSI1SK: `${o.offeredAt}#${o.leadId}` }
      : {
          GSI1PK: `DEALER#${o.dealerId}#LEADS`,
          GSI1SK: `${o.offeredAt}#${o.leadId}`,
          GSI2PK: `DEALER#${o.dealerId}#LEADS#${o.status}`,
          GSI2SK: `${o.offeredAt}#${o.leadId}`,
        },
  dealerLeadsPartition: (dealerId: string) => `DEALER#${dealerId}#LEADS`,
  dealerLeadsByStatusPartition: (dealerId: string, status: string) => `DEALER#${dealerId}#LEADS#${status}`,
  dealerRecalledLeadsPartition: (dealerId: string) => `DEALER#${dealerId}#RECALLEDLEADS`,
  /** One routing decision of a lead, numbered from 1. */
  leadRouting: (leadId: string, round: number) => ({ PK: `LEAD#${leadId}`, SK: `ROUTING#${String(round).padStart(4, '0')}` }),
  leadRoutingPrefix: () => 'ROUTING#',
  /** How many leads a dealer holds open (offered or accepted): kept in every transaction that offers or closes one. */
  openLeadCounter: (dealerId: string) => ({ PK: `DEALER#${dealerId}`, SK: 'OPEN_LEADS' }),
  /** Dealers are also listed by region (GSI2), so routing reads one region's dealers, not all. */
  dealerByRegion: (d: { id: string; regionId: string }) => ({ GSI2PK: `DEALERS#${d.regionId}`, GSI2SK: d.id }),
  dealersInRegion: (regionId: string) => `DEALERS#${regionId}`,
  // ── Co-marketing funds ───────────────────────────────────────────────────────────────────────────────────────────
  // A dealer's allocation of a period and that allocation's ledger share one partition, so a balance at any instant
  // is one range query; requests and claims are items of their own, listed per dealer, per region and status (the
  // managers' queues), per status (finance), and approved requests by their next due time (reminders, lapse).

  fundBudget: (period: string) => ({ PK: `FUNDBUDGET#${period}`, SK: 'BUDGET' }),
  fundAllocation: (dealerId: string, period: string) => ({
    PK: `FUNDS#${dealerId}#${period}`,
    SK: 'ALLOCATION',
    GSI1PK: `FUNDALLOCS#${period}`,
    GSI1SK: dealerId,
  }),
  fundAllocationKey: (dealerId: string, period: string) => ({ PK: `FUNDS#${dealerId}#${period}`, SK: 'ALLOCATION' }),
  fundAllocationsPartition: (period: string) => `FUNDALLOCS#${period}`,
  fundLedgerPartition: (dealerId: string, period: string) => `FUNDS#${dealerId}#${period}`,
  fundLedgerEntry: (dealerId: string, period: string, at: string, entryId: string) => ({
    PK: `FUNDS#${dealerId}#${period}`,
    SK: `LEDGER#${at}#${entryId}`,
  }),
  fundLedgerPrefix: () => 'LEDGER#',
  /** Sort-key bound: ledger entries at or before `at`. */
  fundLedgerUntil: (at: string) => `LEDGER#${at}#~`,

  fundRequest: (requestId: string) => ({ PK: `FUNDREQ#${requestId}`, SK: 'FUNDREQ' }),
  /** Index keys of a request; they follow its status. */
  fundRequestIndexes: (r: {
    id: string;
    dealerId: string;
    regionId: string;
    status: string;
    submittedAt: string;
    dueAt?: string | undefined;
  }) => ({
    GSI1PK: `DEALER#${r.dealerId}#FUNDREQS`,
    GSI1SK: `${r.submittedAt}#${r.id}`,
    GSI2PK: `DEALER#${r.dealerId}#FUNDREQS#${r.status}`,
    GSI2SK: `${r.submittedAt}#${r.id}`,
    GSI3PK: `FUNDREQS#${r.regionId}#${r.status}`,
    GSI3SK: `${r.submittedAt}#${r.id}`,
    ...(r.status === 'approved' && r.dueAt ? { GSI4PK: `FUNDDUE#${shardOf(r.id, FUND_DUE_SHARDS)}`, GSI4SK: `${r.dueAt}#${r.id}` } : {}),
  }),
  dealerFundRequestsPartition: (dealerId: string) => `DEALER#${dealerId}#FUNDREQS`,
  dealerFundRequestsByStatusPartition: (dealerId: string, status: string) => `DEALER#${dealerId}#FUNDREQS#${status}`,
  regionFundRequestsPartition: (regionId: string, status: string) => `FUNDREQS#${regionId}#${status}`,
  fundDuePartition: (shard: number) => `FUNDDUE#${shard}`,

  fundClaim: (claimId: string) => ({ PK: `FUNDCLAIM#${claimId}`, SK: 'FUNDCLAIM' }),
  fundClaimIndexes: (c: { id: string; requestId: string; regionId: string; status: string; submittedAt: string }) => ({
    GSI1PK: `FUNDREQ#${c.requestId}#CLAIMS`,
    GSI1SK: `${c.submittedAt}#${c.id}`,
    GSI2PK: `FUNDCLAIMS#${c.status}`,
    GSI2SK: `${c.submittedAt}#${c.id}`,
    GSI3PK: `FUNDCLAIMS#${c.regionId}#${c.status}`,
    GSI3SK: `${c.submittedAt}#${c.id}`,
  }),
  fundClaimsByStatusPartition: (status: string) => `FUNDCLAIMS#${status}`,
  regionFundClaimsPartition: (regionId: string, status: string) => `FUNDCLAIMS#${regionId}#${status}`,
  // ── Onboarding: partner applications, the partner agreement, a dealer's users ──────────────────────────────────
  partnerApplication: (applicationId: string) => ({ PK: `APPLICATION#${applicationId}`, SK: 'APPLICATION' }),
  /** Applications newest first, all and per status. */
  partnerApplicationIndexes: (a: { id: string; status: string; submittedAt: string }) => ({
    GSI1PK: 'APPLICATIONS',
    GSI1SK: `${a.submittedAt}#${a.id}`,
    GSI2PK: `APPLICATIONS#${a.status}`,
    GSI2SK: `${a.submittedAt}#${a.id}`,
  }),
  partnerApplicationsPartition: () => 'APPLICATIONS',
  partnerApplicationsByStatusPartition: (status: string) => `APPLICATIONS#${status}`,
  /** Applications from one source within one hour: a counter with a TTL, raised only under the limit. */
  applicationRateCounter: (sourceHash: string, hour: string) => ({ PK: `RATE#APPLICATION#${sourceHash}#${hour}`, SK: 'RATE' }),

  agreementVersion: (version: string) => ({ PK: `AGREEMENT#${version}`, SK: 'AGREEMENT' }),
  /** Versions by position (effective date, then name): the list, and the version in force by a descending Query. */
  agreementVersionIndex: (position: string) => ({ GSI1PK: 'AGREEMENTS', GSI1SK: position }),
  agreementVersionsPartition: () => 'AGREEMENTS',
  /** The material versions' positions in one small item, read with the submission context. */
  agreementGate: () => ({ PK: 'AGREEMENTS', SK: 'GATE' }),
  agreementAcceptance: (version: string, dealerId: string) => ({ PK: `AGREEMENT#${version}`, SK: `ACCEPT#${dealerId}` }),
  agreementAcceptancePrefix: () => 'ACCEPT#',
  /** The latest position a dealer accepted, read with the submission context. */
  dealerAgreement: (dealerId: string) => ({ PK: `DEALER#${dealerId}#AGREEMENT`, SK: 'ACCEPTED' }),

  dealerUser: (dealerId: string, userId: string) => ({ PK: `DEALER#${dealerId}#USERS`, SK: `USER#${userId}` }),
  dealerUsersPartition: (dealerId: string) => `DEALER#${dealerId}#USERS`,
  dealerUserPrefix: () => 'USER#',
  // ── Training: modules, completions per dealer user, certifications per dealer ────────────────────────────────────
  trainingModule: (moduleId: string) => ({ PK: `TRAINING#MODULE#${moduleId}`, SK: 'MODULE' }),
  trainingModuleCollection: (moduleId: string) => ({ GSI1PK: 'TRAINING#MODULES', GSI1SK: moduleId }),
  trainingModulesPartition: () => 'TRAINING#MODULES',
  /** A dealer's completions and certifications share one partition: its module statuses are one Query. */
  dealerTrainingPartition: (dealerId: string) => `DEALER#${dealerId}#TRAINING`,
  /** One completion of a module by a dealer user on a day: an import re-run writes the same key. */
  trainingCompletion: (c: { dealerId: string; moduleId: string; userId: string; completedOn: string }) => ({
    PK: `DEALER#${c.dealerId}#TRAINING`,
    SK: `DONE#${c.moduleId}#${c.completedOn}#${c.userId}`,
  }),
  trainingCompletionPrefix: () => 'DONE#',
  /** The dealer's certification of a module: its longest-valid completion, and whether its warning went out. */
  certification: (dealerId: string, moduleId: string) => ({ PK: `DEALER#${dealerId}#TRAINING`, SK: `CERT#${moduleId}` }),
  /** Listed by warning day (sharded) only while its expiry warning is unsent. */
  certificationDue: (dealerId: string, moduleId: string, warnOn: string) => ({
    GSI3PK: `CERTDUE#${shardOf(`${dealerId}#${moduleId}`, CERT_DUE_SHARDS)}`,
    GSI3SK: `${warnOn}#${dealerId}#${moduleId}`,
  }),
  certificationDuePartition: (shard: number) => `CERTDUE#${shard}`,
  /** Sort-key bound: every warning due on or before `day`. */
  certificationDueUntil: (day: string) => `${day}#~`,

  // ── Community: no key names a dealer or a user, so no cursor (base64 JSON of a key) can trace an author ──────────
  question: (questionId: string) => ({ PK: `COMMUNITY#Q#${questionId}`, SK: 'Q' }),
  questionPartition: (questionId: string) => `COMMUNITY#Q#${questionId}`,
  /** GSI1: visible questions, newest first; GSI2: all (channel admins); GSI3 / GSI4: the same per product line. */
  questionIndexes: (q: { id: string; createdAt: string; productLine?: string | undefined; hidden: boolean }) => {
    const at = `${q.createdAt}#${q.id}`;
    return {
      ...(q.hidden ? {} : { GSI1PK: 'COMMUNITY#VISIBLE', GSI1SK: at }),
      GSI2PK: 'COMMUNITY#ALL',
      GSI2SK: at,
      ...(q.productLine && !q.hidden ? { GSI3PK: `COMMUNITY#LINE#${q.productLine}#VISIBLE`, GSI3SK: at } : {}),
      ...(q.productLine ? { GSI4PK: `COMMUNITY#LINE#${q.productLine}#ALL`, GSI4SK: at } : {}),
    };
  },
  questionList: (visibleOnly: boolean, productLine?: string) =>
    productLine
      ? {
          index: visibleOnly ? ('GSI3' as const) : ('GSI4' as const),
          partition: `COMMUNITY#LINE#${productLine}#${visibleOnly ? 'VISIBLE' : 'ALL'}`,
        }
      : { index: visibleOnly ? ('GSI1' as const) : ('GSI2' as const), partition: visibleOnly ? 'COMMUNITY#VISIBLE' : 'COMMUNITY#ALL' },
  /** Answers live in their question's partition, oldest first. */
  answer: (questionId: string, createdAt: string, answerId: string) => ({
    PK: `COMMUNITY#Q#${questionId}`,
    SK: `A#${createdAt}#${answerId}`,
  }),
  answerPrefix: () => 'A#',
  /** Where an answer is, by its id (moderation hides answers by id). */
  answerPointer: (answerId: string) => ({ PK: `COMMUNITY#A#${answerId}`, SK: 'A' }),
  /** One search word of a question, written in the question's transaction; newest first. */
  questionWord: (word: string, createdAt: string, questionId: string) => ({
    PK: `COMMUNITY#WORD#${word}`,
    SK: `${createdAt}#${questionId}`,
  }),
  questionWordPartition: (word: string) => `COMMUNITY#WORD#${word}`,

  /** A caller's uses of a limited action in one window (TTL after the window). */
  rateCounter: (scope: string, subject: string, window: string) => ({ PK: `RATE#${scope}#${subject}#${window}`, SK: 'RATE' }),
} as const;
