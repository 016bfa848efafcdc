/**
 * The mails of lead distribution, each with a plain-text and an HTML part: an offer, a reminder and a recall to
 * the dealer, and a notice to the partner manager when nobody is left to take a lead. They never carry the lead's
 * contact data (a mail travels further than the portal); the dealer reads that in the portal. Pure.
 */
import type { StoredLead } from '../domain/lead.js';
import type { MailMessage } from '../outbox/message.js';
import { escapeHtml, formatMoney } from './format.js';

export type LeadMailKind = 'offer' | 'reminder' | 'recall' | 'unassigned';

function leadFacts(lead: StoredLead): [string, string][] {
  const c = lead.customer;
  return [
    ['Lead', lead.id],
    ['Customer', c.name],
    ['Location', [c.postalCode, c.city, c.country].filter(Boolean).join(' ')],
    ['Interest', [...(lead.interest.skus ?? []), ...(lead.interest.productLines ?? [])].join(', ') || 'not stated'],
    ...(lead.expectedValue ? ([['Expected value', formatMoney(lead.expectedValue)]] as [string, string][]) : []),
    ['Source', lead.source],
  ];
}

const TEXTS: Record<LeadMailKind, (lead: StoredLead) => [string, string]> = {
  offer: (l) => ['New lead for you', `The manufacturer offers you this lead. Accept or decline it in the portal by ${l.acceptBy} (UTC).`],
  reminder: (l) => [
    'Reminder: lead awaiting your answer',
    `This lead is still waiting for your answer. Its accept window closes at ${l.acceptBy} (UTC).`,
  ],
  recall: () => ['Lead recalled', 'The accept window of this lead closed without an answer, so it was recalled and offered elsewhere.'],
  unassigned: () => [
    'Lead needs routing by hand',
    'No dealer is left to take this lead automatically. Route it by hand from the lead desk.',
  ],
};

export function leadMail(args: { id: string; lead: StoredLead; kind: LeadMailKind; to: string }): MailMessage {
  const [subject, intro] = TEXTS[args.kind](args.lead);
  const facts = args.kind === 'recall' ? leadFacts(args.lead).slice(0, 3) : leadFacts(args.lead);
  const text = [intro, '', ...facts.map(([label, value]) => `${label}: ${value}`)].join('\n');
  const rows = facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const html = `<!doctype html><html lang="en"><body><p>${escapeHtml(intro)}</p><table>${rows}</table></body></html>`;
  return { kind: 'mail', id: args.id, to: [args.to], subject: `${subject}: ${args.lead.customer.name}`, text, html };
}
