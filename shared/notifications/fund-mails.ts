/**
 * Mails and events of co-marketing funds — decisions, reminders, lapses, payments — in the recipient's language
 * (the dealer's, or the region's for its partner manager) through the shared mail layout. Pure: ids, recipients
 * and portal links come in.
 */
import type { StoredFundClaim, StoredFundRequest } from '../db/funds-repository.js';
import type { EventMessage, MailMessage } from '../outbox/message.js';
import { type Language, languageOf } from '../schemas/setup.js';
import { formatDay, formatMoney } from './format.js';
import { renderMail } from './mail-render.js';

/** Who gets the mail: its address and the language it reads. */
export interface FundMailRecipient {
  email: string;
  language?: Language | undefined;
}

type FactLabel =
  | 'dealer'
  | 'activity'
  | 'dates'
  | 'cost'
  | 'requested'
  | 'approved'
  | 'period'
  | 'description'
  | 'claimed'
  | 'proofFiles'
  | 'reason'
  | 'claimDeadline'
  | 'paid'
  | 'paidOn'
  | 'reference';

interface Mail {
  subject: string;
  heading: string;
  intro: string;
}

interface FundTexts {
  labels: Record<FactLabel, string>;
  requestPrompt: (dealer: string) => Mail;
  claimPrompt: (dealer: string) => Mail;
  approved: (less: boolean, deadline: string) => Mail;
  rejected: Mail;
  claimBy: (deadline: string) => string;
  reminder: (daysLeft: number, deadline: string) => Mail;
  lapsed: (deadline: string) => Mail;
  claimApproved: Mail;
  claimRejected: (deadline: string) => Mail;
  claimPaid: Mail;
  reviewCta: string;
  dealerCta: string;
  claimCta: string;
  hint: string;
  footer: string;
}

