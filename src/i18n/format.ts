import { currentLocale } from './localization.ts';

/**
 * Numbers as people of the app's language write them, through `Intl`: never by concatenation. Each
 * call reads the language now, so a change applies at the next render.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

/** One cached `Intl.NumberFormat` per language and options. */
function numbers(options: Intl.NumberFormatOptions, locale: string): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** A count: "1,234" in English, "1.234" in German, "١٬٢٣٤" in Arabic. */
export const formatCount = (count: number, locale: string = currentLocale()): string =>
  numbers({}, locale).format(count);

/** A size the way people read it, with its unit: "960 kB", "1.2 MB", "64.0 MB", "1,2 Mo". */
export function formatBytes(bytes: number, locale: string = currentLocale()): string {
  const [value, unit, digits] =
    bytes < 1000
      ? [bytes, 'byte', 0]
      : bytes < 1_000_000
        ? [bytes / 1000, 'kilobyte', 0]
        : bytes < 1_000_000_000
          ? [bytes / 1_000_000, 'megabyte', 1]
          : [bytes / 1_000_000_000, 'gigabyte', 2];
  return numbers(
    {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    },
    locale,
  ).format(value);
}

/** Minutes as the language writes them: "15 minutes", "15 Minuten" (`long`), "15 min" (`short`). */
export const formatMinutes = (
  minutes: number,
  unitDisplay: 'long' | 'short' = 'long',
  locale: string = currentLocale(),
): string => numbers({ style: 'unit', unit: 'minute', unitDisplay }, locale).format(minutes);

/** A percentage with one decimal: "42.0%", "42,0 %". `percent` is 0–100. */
export const formatPercent = (percent: number, locale: string = currentLocale()): string =>
  numbers({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }, locale).format(percent / 100);

/** A duration as a clock shows it, "3:31", in the language's digits. */
export function formatDuration(seconds: number, locale: string = currentLocale()): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = numbers({}, locale).format(Math.floor(whole / 60));
  const rest = numbers({ minimumIntegerDigits: 2, useGrouping: false }, locale).format(whole % 60);
  return `${minutes}:${rest}`;
}

/** A year from an ISO date ("2019-04-12T07:00:00Z" → "2019"), or null. */
export function formatYear(iso: string | null | undefined, locale: string = currentLocale()): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Which of the language's plural forms `count` takes (Arabic has six, Japanese one). */
export function pluralOf(count: number, locale: string = currentLocale()): Intl.LDMLPluralRule {
  return new Intl.PluralRules(locale).select(count);
}

/**
 * The message for `count` in the language's plural form: `forms` gives each form its message (a
 * function, so that only the one needed is looked up: text, or a template with markup); `other`
 * stands in for any form not given.
 */
export function plural<T>(
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, () => T>> & { other: () => T },
  locale: string = currentLocale(),
): T {
  return (forms[pluralOf(count, locale)] ?? forms.other)();
}
