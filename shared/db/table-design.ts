/**
 * The single table's physical shape, shared by the CDK stack and the local stack so both create the same table.
 * What each key and index holds is decided in `keys.ts`.
 */
export const tableDesign = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  // The outbox's delivery reads inserted outbox items from the table's stream; the new image carries the message.
  streamView: 'NEW_IMAGE',
  indexes: [
    // Owner and collection lists: a dealer's registrations, all regions, all dealers, all products.
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    // Lists filtered by status: a dealer's registrations in one status.
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    // Work queues: registrations awaiting review per region (oldest first), protections by next due time
    // (sharded), undelivered outbox messages (sharded).
    { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
    // Open registrations by customer block (country + the start of the normalised name): near-duplicate candidates.
    { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
    // Open registrations by expected close month (sharded): the forecast's line items. Projects only what a line
    // item shows — no contact person, and a fraction of the write cost of a full copy.
    {
      name: 'GSI5',
      partitionKey: 'GSI5PK',
      sortKey: 'GSI5SK',
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
  ],
} as const;

export type IndexName = (typeof tableDesign.indexes)[number]['name'];
export type IndexDesign = (typeof tableDesign.indexes)[number];

/** The non-key attributes an index copies; undefined means all of them. */
export const projectedAttributes = (index: IndexDesign): readonly string[] | undefined => ('include' in index ? index.include : undefined);
