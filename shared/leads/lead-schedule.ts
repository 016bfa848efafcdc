/**
 * The `leads` schedule: reminds a dealer before the accept window of an offered lead closes, and recalls the lead
 * once it has closed — the lapse is recorded, the dealer's capacity freed, and the lead routed on (never back to
 * that dealer) in one transaction. It reads only what is due, from the sharded due-time index; every change is
 * conditioned on the lead's version, so double or concurrent runs change nothing twice.
 */
import { leadItems, leads } from '../db/lead-repository.js';
import { dealers } from '../db/setup-repository.js';
import { ConditionsFailed, transact } from '../db/transaction.js';
import { StateConflict } from '../domain/errors.js';
import type { StoredLead } from '../domain/lead.js';
import { outboxPuts } from '../outbox/outbox.js';
import { handOn } from './answer-lead.js';
import { leadEffects } from './lead-effects.js';

const CONCURRENCY = 16;

export interface LeadScheduleReport {
  due: number;
  reminded: number;
  lapsed: number;
}

async function remind(lead: StoredLead, at: Date): Promise<boolean> {
  const dealerId = lead.offeredTo as string;
  const dealer = await dealers.get(dealerId);
  const { remindAt: _remind, ...rest } = lead;
  const reminded: StoredLead = { ...rest, remindedAt: at.toISOString(), updatedAt: at.toISOString(), version: lead.version + 1 };
  try {
    await transact([
      leadItems.put(reminded, lead.version),
      ...outboxPuts(
        leadEffects([{ kind: 'reminded', dealerId }], reminded, { dealers: new Map(dealer ? [[dealerId, dealer]] : []) }, at),
        at,
      ),
    ]);
    return true;
  } catch (error) {
    if (error instanceof ConditionsFailed) return false;
    throw error;
  }
}

async function recall(lead: StoredLead, at: Date): Promise<boolean> {
  const offer = await leads.offer(lead.id, lead.offeredTo as string);
  if (offer?.status !== 'offered') return false;
  try {
    await handOn({ lead, offer, answer: 'lapsed', now: at });
    return true;
  } catch (error) {
    if (error instanceof StateConflict) return false;
    throw error;
  }
}

async function processOne(leadId: string, at: Date, report: LeadScheduleReport): Promise<void> {
  const now = at.toISOString();
  // The index is eventually consistent: act on the lead as it is now.
  const lead = await leads.get(leadId);
  if (lead?.status !== 'offered' || !lead.offeredTo) return;
  if (lead.acceptBy && lead.acceptBy <= now) {
    if (await recall(lead, at)) report.lapsed++;
  } else if (lead.remindAt && lead.remindAt <= now) {
    if (await remind(lead, at)) report.reminded++;
  }
}

export async function runLeadSchedule(at: Date): Promise<LeadScheduleReport> {
  const report: LeadScheduleReport = { due: 0, reminded: 0, lapsed: 0 };
  const now = at.toISOString();
  await leads.forEachDue(now, async (page) => {
    report.due += page.length;
    for (let start = 0; start < page.length; start += CONCURRENCY) {
      await Promise.all(page.slice(start, start + CONCURRENCY).map((known) => processOne(known.id, at, report)));
    }
  });
  return report;
}
