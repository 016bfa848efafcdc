/**
 * The `reviews` schedule: a reminder to the partner manager once a registration passes the program's review target
 * undecided, an escalation to the regional director once it passes the limit. Each at most once per registration
 * (recorded on it and in its history, by conditional write). A registration in conflict gets no review mail: its
 * conflict case, still with the partner manager at the limit, moves up to the regional director.
 */
import { registrations } from '../db/registration-repository.js';
import { program as programSettings, regions } from '../db/setup-repository.js';
import { SYSTEM_ACTOR } from '../domain/caller.js';
import { applyReviewSlaStep } from '../domain/registration-changes.js';
import { changeRegistration } from '../registrations/change.js';
import { escalateOverdueConflict } from '../registrations/settle-conflict.js';

export interface ReviewSlaReport {
  overdue: number;
  reminders: number;
  escalations: number;
  conflictsEscalated: number;
}

async function allRegionIds(): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await regions.list({ limit: 100, cursor });
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

export async function chaseOverdueReviews(at: Date): Promise<ReviewSlaReport> {
  const program = await programSettings.get();
  const report: ReviewSlaReport = { overdue: 0, reminders: 0, escalations: 0, conflictsEscalated: 0 };
  // The queue is ordered by submission time: everything submitted before this has passed the target.
  const cutoff = new Date(at.getTime() - program.reviewTargetHours * 3_600_000).toISOString();
  for (const regionId of await allRegionIds()) {
    await registrations.forEachAwaitingReview(regionId, cutoff, async (awaiting) => {
      for (const known of awaiting) {
        report.overdue++;
        if (known.status === 'in_conflict') {
          const waitedHours = (at.getTime() - Date.parse(known.submittedAt)) / 3_600_000;
          if (known.conflictId && waitedHours >= program.reviewLimitHours && (await escalateOverdueConflict(known.conflictId, at))) {
            report.conflictsEscalated++;
          }
          continue;
        }
        let kind: 'reminder' | 'escalation' | undefined;
        const { changed } = await changeRegistration({
          id: known.id,
          actor: SYSTEM_ACTOR,
          known,
          now: () => at,
          compute: (current, now) => {
            const step = applyReviewSlaStep({ registration: current, program, now });
            if (!step) return undefined;
            kind = step.kind;
            return step.kind === 'reminder'
              ? { next: step.next, action: 'review_reminder_sent', happening: { kind: 'review_reminder' } }
              : {
                  next: step.next,
                  action: 'review_escalated',
                  detail: 'to the regional director',
                  happening: { kind: 'review_escalation' },
                };
          },
        });
        if (changed && kind === 'reminder') report.reminders++;
        if (changed && kind === 'escalation') report.escalations++;
      }
    });
  }
  return report;
}
