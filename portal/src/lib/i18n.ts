/** English, German and Dutch; chosen from the browser on first visit, then from the user's own choice. */
import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { de } from '../locales/de.js';
import { en } from '../locales/en.js';
import { nl } from '../locales/nl.js';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'nl', name: 'Nederlands' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export const i18n = i18next;

export async function startI18n() {
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: { en: { translation: en }, de: { translation: de }, nl: { translation: nl } },
      fallbackLng: 'en',
      supportedLngs: LANGUAGES.map((l) => l.code),
      load: 'languageOnly',
      detection: { order: ['localStorage', 'navigator'], lookupLocalStorage: 'language', caches: ['localStorage'] },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  const apply = (language: string) => {
    document.documentElement.lang = language;
  };
  apply(i18next.resolvedLanguage ?? 'en');
  i18next.on('languageChanged', apply);
}

/**
 * The locale for Intl formatting: the browser's own variant of the UI language (en-GB writes 1 Mar 2027, en-US
 * Mar 1, 2027), else the UI language itself.
 */
export function currentLocale(): string {
  const language = i18next.resolvedLanguage ?? 'en';
  return navigator.languages.find((tag) => tag.toLowerCase().split('-')[0] === language) ?? language;
}
