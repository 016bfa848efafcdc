/** Mails and events of co-marketing funds: decisions, reminders, lapses, payments. Pure: ids and recipients come in. */
import type { StoredFundClaim, StoredFundRequest } from '../db/funds-repository.js';
import type { EventMessage, MailMessage } from '../outbox/message.js';
import { escapeHtml, formatMoney } from './format.js';

function fundMail(id: string, to: string, subject: string, intro: string, facts: [string, string][]): MailMessage {
  const text = [intro, '', ...facts.map(([label, value]) => `${label}: ${value}`)].join('\n');
  const rows = facts.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const html = `<!doctype html><html lang="en"><body><p>${escapeHtml(intro)}</p><table>${rows}</table></body></html>`;
  return { kind: 'mail', id, to: [to], subject, text, html };
}

const requestFacts = (r: StoredFundRequest): [string, string][] => [
  ['Activity', r.activity],
  ['Dates', `${r.startsOn} – ${r.endsOn}`],
  ['Cost', formatMoney(r.cost)],
  ['Requested', formatMoney(r.requested)],
  ...(r.approved ? ([['Approved', formatMoney(r.approved)]] as [string, string][]) : []),
  ['Period', r.period],
];

/** To the region's partner manager: a request or a claim waits for a decision. */
export function fundReviewPrompt(id: string, to: string, r: StoredFundRequest, dealerName: string, claim?: StoredFundClaim): MailMessage {
  return claim
    ? fundMail(id, to, 'Co-marketing claim to review', `${dealerName} claims co-marketing funds for a completed activity.`, [
        ['Dealer', dealerName],
        ...requestFacts(r),
        ['Claimed', formatMoney(claim.amount)],
        ['Proof files', String(claim.proof.length)],
      ])
    : fundMail(id, to, 'Co-marketing fund request to review', `${dealerName} requests co-marketing funds for an activity.`, [
        ['Dealer', dealerName],
        ...requestFacts(r),
        ['Description', r.description],
      ]);
}

/** To the dealer: its request was approved (perhaps for less) or rejected. */
export function fundRequestDecidedMail(id: string, to: string, r: StoredFundRequest): MailMessage {
  const approved = r.status === 'approved';
  const less = approved && r.approved && r.approved.amount < r.requested.amount;
  return fundMail(
    id,
    to,
    approved ? 'Co-marketing funds approved' : 'Co-marketing fund request rejected',
    approved
      ? `Your request was approved${less ? ' for a lower amount than asked' : ''}. Claim it with the invoice and proof of the activity by ${r.claimDeadline}.`
      : 'Your request for co-marketing funds was rejected.',
    [...requestFacts(r), ...(r.decisionReason ? ([['Reason', r.decisionReason]] as [string, string][]) : [])],
  );
}

/** To the dealer: the claim deadline of an approved request comes near. */
export function fundClaimReminderMail(id: string, to: string, r: StoredFundRequest, daysLeft: number): MailMessage {
  return fundMail(
    id,
    to,
    `Reminder: claim your co-marketing funds within ${daysLeft} day${daysLeft === 1 ? '' : 's'}`,
    `The approved funds for this activity lapse unless you claim them by ${r.claimDeadline}.`,
    [...requestFacts(r), ['Claim deadline', r.claimDeadline]],
  );
}

/** To the dealer: nobody claimed the approval before its deadline; the amount went back to the allocation. */
export function fundApprovalLapsedMail(id: string, to: string, r: StoredFundRequest): MailMessage {
  return fundMail(
    id,
    to,
    'Co-marketing funds lapsed',
    `The approved funds for this activity were not claimed by ${r.claimDeadline} and returned to your allocation.`,
    requestFacts(r),
  );
}

/** To the dealer: its claim was approved or rejected. */
export function fundClaimDecidedMail(id: string, to: string, r: StoredFundRequest, c: StoredFundClaim): MailMessage {
  const approved = c.status === 'approved';
  return fundMail(
    id,
    to,
    approved ? 'Co-marketing claim approved' : 'Co-marketing claim rejected',
    approved
      ? 'Your claim was approved; finance will pay it.'
      : `Your claim was rejected. You may claim again with corrected proof by ${r.claimDeadline}.`,
    [
      ...requestFacts(r),
      ['Claimed', formatMoney(c.amount)],
      ...(c.decisionReason ? ([['Reason', c.decisionReason]] as [string, string][]) : []),
    ],
  );
}

/** To the dealer: finance paid its claim. */
export function fundClaimPaidMail(id: string, to: string, r: StoredFundRequest, c: StoredFundClaim): MailMessage {
  return fundMail(id, to, 'Co-marketing claim paid', 'Your co-marketing claim was paid.', [
    ...requestFacts(r),
    ['Paid', formatMoney(c.amount)],
    ['Paid on', c.paidOn ?? ''],
    ['Reference', c.paymentReference ?? ''],
  ]);
}

export function fundEvent(
  id: string,
  detailType: 'FundRequestDecided' | 'FundClaimDecided' | 'FundClaimPaid',
  r: StoredFundRequest,
  at: string,
  claim?: StoredFundClaim,
): EventMessage {
  return {
    kind: 'event',
    id,
    detailType,
    detail: {
      requestId: r.id,
      dealerId: r.dealerId,
      regionId: r.regionId,
      period: r.period,
      status: r.status,
      requested: r.requested,
      ...(r.approved ? { approved: r.approved } : {}),
      ...(claim ? { claimId: claim.id, claimStatus: claim.status, claimed: claim.amount } : {}),
      ...(claim?.paymentReference ? { paymentReference: claim.paymentReference, paidOn: claim.paidOn } : {}),
      at,
    },
  };
}
