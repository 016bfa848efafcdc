/** Conflict cases: one item each, plus a pointer per region involved so managers list the cases of their regions. */

import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { environment } from '../config/environment.js';
import { type ConflictParty, MAX_CONFLICT_PARTIES, type StoredConflict } from '../domain/conflict-case.js';
import type { Conflict } from '../schemas/rules.js';
import { batchGet } from './batch.js';
import { documentClient } from './client.js';
import { cursorCodec } from './cursor.js';
import { keys } from './keys.js';
import { ConditionsFailed, type NamedItem, transact } from './transaction.js';

function fromItem(item: Record<string, unknown>): StoredConflict {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _s1, entity: _e, holder, parties, regionIds, ...rest } = item;
  return {
    ...(rest as unknown as Omit<StoredConflict, 'parties' | 'regionIds'>),
    parties: [holder as ConflictParty, ...((parties as ConflictParty[] | undefined) ?? [])],
    regionIds: [...((regionIds as Set<string> | undefined) ?? [])].sort(),
  };
}

export function toApiConflict(c: StoredConflict): Conflict {
  const { regionIds: _regions, ...view } = c;
  return view;
}

/** A conflict list's position: `<openedAt>#<id>` of the last case shown. */
const listPositionCursor = cursorCodec('conflict-list', z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#cf_[0-9A-Za-z]+$/));

export const conflicts = {
  /**
   * Transaction items that open the case on the first conflict with `holder`, or add `newcomer` to the open one.
   * The case refuses (name `conflict`) once it is resolved (a later newcomer then needs a case of its own) or
   * full (MAX_CONFLICT_PARTIES). The owner and its region are set when the case opens and never change.
   */
  join(args: {
    conflictId: string;
    holder: ConflictParty;
    newcomer: ConflictParty;
    reason: Conflict['reason'];
    customer: Conflict['customer'];
    productLine: string;
    owner: string;
    ownerRegionId: string;
    now: Date;
  }): NamedItem[] {
    const at = args.now.toISOString();
    const regions = [...new Set([args.holder.regionId, args.newcomer.regionId])];
    return [
      {
        name: 'conflict',
        item: {
          Update: {
            TableName: environment.tableName,
            Key: keys.conflict(args.conflictId),
            UpdateExpression: `${[
              'SET holder = if_not_exists(holder, :holder)',
              'parties = list_append(if_not_exists(parties, :empty), :newcomer)',
              'history = list_append(if_not_exists(history, :empty), :event)',
              '#state = if_not_exists(#state, :open)',
              '#level = if_not_exists(#level, :firstLevel)',
              '#owner = if_not_exists(#owner, :owner)',
              'ownerRegionId = if_not_exists(ownerRegionId, :ownerRegionId)',
              'reason = if_not_exists(reason, :reason)',
              'customer = if_not_exists(customer, :customer)',
              'productLine = if_not_exists(productLine, :productLine)',
              'openedAt = if_not_exists(openedAt, :at)',
              'id = :id, entity = :entity, GSI1PK = :all',
              'GSI1SK = if_not_exists(GSI1SK, :position)',
              '#version = if_not_exists(#version, :zero) + :one',
            ].join(', ')} ADD regionIds :regions`,
            // The holder is stored apart from `parties`: room for one more means fewer than MAX - 1 newcomers.
            ConditionExpression: 'attribute_not_exists(PK) OR (#state = :open AND size(parties) < :room)',
            ExpressionAttributeNames: { '#state': 'state', '#level': 'level', '#owner': 'owner', '#version': 'version' },
            ExpressionAttributeValues: {
              ':holder': args.holder,
              ':empty': [],
              ':newcomer': [args.newcomer],
              ':event': [{ at, action: 'party_added', actor: 'system', detail: args.newcomer.registrationId }],
              ':open': 'open',
              ':firstLevel': 'partner_manager',
              ':owner': args.owner,
              ':ownerRegionId': args.ownerRegionId,
              ':room': MAX_CONFLICT_PARTIES - 1,
              ':reason': args.reason,
              ':customer': args.customer,
              ':productLine': args.productLine,
              ':at': at,
              ':id': args.conflictId,
              ':entity': 'conflict',
              ':all': keys.conflictsPartition(),
              ':position': `${at}#${args.conflictId}`,
              ':zero': 0,
              ':one': 1,
              ':regions': new Set(regions),
            },
          },
        },
      },
      ...regions.map((regionId) => ({
        name: `conflict-region:${regionId}`,
        item: {
          Put: {
            TableName: environment.tableName,
            Item: { ...keys.conflictInRegion(args.conflictId, regionId, at), entity: 'conflict-region', conflictId: args.conflictId },
          },
        },
      })),
    ];
  },

  async get(conflictId: string): Promise<StoredConflict | undefined> {
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: environment.tableName, Key: keys.conflict(conflictId), ConsistentRead: true }),
    );
    return Item ? fromItem(Item) : undefined;
  },

  /** Writes `next` only if the case is still at the version read; false when someone else changed it. */
  async replace(previous: StoredConflict, next: StoredConflict, extra: NamedItem[] = []): Promise<boolean> {
    const [holder, ...parties] = next.parties;
    try {
      await transact([
        {
          name: 'conflict',
          item: {
            Update: {
              TableName: environment.tableName,
              Key: keys.conflict(next.id),
              UpdateExpression:
                'SET holder = :holder, parties = :parties, history = :history, #state = :state, #level = :level, #version = :version' +
                (next.resolution ? ', resolution = :resolution' : ''),
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#state': 'state', '#level': 'level', '#version': 'version' },
              ExpressionAttributeValues: {
                ':holder': holder,
                ':parties': parties,
                ':history': next.history,
                ':state': next.state,
                ':level': next.level,
                ':version': next.version,
                ':expected': previous.version,
                ...(next.resolution ? { ':resolution': next.resolution } : {}),
              },
            },
          },
        },
        ...extra,
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConditionsFailed && error.failed.has('conflict')) return false;
      throw error;
    }
  },

  /**
   * The cases listed under the given regions (all cases for `undefined`), oldest first; the cursor is the list
   * position of the last case returned.
   */
  async list(regionIds: string[] | undefined, page: { limit: number; cursor?: string | undefined; state?: string | undefined }) {
    const after = listPositionCursor.decode(page.cursor);
    const partitions = regionIds ? regionIds.map(keys.regionConflictsPartition) : [keys.conflictsPartition()];
    const pointers = (
      await Promise.all(
        partitions.map(async (partition) => {
          const { Items = [] } = await documentClient.send(
            new QueryCommand({
              TableName: environment.tableName,
              IndexName: 'GSI1',
              KeyConditionExpression: after === undefined ? 'GSI1PK = :p' : 'GSI1PK = :p AND GSI1SK > :after',
              ExpressionAttributeValues: { ':p': partition, ...(after === undefined ? {} : { ':after': after }) },
              Limit: 100,
            }),
          );
          return Items.map((i) => ({ position: String(i.GSI1SK), id: String(i.conflictId ?? i.id) }));
        }),
      )
    ).flat();
    const ordered = [...new Map(pointers.sort((a, b) => a.position.localeCompare(b.position)).map((p) => [p.id, p])).values()];
    const found = await this.getMany(ordered.map((p) => p.id));
    const matching = ordered
      .map((p) => ({ position: p.position, conflict: found.get(p.id) }))
      .filter((e): e is { position: string; conflict: StoredConflict } => !!e.conflict && (!page.state || e.conflict.state === page.state));
    const items = matching.slice(0, page.limit);
    return {
      items: items.map((e) => e.conflict),
      nextCursor: listPositionCursor.encode(matching.length > page.limit || pointers.length >= 100 ? items.at(-1)?.position : undefined),
    };
  },

  async getMany(ids: string[]): Promise<Map<string, StoredConflict>> {
    const items = await batchGet(ids.map(keys.conflict));
    return new Map(
      items.map((item) => {
        const conflict = fromItem(item);
        return [conflict.id, conflict] as const;
      }),
    );
  },
};
