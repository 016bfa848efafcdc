/**
 * The single table's physical shape, shared by the CDK stack and the local stack so both create the same table.
 * What each key and index holds is decided in `keys.ts`.
 *
 * Write cost: every index an item is in costs a write per change of its keys or projected attributes, sized by what
 * the index copies. Frequently written items (registrations, outbox messages) are therefore only in the lean
 * indexes GSI5–GSI8, which copy no more than their queries return (a follow-up BatchGet reads whole items).
 * GSI1–GSI4 copy every attribute: they serve collections and lookups of rarely written items (setup, conflicts,
 * tiers, plans and the newer areas' lists). Never put a registration or another hot item into them.
 *
 * An index's projection cannot change in place: a changed projection is a new index name (CloudFormation adds or
 * removes one index per deployment — see docs/deploy.md, "Changing the table's indexes").
 */
export type Projection = 'ALL' | 'KEYS_ONLY' | { include: readonly string[] };

export interface IndexDesign {
  name: string;
  partitionKey: string;
  sortKey: string;
  projection: Projection;
}

/** The attributes of a registration the near-duplicate check reads from its candidates (`BlockMember`). */
export const BLOCK_MEMBER_ATTRIBUTES = [
  'id',
  'dealerId',
  'regionId',
  'status',
  'submittedAt',
  'customer',
  'productLines',
  'conflictId',
] as const;

export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  // The outbox's delivery reads inserted outbox items from the table's stream; the new image carries the message.
  streamView: 'NEW_IMAGE',
  indexes: [
    // Collections of rarely written items: the reference data, conflicts (all, per region), current tiers, and the
    // newer areas' lists (leads per region and per dealer, fund allocations and requests, price lists, assets, …).
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL' },
    // Lookups of rarely written items: rules by country, dealers by region, the newer areas' per-status lists.
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK', projection: 'ALL' },
    // Due lists and queues of rarely written items: improvement plans, webhook deliveries, leads and certification
    // warnings by due time (sharded), the managers' fund queues, community questions per product line.
    { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK', projection: 'ALL' },
    // A general-purpose index for rarely written items of the newer areas: all leads, approved fund requests by
    // due time, all community questions per product line.
    { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK', projection: 'ALL' },
    // Open registrations by expected close month (sharded): the forecast's line items. Projects only what a line
    // item shows — no contact person, and a fraction of the write cost of a full copy.
    {
      name: 'GSI5',
      partitionKey: 'GSI5PK',
      sortKey: 'GSI5SK',
      projection: {
        include: [
          'id',
          'dealerId',
          'status',
          'customer',
          'products',
          'stage',
          'expectedValue',
          'expectedCloseDate',
          'forecastLine',
          'productLines',
        ],
      },
    },
    // A dealer's registrations, newest first. Status and customer are copied so that the status filter and the
    // name search run on the index (a page's registrations are then read by key), and the facts the partner
    // program's KPIs count, so that a scorecard is one query.
    {
      name: 'GSI6',
      partitionKey: 'GSI6PK',
      sortKey: 'GSI6SK',
      projection: {
        include: ['status', 'customer', 'submittedAt', 'expectedValue', 'expectedCloseDate', 'protectedUntil', 'outcome', 'earned'],
      },
    },
    // Work queues of hot items, keys only (each entry is followed by a read of its item): registrations awaiting
    // review per region (oldest first), protections by next due time (sharded), undelivered outbox messages
    // (sharded).
    { name: 'GSI7', partitionKey: 'GSI7PK', sortKey: 'GSI7SK', projection: 'KEYS_ONLY' },
    // Open registrations by customer block (country + the start of the normalised name): near-duplicate
    // candidates, with what the check compares.
    { name: 'GSI8', partitionKey: 'GSI8PK', sortKey: 'GSI8SK', projection: { include: BLOCK_MEMBER_ATTRIBUTES } },
  ],
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  streamView: string;
  indexes: readonly IndexDesign[];
};

export type IndexName = (typeof tableDesign.indexes)[number]['name'];

/** An index's projection in DynamoDB's terms (CreateTable, CloudFormation). */
export function projectionOf(index: IndexDesign): { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] } {
  if (typeof index.projection === 'string') return { ProjectionType: index.projection };
  return { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.projection.include] };
}
