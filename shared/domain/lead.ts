/**
 * A lead's state (SPEC §8): offered → accepted → converted, or declined / lapsed → routed on → unassigned with the
 * partner manager. What each side sees of it, and when the accept window's reminder and end fall due. Pure.
 */

import type { LeadSettings } from '../schemas/lead-settings.js';
import type { DealerLead, Lead, LeadInput, RoutingTrace } from '../schemas/leads.js';
import type { Actor } from './caller.js';

export type LeadState = 'offered' | 'accepted' | 'converted' | 'unassigned';

export interface LeadAnswer {
  dealerId: string;
  answer: 'declined' | 'lapsed';
  at: string;
  reason?: string;
}

export interface StoredLead {
  id: string;
  status: LeadState;
  regionId: string;
  customer: LeadInput['customer'];
  contact: LeadInput['contact'];
  interest: LeadInput['interest'];
  source: string;
  expectedValue?: LeadInput['expectedValue'];
  offeredTo?: string;
  offeredAt?: string;
  acceptBy?: string;
  /** When the reminder falls due; cleared once sent. */
  remindAt?: string;
  remindedAt?: string;
  acceptedAt?: string;
  convertedAt?: string;
  registrationId?: string;
  answers: LeadAnswer[];
  /** How many routing decisions were made; the next one's number. */
  rounds: number;
  createdAt: string;
  createdBy: Actor;
  updatedAt: string;
  version: number;
}

/** What a dealer's offer of a lead holds: its answer, and a copy of what it may see of the lead. */
export interface StoredOffer {
  leadId: string;
  dealerId: string;
  regionId: string;
  status: 'offered' | 'accepted' | 'declined' | 'lapsed' | 'converted';
  offeredAt: string;
  acceptBy?: string;
  acceptedAt?: string;
  declinedAt?: string;
  declineReason?: string;
  lapsedAt?: string;
  convertedAt?: string;
  registrationId?: string;
  lead: Pick<StoredLead, 'customer' | 'contact' | 'interest' | 'source' | 'expectedValue'>;
}

const HOUR = 3_600_000;

/** The accept window of an offer made at `now`, and its reminder (none if the window is shorter than the lead time). */
export function acceptWindow(settings: Pick<LeadSettings, 'acceptHours' | 'reminderHours'>, now: Date) {
  const acceptBy = new Date(now.getTime() + settings.acceptHours * HOUR).toISOString();
  const remindAt =
    settings.reminderHours < settings.acceptHours
      ? new Date(now.getTime() + (settings.acceptHours - settings.reminderHours) * HOUR).toISOString()
      : undefined;
  return { acceptBy, ...(remindAt ? { remindAt } : {}) };
}

/** When the `leads` schedule must next look at an offered lead: its reminder, else the end of its window. */
export function leadDueAt(lead: Pick<StoredLead, 'status' | 'acceptBy' | 'remindAt'>): string | undefined {
  if (lead.status !== 'offered') return undefined;
  return lead.remindAt ?? lead.acceptBy;
}

/** The lead as the manufacturer side sees it (the routing traces only on a single lead). */
export function toManagerLead(lead: StoredLead, routing?: RoutingTrace[]): Lead {
  const view = {
    id: lead.id,
    status: lead.status,
    regionId: lead.regionId,
    customer: lead.customer,
    contact: lead.contact,
    interest: lead.interest,
    source: lead.source,
    expectedValue: lead.expectedValue,
    offeredTo: lead.status === 'unassigned' ? undefined : lead.offeredTo,
    offeredAt: lead.status === 'unassigned' ? undefined : lead.offeredAt,
    acceptBy: lead.status === 'offered' ? lead.acceptBy : undefined,
    acceptedAt: lead.acceptedAt,
    convertedAt: lead.convertedAt,
    registrationId: lead.registrationId,
    answers: lead.answers,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
    version: lead.version,
    routing,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as Lead;
}

/** The lead as the dealer of `offer` sees it; a lapsed (recalled) offer is not shown at all. */
export function toDealerLead(offer: StoredOffer, leadId: string): DealerLead {
  const own = offer.status === 'offered' || offer.status === 'accepted' || offer.status === 'converted';
  const view = {
    id: leadId,
    status: offer.status as DealerLead['status'],
    customer: offer.lead.customer,
    contact: own ? offer.lead.contact : undefined,
    interest: offer.lead.interest,
    source: offer.lead.source,
    expectedValue: offer.lead.expectedValue,
    offeredAt: offer.offeredAt,
    acceptBy: offer.status === 'offered' ? offer.acceptBy : undefined,
    acceptedAt: offer.acceptedAt,
    declinedAt: offer.declinedAt,
    declineReason: offer.declineReason,
    convertedAt: offer.convertedAt,
    registrationId: offer.registrationId,
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as DealerLead;
}
