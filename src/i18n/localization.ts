import { configureLocalization, LOCALE_STATUS_EVENT } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.ts';
import { directionOf, isLocale, languageFor, type Language, type Locale } from './locales.ts';

/** Where the person's choice of language is kept (absent: the browser's languages decide). */
const KEY = 'half-tunes:language';

/** Each language's messages, a module of their own, loaded when the language is chosen (English is built in). */
const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`../generated/locales/${locale}.ts`),
});

/** The language the app speaks now. */
export const currentLocale = (): Locale => {
  const locale = getLocale();
  return isLocale(locale) ? locale : 'en';
};

/** The person's choice, or null where the browser's languages decide. */
export function chosenLanguage(): Locale | null {
  const kept = localStorage.getItem(KEY);
  return isLocale(kept) ? kept : null;
}

/** The language to speak: the person's choice, else the first of the browser's languages Half Tunes speaks. */
export function wantedLanguage(): Locale {
  return chosenLanguage() ?? languageFor(navigator.languages ?? [navigator.language]);
}

/**
 * Speaks `locale` from now on: its messages are loaded, every element that asked to follow the
 * language renders again at once (no reload), and the document says which language and which way
 * it is written (`lang`, `dir`).
 */
export async function speak(locale: Locale): Promise<void> {
  await setLocale(locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
}

/** The person chose `language` in Settings (null: the browser's languages), kept across reloads. */
export async function chooseLanguage(language: Language | null): Promise<void> {
  if (language) localStorage.setItem(KEY, language);
  else localStorage.removeItem(KEY);
  await speak(wantedLanguage());
}

/** Calls `changed` whenever the app's language changed (for what is not an element, as the worker's words). */
export function onLanguageChanged(changed: () => void): void {
  addEventListener(LOCALE_STATUS_EVENT, (event) => {
    if ((event as CustomEvent<{ status: string }>).detail.status === 'ready') changed();
  });
}