const TEXTS: Record<Language, FundTexts> = {
  en: {
    labels: {
      dealer: 'Dealer',
      activity: 'Activity',
      dates: 'Dates',
      cost: 'Cost',
      requested: 'Requested',
      approved: 'Approved',
      period: 'Period',
      description: 'Description',
      claimed: 'Claimed',
      proofFiles: 'Proof files',
      reason: 'Reason',
      claimDeadline: 'Claim deadline',
      paid: 'Paid',
      paidOn: 'Paid on',
      reference: 'Reference',
    },
    requestPrompt: (dealer) => ({
      subject: 'Co-marketing fund request to review',
      heading: 'A co-marketing fund request awaits your decision',
      intro: `${dealer} requests co-marketing funds for an activity.`,
    }),
    claimPrompt: (dealer) => ({
      subject: 'Co-marketing claim to review',
      heading: 'A co-marketing claim awaits your decision',
      intro: `${dealer} claims co-marketing funds for a completed activity.`,
    }),
    approved: (less, deadline) => ({
      subject: 'Co-marketing funds approved',
      heading: 'Your co-marketing funds were approved',
      intro: `Your request was approved${less ? ' for a lower amount than asked' : ''}. Claim it with the invoice and proof of the activity by ${deadline}.`,
    }),
    rejected: {
      subject: 'Co-marketing fund request rejected',
      heading: 'Your co-marketing fund request was rejected',
      intro: 'Your request for co-marketing funds was rejected.',
    },
    claimBy: (deadline) => `Claim by ${deadline}, after the activity has ended, with the invoice and proof.`,
    reminder: (daysLeft, deadline) => ({
      subject: `Reminder: claim your co-marketing funds within ${daysLeft} day${daysLeft === 1 ? '' : 's'}`,
      heading: 'Your approved co-marketing funds are still unclaimed',
      intro: `The approved funds for this activity lapse unless you claim them by ${deadline}.`,
    }),
    lapsed: (deadline) => ({
      subject: 'Co-marketing funds lapsed',
      heading: 'Your approved co-marketing funds lapsed',
      intro: `The approved funds for this activity were not claimed by ${deadline} and returned to your allocation.`,
    }),
    claimApproved: {
      subject: 'Co-marketing claim approved',
      heading: 'Your co-marketing claim was approved',
      intro: 'Your claim was approved; finance will pay it.',
    },
    claimRejected: (deadline) => ({
      subject: 'Co-marketing claim rejected',
      heading: 'Your co-marketing claim was rejected',
      intro: `Your claim was rejected. You may claim again with corrected proof by ${deadline}.`,
    }),
    claimPaid: {
      subject: 'Co-marketing claim paid',
      heading: 'Your co-marketing claim was paid',
      intro: 'Your co-marketing claim was paid.',
    },
    reviewCta: 'Open the funds queue',
    dealerCta: 'Open co-marketing funds',
    claimCta: 'Claim the funds',
    hint: 'Sign in to the partner portal to see every request and claim.',
    footer: 'Dealer Channel — co-marketing funds of your partner program.',
  },
  de: {
    labels: {
      dealer: 'Händler',
      activity: 'Maßnahme',
      dates: 'Zeitraum',
      cost: 'Kosten',
      requested: 'Beantragt',
      approved: 'Genehmigt',
      period: 'Quartal',
      description: 'Beschreibung',
      claimed: 'Abgerechnet',
      proofFiles: 'Nachweise',
      reason: 'Begründung',
      claimDeadline: 'Abrechnen bis',
      paid: 'Ausgezahlt',
      paidOn: 'Bezahlt am',
      reference: 'Referenz',
    },
    requestPrompt: (dealer) => ({
      subject: 'Antrag auf Co-Marketing-Mittel zu prüfen',
      heading: 'Ein Antrag auf Co-Marketing-Mittel wartet auf Ihre Entscheidung',
      intro: `${dealer} beantragt Co-Marketing-Mittel für eine Maßnahme.`,
    }),
    claimPrompt: (dealer) => ({
      subject: 'Co-Marketing-Abrechnung zu prüfen',
      heading: 'Eine Co-Marketing-Abrechnung wartet auf Ihre Entscheidung',
      intro: `${dealer} rechnet Co-Marketing-Mittel für eine abgeschlossene Maßnahme ab.`,
    }),
    approved: (less, deadline) => ({
      subject: 'Co-Marketing-Mittel genehmigt',
      heading: 'Ihre Co-Marketing-Mittel wurden genehmigt',
      intro: `Ihr Antrag wurde${less ? ' mit einem niedrigeren Betrag als beantragt' : ''} genehmigt. Rechnen Sie ihn mit Rechnung und Nachweisen der Maßnahme bis zum ${deadline} ab.`,
    }),
    rejected: {
      subject: 'Antrag auf Co-Marketing-Mittel abgelehnt',
      heading: 'Ihr Antrag auf Co-Marketing-Mittel wurde abgelehnt',
      intro: 'Ihr Antrag auf Co-Marketing-Mittel wurde abgelehnt.',
    },
    claimBy: (deadline) => `Abrechnen bis zum ${deadline}, nach dem Ende der Maßnahme, mit Rechnung und Nachweisen.`,
    reminder: (daysLeft, deadline) => ({
      subject: `Erinnerung: Co-Marketing-Mittel in ${daysLeft} ${daysLeft === 1 ? 'Tag' : 'Tagen'} abrechnen`,
      heading: 'Ihre genehmigten Co-Marketing-Mittel sind noch nicht abgerechnet',
      intro: `Die genehmigten Mittel dieser Maßnahme verfallen, wenn Sie sie nicht bis zum ${deadline} abrechnen.`,
    }),
    lapsed: (deadline) => ({
      subject: 'Co-Marketing-Mittel verfallen',
      heading: 'Ihre genehmigten Co-Marketing-Mittel sind verfallen',
      intro: `Die genehmigten Mittel dieser Maßnahme wurden nicht bis zum ${deadline} abgerechnet und gehen an Ihre Zuteilung zurück.`,
    }),
    claimApproved: {
      subject: 'Co-Marketing-Abrechnung genehmigt',
      heading: 'Ihre Co-Marketing-Abrechnung wurde genehmigt',
      intro: 'Ihre Abrechnung wurde genehmigt; die Buchhaltung zahlt sie aus.',
    },
    claimRejected: (deadline) => ({
      subject: 'Co-Marketing-Abrechnung abgelehnt',
      heading: 'Ihre Co-Marketing-Abrechnung wurde abgelehnt',
      intro: `Ihre Abrechnung wurde abgelehnt. Sie können bis zum ${deadline} mit korrigierten Nachweisen erneut abrechnen.`,
    }),
    claimPaid: {
      subject: 'Co-Marketing-Abrechnung ausgezahlt',
      heading: 'Ihre Co-Marketing-Abrechnung wurde ausgezahlt',
      intro: 'Ihre Co-Marketing-Abrechnung wurde ausgezahlt.',
    },
    reviewCta: 'Mittel-Anträge öffnen',
    dealerCta: 'Co-Marketing-Mittel öffnen',
    claimCta: 'Mittel abrechnen',
    hint: 'Melden Sie sich im Partnerportal an, um alle Anträge und Abrechnungen zu sehen.',
    footer: 'Dealer Channel — Co-Marketing-Mittel Ihres Partnerprogramms.',
  },
  nl: {
    labels: {
      dealer: 'Dealer',
      activity: 'Activiteit',
      dates: 'Periode',
      cost: 'Kosten',
      requested: 'Aangevraagd',
      approved: 'Goedgekeurd',
      period: 'Kwartaal',
      description: 'Omschrijving',
      claimed: 'Gedeclareerd',
      proofFiles: 'Bewijsstukken',
      reason: 'Reden',
      claimDeadline: 'Declareren vóór',
      paid: 'Uitbetaald',
      paidOn: 'Betaald op',
      reference: 'Referentie',
    },
    requestPrompt: (dealer) => ({
      subject: 'Aanvraag co-marketingbudget te beoordelen',
      heading: 'Een aanvraag voor co-marketingbudget wacht op uw besluit',
      intro: `${dealer} vraagt co-marketingbudget aan voor een activiteit.`,
    }),
    claimPrompt: (dealer) => ({
      subject: 'Co-marketingdeclaratie te beoordelen',
      heading: 'Een co-marketingdeclaratie wacht op uw besluit',
      intro: `${dealer} declareert co-marketingbudget voor een afgeronde activiteit.`,
    }),
    approved: (less, deadline) => ({
      subject: 'Co-marketingbudget goedgekeurd',
      heading: 'Uw co-marketingbudget is goedgekeurd',
      intro: `Uw aanvraag is goedgekeurd${less ? ' voor een lager bedrag dan gevraagd' : ''}. Declareer met de factuur en het bewijs van de activiteit vóór ${deadline}.`,
    }),
    rejected: {
      subject: 'Aanvraag co-marketingbudget afgewezen',
      heading: 'Uw aanvraag voor co-marketingbudget is afgewezen',
      intro: 'Uw aanvraag voor co-marketingbudget is afgewezen.',
    },
    claimBy: (deadline) => `Declareer vóór ${deadline}, na afloop van de activiteit, met de factuur en het bewijs.`,
    reminder: (daysLeft, deadline) => ({
      subject: `Herinnering: declareer uw co-marketingbudget binnen ${daysLeft} ${daysLeft === 1 ? 'dag' : 'dagen'}`,
      heading: 'Uw goedgekeurde co-marketingbudget is nog niet gedeclareerd',
      intro: `Het goedgekeurde budget voor deze activiteit vervalt als u het niet vóór ${deadline} declareert.`,
    }),
    lapsed: (deadline) => ({
      subject: 'Co-marketingbudget vervallen',
      heading: 'Uw goedgekeurde co-marketingbudget is vervallen',
      intro: `Het goedgekeurde budget voor deze activiteit is niet vóór ${deadline} gedeclareerd en gaat terug naar uw toewijzing.`,
    }),
    claimApproved: {
      subject: 'Co-marketingdeclaratie goedgekeurd',
      heading: 'Uw co-marketingdeclaratie is goedgekeurd',
      intro: 'Uw declaratie is goedgekeurd; de financiële afdeling betaalt haar uit.',
    },
    claimRejected: (deadline) => ({
      subject: 'Co-marketingdeclaratie afgewezen',
      heading: 'Uw co-marketingdeclaratie is afgewezen',
      intro: `Uw declaratie is afgewezen. U kunt vóór ${deadline} opnieuw declareren met gecorrigeerd bewijs.`,
    }),
    claimPaid: {
      subject: 'Co-marketingdeclaratie uitbetaald',
      heading: 'Uw co-marketingdeclaratie is uitbetaald',
      intro: 'Uw co-marketingdeclaratie is uitbetaald.',
    },
    reviewCta: 'Budgetaanvragen openen',
    dealerCta: 'Co-marketingbudget openen',
    claimCta: 'Budget declareren',
    hint: 'Meld u aan op het partnerportaal om alle aanvragen en declaraties te zien.',
    footer: 'Dealer Channel — co-marketingbudget van uw partnerprogramma.',
  },
};

