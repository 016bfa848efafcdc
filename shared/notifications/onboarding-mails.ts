/**
 * The mails of onboarding on the shared mail layout: to a company that applied to become a dealer (received,
 * approved, declined), and the invitation of a new user with a temporary password, in the recipient's language.
 */
import type { MailMessage } from '../outbox/message.js';
import type { Application, Language } from '../schemas/onboarding.js';
import { renderMail } from './mail-render.js';

type ApplicationMailKind = 'received' | 'approved' | 'declined';

interface OnboardingTexts {
  greeting: (name: string) => string;
  reason: string;
  company: string;
  kinds: Record<ApplicationMailKind, { subject: string; lines: string[]; cta: string; hint: string }>;
  invitation: { subject: string; intro: string; user: string; password: string; cta: string; hint: string };
  footer: string;
}

const TEXTS: Record<Language, OnboardingTexts> = {
  en: {
    greeting: (name) => `Dear ${name},`,
    reason: 'Reason',
    company: 'Application for',
    kinds: {
      received: {
        subject: 'We received your application to become a dealer',
        lines: ['thank you for applying to our partner program. Our channel team reviews every application and answers you by mail.'],
        cta: 'The partner program',
        hint: 'Nothing more is needed from you for now.',
      },
      approved: {
        subject: 'Welcome to our partner program',
        lines: [
          'your application was approved: your company is now a dealer in our partner program.',
          'You will receive a separate invitation with your sign-in to the partner portal, as your dealer’s administrator.',
        ],
        cta: 'Open the partner portal',
        hint: 'Sign in with the invitation you receive separately.',
      },
      declined: {
        subject: 'Your application to our partner program',
        lines: ['thank you for your interest. We are unable to accept your application at this time.'],
        cta: 'The partner program',
        hint: 'You may apply again when your circumstances change.',
      },
    },
    invitation: {
      subject: 'Your invitation to the Dealer Channel partner portal',
      intro:
        'You have been invited to the partner portal. Sign in with your email address and this temporary password; you choose your own at the first sign-in.',
      user: 'Email',
      password: 'Temporary password',
      cta: 'Sign in to the partner portal',
      hint: 'The temporary password works once.',
    },
    footer: 'Dealer Channel — the partner program’s portal. You get this mail because you applied or were invited.',
  },
  de: {
    greeting: (name) => `Guten Tag ${name},`,
    reason: 'Begründung',
    company: 'Bewerbung für',
    kinds: {
      received: {
        subject: 'Wir haben Ihre Bewerbung als Händler erhalten',
        lines: [
          'vielen Dank für Ihre Bewerbung für unser Partnerprogramm. Unser Channel-Team prüft jede Bewerbung und antwortet Ihnen per E-Mail.',
        ],
        cta: 'Das Partnerprogramm',
        hint: 'Im Moment ist nichts weiter von Ihnen nötig.',
      },
      approved: {
        subject: 'Willkommen in unserem Partnerprogramm',
        lines: [
          'Ihre Bewerbung wurde angenommen: Ihr Unternehmen ist jetzt Händler in unserem Partnerprogramm.',
          'Sie erhalten eine separate Einladung mit Ihrer Anmeldung für das Partnerportal als Administrator Ihres Händlers.',
        ],
        cta: 'Partnerportal öffnen',
        hint: 'Melden Sie sich mit der separat zugesandten Einladung an.',
      },
      declined: {
        subject: 'Ihre Bewerbung für unser Partnerprogramm',
        lines: ['vielen Dank für Ihr Interesse. Leider können wir Ihre Bewerbung derzeit nicht annehmen.'],
        cta: 'Das Partnerprogramm',
        hint: 'Sie können sich erneut bewerben, wenn sich Ihre Situation ändert.',
      },
    },
    invitation: {
      subject: 'Ihre Einladung zum Dealer-Channel-Partnerportal',
      intro:
        'Sie wurden zum Partnerportal eingeladen. Melden Sie sich mit Ihrer E-Mail-Adresse und diesem vorläufigen Passwort an; bei der ersten Anmeldung wählen Sie Ihr eigenes.',
      user: 'E-Mail',
      password: 'Vorläufiges Passwort',
      cta: 'Im Partnerportal anmelden',
      hint: 'Das vorläufige Passwort gilt einmal.',
    },
    footer:
      'Dealer Channel — das Portal des Partnerprogramms. Sie erhalten diese E-Mail, weil Sie sich beworben haben oder eingeladen wurden.',
  },
  nl: {
    greeting: (name) => `Beste ${name},`,
    reason: 'Reden',
    company: 'Aanmelding voor',
    kinds: {
      received: {
        subject: 'We hebben uw aanmelding als dealer ontvangen',
        lines: [
          'bedankt voor uw aanmelding voor ons partnerprogramma. Ons channelteam beoordeelt elke aanmelding en antwoordt u per e-mail.',
        ],
        cta: 'Het partnerprogramma',
        hint: 'U hoeft voorlopig niets meer te doen.',
      },
      approved: {
        subject: 'Welkom in ons partnerprogramma',
        lines: [
          'uw aanmelding is goedgekeurd: uw bedrijf is nu dealer in ons partnerprogramma.',
          'U ontvangt een aparte uitnodiging met uw aanmelding voor het partnerportaal, als beheerder van uw dealer.',
        ],
        cta: 'Partnerportaal openen',
        hint: 'Meld u aan met de uitnodiging die u apart ontvangt.',
      },
      declined: {
        subject: 'Uw aanmelding voor ons partnerprogramma',
        lines: ['bedankt voor uw interesse. Wij kunnen uw aanmelding op dit moment niet accepteren.'],
        cta: 'Het partnerprogramma',
        hint: 'U kunt zich opnieuw aanmelden als uw situatie verandert.',
      },
    },
    invitation: {
      subject: 'Uw uitnodiging voor het Dealer Channel-partnerportaal',
      intro:
        'U bent uitgenodigd voor het partnerportaal. Meld u aan met uw e-mailadres en dit tijdelijke wachtwoord; bij de eerste aanmelding kiest u uw eigen wachtwoord.',
      user: 'E-mail',
      password: 'Tijdelijk wachtwoord',
      cta: 'Aanmelden op het partnerportaal',
      hint: 'Het tijdelijke wachtwoord werkt één keer.',
    },
    footer:
      'Dealer Channel — het portaal van het partnerprogramma. U ontvangt deze e-mail omdat u zich heeft aangemeld of bent uitgenodigd.',
  },
};

