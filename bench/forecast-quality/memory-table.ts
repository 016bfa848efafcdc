/**
 * The simulation's stand-in for the table's forecast partitions: it applies the product's aggregate updates
 * (`aggregateUpdates`, the list the repository writes with `ADD`/`SET` in each registration transaction) and the
 * snapshot job's PutItems to items held in memory, and answers partition queries with items shaped as DynamoDB
 * returns them.
 */
import type { AggregateUpdate } from '../../shared/forecast/aggregate-items.js';

type Item = Record<string, unknown>;

export class MemoryTable {
  private readonly partitions = new Map<string, Map<string, Item>>();

  apply(updates: AggregateUpdate[]) {
    for (const update of updates) {
      const partition = this.partitions.get(update.key.PK) ?? new Map<string, Item>();
      this.partitions.set(update.key.PK, partition);
      const item = partition.get(update.key.SK) ?? { ...update.key };
      for (const [attribute, value] of Object.entries(update.add)) item[attribute] = Number(item[attribute] ?? 0) + value;
      Object.assign(item, update.set);
      partition.set(update.key.SK, item);
    }
  }

  /** A PutItem: the whole item replaced. */
  put(item: { PK: string; SK: string } & Record<string, unknown>) {
    const partition = this.partitions.get(item.PK) ?? new Map<string, Item>();
    this.partitions.set(item.PK, partition);
    partition.set(item.SK, structuredClone(item) as Item);
  }

  /** Every item of a partition, in sort-key order, as copies. */
  query(partitionKey: string): Item[] {
    const partition = this.partitions.get(partitionKey);
    if (!partition) return [];
    return [...partition.keys()].sort().map((sk) => structuredClone(partition.get(sk) as Item));
  }
}
