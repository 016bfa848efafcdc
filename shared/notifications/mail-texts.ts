/** What every mail says, in each language the product speaks (SPEC §8 Languages). Pure strings, no markup. */
import type { Language } from '../schemas/setup.js';

export type PromptKind = 'review' | 'reminder' | 'escalation' | 'extension';
export type NoticeKind = 'approved' | 'rejected' | 'expiring' | 'expired' | 'extension_approved' | 'extension_rejected';

type FactLabel =
  | 'dealer'
  | 'customer'
  | 'location'
  | 'expectedValue'
  | 'expectedClose'
  | 'products'
  | 'stage'
  | 'competitors'
  | 'submitted'
  | 'flags'
  | 'extensionRequested'
  | 'conflictCase'
  | 'registration'
  | 'status'
  | 'reason'
  | 'protectedUntil';

export interface MailTexts {
  labels: Record<FactLabel, string>;
  stage: Record<'early' | 'mid' | 'late' | 'none', string>;
  status: Record<string, string>;
  noCompetitors: string;
  /** "30 days: <reason>" */
  extension: (days: number, reason: string) => string;
  prompts: Record<PromptKind, { subject: string; heading: string; intro: string; deadline: (at: string) => string }>;
  promptCta: string;
  promptHint: string;
  conflict: { subject: string; heading: string; intro: (caseId: string) => string; deadline: (at: string) => string; cta: string };
  look: { subject: string; heading: string; outro: string; cta: string };
  notices: Record<NoticeKind, { subject: string; intro: (until: string, days: number) => string }>;
  expiringDeadline: (at: string) => string;
  noticeCta: string;
  portalHint: string;
  reasonPrefix: string;
  footer: string;
}

const en: MailTexts = {
  labels: {
    dealer: 'Dealer',
    customer: 'Customer',
    location: 'Location',
    expectedValue: 'Expected value',
    expectedClose: 'Expected close',
    products: 'Products',
    stage: 'Stage',
    competitors: 'Competitors',
    submitted: 'Submitted',
    flags: 'Flags',
    extensionRequested: 'Extension requested',
    conflictCase: 'Conflict case',
    registration: 'Registration',
    status: 'Status',
    reason: 'Reason',
    protectedUntil: 'Protected until',
  },
  stage: { early: 'early', mid: 'mid', late: 'late', none: 'not given' },
  status: {
    submitted: 'submitted',
    in_conflict: 'in conflict',
    approved: 'approved',
    rejected: 'rejected',
    expired: 'expired',
    won: 'won',
    lost: 'lost',
    withdrawn: 'withdrawn',
  },
  noCompetitors: 'none named',
  extension: (days, reason) => `${days} days: ${reason}`,
  prompts: {
    review: {
      subject: 'Deal registration to review',
      heading: 'A deal registration awaits your review',
      intro: 'A dealer registered an opportunity. Please approve or reject it.',
      deadline: (at) => `Decide by ${at}.`,
    },
    reminder: {
      subject: 'Reminder: deal registration awaiting review',
      heading: 'Reminder: a registration awaits your decision',
      intro: 'This registration is past its review target and still awaits your decision.',
      deadline: (at) => `Decide by ${at}; after that it is escalated to the regional director.`,
    },
    escalation: {
      subject: 'Escalated: deal registration overdue for review',
      heading: 'Escalated to you: an overdue registration',
      intro: 'This registration passed its review limit without a decision and is escalated to you.',
      deadline: (at) => `Overdue: decide now. This link works until ${at}.`,
    },
    extension: {
      subject: 'Protection extension to review',
      heading: 'A dealer asks to extend a protection',
      intro: 'A dealer asks to extend the protection of this registration.',
      deadline: (at) => `Decide before the protection ends on ${at}.`,
    },
  },
  promptCta: 'Open the review page',
  promptHint: 'The page shows the deal and takes your decision. Opening it changes nothing.',
  conflict: {
    subject: 'Registration in conflict',
    heading: 'A registration is in conflict',
    intro: (caseId) =>
      `A registration names a customer that is already pending or protected. You own conflict case ${caseId}: settle it in the portal (resolve or escalate the case). The registration cannot be approved on its own.`,
    deadline: (at) => `Settle by ${at}; then the case moves up to the regional director.`,
    cta: 'Open the conflict case',
  },
  look: {
    subject: 'Auto-approved deal needs a look',
    heading: 'An auto-approved deal needs a look',
    outro: 'The registration stays protected; nothing needs deciding unless you see a reason to act.',
    cta: 'Open the registration',
  },
  notices: {
    approved: { subject: 'Registration approved', intro: (until) => `Your registration is approved and protected until ${until}.` },
    rejected: { subject: 'Registration rejected', intro: () => 'Your registration was rejected.' },
    expiring: {
      subject: 'Protection expiring',
      intro: (until, days) =>
        `The protection of your registration ends in ${days} days, on ${until}. Report the outcome or request an extension.`,
    },
    expired: {
      subject: 'Protection expired',
      intro: (until) => `The protection of your registration ended on ${until}; the customer is free again.`,
    },
    extension_approved: {
      subject: 'Extension approved',
      intro: (until) => `Your extension is approved: the registration is now protected until ${until}.`,
    },
    extension_rejected: {
      subject: 'Extension rejected',
      intro: (until) => `Your extension request was rejected; the protection still ends on ${until}.`,
    },
  },
  expiringDeadline: (at) => `Report the outcome or request an extension by ${at}.`,
  noticeCta: 'Open the registration',
  portalHint: 'Sign in to the partner portal to see the details.',
  reasonPrefix: 'Reason',
  footer: 'Dealer Channel — deal registration of your partner program. You get this mail because of your role in the program.',
};

