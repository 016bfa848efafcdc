/**
 * What a read record is in the table: a history item of a registration (`PK=REG#<id>`, `SK=EVT#…`) with these
 * attributes only. The GET routes that record reads (route table `table: 'record-reads'`) are granted exactly this
 * in AWS — PutItem and BatchWriteItem on `REG#` partitions with no other attribute — so they can never delete,
 * update, or write a lock, counter or any other item (infra/constructs/service-function.ts).
 */
export const READ_RECORD = {
  leadingKeys: ['REG#*'],
  attributes: ['PK', 'SK', 'entity', 'at', 'action', 'actor'],
} as const;
