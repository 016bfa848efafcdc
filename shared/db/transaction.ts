/**
 * TransactWriteItems with named items. A refused condition comes back as the names of the items whose
 * condition failed, with the item as it was (ReturnValuesOnConditionCheckFailure); a TransactionConflict with
 * another writer is retried with full-jitter backoff, as AWS advises, and answers Throttled (503) if it persists.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { Throttled } from '../domain/errors.js';
import { documentClient } from './client.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface NamedItem {
  name: string;
  item: TransactItem;
}

export class ConditionsFailed extends Error {
  constructor(readonly failed: Map<string, Record<string, unknown> | undefined>) {
    super(`Transaction refused: ${[...failed.keys()].join(', ')}`);
  }
}

const MAX_CONFLICT_RETRIES = 6;
/**
 * Full jitter: transactions racing for one item (a dealer's open-lead counter under a burst of leads) spread out
 * instead of colliding again in lockstep. Pauses of up to 25, 50, 100, 200, 400, 400 ms: 1.2 s at most in all.
 */
const conflictPause = (attempt: number) => Math.random() * Math.min(400, 25 * 2 ** attempt);

/** Asks a conditional item to return the item as it was when its condition fails. */
export function withOldValues(item: TransactItem): TransactItem {
  for (const kind of ['Put', 'Update', 'Delete', 'ConditionCheck'] as const) {
    const operation = item[kind];
    if (operation?.ConditionExpression) {
      return { [kind]: { ...operation, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } as TransactItem;
    }
  }
  return item;
}

export async function transact(items: NamedItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items.map((i) => withOldValues(i.item)) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = new Map<string, Record<string, unknown> | undefined>();
      reasons.forEach((reason, index) => {
        if (reason.Code === 'ConditionalCheckFailed') {
          failed.set(items[index]?.name ?? `#${index}`, reason.Item ? unmarshall(reason.Item) : undefined);
        }
      });
      if (failed.size > 0) throw new ConditionsFailed(failed);
      if (!reasons.some((r) => r.Code === 'TransactionConflict')) throw error;
      if (attempt >= MAX_CONFLICT_RETRIES)
        throw new Throttled('Other changes to the same items keep conflicting with this one; retry shortly.');
      await new Promise((resolve) => setTimeout(resolve, conflictPause(attempt)));
    }
  }
}
