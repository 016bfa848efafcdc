/**
 * Per-user limits on an action in fixed windows: one counter item per (action, user, window), incremented by a
 * conditional update that refuses once the limit is reached, so racing requests cannot exceed it. The counter
 * expires by TTL a day after its window.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import { RateLimited } from '../domain/errors.js';
import { documentClient } from './client.js';
import { keys } from './keys.js';
import type { NamedItem } from './transaction.js';

export interface RateLimit {
  /** Names the action (and what it is counted per, e.g. a module). */
  scope: string;
  limit: number;
  windowSeconds: number;
  /** Says what the limit is, for the 429's detail. */
  description: string;
}

/** The name of the counter item in a transaction: a failed condition of this item means "limited". */
export const RATE_COUNTER_ITEM = 'rate-counter';

function windowOf(limit: RateLimit, now: Date) {
  const seconds = Math.floor(now.getTime() / 1000);
  const start = seconds - (seconds % limit.windowSeconds);
  return { label: String(start), retryAfter: start + limit.windowSeconds - seconds, expiresAt: start + limit.windowSeconds + 86_400 };
}

/** The update that counts one use; `transact` reports its failed condition under RATE_COUNTER_ITEM. */
export function rateCounterUpdate(limit: RateLimit, subject: string, now: Date): NamedItem {
  const window = windowOf(limit, now);
  return {
    name: RATE_COUNTER_ITEM,
    item: {
      Update: {
        TableName: environment.tableName,
        Key: keys.rateCounter(limit.scope, subject, window.label),
        UpdateExpression: 'ADD #count :one SET entity = :entity, expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit.limit, ':entity': 'rate-counter', ':expires': window.expiresAt },
      },
    },
  };
}

export const rateLimited = (limit: RateLimit, now: Date) =>
  new RateLimited(`${limit.description}; try again in ${windowOf(limit, now).retryAfter} seconds.`, windowOf(limit, now).retryAfter);

/** Counts one use on its own; throws RateLimited (429) once the window's limit is reached. */
export async function consumeRate(limit: RateLimit, subject: string, now: Date): Promise<void> {
  const update = rateCounterUpdate(limit, subject, now).item.Update;
  try {
    await documentClient.send(new UpdateCommand(update as ConstructorParameters<typeof UpdateCommand>[0]));
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') throw rateLimited(limit, now);
    throw error;
  }
}
