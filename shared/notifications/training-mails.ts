/** The certification-expiry warning to a dealer, with a plain-text and an HTML part. Pure. */
import type { MailMessage } from '../outbox/message.js';
import { escapeHtml } from './format.js';

export function certificationExpiringMail(args: {
  id: string;
  dealer: { name: string; email: string };
  module: { title: string };
  expiresOn: string;
}): MailMessage {
  const { dealer, module, expiresOn } = args;
  const intro = `The certification "${module.title}" of ${dealer.name} ends on ${expiresOn}.`;
  const renew = 'A user who completes the module again, or passes its quiz under Training in the partner portal, renews it.';
  const text = [intro, '', `Module: ${module.title}`, `Ends on: ${expiresOn}`, '', renew].join('\n');
  const html = `<!doctype html><html lang="en"><body><p>${escapeHtml(intro)}</p><table><tr><th align="left">Module</th><td>${escapeHtml(
    module.title,
  )}</td></tr><tr><th align="left">Ends on</th><td>${escapeHtml(expiresOn)}</td></tr></table><p>${escapeHtml(renew)}</p></body></html>`;
  return { kind: 'mail', id: args.id, to: [dealer.email], subject: `Certification ending on ${expiresOn}: ${module.title}`, text, html };
}
