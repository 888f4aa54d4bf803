/**
 * The languages Half Tunes speaks, with what each calls itself (the Language setting lists them so),
 * and the way each writes. `en-XA`, a pseudo-locale that wraps and stretches every message, is for
 * the tests: it is never offered.
 */
export const LANGUAGES = [
  { locale: 'en', name: 'English', dir: 'ltr' },
  { locale: 'de', name: 'Deutsch', dir: 'ltr' },
  { locale: 'fr', name: 'Français', dir: 'ltr' },
  { locale: 'es', name: 'Español', dir: 'ltr' },
  { locale: 'pt-BR', name: 'Português (Brasil)', dir: 'ltr' },
  { locale: 'ja', name: '日本語', dir: 'ltr' },
  { locale: 'ar', name: 'العربية', dir: 'rtl' },
] as const;

export type Language = (typeof LANGUAGES)[number]['locale'];

/** The test world's pseudo-locale: every message wrapped in ⟦…⟧, accented and about 30 % longer. */
export const PSEUDO_LOCALE = 'en-XA';

export type Locale = Language | typeof PSEUDO_LOCALE;

const KNOWN: ReadonlySet<string> = new Set([...LANGUAGES.map((language) => language.locale), PSEUDO_LOCALE]);

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && KNOWN.has(value);

/** The way `locale` writes: right to left for Arabic. */
export const directionOf = (locale: Locale): 'ltr' | 'rtl' =>
  LANGUAGES.find((language) => language.locale === locale)?.dir ?? 'ltr';

/**
 * The first of `preferred` (the browser's languages, most wanted first) that Half Tunes speaks:
 * exactly (`pt-BR`), else by its language (`de-AT` → `de`, `pt-PT` → `pt-BR`, `ar-EG` → `ar`); English
 * where none is.
 */
export function languageFor(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const exact = LANGUAGES.find((language) => language.locale.toLowerCase() === tag.toLowerCase());
    if (exact) return exact.locale;
    const base = tag.split('-')[0]!.toLowerCase();
    const family = LANGUAGES.find((language) => language.locale.split('-')[0]!.toLowerCase() === base);
    if (family) return family.locale;
  }
  return 'en';
}
