/** What each change of a lead owes the outside world: domain events (never contact data) and mails, via the outbox. */
import type { StoredLead } from '../domain/lead.js';
import { leadMail } from '../notifications/lead-mails.js';
import type { Recipient } from '../notifications/portal-link.js';
import type { DomainEventType, EventMessage, OutboxMessage } from '../outbox/message.js';

export interface LeadParties {
  /** The dealers involved (address and language), by id. */
  dealers: Map<string, Recipient>;
  /** The region's partner manager, in the region's language. */
  partnerManager?: Recipient;
}

export type LeadHappening =
  | { kind: 'offered'; dealerId: string }
  | { kind: 'unassigned' }
  | { kind: 'accepted'; dealerId: string }
  | { kind: 'declined'; dealerId: string; reason: string }
  | { kind: 'lapsed'; dealerId: string }
  | { kind: 'reminded'; dealerId: string }
  | { kind: 'converted'; dealerId: string; registrationId: string };

export function leadEffects(happenings: LeadHappening[], lead: StoredLead, parties: LeadParties, now: Date): OutboxMessage[] {
  let n = 0;
  const id = () => `${lead.id}.v${lead.version}.${n++}`;
  const at = now.toISOString();
  const event = (detailType: DomainEventType, extra: Record<string, unknown>): EventMessage => ({
    kind: 'event',
    id: id(),
    detailType,
    detail: { leadId: lead.id, regionId: lead.regionId, status: lead.status, version: lead.version, at, ...extra },
  });
  const mailTo = (dealerId: string, kind: 'offer' | 'reminder' | 'recall'): OutboxMessage[] => {
    const to = parties.dealers.get(dealerId);
    return to ? [leadMail({ id: id(), lead, kind, to })] : [];
  };
  const messagesOf = (h: LeadHappening): OutboxMessage[] => {
    switch (h.kind) {
      case 'offered':
        return [event('LeadOffered', { dealerId: h.dealerId, acceptBy: lead.acceptBy }), ...mailTo(h.dealerId, 'offer')];
      case 'unassigned':
        return [
          event('LeadUnassigned', {}),
          ...(parties.partnerManager ? [leadMail({ id: id(), lead, kind: 'unassigned', to: parties.partnerManager })] : []),
        ];
      case 'accepted':
        return [event('LeadAccepted', { dealerId: h.dealerId })];
      case 'declined':
        return [event('LeadDeclined', { dealerId: h.dealerId })];
      case 'lapsed':
        return [event('LeadLapsed', { dealerId: h.dealerId }), ...mailTo(h.dealerId, 'recall')];
      case 'reminded':
        return mailTo(h.dealerId, 'reminder');
      case 'converted':
        return [event('LeadConverted', { dealerId: h.dealerId, registrationId: h.registrationId })];
    }
  };
  return happenings.flatMap(messagesOf);
}
