/**
 * The claim deadline of approved requests (the `funds` schedule): reminders 15, 5 and 1 days before it, each once
 * (the request records what was sent, under a version condition), and the lapse after it, which returns the
 * approved amount to the allocation through the ledger. Reads only what is due, from a due-time index.
 */
import { commitLedgerChange, fundRequestPut, fundRequests, type StoredFundRequest } from '../db/funds-repository.js';
import { dealers } from '../db/setup-repository.js';
import { ConditionsFailed, transact } from '../db/transaction.js';
import { SYSTEM_ACTOR } from '../domain/caller.js';
import { deltasOf } from '../domain/fund-ledger.js';
import { dueAction, nextDueAt } from '../domain/funds.js';
import { fundApprovalLapsedMail, fundClaimReminderMail } from '../notifications/fund-mails.js';
import { logger } from '../observability/logger.js';
import { outboxPuts } from '../outbox/outbox.js';
import { newLedgerEntryId } from './allocations.js';
import { links } from './mail-parties.js';
import { newMessageId } from './requests.js';

async function remind(request: StoredFundRequest, days: number[], daysLeft: number, at: Date): Promise<boolean> {
  const dealer = await dealers.get(request.dealerId);
  const remindersSent = [...(request.remindersSent ?? []), ...days];
  const next: StoredFundRequest = {
    ...request,
    remindersSent,
    dueAt: nextDueAt(request.claimDeadline, remindersSent),
    version: request.version + 1,
  };
  await transact([
    fundRequestPut(next),
    ...outboxPuts(dealer ? [fundClaimReminderMail(newMessageId('mail'), dealer, next, daysLeft, links().claim(next.id))] : [], at),
  ]);
  return true;
}

async function lapse(request: StoredFundRequest, at: Date): Promise<boolean> {
  const approved = request.approved;
  if (!approved) return false;
  const dealer = await dealers.get(request.dealerId);
  await commitLedgerChange(at, (when) => {
    const next: StoredFundRequest = {
      ...request,
      status: 'lapsed',
      lapsedAt: when.toISOString(),
      dueAt: undefined,
      version: request.version + 1,
    };
    return {
      entry: {
        id: newLedgerEntryId(),
        dealerId: request.dealerId,
        period: request.period,
        at: when.toISOString(),
        kind: 'approval_lapsed',
        currency: approved.currency,
        deltas: deltasOf.approvalLapsed(approved.amount),
        requestId: request.id,
        actor: SYSTEM_ACTOR,
      },
      items: [
        fundRequestPut(next),
        ...outboxPuts(dealer ? [fundApprovalLapsedMail(newMessageId('mail'), dealer, next, links().funds)] : [], when),
      ],
    };
  });
  return true;
}

export async function chaseClaimDeadlines(at: Date): Promise<{ reminders: number; lapsed: number }> {
  const report = { reminders: 0, lapsed: 0 };
  await fundRequests.forEachDue(at.toISOString(), async (due) => {
    for (const request of due) {
      if (request.status !== 'approved') continue;
      const action = dueAction(request.claimDeadline, request.remindersSent ?? [], at);
      if (!action) continue;
      try {
        if (action.kind === 'lapse') report.lapsed += (await lapse(request, at)) ? 1 : 0;
        else report.reminders += (await remind(request, action.days, action.daysLeft, at)) ? 1 : 0;
      } catch (error) {
        // Claimed, decided or chased by a concurrent run meanwhile: nothing to do.
        if (error instanceof ConditionsFailed) continue;
        logger.error('Claim deadline not handled', { requestId: request.id, error: error as Error });
      }
    }
  });
  return report;
}
