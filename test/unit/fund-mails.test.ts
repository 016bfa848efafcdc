/** Fund mails through the shared layout: the recipient's language, one link, the claim deadline, escaped text. */
import { describe, expect, it } from 'vitest';
import type { StoredFundClaim, StoredFundRequest } from '../../shared/db/funds-repository.js';
import {
  fundApprovalLapsedMail,
  fundClaimDecidedMail,
  fundClaimPaidMail,
  fundClaimReminderMail,
  fundRequestDecidedMail,
  fundReviewPrompt,
} from '../../shared/notifications/fund-mails.js';
import type { MailMessage } from '../../shared/outbox/message.js';
import { LANGUAGES, type Language } from '../../shared/schemas/setup.js';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const LINK = 'https://portal.example.com/funds';
const request = (activity = 'Messestand EMO'): StoredFundRequest => ({
  id: 'fr_000000000000000000000001',
  dealerId: 'alpine',
  regionId: 'dach',
  period: '2027-Q1',
  status: 'approved',
  activity,
  description: 'Booth with live demos',
  startsOn: '2027-02-01',
  endsOn: '2027-02-03',
  cost: eur(2_000_000),
  requested: eur(1_000_000),
  approved: eur(750_000),
  claimDeadline: '2027-04-04',
  submittedAt: '2027-01-10T09:00:00.000Z',
  decisionReason: 'Capped at the booth share',
  version: 2,
});
const claim = (status: StoredFundClaim['status']): StoredFundClaim =>
  ({
    id: 'fc_000000000000000000000001',
    requestId: 'fr_000000000000000000000001',
    dealerId: 'alpine',
    regionId: 'dach',
    period: '2027-Q1',
    activity: 'Messestand EMO',
    status,
    amount: eur(720_000),
    approvedRequest: eur(750_000),
    proof: ['file_7Hq2LmX9sT4vB8nK3pW6yZ1a'],
    submittedAt: '2027-02-10T09:00:00.000Z',
    paidOn: '2027-03-10',
    paymentReference: 'SEPA-2027-000481',
    version: 2,
  }) as StoredFundClaim;

function allMails(language: Language, activity?: string): Record<string, MailMessage> {
  const to = { email: 'dealer@example.com', language };
  const r = request(activity);
  return {
    requestPrompt: fundReviewPrompt('m1', to, { ...r, status: 'submitted', approved: undefined }, 'Müller <b>GmbH</b>', LINK),
    claimPrompt: fundReviewPrompt('m2', to, { ...r, status: 'claimed' }, 'Müller <b>GmbH</b>', LINK, claim('submitted')),
    approved: fundRequestDecidedMail('m3', to, r, LINK),
    rejected: fundRequestDecidedMail('m4', to, { ...r, status: 'rejected', approved: undefined }, LINK),
    reminder: fundClaimReminderMail('m5', to, r, 5, LINK),
    lapsed: fundApprovalLapsedMail('m6', to, { ...r, status: 'lapsed' }, LINK),
    claimApproved: fundClaimDecidedMail('m7', to, { ...r, status: 'claim_approved' }, claim('approved'), LINK),
    claimRejected: fundClaimDecidedMail('m8', to, r, claim('rejected'), LINK),
    paid: fundClaimPaidMail('m9', to, { ...r, status: 'paid' }, claim('paid'), LINK),
  };
}

const links = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]);

describe.each(LANGUAGES)('fund mails in %s', (language) => {
  const mails = allMails(language);
  it.each(Object.keys(mails))('%s is in the layout, in the language, with one link in the HTML and the text', (name) => {
    const mail = mails[name] as MailMessage;
    expect(mail.html).toMatch(new RegExp(`<html lang="${language}"`));
    expect(mail.html).not.toMatch(/\{\{\w+\}\}/);
    expect(links(mail.html)).toEqual([LINK]);
    expect(mail.text.match(/https?:\/\/\S+/g)).toEqual([LINK]);
    expect(mail.text).toContain('Messestand EMO');
  });
});

describe('fund mails', () => {
  it('speak German and Dutch, with their money and date forms', () => {
    const de = allMails('de');
    const nl = allMails('nl');
    expect(de.approved?.subject).toBe('Co-Marketing-Mittel genehmigt');
    expect(de.approved?.text).toContain('7.500,00\u00a0€');
    expect(de.approved?.text).toContain('4. April 2027');
    expect(nl.reminder?.subject).toBe('Herinnering: declareer uw co-marketingbudget binnen 5 dagen');
    expect(nl.reminder?.text).toContain('€\u00a07.500,00');
    expect(nl.reminder?.text).toContain('4 april 2027');
    expect(allMails('en').approved?.text).toContain('for a lower amount than asked');
  });

  it('put the claim deadline in the call-out of a mail that asks for a claim', () => {
    const { approved, reminder } = allMails('en');
    for (const mail of [approved, reminder] as MailMessage[]) {
      const callout = mail.html.match(/<div[^>]*color:#7a3e00[^>]*>([\s\S]*?)<\/div>/)?.[1] ?? '';
      expect(callout).toContain('4 April 2027');
    }
  });

  it('escape what dealers typed', () => {
    const mails = allMails('en', '<img src=x onerror=alert(1)>');
    for (const mail of Object.values(mails)) {
      expect(mail.html).not.toMatch(/<img|<b>/i);
      expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    }
  });
});
