/**
 * Fills a compiled MJML layout (mail-layouts.generated.ts) with one mail's texts. Every value is escaped here, so a
 * dealer-supplied name can never become markup; the text part says the same as the HTML, with the one link spelled out.
 */
import type { MailMessage } from '../outbox/message.js';
import type { Language } from '../schemas/setup.js';
import { escapeHtml } from './format.js';
import { MAIL_LAYOUTS } from './mail-layouts.generated.js';

export interface MailContent {
  id: string;
  to: string;
  language: Language;
  subject: string;
  heading: string;
  intro: string;
  /** The decide-by line of a mail that asks for something; a mail that only tells has none. */
  deadline?: string | undefined;
  facts: [string, string][];
  cta: { href: string; label: string; hint: string };
  footer: string;
}

const FACT_ROW = (label: string, value: string) =>
  `<tr><th scope="row" style="text-align:left;vertical-align:top;color:#4a5563;font-weight:normal;padding:4px 12px 4px 0">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`;

/** Header fields must stay one line, whatever a customer's name holds. */
const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ').trim();

export function renderMail(content: MailContent): MailMessage {
  const layout = MAIL_LAYOUTS[content.deadline ? 'action' : 'notice'];
  const subject = oneLine(content.subject);
  const slots: Record<string, string> = {
    lang: escapeHtml(content.language),
    subject: escapeHtml(subject),
    preview: escapeHtml(content.deadline ?? content.intro),
    heading: escapeHtml(content.heading),
    intro: escapeHtml(content.intro),
    deadline: escapeHtml(content.deadline ?? ''),
    facts: content.facts.map(([label, value]) => FACT_ROW(label, value)).join(''),
    ctaHref: escapeHtml(content.cta.href),
    ctaLabel: escapeHtml(content.cta.label),
    ctaHint: escapeHtml(content.cta.hint),
    footer: escapeHtml(content.footer),
  };
  const html = layout.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    const value = slots[slot];
    if (value === undefined) throw new Error(`Mail layout slot ${slot} has no value`);
    return value;
  });
  const text = [
    content.heading,
    '',
    content.intro,
    ...(content.deadline ? ['', content.deadline] : []),
    '',
    ...content.facts.map(([label, value]) => `${label}: ${value}`),
    '',
    `${content.cta.label}: ${content.cta.href}`,
    content.cta.hint,
    '',
    '-- ',
    content.footer,
  ].join('\n');
  return { kind: 'mail', id: content.id, to: [content.to], subject, text, html, content };
}