/** `portalUrl`: the portal's address; the approval links to it, the other two to its public application page. */
export function applicationMail(args: {
  id: string;
  application: Application;
  kind: ApplicationMailKind;
  reason?: string;
  portalUrl: string;
}): MailMessage {
  const { application, kind } = args;
  const language = application.language;
  const texts = TEXTS[language];
  const { subject, lines, cta, hint } = texts.kinds[kind];
  return renderMail({
    id: args.id,
    to: application.contact.email,
    language,
    subject,
    heading: subject,
    intro: [texts.greeting(application.contact.name), ...lines].join(' '),
    facts: [[texts.company, application.company.name], ...(args.reason ? ([[texts.reason, args.reason]] as [string, string][]) : [])],
    cta: { href: kind === 'approved' ? args.portalUrl : `${args.portalUrl}/apply`, label: cta, hint },
    footer: texts.footer,
  });
}

/** A new user's invitation: the sign-in address, the temporary password, and the portal. */
export function invitationMail(args: {
  id: string;
  to: string;
  language?: Language | undefined;
  temporaryPassword: string;
  portalUrl: string;
}): MailMessage {
  const language = args.language ?? 'en';
  const t = TEXTS[language].invitation;
  return renderMail({
    id: args.id,
    to: args.to,
    language,
    subject: t.subject,
    heading: t.subject,
    intro: t.intro,
    facts: [
      [t.user, args.to],
      [t.password, args.temporaryPassword],
    ],
    cta: { href: args.portalUrl, label: t.cta, hint: t.hint },
    footer: TEXTS[language].footer,
  });
}
