/** The certification-expiry warning to a dealer, in the dealer's language, through the shared mail layout. Pure. */
import type { MailMessage } from '../outbox/message.js';
import { type Language, languageOf } from '../schemas/setup.js';
import { formatDay } from './format.js';
import { renderMail } from './mail-render.js';

interface ExpiryTexts {
  subject: (expiresOn: string, title: string) => string;
  heading: string;
  intro: (title: string, dealer: string, expiresOn: string) => string;
  deadline: (expiresOn: string) => string;
  labels: { module: string; dealer: string; endsOn: string };
  cta: string;
  hint: string;
  footer: string;
}

const TEXTS: Record<Language, ExpiryTexts> = {
  en: {
    subject: (expiresOn, title) => `Certification ending on ${expiresOn}: ${title}`,
    heading: 'A certification ends soon',
    intro: (title, dealer, expiresOn) => `The certification "${title}" of ${dealer} ends on ${expiresOn}.`,
    deadline: (expiresOn) =>
      `Renew it by ${expiresOn}: a user completes the module again, or passes its quiz under Training in the partner portal.`,
    labels: { module: 'Module', dealer: 'Dealer', endsOn: 'Ends on' },
    cta: 'Open training',
    hint: 'Sign in to the partner portal to take the quiz.',
    footer:
      'Dealer Channel — training and certifications of your partner program. You get this mail because your dealer holds this certification.',
  },
  de: {
    subject: (expiresOn, title) => `Zertifizierung endet am ${expiresOn}: ${title}`,
    heading: 'Eine Zertifizierung endet bald',
    intro: (title, dealer, expiresOn) => `Die Zertifizierung „${title}“ von ${dealer} endet am ${expiresOn}.`,
    deadline: (expiresOn) =>
      `Erneuern Sie sie bis zum ${expiresOn}: Ein Benutzer schließt das Modul erneut ab oder besteht sein Quiz unter Schulungen im Partnerportal.`,
    labels: { module: 'Modul', dealer: 'Händler', endsOn: 'Endet am' },
    cta: 'Schulungen öffnen',
    hint: 'Melden Sie sich im Partnerportal an, um das Quiz zu machen.',
    footer:
      'Dealer Channel — Schulungen und Zertifizierungen Ihres Partnerprogramms. Sie erhalten diese E-Mail, weil Ihr Händler diese Zertifizierung hält.',
  },
  nl: {
    subject: (expiresOn, title) => `Certificering eindigt op ${expiresOn}: ${title}`,
    heading: 'Een certificering loopt binnenkort af',
    intro: (title, dealer, expiresOn) => `De certificering "${title}" van ${dealer} eindigt op ${expiresOn}.`,
    deadline: (expiresOn) =>
      `Vernieuw haar vóór ${expiresOn}: een gebruiker rondt de module opnieuw af, of haalt de quiz onder Training in het partnerportaal.`,
    labels: { module: 'Module', dealer: 'Dealer', endsOn: 'Eindigt op' },
    cta: 'Training openen',
    hint: 'Meld u aan op het partnerportaal om de quiz te maken.',
    footer:
      'Dealer Channel — training en certificeringen van uw partnerprogramma. U ontvangt deze e-mail omdat uw dealer deze certificering heeft.',
  },
};

export function certificationExpiringMail(args: {
  id: string;
  dealer: { name: string; email: string; language?: Language | undefined };
  module: { title: string };
  expiresOn: string;
  /** The portal's training page. */
  link: string;
}): MailMessage {
  const { dealer, module } = args;
  const language = languageOf(dealer);
  const t = TEXTS[language];
  const expiresOn = formatDay(args.expiresOn, language);
  return renderMail({
    id: args.id,
    to: dealer.email,
    language,
    subject: t.subject(expiresOn, module.title),
    heading: t.heading,
    intro: t.intro(module.title, dealer.name, expiresOn),
    deadline: t.deadline(expiresOn),
    facts: [
      [t.labels.module, module.title],
      [t.labels.dealer, dealer.name],
      [t.labels.endsOn, expiresOn],
    ],
    cta: { href: args.link, label: t.cta, hint: t.hint },
    footer: t.footer,
  });
}