function requestFacts(r: StoredFundRequest, t: FundTexts, language: Language): [string, string][] {
  return [
    [t.labels.activity, r.activity],
    [t.labels.dates, `${formatDay(r.startsOn, language)} – ${formatDay(r.endsOn, language)}`],
    [t.labels.cost, formatMoney(r.cost, language)],
    [t.labels.requested, formatMoney(r.requested, language)],
    ...(r.approved ? ([[t.labels.approved, formatMoney(r.approved, language)]] as [string, string][]) : []),
    [t.labels.period, r.period],
  ];
}

function fundMail(
  args: { id: string; to: FundMailRecipient; link: string },
  build: (
    t: FundTexts,
    language: Language,
  ) => { mail: Mail; facts: [string, string][]; deadline?: string; cta: 'review' | 'dealer' | 'claim' },
): MailMessage {
  const language = languageOf(args.to);
  const t = TEXTS[language];
  const { mail, facts, deadline, cta } = build(t, language);
  return renderMail({
    id: args.id,
    to: args.to.email,
    language,
    ...mail,
    deadline,
    facts,
    cta: { href: args.link, label: { review: t.reviewCta, dealer: t.dealerCta, claim: t.claimCta }[cta], hint: t.hint },
    footer: t.footer,
  });
}

const reasonFact = (t: FundTexts, reason: string | undefined): [string, string][] => (reason ? [[t.labels.reason, reason]] : []);

