/**
 * The mails the product sends: responsive HTML (compiled MJML layouts) plus a plain-text part, one call to action,
 * the decide-by time where something is asked, in the recipient's language. Pure: links and times come from the caller.
 */
import type { StoredRegistration } from '../domain/registration.js';
import type { MailMessage } from '../outbox/message.js';
import { type Language, languageOf } from '../schemas/setup.js';
import { formatDay, formatInstant, formatMoney } from './format.js';
import { renderMail } from './mail-render.js';
import { MAIL_TEXTS, type NoticeKind, type PromptKind } from './mail-texts.js';

export interface Parties {
  dealer: { id: string; name: string; email: string; language?: Language | undefined };
  region: { id: string; name: string; partnerManagerEmail: string; regionalDirectorEmail: string; language?: Language | undefined };
}

/** The deal's essentials as label/value rows, shared by mails and the review page. */
export function dealFacts(r: StoredRegistration, dealerName: string, language: Language = 'en'): [string, string][] {
  const t = MAIL_TEXTS[language];
  const c = r.customer;
  return [
    [t.labels.dealer, dealerName],
    [t.labels.customer, c.name],
    [t.labels.location, [c.postalCode, c.city, c.country].filter(Boolean).join(' ')],
    [t.labels.expectedValue, formatMoney(r.expectedValue, language)],
    [t.labels.expectedClose, formatDay(r.expectedCloseDate, language)],
    [t.labels.products, r.products.map((p) => `${p.quantity} × ${p.sku}`).join(', ')],
    [t.labels.stage, t.stage[r.stage ?? 'none']],
    [t.labels.competitors, r.competitors?.length ? r.competitors.join(', ') : t.noCompetitors],
    [t.labels.submitted, formatInstant(r.submittedAt, language)],
    ...(r.flags?.length ? ([[t.labels.flags, r.flags.map((f) => `${f.rule}: ${f.detail}`).join('; ')]] as [string, string][]) : []),
    ...(r.extension?.status === 'requested'
      ? ([[t.labels.extensionRequested, t.extension(r.extension.days, r.extension.reason)]] as [string, string][])
      : []),
  ];
}

export type ReviewPromptKind = PromptKind;

/** To a reviewer: the deal and its one review link, to decide by `decideBy` (for an escalation: until the link expires). */
export function reviewPrompt(args: {
  id: string;
  registration: StoredRegistration;
  parties: Parties;
  kind: ReviewPromptKind;
  to: string;
  link: string;
  decideBy: string;
}): MailMessage {
  const language = languageOf(args.parties.region);
  const t = MAIL_TEXTS[language];
  const prompt = t.prompts[args.kind];
  return renderMail({
    id: args.id,
    to: args.to,
    language,
    subject: `${prompt.subject}: ${args.registration.customer.name}`,
    heading: prompt.heading,
    intro: prompt.intro,
    deadline: prompt.deadline(args.kind === 'extension' ? formatDay(args.decideBy, language) : formatInstant(args.decideBy, language)),
    facts: dealFacts(args.registration, args.parties.dealer.name, language),
    cta: { href: args.link, label: t.promptCta, hint: t.promptHint },
    footer: t.footer,
  });
}

/**
 * To a conflict case's owner when a registration joins the case: the deal and the case, linked to the case in the
 * portal — never a decision link: a registration in conflict is decided only through its case.
 */
export function conflictNotice(args: {
  id: string;
  registration: StoredRegistration;
  parties: Parties;
  conflictId: string;
  to: string;
  link: string;
  settleBy: string;
}): MailMessage {
  const r = args.registration;
  const language = languageOf(args.parties.region);
  const t = MAIL_TEXTS[language];
  return renderMail({
    id: args.id,
    to: args.to,
    language,
    subject: `${t.conflict.subject}: ${r.customer.name}`,
    heading: t.conflict.heading,
    intro: t.conflict.intro(args.conflictId),
    deadline: t.conflict.deadline(formatInstant(args.settleBy, language)),
    facts: [[t.labels.conflictCase, args.conflictId], [t.labels.registration, r.id], ...dealFacts(r, args.parties.dealer.name, language)],
    cta: { href: args.link, label: t.conflict.cta, hint: t.portalHint },
    footer: t.footer,
  });
}

/** To the partner manager when an auto-approved deal changed beyond what auto-approval approves: a look, no decision. */
export function reviewRequest(args: {
  id: string;
  registration: StoredRegistration;
  parties: Parties;
  reason: string;
  link: string;
}): MailMessage {
  const r = args.registration;
  const language = languageOf(args.parties.region);
  const t = MAIL_TEXTS[language];
  return renderMail({
    id: args.id,
    to: args.parties.region.partnerManagerEmail,
    language,
    subject: `${t.look.subject}: ${r.customer.name}`,
    heading: t.look.heading,
    intro: `${args.reason} ${t.look.outro}`,
    facts: [[t.labels.registration, r.id], ...dealFacts(r, args.parties.dealer.name, language)],
    cta: { href: args.link, label: t.look.cta, hint: t.portalHint },
    footer: t.footer,
  });
}

export type DealerNoticeKind = NoticeKind;

/** To the dealer: a decision, an expiry warning, the expiry or an extension's outcome, linked to its registration. */
export function dealerNotice(args: {
  id: string;
  registration: StoredRegistration;
  parties: Parties;
  kind: DealerNoticeKind;
  link: string;
  daysLeft?: number;
}): MailMessage {
  const r = args.registration;
  const language = languageOf(args.parties.dealer);
  const t = MAIL_TEXTS[language];
  const notice = t.notices[args.kind];
  const until = r.protectedUntil ? formatDay(r.protectedUntil, language) : '';
  const decided = args.kind === 'approved' || args.kind === 'rejected';
  const facts: [string, string][] = [
    [t.labels.registration, r.id],
    [t.labels.customer, `${r.customer.name}, ${r.customer.city} ${r.customer.country}`],
    [t.labels.status, t.status[r.status] ?? r.status],
    ...(r.protectedUntil && r.status === 'approved' ? ([[t.labels.protectedUntil, until]] as [string, string][]) : []),
    ...(decided && r.decisionReason ? ([[t.labels.reason, r.decisionReason]] as [string, string][]) : []),
  ];
  return renderMail({
    id: args.id,
    to: args.parties.dealer.email,
    language,
    subject: `${notice.subject}: ${r.customer.name}`,
    heading: notice.subject,
    intro: notice.intro(until, args.daysLeft ?? 0),
    deadline: args.kind === 'expiring' && r.protectedUntil ? t.expiringDeadline(formatInstant(r.protectedUntil, language)) : undefined,
    facts,
    cta: { href: args.link, label: t.noticeCta, hint: t.portalHint },
    footer: t.footer,
  });
}
