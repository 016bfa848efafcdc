/**
 * Who sees a lead: a dealer only the leads offered to it (not once recalled); managers the leads of their regions;
 * channel admins every lead. Anyone else gets NotFound, so a lead's existence never leaks.
 */
import { type LeadRecord, leads } from '../db/lead-repository.js';
import { type Caller, isManager } from '../domain/caller.js';
import { NotFound } from '../domain/errors.js';
import type { StoredOffer } from '../domain/lead.js';

const notFound = () => new NotFound('There is no such lead.');

/** The caller's own offer of the lead (a dealer), present and not recalled. */
export async function visibleOffer(caller: Caller, leadId: string): Promise<StoredOffer> {
  const offer = caller.dealerId ? await leads.offer(leadId, caller.dealerId) : undefined;
  if (!offer || offer.status === 'lapsed') throw notFound();
  return offer;
}

/** The whole lead, for the manufacturer side. */
export async function visibleLeadRecord(caller: Caller, leadId: string): Promise<LeadRecord> {
  const record = await leads.record(leadId);
  if (!record) throw notFound();
  if (caller.role === 'channel_admin') return record;
  if (isManager(caller) && caller.regions.includes(record.lead.regionId)) return record;
  throw notFound();
}
