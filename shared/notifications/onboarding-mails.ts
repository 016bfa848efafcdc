/** The mails to a company that applied to become a dealer, in its language (en, de, nl). Pure. */
import type { MailMessage } from '../outbox/message.js';
import type { Application, Language } from '../schemas/onboarding.js';
import { escapeHtml } from './format.js';

type ApplicationMailKind = 'received' | 'approved' | 'declined';

const TEXTS: Record<
  Language,
  Record<ApplicationMailKind, { subject: string; lines: string[] }> & {
    greeting: (name: string) => string;
    reason: string;
    company: string;
  }
> = {
  en: {
    greeting: (name) => `Dear ${name},`,
    reason: 'Reason',
    company: 'Application for',
    received: {
      subject: 'We received your application to become a dealer',
      lines: ['thank you for applying to our partner program. Our channel team reviews every application and answers you by mail.'],
    },
    approved: {
      subject: 'Welcome to our partner program',
      lines: [
        'your application was approved: your company is now a dealer in our partner program.',
        'You will receive a separate invitation with your sign-in to the partner portal, as your dealer’s administrator.',
      ],
    },
    declined: {
      subject: 'Your application to our partner program',
      lines: ['thank you for your interest. We are unable to accept your application at this time.'],
    },
  },
  de: {
    greeting: (name) => `Guten Tag ${name},`,
    reason: 'Begründung',
    company: 'Bewerbung für',
    received: {
      subject: 'Wir haben Ihre Bewerbung als Händler erhalten',
      lines: [
        'vielen Dank für Ihre Bewerbung für unser Partnerprogramm. Unser Channel-Team prüft jede Bewerbung und antwortet Ihnen per E-Mail.',
      ],
    },
    approved: {
      subject: 'Willkommen in unserem Partnerprogramm',
      lines: [
        'Ihre Bewerbung wurde angenommen: Ihr Unternehmen ist jetzt Händler in unserem Partnerprogramm.',
        'Sie erhalten eine separate Einladung mit Ihrer Anmeldung für das Partnerportal als Administrator Ihres Händlers.',
      ],
    },
    declined: {
      subject: 'Ihre Bewerbung für unser Partnerprogramm',
      lines: ['vielen Dank für Ihr Interesse. Leider können wir Ihre Bewerbung derzeit nicht annehmen.'],
    },
  },
  nl: {
    greeting: (name) => `Beste ${name},`,
    reason: 'Reden',
    company: 'Aanmelding voor',
    received: {
      subject: 'We hebben uw aanmelding als dealer ontvangen',
      lines: [
        'bedankt voor uw aanmelding voor ons partnerprogramma. Ons channelteam beoordeelt elke aanmelding en antwoordt u per e-mail.',
      ],
    },
    approved: {
      subject: 'Welkom in ons partnerprogramma',
      lines: [
        'uw aanmelding is goedgekeurd: uw bedrijf is nu dealer in ons partnerprogramma.',
        'U ontvangt een aparte uitnodiging met uw aanmelding voor het partnerportaal, als beheerder van uw dealer.',
      ],
    },
    declined: {
      subject: 'Uw aanmelding voor ons partnerprogramma',
      lines: ['bedankt voor uw interesse. Wij kunnen uw aanmelding op dit moment niet accepteren.'],
    },
  },
};

export function applicationMail(args: { id: string; application: Application; kind: ApplicationMailKind; reason?: string }): MailMessage {
  const { application, kind } = args;
  const texts = TEXTS[application.language];
  const { subject, lines } = texts[kind];
  const paragraphs = [
    texts.greeting(application.contact.name),
    ...lines,
    ...(args.reason ? [`${texts.reason}: ${args.reason}`] : []),
    `${texts.company}: ${application.company.name}`,
  ];
  const html = `<!doctype html><html lang="${application.language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}</body></html>`;
  return { kind: 'mail', id: args.id, to: [application.contact.email], subject, text: paragraphs.join('\n\n'), html };
}
