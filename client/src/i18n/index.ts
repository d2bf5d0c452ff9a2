import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { de } from './de.js';
import { en } from './en.js';

/**
 * The app's languages: German and English, one catalogue each (`en.ts` is the source of the keys;
 * `de.ts` is typed against it, so a key missing in German is a TypeScript error, and `t()` only
 * accepts keys that exist).
 */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

const STORAGE_KEY = 'rapport.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** German for any de-* among the browser's languages before an English one; else English. */
export function languageFromBrowser(languages: readonly string[] | undefined): Language {
  for (const tag of languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'de') return 'de';
    if (base === 'en') return 'en';
  }
  return 'en';
}

function storedLanguage(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'de' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

function initialLanguage(): Language {
  const nav = globalThis.navigator;
  return storedLanguage() ?? languageFromBrowser(nav ? (nav.languages?.length ? nav.languages : [nav.language]) : []);
}

function apply(language: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  // Resources are bundled: initialise synchronously so the first render is already translated.
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
apply(i18n.language);
i18n.on('languageChanged', apply);

export function currentLanguage(): Language {
  return i18n.language === 'de' ? 'de' : 'en';
}

/** Switches the app's language and remembers it for the next visit on this browser. */
export function setLanguage(language: Language) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

/** `t` outside React (error titles, CSV headers); inside components use `useT`. */
export const t = i18n.t.bind(i18n);

/** The translation hook, bound to the app's instance. */
export function useT() {
  return useTranslation(undefined, { i18n });
}
