/**
 * The mails of lead distribution on the shared mail layout: an offer, a reminder and a recall to the dealer (in the
 * dealer's language), and a notice to the partner manager when nobody is left to take a lead (in the region's). They
 * never carry the lead's contact data (a mail travels further than the portal); the dealer reads that in the portal.
 */
import type { StoredLead } from '../domain/lead.js';
import type { MailMessage } from '../outbox/message.js';
import { type Language, languageOf } from '../schemas/setup.js';
import { formatInstant, formatMoney } from './format.js';
import { renderMail } from './mail-render.js';
import { MAIL_TEXTS } from './mail-texts.js';
import { portalLink, type Recipient } from './portal-link.js';

export type LeadMailKind = 'offer' | 'reminder' | 'recall' | 'unassigned';

interface LeadTexts {
  labels: { lead: string; customer: string; location: string; interest: string; expectedValue: string; source: string };
  notStated: string;
  kinds: Record<LeadMailKind, { subject: string; intro: string }>;
  acceptBy: (at: string) => string;
  cta: string;
  inboxCta: string;
}

const TEXTS: Record<Language, LeadTexts> = {
  en: {
    labels: {
      lead: 'Lead',
      customer: 'Customer',
      location: 'Location',
      interest: 'Interest',
      expectedValue: 'Expected value',
      source: 'Source',
    },
    notStated: 'not stated',
    kinds: {
      offer: { subject: 'New lead for you', intro: 'The manufacturer offers you this lead. Accept or decline it in the partner portal.' },
      reminder: { subject: 'Reminder: lead awaiting your answer', intro: 'This lead is still waiting for your answer.' },
      recall: {
        subject: 'Lead recalled',
        intro: 'The accept window of this lead closed without an answer, so it was recalled and offered elsewhere.',
      },
      unassigned: {
        subject: 'Lead needs routing by hand',
        intro: 'No dealer is left to take this lead automatically. Route it by hand from the lead desk.',
      },
    },
    acceptBy: (at) => `Accept or decline by ${at}.`,
    cta: 'Open the lead',
    inboxCta: 'Open your leads',
  },
  de: {
    labels: { lead: 'Lead', customer: 'Kunde', location: 'Ort', interest: 'Interesse', expectedValue: 'Erwarteter Wert', source: 'Quelle' },
    notStated: 'nicht angegeben',
    kinds: {
      offer: {
        subject: 'Neuer Lead für Sie',
        intro: 'Der Hersteller bietet Ihnen diesen Lead an. Nehmen Sie ihn im Partnerportal an oder lehnen Sie ihn ab.',
      },
      reminder: { subject: 'Erinnerung: Lead wartet auf Ihre Antwort', intro: 'Dieser Lead wartet noch auf Ihre Antwort.' },
      recall: {
        subject: 'Lead zurückgezogen',
        intro: 'Die Annahmefrist dieses Leads ist ohne Antwort abgelaufen; er wurde zurückgezogen und anderweitig angeboten.',
      },
      unassigned: {
        subject: 'Lead muss von Hand zugewiesen werden',
        intro: 'Kein Händler kann diesen Lead mehr automatisch übernehmen. Weisen Sie ihn im Lead-Desk von Hand zu.',
      },
    },
    acceptBy: (at) => `Annehmen oder ablehnen bis ${at}.`,
    cta: 'Lead öffnen',
    inboxCta: 'Ihre Leads öffnen',
  },
  nl: {
    labels: {
      lead: 'Lead',
      customer: 'Klant',
      location: 'Locatie',
      interest: 'Interesse',
      expectedValue: 'Verwachte waarde',
      source: 'Bron',
    },
    notStated: 'niet opgegeven',
    kinds: {
      offer: { subject: 'Nieuwe lead voor u', intro: 'De fabrikant biedt u deze lead aan. Accepteer of weiger hem in het partnerportaal.' },
      reminder: { subject: 'Herinnering: lead wacht op uw antwoord', intro: 'Deze lead wacht nog op uw antwoord.' },
      recall: {
        subject: 'Lead teruggetrokken',
        intro: 'De acceptatietermijn van deze lead is zonder antwoord verlopen; hij is teruggetrokken en elders aangeboden.',
      },
      unassigned: {
        subject: 'Lead moet handmatig worden toegewezen',
        intro: 'Geen dealer kan deze lead nog automatisch overnemen. Wijs hem handmatig toe vanuit de leaddesk.',
      },
    },
    acceptBy: (at) => `Accepteer of weiger uiterlijk ${at}.`,
    cta: 'Lead openen',
    inboxCta: 'Uw leads openen',
  },
};

function leadFacts(lead: StoredLead, t: LeadTexts, language: Language): [string, string][] {
  const c = lead.customer;
  return [
    [t.labels.lead, lead.id],
    [t.labels.customer, c.name],
    [t.labels.location, [c.postalCode, c.city, c.country].filter(Boolean).join(' ')],
    [t.labels.interest, [...(lead.interest.skus ?? []), ...(lead.interest.productLines ?? [])].join(', ') || t.notStated],
    ...(lead.expectedValue ? ([[t.labels.expectedValue, formatMoney(lead.expectedValue, language)]] as [string, string][]) : []),
    [t.labels.source, lead.source],
  ];
}

export function leadMail(args: { id: string; lead: StoredLead; kind: LeadMailKind; to: Recipient }): MailMessage {
  const language = languageOf(args.to);
  const t = TEXTS[language];
  const { subject, intro } = t.kinds[args.kind];
  const asksAnswer = (args.kind === 'offer' || args.kind === 'reminder') && args.lead.acceptBy;
  const facts = leadFacts(args.lead, t, language);
  return renderMail({
    id: args.id,
    to: args.to.email,
    language,
    subject: `${subject}: ${args.lead.customer.name}`,
    heading: subject,
    intro,
    deadline: asksAnswer ? t.acceptBy(formatInstant(args.lead.acceptBy as string, language)) : undefined,
    facts: args.kind === 'recall' ? facts.slice(0, 3) : facts,
    // A recalled lead is no longer the dealer's to open: its button leads to the dealer's lead inbox.
    cta: {
      href: portalLink(args.kind === 'recall' ? '/leads' : `/leads/${encodeURIComponent(args.lead.id)}`),
      label: args.kind === 'recall' ? t.inboxCta : t.cta,
      hint: MAIL_TEXTS[language].portalHint,
    },
    footer: MAIL_TEXTS[language].footer,
  });
}
