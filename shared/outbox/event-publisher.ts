/**
 * Publishes domain events: to the EventBridge bus in AWS; with no bus configured (the local stack), into an
 * in-process journal that the local server exposes. Reports which entries failed: PutEvents does not throw on
 * partial failure.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { environment } from '../config/environment.js';
import { EVENT_SOURCE, type EventMessage } from './message.js';

/** Loaded and made on the first published event: functions that publish none never initialise it. */
let eventBridge:
  | Promise<{ client: EventBridgeClient; PutEventsCommand: typeof import('@aws-sdk/client-eventbridge').PutEventsCommand }>
  | undefined;
const eventBridgeClient = () =>
  (eventBridge ??= import('@aws-sdk/client-eventbridge').then(({ EventBridgeClient, PutEventsCommand }) => ({
    client: new EventBridgeClient({}),
    PutEventsCommand,
  })));

export interface JournalEntry {
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  id: string;
}
export const localEventJournal: JournalEntry[] = [];
const JOURNAL_LIMIT = 10_000;

/** Returns the ids of the events that were not accepted. */
export async function publishEvents(events: EventMessage[]): Promise<Set<string>> {
  const bus = environment.eventBusName;
  if (!bus) {
    localEventJournal.push(...events.map((e) => ({ source: EVENT_SOURCE, detailType: e.detailType, detail: e.detail, id: e.id })));
    localEventJournal.splice(0, Math.max(0, localEventJournal.length - JOURNAL_LIMIT));
    return new Set();
  }
  const failed = new Set<string>();
  const { client, PutEventsCommand } = await eventBridgeClient();
  for (let start = 0; start < events.length; start += 10) {
    const batch = events.slice(start, start + 10);
    const result = await client.send(
      new PutEventsCommand({
        Entries: batch.map((e) => ({
          EventBusName: bus,
          Source: EVENT_SOURCE,
          DetailType: e.detailType,
          Detail: JSON.stringify({ ...e.detail, eventId: e.id }),
        })),
      }),
    );
    if (result.FailedEntryCount) {
      (result.Entries ?? []).forEach((entry, index) => {
        if (entry.ErrorCode || !entry.EventId) failed.add((batch[index] as EventMessage).id);
      });
    }
  }
  return failed;
}
