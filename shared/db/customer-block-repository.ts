/**
 * Name blocks (a country and the start of a normalised customer name): where near-duplicates are looked up, and
 * the sequence item that serialises the submissions of one block.
 *
 * Exact duplicates meet at a customer lock; near-identical names do not, so a submission that claims a customer
 * (no rival found) also advances its block's sequence item, conditioned on the version it read before its lookup.
 * Two racing near-duplicates cannot both commit: the second's condition fails and it runs the lookup again. The
 * item also lists the registrations that advanced it in the last minutes, read with the lookup, because the index
 * the lookup queries is eventually consistent on AWS and may not show a registration committed an instant ago.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../config/environment.js';
import type { StoredRegistration } from '../domain/registration.js';
import { documentClient } from './client.js';
import { keys } from './keys.js';
import { registrationFromItem, registrations } from './registration-repository.js';
import type { BLOCK_MEMBER_ATTRIBUTES } from './table-design.js';
import type { NamedItem } from './transaction.js';

/** How long a claim stays in the block item's recent list: far longer than index propagation takes. */
const RECENT_MS = 5 * 60_000;
/** A bound on the list (one block rarely sees more than a few claims in five minutes). */
const RECENT_MAX = 50;

interface RecentClaim {
  id: string;
  at: string;
}

/** What the near-duplicate index copies of a registration: what the check compares and a conflict case records. */
export type BlockMember = Pick<StoredRegistration, (typeof BLOCK_MEMBER_ATTRIBUTES)[number]>;

export interface BlockState {
  block: string;
  /** 0 for a block no submission has claimed in yet. */
  version: number;
  recent: RecentClaim[];
}

export const customerBlocks = {
  async read(block: string): Promise<BlockState> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.customerBlockSequence(block), ConsistentRead: true }),
    );
    return this.stateOf(block, Item);
  },

  /** The block's state from its sequence item as read (consistently) by key, alone or in a batch; none yet is version 0. */
  stateOf(block: string, item: Record<string, unknown> | undefined): BlockState {
    return { block, version: (item?.version as number | undefined) ?? 0, recent: (item?.recent as RecentClaim[] | undefined) ?? [] };
  },

  /**
   * The registrations in the block that may be open: every one the index lists, and those of the recent claims it
   * does not list yet (read consistently).
   */
  async members(state: BlockState): Promise<BlockMember[]> {
    const { Items = [] } = await documentClient.send(
      new QueryCommand({
        TableName: environment.tableName,
        IndexName: 'GSI8',
        KeyConditionExpression: 'GSI8PK = :p',
        ExpressionAttributeValues: { ':p': keys.customerBlockPartition(state.block) },
      }),
    );
    const listed: BlockMember[] = Items.map(registrationFromItem);
    const missing = state.recent.filter((claim) => !listed.some((r) => r.id === claim.id));
    const recent = await Promise.all(missing.map((claim) => registrations.get(claim.id)));
    return [...listed, ...recent.filter((r): r is StoredRegistration => r !== undefined)];
  },

  /** The transaction item that advances the block past the version read (name `name-block`), recording the claim. */
  advance(state: BlockState, registrationId: string, now: Date): NamedItem {
    const at = now.toISOString();
    const recent = [...state.recent.filter((c) => Date.parse(c.at) > now.getTime() - RECENT_MS), { id: registrationId, at }].slice(
      -RECENT_MAX,
    );
    return {
      name: 'name-block',
      item: {
        Put: {
          TableName: environment.tableName,
          Item: {
            ...keys.customerBlockSequence(state.block),
            entity: 'name-block',
            block: state.block,
            version: state.version + 1,
            recent,
          },
          ConditionExpression: state.version === 0 ? 'attribute_not_exists(PK)' : '#version = :read',
          ...(state.version === 0
            ? {}
            : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':read': state.version } }),
        },
      },
    };
  },
};
