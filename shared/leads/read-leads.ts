/** The lead desk and the lead inbox: lists and single leads as each side may see them, and routing by hand. */
import { leads } from '../db/lead-repository.js';
import { ConditionsFailed } from '../db/transaction.js';
import { actorOf, type Caller } from '../domain/caller.js';
import { StateConflict } from '../domain/errors.js';
import { toDealerLead, toManagerLead } from '../domain/lead.js';
import { regionsInView } from '../domain/visibility.js';
import type { DealerLead, Lead } from '../schemas/leads.js';
import { visibleLeadRecord, visibleOffer } from './lead-access.js';
import { routeAndCommit } from './route-lead.js';

export async function listLeads(
  caller: Caller,
  page: { limit: number; cursor?: string | undefined; status?: string | undefined },
): Promise<{ items: (Lead | DealerLead)[]; nextCursor?: string | undefined }> {
  if (caller.role === 'dealer') {
    // A dealer's offers are never in the states of the manufacturer side only.
    if (page.status === 'unassigned' || page.status === 'lapsed') return { items: [] };
    const found = await leads.listForDealer(caller.dealerId as string, page);
    return { items: found.items.map((o) => toDealerLead(o, o.leadId)), nextCursor: found.nextCursor };
  }
  const found = await leads.listForManufacturer(regionsInView(caller, 'lead'), page);
  return { items: found.items.map((l) => toManagerLead(l)), nextCursor: found.nextCursor };
}

export async function readLead(caller: Caller, leadId: string): Promise<Lead | DealerLead> {
  if (caller.role === 'dealer') return toDealerLead(await visibleOffer(caller, leadId), leadId);
  const record = await visibleLeadRecord(caller, leadId);
  return toManagerLead(record.lead, record.routing);
}

/** A partner manager (of the lead's region) or an admin hands an unassigned lead to a dealer of their choice. */
export async function routeLeadByHand(caller: Caller, leadId: string, dealerId: string, now: Date): Promise<Lead> {
  const { lead } = await visibleLeadRecord(caller, leadId);
  const regionIds = regionsInView(caller, 'lead');
  if (lead.status !== 'unassigned') throw new StateConflict(`The lead is ${lead.status}; only an unassigned lead is routed by hand.`);
  const routed = await routeAndCommit({
    lead,
    expectedVersion: lead.version,
    happenings: [],
    extra: () => [],
    manual: { dealerId, actor: actorOf(caller), ...(regionIds ? { regionIds } : {}) },
    now,
  }).catch((error: unknown) => {
    if (error instanceof ConditionsFailed) throw new StateConflict('The lead changed meanwhile; reload it.');
    throw error;
  });
  const record = await leads.record(leadId);
  return toManagerLead(routed.lead, record?.routing ?? [routed.trace]);
}
