/**
 * Rebuilds every forecast aggregate cell and rollup from the registrations themselves (`npm run -s admin --
 * rebuild-forecast-cells`): one scan of the table for the registrations and the stored cells and rollups, then each
 * recomputed one put whole and every stored one that no registration adds up to any more deleted. An operator's
 * one-off, never a request path (which reads by key or index only): needed once for a table whose cells were written
 * before they carried the registration month, or before there were rollups. Idempotent. Changes made while it runs
 * can be overwritten, so it runs while nothing changes registrations (docs/deploy.md).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { environment } from '../../shared/config/environment.js';
import { batchWrite } from '../../shared/db/batch.js';
import { documentClient } from '../../shared/db/client.js';
import { registrationFromItem } from '../../shared/db/registration-repository.js';
import type { StoredRegistration } from '../../shared/domain/registration.js';
import { cellItem, rollupItem, rollupsOf } from '../../shared/forecast/aggregate-items.js';
import { cellsOf } from '../../shared/forecast/contribution.js';

export async function rebuildForecastCells(): Promise<{ registrations: number; cellsWritten: number; cellsDeleted: number }> {
  const registrations: StoredRegistration[] = [];
  const stored = new Map<string, { PK: string; SK: string }>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({
        TableName: environment.tableName,
        FilterExpression: '#entity IN (:registration, :cell, :rollup)',
        ExpressionAttributeNames: { '#entity': 'entity' },
        ExpressionAttributeValues: { ':registration': 'registration', ':cell': 'forecast-cell', ':rollup': 'forecast-rollup' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.entity === 'registration') registrations.push(registrationFromItem(item));
      else stored.set(`${item.PK}\u0000${item.SK}`, { PK: String(item.PK), SK: String(item.SK) });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const cells = cellsOf(registrations);
  const items = [...cells.map(cellItem), ...rollupsOf(cells).map(rollupItem)];
  const kept = new Set(items.map((i) => `${i.PK}\u0000${i.SK}`));
  const deletes = [...stored].filter(([id]) => !kept.has(id)).map(([, key]) => ({ DeleteRequest: { Key: key } }));
  await batchWrite([...items.map((Item) => ({ PutRequest: { Item } })), ...deletes]);
  return { registrations: registrations.length, cellsWritten: items.length, cellsDeleted: deletes.length };
}
