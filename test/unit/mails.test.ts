import { describe, expect, it } from 'vitest';
import { MAIL_LAYOUTS } from '../../shared/notifications/mail-layouts.generated.js';
import { LANGUAGES } from '../../shared/schemas/setup.js';
import { compileMailLayouts } from '../../tooling/mails/mail-layouts.js';
import { DEADLINE_MAILS, HOSTILE, MAIL_NAMES, sampleMails, WITHOUT_DEALER_TEXT } from '../fixtures/mail-samples.js';

const links = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]);
const carriesDealerText = (name: string) => !WITHOUT_DEALER_TEXT.includes(name as (typeof MAIL_NAMES)[number]);
/** Mails about one deal or lead name its customer in the subject; funds, training and onboarding mails do not. */
const customerInSubject = (name: string) => !/^(fund|certification|application|invitation)/.test(name);

describe('the compiled mail layouts', () => {
  it('are what the MJML source compiles to now (run `npm run mails:build` after changing it)', async () => {
    expect(MAIL_LAYOUTS).toEqual(await compileMailLayouts());
  });
});

describe.each(LANGUAGES)('every mail in %s', (language) => {
  const mails = sampleMails(language);
  it.each(MAIL_NAMES)('%s has an HTML part in the language, a text part and exactly one link, in both', (name) => {
    const mail = mails[name];
    expect(mail.html).toMatch(new RegExp(`<html lang="${language}"`));
    expect(mail.html).not.toMatch(/\{\{\w+\}\}/);
    expect(mail.text.length).toBeGreaterThan(100);
    const [href, ...more] = links(mail.html);
    expect(more).toEqual([]);
    expect(mail.html.match(/href=/g)).toHaveLength(1);
    const textLinks = mail.text.match(/https?:\/\/\S+/g) ?? [];
    expect(textLinks).toEqual([href?.replaceAll('&amp;', '&')]);
    if (carriesDealerText(name)) expect(mail.html).toContain('Müller Maschinenbau GmbH');
    if (customerInSubject(name)) expect(mail.subject).toContain('Müller Maschinenbau GmbH');
  });

  it.each(DEADLINE_MAILS)('%s names the time to act by, in the HTML and the text', (name) => {
    const mail = mails[name];
    const year = /2027/;
    const callout = mail.html.match(/<div[^>]*color:#7a3e00[^>]*>([\s\S]*?)<\/div>/)?.[1] ?? '';
    expect(callout).toMatch(year);
    expect(mail.text.split('\n').some((line) => year.test(line) && line === callout.trim())).toBe(true);
  });
});

describe('languages', () => {
  it('speaks German and Dutch with their own number and date forms', () => {
    const de = sampleMails('de')['review-prompt'];
    const nl = sampleMails('nl')['review-prompt'];
    expect(de.subject).toMatch(/^Deal-Registrierung zur Prüfung: /);
    expect(de.text).toContain('400.000,00\u00a0€');
    expect(de.text).toContain('Entscheiden Sie bis 2. März 2027 um 09:30 UTC.');
    expect(nl.subject).toMatch(/^Dealregistratie te beoordelen: /);
    expect(nl.text).toContain('€\u00a0400.000,00');
    expect(nl.text).toContain('Beslis uiterlijk 2 maart 2027 om 09:30 UTC.');
    expect(sampleMails('en')['decision-approved'].text).toContain('protected until 30 May 2027');
  });

  it('writes the later areas’ mails in the recipient’s language too', () => {
    const de = sampleMails('de');
    const nl = sampleMails('nl');
    expect(de['lead-offer'].subject).toMatch(/^Neuer Lead für Sie: /);
    expect(de['lead-offer'].text).toContain('Annehmen oder ablehnen bis 3. März 2027 um 09:30 UTC.');
    expect(nl['fund-request-approved'].text).toContain('Declareer vóór 10 mei 2027, na afloop van de activiteit');
    expect(nl['fund-request-approved'].text).toContain('€\u00a04.000,00');
    expect(de['certification-expiring'].subject).toMatch(/^Zertifizierung endet am 30\. April 2027: /);
    expect(nl.invitation.text).toContain('Tijdelijk wachtwoord: Tq9-x7a');
    expect(de['application-declined'].text).toContain('Begründung: We have a dealer in your region already');
  });
});

describe('dealer-supplied text', () => {
  it.each(LANGUAGES)('never reaches the HTML unescaped (%s)', (language) => {
    const mails = sampleMails(language, true);
    for (const name of MAIL_NAMES) {
      const mail = mails[name];
      for (const value of Object.values(HOSTILE)) expect(mail.html, name).not.toContain(value);
      expect(mail.html, name).not.toMatch(/<script|<img|<iframe|<b>/i);
      expect(links(mail.html), name).toHaveLength(1);
      expect(links(mail.html)[0], name).not.toContain('evil');
      // A name holding a slot's syntax stays text: it is not filled a second time.
      if (carriesDealerText(name))
        expect(mail.html, name).toContain('Müller &quot;&gt;&lt;img src=x onerror=alert(1)&gt; {{ctaHref}} GmbH');
      expect(mail.subject).not.toMatch(/[\r\n]/);
    }
  });

  it('keeps a subject on one line whatever the customer name holds', () => {
    const mails = sampleMails('en', true);
    expect(mails['review-prompt'].subject).toBe(`Deal registration to review: ${HOSTILE.customer}`);
  });
});