const de: MailTexts = {
  labels: {
    dealer: 'Händler',
    customer: 'Kunde',
    location: 'Ort',
    expectedValue: 'Erwarteter Wert',
    expectedClose: 'Erwarteter Abschluss',
    products: 'Produkte',
    stage: 'Phase',
    competitors: 'Wettbewerber',
    submitted: 'Eingereicht',
    flags: 'Hinweise',
    extensionRequested: 'Verlängerung beantragt',
    conflictCase: 'Konfliktfall',
    registration: 'Registrierung',
    status: 'Status',
    reason: 'Begründung',
    protectedUntil: 'Geschützt bis',
  },
  stage: { early: 'früh', mid: 'mittel', late: 'spät', none: 'nicht angegeben' },
  status: {
    submitted: 'eingereicht',
    in_conflict: 'im Konflikt',
    approved: 'genehmigt',
    rejected: 'abgelehnt',
    expired: 'abgelaufen',
    won: 'gewonnen',
    lost: 'verloren',
    withdrawn: 'zurückgezogen',
  },
  noCompetitors: 'keine genannt',
  extension: (days, reason) => `${days} Tage: ${reason}`,
  prompts: {
    review: {
      subject: 'Deal-Registrierung zur Prüfung',
      heading: 'Eine Deal-Registrierung wartet auf Ihre Prüfung',
      intro: 'Ein Händler hat eine Verkaufschance registriert. Bitte genehmigen oder lehnen Sie sie ab.',
      deadline: (at) => `Entscheiden Sie bis ${at}.`,
    },
    reminder: {
      subject: 'Erinnerung: Deal-Registrierung wartet auf Prüfung',
      heading: 'Erinnerung: Eine Registrierung wartet auf Ihre Entscheidung',
      intro: 'Das Prüfziel dieser Registrierung ist überschritten; sie wartet noch auf Ihre Entscheidung.',
      deadline: (at) => `Entscheiden Sie bis ${at}; danach geht sie an die Regionalleitung.`,
    },
    escalation: {
      subject: 'Eskaliert: Deal-Registrierung überfällig',
      heading: 'An Sie eskaliert: eine überfällige Registrierung',
      intro: 'Diese Registrierung hat ihre Prüffrist ohne Entscheidung überschritten und wurde an Sie eskaliert.',
      deadline: (at) => `Überfällig: Bitte jetzt entscheiden. Dieser Link gilt bis ${at}.`,
    },
    extension: {
      subject: 'Schutzverlängerung zur Prüfung',
      heading: 'Ein Händler beantragt eine Schutzverlängerung',
      intro: 'Ein Händler bittet, den Schutz dieser Registrierung zu verlängern.',
      deadline: (at) => `Entscheiden Sie, bevor der Schutz am ${at} endet.`,
    },
  },
  promptCta: 'Prüfseite öffnen',
  promptHint: 'Die Seite zeigt den Deal und nimmt Ihre Entscheidung entgegen. Das Öffnen ändert nichts.',
  conflict: {
    subject: 'Registrierung im Konflikt',
    heading: 'Eine Registrierung steht im Konflikt',
    intro: (caseId) =>
      `Eine Registrierung nennt einen Kunden, der bereits geprüft wird oder geschützt ist. Sie sind für den Konfliktfall ${caseId} zuständig: Klären Sie ihn im Portal (entscheiden oder eskalieren). Die Registrierung kann nicht einzeln genehmigt werden.`,
    deadline: (at) => `Klären Sie ihn bis ${at}; danach geht der Fall an die Regionalleitung.`,
    cta: 'Konfliktfall öffnen',
  },
  look: {
    subject: 'Automatisch genehmigter Deal braucht einen Blick',
    heading: 'Ein automatisch genehmigter Deal braucht einen Blick',
    outro: 'Die Registrierung bleibt geschützt; zu entscheiden ist nur etwas, wenn Sie Handlungsbedarf sehen.',
    cta: 'Registrierung öffnen',
  },
  notices: {
    approved: { subject: 'Registrierung genehmigt', intro: (until) => `Ihre Registrierung ist genehmigt und bis ${until} geschützt.` },
    rejected: { subject: 'Registrierung abgelehnt', intro: () => 'Ihre Registrierung wurde abgelehnt.' },
    expiring: {
      subject: 'Schutz läuft ab',
      intro: (until, days) =>
        `Der Schutz Ihrer Registrierung endet in ${days} Tagen, am ${until}. Melden Sie das Ergebnis oder beantragen Sie eine Verlängerung.`,
    },
    expired: {
      subject: 'Schutz abgelaufen',
      intro: (until) => `Der Schutz Ihrer Registrierung endete am ${until}; der Kunde ist wieder frei.`,
    },
    extension_approved: {
      subject: 'Verlängerung genehmigt',
      intro: (until) => `Ihre Verlängerung ist genehmigt: Die Registrierung ist jetzt bis ${until} geschützt.`,
    },
    extension_rejected: {
      subject: 'Verlängerung abgelehnt',
      intro: (until) => `Ihr Verlängerungsantrag wurde abgelehnt; der Schutz endet weiterhin am ${until}.`,
    },
  },
  expiringDeadline: (at) => `Melden Sie das Ergebnis oder beantragen Sie eine Verlängerung bis ${at}.`,
  noticeCta: 'Registrierung öffnen',
  portalHint: 'Melden Sie sich im Partnerportal an, um die Details zu sehen.',
  reasonPrefix: 'Begründung',
  footer: 'Dealer Channel — Deal-Registrierung Ihres Partnerprogramms. Sie erhalten diese E-Mail wegen Ihrer Rolle im Programm.',
};

