/**
 * The `protections` schedule: sends due expiry warnings and expires protections whose time has come. It reads only
 * what is due, from the sharded due-time index, page by page; every change is a conditional write, so running it
 * twice or concurrently changes nothing twice.
 */
import { DUE_SHARDS } from '../db/keys.js';
import { registrations } from '../db/registration-repository.js';
import { SYSTEM_ACTOR } from '../domain/caller.js';
import type { StoredRegistration } from '../domain/registration.js';
import { applyExpiryStep } from '../domain/registration-changes.js';
import { changeRegistration } from '../registrations/change.js';

const PAGE_SIZE = 200;
const CONCURRENCY = 16;

export interface ProtectionReport {
  due: number;
  warned: number;
  expired: number;
}

async function processOne(known: StoredRegistration, at: Date, report: ProtectionReport) {
  let outcome: 'warned' | 'expired' | undefined;
  const { changed } = await changeRegistration({
    id: known.id,
    actor: SYSTEM_ACTOR,
    known,
    now: () => at,
    compute: (current, now) => {
      const step = applyExpiryStep({ registration: current, now });
      if (!step) return undefined;
      outcome = step.expired ? 'expired' : 'warned';
      const days = step.warnings[0]?.days ?? 0;
      return step.expired
        ? { next: step.next, action: 'expired', happening: { kind: 'expired' } }
        : {
            next: step.next,
            action: 'expiry_warning_sent',
            detail: `${days} days before expiry`,
            happening: { kind: 'expiry_warning', days },
          };
    },
  });
  if (changed && outcome) report[outcome]++;
}

export async function expireProtections(at: Date): Promise<ProtectionReport> {
  const report: ProtectionReport = { due: 0, warned: 0, expired: 0 };
  await Promise.all(
    Array.from({ length: DUE_SHARDS }, async (_, shard) => {
      await registrations.forEachDue(shard, at.toISOString(), PAGE_SIZE, async (due) => {
        report.due += due.length;
        for (let i = 0; i < due.length; i += CONCURRENCY) {
          await Promise.all(due.slice(i, i + CONCURRENCY).map((r) => processOne(r, at, report)));
        }
      });
    }),
  );
  return report;
}
