/** The HTML of the review page and its outcomes. Everything interpolated is escaped. */
import type { StoredRegistration } from '../domain/registration.js';
import type { HttpResult } from '../http/route-stack.js';
import { escapeHtml } from '../notifications/format.js';
import { dealFacts } from '../notifications/mails.js';

const HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // The token is in the URL: never send it on as a Referer, never let the page be indexed or framed.
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

function page(status: number, title: string, content: string): HttpResult {
  return {
    status,
    headers: HEADERS,
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}
th{text-align:left;padding-right:1rem;vertical-align:top}textarea{width:100%}button{font-size:1rem;margin:.5rem .5rem 0 0;padding:.5rem 1rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>${content}</body></html>`,
  };
}

const factsTable = (r: StoredRegistration, dealerName: string) =>
  `<table>${dealFacts(r, dealerName)
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('')}</table>`;

export type PagePurpose = 'review' | 'extension';

export function decisionForm(r: StoredRegistration, dealerName: string, purpose: PagePurpose, problem?: string): HttpResult {
  const title = purpose === 'review' ? 'Review deal registration' : 'Review protection extension';
  return page(
    problem ? 400 : 200,
    title,
    `${problem ? `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>` : ''}${factsTable(r, dealerName)}
<form method="post"><p><label for="reason">Reason (required to reject)</label><br><textarea id="reason" name="reason" rows="3" maxlength="1000"></textarea></p>
<button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="reject">Reject</button></form>`,
  );
}

/**
 * What a used, expired or refused link shows: the registration's state and nothing of the deal, because such a
 * link may be in anyone's hands (a forwarded mail, a mail scanner's log).
 */
export function currentState(status: number, heading: string, r: StoredRegistration): HttpResult {
  const state = [
    `Status: ${r.status}`,
    r.decidedAt ? `decided ${r.decidedAt}` : '',
    r.protectedUntil ? `protected until ${r.protectedUntil}` : '',
    r.extension ? `extension ${r.extension.status}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return page(status, heading, `<p>${escapeHtml(state)}.</p>`);
}

/** A registration that went into conflict is decided through its conflict case, never through a review link. */
export const inConflict = (status: number) =>
  page(
    status,
    'Decided through its conflict case',
    '<p>This registration is in conflict with another registration of the same customer. It is decided only through its conflict case, in the app.</p>',
  );

export const invalidLink = () =>
  page(404, 'This review link is not valid', '<p>Open the link from the email exactly as it was sent, or review in the app.</p>');

export const expiredLink = (r: StoredRegistration | undefined) =>
  r
    ? currentState(410, 'This review link has expired', r)
    : page(410, 'This review link has expired', '<p>Review the registration in the app.</p>');

export const notYourRegion = () =>
  page(403, 'This link no longer applies', '<p>The link was sent to someone who no longer reviews this region.</p>');