const nl: MailTexts = {
  labels: {
    dealer: 'Dealer',
    customer: 'Klant',
    location: 'Plaats',
    expectedValue: 'Verwachte waarde',
    expectedClose: 'Verwachte afsluiting',
    products: 'Producten',
    stage: 'Fase',
    competitors: 'Concurrenten',
    submitted: 'Ingediend',
    flags: 'Signalen',
    extensionRequested: 'Verlenging aangevraagd',
    conflictCase: 'Conflictdossier',
    registration: 'Registratie',
    status: 'Status',
    reason: 'Reden',
    protectedUntil: 'Beschermd tot',
  },
  stage: { early: 'vroeg', mid: 'midden', late: 'laat', none: 'niet opgegeven' },
  status: {
    submitted: 'ingediend',
    in_conflict: 'in conflict',
    approved: 'goedgekeurd',
    rejected: 'afgewezen',
    expired: 'verlopen',
    won: 'gewonnen',
    lost: 'verloren',
    withdrawn: 'ingetrokken',
  },
  noCompetitors: 'geen genoemd',
  extension: (days, reason) => `${days} dagen: ${reason}`,
  prompts: {
    review: {
      subject: 'Dealregistratie te beoordelen',
      heading: 'Een dealregistratie wacht op uw beoordeling',
      intro: 'Een dealer heeft een verkoopkans geregistreerd. Keur deze goed of wijs haar af.',
      deadline: (at) => `Beslis uiterlijk ${at}.`,
    },
    reminder: {
      subject: 'Herinnering: dealregistratie wacht op beoordeling',
      heading: 'Herinnering: een registratie wacht op uw beslissing',
      intro: 'De beoordelingstermijn van deze registratie is verstreken; zij wacht nog op uw beslissing.',
      deadline: (at) => `Beslis uiterlijk ${at}; daarna gaat zij naar de regiodirecteur.`,
    },
    escalation: {
      subject: 'Geëscaleerd: dealregistratie te laat beoordeeld',
      heading: 'Naar u geëscaleerd: een te late registratie',
      intro: 'Deze registratie heeft haar beoordelingslimiet zonder beslissing overschreden en is naar u geëscaleerd.',
      deadline: (at) => `Te laat: beslis nu. Deze link werkt tot ${at}.`,
    },
    extension: {
      subject: 'Verlenging van bescherming te beoordelen',
      heading: 'Een dealer vraagt een bescherming te verlengen',
      intro: 'Een dealer vraagt de bescherming van deze registratie te verlengen.',
      deadline: (at) => `Beslis voordat de bescherming op ${at} afloopt.`,
    },
  },
  promptCta: 'Beoordelingspagina openen',
  promptHint: 'De pagina toont de deal en neemt uw beslissing aan. Openen verandert niets.',
  conflict: {
    subject: 'Registratie in conflict',
    heading: 'Een registratie is in conflict',
    intro: (caseId) =>
      `Een registratie noemt een klant die al beoordeeld wordt of beschermd is. U bent eigenaar van conflictdossier ${caseId}: handel het af in het portaal (beslissen of escaleren). De registratie kan niet los worden goedgekeurd.`,
    deadline: (at) => `Handel het af vóór ${at}; daarna gaat het dossier naar de regiodirecteur.`,
    cta: 'Conflictdossier openen',
  },
  look: {
    subject: 'Automatisch goedgekeurde deal vraagt een blik',
    heading: 'Een automatisch goedgekeurde deal vraagt een blik',
    outro: 'De registratie blijft beschermd; er hoeft niets beslist te worden tenzij u reden ziet om in te grijpen.',
    cta: 'Registratie openen',
  },
  notices: {
    approved: { subject: 'Registratie goedgekeurd', intro: (until) => `Uw registratie is goedgekeurd en beschermd tot ${until}.` },
    rejected: { subject: 'Registratie afgewezen', intro: () => 'Uw registratie is afgewezen.' },
    expiring: {
      subject: 'Bescherming loopt af',
      intro: (until, days) =>
        `De bescherming van uw registratie eindigt over ${days} dagen, op ${until}. Meld de uitkomst of vraag verlenging aan.`,
    },
    expired: {
      subject: 'Bescherming verlopen',
      intro: (until) => `De bescherming van uw registratie eindigde op ${until}; de klant is weer vrij.`,
    },
    extension_approved: {
      subject: 'Verlenging goedgekeurd',
      intro: (until) => `Uw verlenging is goedgekeurd: de registratie is nu beschermd tot ${until}.`,
    },
    extension_rejected: {
      subject: 'Verlenging afgewezen',
      intro: (until) => `Uw verlengingsaanvraag is afgewezen; de bescherming eindigt nog steeds op ${until}.`,
    },
  },
  expiringDeadline: (at) => `Meld de uitkomst of vraag verlenging aan vóór ${at}.`,
  noticeCta: 'Registratie openen',
  portalHint: 'Meld u aan op het partnerportaal voor de details.',
  reasonPrefix: 'Reden',
  footer: 'Dealer Channel — dealregistratie van uw partnerprogramma. U ontvangt deze e-mail vanwege uw rol in het programma.',
};

export const MAIL_TEXTS: Record<Language, MailTexts> = { en, de, nl };
