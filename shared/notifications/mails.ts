/** The mails the product sends, each with a plain-text and an HTML part. Pure: links are made by the caller. */
import type { StoredRegistration } from '../domain/registration.js';
import type { MailMessage } from '../outbox/message.js';
import { escapeHtml, formatDate, formatMoney } from './format.js';

export interface Parties {
  dealer: { id: string; name: string; email: string };
  region: { id: string; name: string; partnerManagerEmail: string; regionalDirectorEmail: string };
}

/** The deal's essentials as label/value rows, shared by mails and the review page. */
export function dealFacts(r: StoredRegistration, dealerName: string): [string, string][] {
  const c = r.customer;
  return [
    ['Dealer', dealerName],
    ['Customer', c.name],
    ['Location', [c.postalCode, c.city, c.country].filter(Boolean).join(' ')],
    ['Expected value', formatMoney(r.expectedValue)],
    ['Expected close', r.expectedCloseDate],
    ['Products', r.products.map((p) => `${p.quantity} × ${p.sku}`).join(', ')],
    ['Stage', r.stage ?? 'not given'],
    ['Competitors', r.competitors?.length ? r.competitors.join(', ') : 'none named'],
    ['Submitted', formatDate(r.submittedAt)],
    ...(r.flags?.length ? ([['Flags', r.flags.map((f) => `${f.rule}: ${f.detail}`).join('; ')]] as [string, string][]) : []),
    ...(r.extension?.status === 'requested'
      ? ([['Extension requested', `${r.extension.days} days: ${r.extension.reason}`]] as [string, string][])
      : []),
  ];
}

function mail(
  id: string,
  to: string,
  subject: string,
  intro: string,
  facts: [string, string][],
  link?: { href: string; label: string },
): MailMessage {
  const text = [
    intro,
    '',
    ...facts.map(([label, value]) => `${label}: ${value}`),
    ...(link ? ['', `${link.label}: ${link.href}`] : []),
  ].join('\n');
  const rows = facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const html = `<!doctype html><html><body><p>${escapeHtml(intro)}</p><table>${rows}</table>${
    link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''
  }</body></html>`;
  return { kind: 'mail', id, to: [to], subject, text, html };
}

export type ReviewPromptKind = 'review' | 'reminder' | 'escalation' | 'extension';

const PROMPTS: Record<ReviewPromptKind, { subject: string; intro: string }> = {
  review: {
    subject: 'Deal registration to review',
    intro: 'A dealer registered an opportunity. Please approve or reject it within 24 hours.',
  },
  reminder: {
    subject: 'Reminder: deal registration awaiting review',
    intro: 'This registration is past its review target and still awaits your decision.',
  },
  escalation: {
    subject: 'Escalated: deal registration overdue for review',
    intro: 'This registration passed its review limit without a decision and is escalated to you.',
  },
  extension: { subject: 'Protection extension to review', intro: 'A dealer asks to extend the protection of this registration.' },
};

export function reviewPrompt(args: {
  id: string;
  registration: StoredRegistration;
  parties: Parties;
  kind: ReviewPromptKind;
  to: string;
  link: string;
}): MailMessage {
  const prompt = PROMPTS[args.kind];
  return mail(
    args.id,
    args.to,
    `${prompt.subject}: ${args.registration.customer.name}`,
    prompt.intro,
    dealFacts(args.registration, args.parties.dealer.name),
    { href: args.link, label: 'Open the review page' },
  );
}

/**
 * To a conflict case's owner when a registration joins the case: the deal and the case, and no decision link —
 * a registration in conflict is decided only through its case.
 */
export function conflictNotice(args: {
  id: string;
  registration: StoredRegistration;
  parties: Parties;
  conflictId: string;
  to: string;
}): MailMessage {
  const r = args.registration;
  return mail(
    args.id,
    args.to,
    `Registration in conflict: ${r.customer.name}`,
    `A registration names a customer that is already pending or protected. You own conflict case ${args.conflictId}: ` +
      'settle it in the app (resolve or escalate the case). The registration cannot be approved on its own.',
    [['Conflict case', args.conflictId], ['Registration', r.id], ...dealFacts(r, args.parties.dealer.name)],
  );
}

/** To the partner manager when an auto-approved deal changed beyond what auto-approval approves: a look, no decision. */
export function reviewRequest(args: { id: string; registration: StoredRegistration; parties: Parties; reason: string }): MailMessage {
  const r = args.registration;
  return mail(
    args.id,
    args.parties.region.partnerManagerEmail,
    `Auto-approved deal needs a look: ${r.customer.name}`,
    `${args.reason} The registration stays protected; nothing needs deciding unless you see a reason to act.`,
    [['Registration', r.id], ...dealFacts(r, args.parties.dealer.name)],
  );
}

export type DealerNoticeKind = 'approved' | 'rejected' | 'expiring' | 'expired' | 'extension_approved' | 'extension_rejected';

export function dealerNotice(args: {
  id: string;
  registration: StoredRegistration;
  parties: Parties;
  kind: DealerNoticeKind;
  daysLeft?: number;
}): MailMessage {
  const r = args.registration;
  const until = r.protectedUntil ? formatDate(r.protectedUntil) : '';
  const reason = r.decisionReason ? ` Reason: ${r.decisionReason}` : '';
  const texts: Record<DealerNoticeKind, [string, string]> = {
    approved: ['Registration approved', `Your registration is approved and protected until ${until}.${reason}`],
    rejected: ['Registration rejected', `Your registration was rejected.${reason}`],
    expiring: [
      'Protection expiring',
      `The protection of your registration ends in ${args.daysLeft} days, on ${until}. Report the outcome or request an extension.`,
    ],
    expired: ['Protection expired', `The protection of your registration ended on ${until}; the customer is free again.`],
    extension_approved: ['Extension approved', `Your extension is approved: the registration is now protected until ${until}.`],
    extension_rejected: ['Extension rejected', `Your extension request was rejected; the protection still ends on ${until}.`],
  };
  const [subject, intro] = texts[args.kind];
  const facts: [string, string][] = [
    ['Registration', r.id],
    ['Customer', `${r.customer.name}, ${r.customer.city} ${r.customer.country}`],
    ['Status', r.status],
  ];
  return mail(args.id, args.parties.dealer.email, `${subject}: ${r.customer.name}`, intro, facts);
}