/** To the region's partner manager: a request or a claim waits for a decision (`link`: the funds queue). */
export function fundReviewPrompt(
  id: string,
  to: FundMailRecipient,
  r: StoredFundRequest,
  dealerName: string,
  link: string,
  claim?: StoredFundClaim,
): MailMessage {
  return fundMail({ id, to, link }, (t, language) =>
    claim
      ? {
          mail: t.claimPrompt(dealerName),
          facts: [
            [t.labels.dealer, dealerName],
            ...requestFacts(r, t, language),
            [t.labels.claimed, formatMoney(claim.amount, language)],
            [t.labels.proofFiles, String(claim.proof.length)],
          ],
          cta: 'review',
        }
      : {
          mail: t.requestPrompt(dealerName),
          facts: [[t.labels.dealer, dealerName], ...requestFacts(r, t, language), [t.labels.description, r.description]],
          cta: 'review',
        },
  );
}

/** To the dealer: its request was approved (perhaps for less) or rejected (`link`: its funds page). */
export function fundRequestDecidedMail(id: string, to: FundMailRecipient, r: StoredFundRequest, link: string): MailMessage {
  return fundMail({ id, to, link }, (t, language) => {
    const deadline = formatDay(r.claimDeadline, language);
    const facts = [...requestFacts(r, t, language), ...reasonFact(t, r.decisionReason)];
    if (r.status !== 'approved') return { mail: t.rejected, facts, cta: 'dealer' };
    const less = Boolean(r.approved && r.approved.amount < r.requested.amount);
    return { mail: t.approved(less, deadline), facts, deadline: t.claimBy(deadline), cta: 'dealer' };
  });
}

/** To the dealer: the claim deadline of an approved request comes near (`link`: the request's claim page). */
export function fundClaimReminderMail(
  id: string,
  to: FundMailRecipient,
  r: StoredFundRequest,
  daysLeft: number,
  link: string,
): MailMessage {
  return fundMail({ id, to, link }, (t, language) => {
    const deadline = formatDay(r.claimDeadline, language);
    return {
      mail: t.reminder(daysLeft, deadline),
      facts: [...requestFacts(r, t, language), [t.labels.claimDeadline, deadline]],
      deadline: t.claimBy(deadline),
      cta: 'claim',
    };
  });
}

/** To the dealer: nobody claimed the approval before its deadline; the amount went back to the allocation. */
export function fundApprovalLapsedMail(id: string, to: FundMailRecipient, r: StoredFundRequest, link: string): MailMessage {
  return fundMail({ id, to, link }, (t, language) => ({
    mail: t.lapsed(formatDay(r.claimDeadline, language)),
    facts: requestFacts(r, t, language),
    cta: 'dealer',
  }));
}

/** To the dealer: its claim was approved or rejected. */
export function fundClaimDecidedMail(
  id: string,
  to: FundMailRecipient,
  r: StoredFundRequest,
  c: StoredFundClaim,
  link: string,
): MailMessage {
  return fundMail({ id, to, link }, (t, language) => {
    const facts = [
      ...requestFacts(r, t, language),
      [t.labels.claimed, formatMoney(c.amount, language)] as [string, string],
      ...reasonFact(t, c.decisionReason),
    ];
    if (c.status === 'approved') return { mail: t.claimApproved, facts, cta: 'dealer' };
    const deadline = formatDay(r.claimDeadline, language);
    return { mail: t.claimRejected(deadline), facts, deadline: t.claimBy(deadline), cta: 'dealer' };
  });
}

/** To the dealer: finance paid its claim. */
export function fundClaimPaidMail(id: string, to: FundMailRecipient, r: StoredFundRequest, c: StoredFundClaim, link: string): MailMessage {
  return fundMail({ id, to, link }, (t, language) => ({
    mail: t.claimPaid,
    facts: [
      ...requestFacts(r, t, language),
      [t.labels.paid, formatMoney(c.amount, language)],
      [t.labels.paidOn, c.paidOn ? formatDay(c.paidOn, language) : ''],
      [t.labels.reference, c.paymentReference ?? ''],
    ],
    cta: 'dealer',
  }));
}

/** The portal pages fund mails link to. */
export const fundLinks = (portalBaseUrl: string) => ({
  queue: `${portalBaseUrl}/funds/queue`,
  funds: `${portalBaseUrl}/funds`,
  claim: (requestId: string) => `${portalBaseUrl}/funds/requests/${encodeURIComponent(requestId)}/claim`,
});

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
