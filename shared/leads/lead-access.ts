/**
 * Who sees a lead: a dealer only the leads offered to it (not once recalled); managers the leads of their regions;
 * channel admins every lead. Anyone else gets NotFound, so a lead's existence never leaks.
 */
import { type LeadRecord, leads } from '../db/lead-repository.js';
import type { Caller } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';
import type { StoredOffer } from '../domain/lead.js';
import { canSee } from '../domain/visibility.js';

const notFound = () => new NotFound('There is no such lead.');

/** The caller's own offer of the lead (a dealer), present and not recalled. */
export async function visibleOffer(caller: Caller, leadId: string): Promise<StoredOffer> {
  const offer = caller.dealerId ? await leads.offer(leadId, caller.dealerId) : undefined;
  const offeredTo = offer && offer.status !== 'lapsed' ? [offer.dealerId] : [];
  if (!offer || !canSee(caller, 'lead', { dealerIds: offeredTo, regionIds: [] })) throw notFound();
  return offer;
}

/** The whole lead, for the manufacturer side. */
export async function visibleLeadRecord(caller: Caller, leadId: string): Promise<LeadRecord> {
  const record = await leads.record(leadId);
  // The manufacturer's view (no dealer is named): a dealer sees only its offer, through visibleOffer.
  if (!record || !canSee(caller, 'lead', { dealerIds: [], regionIds: [record.lead.regionId] })) throw notFound();
  return record;
}
