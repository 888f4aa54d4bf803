import { readFileSync } from 'node:fs';
import type { Language } from '../../src/i18n/locales.ts';

/**
 * What the app says in a language, read from that language's XLIFF file (xliff/<locale>.xlf), so a
 * test finds a button by the words a person of that language sees.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const files = new Map<string, Map<string, string>>();

function targets(locale: Language): Map<string, string> {
  let found = files.get(locale);
  if (found) return found;
  const xliff = readFileSync(new URL(`../../xliff/${locale}.xlf`, import.meta.url), 'utf8');
  found = new Map();
  for (const [, id, body] of xliff.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const target = /<target>([\s\S]*?)<\/target>/.exec(body!)?.[1];
    if (target !== undefined) found.set(id!, target);
  }
  files.set(locale, found);
  return found;
}

/**
 * Message `id` in `locale`, its placeholders filled with `values` in order (`${count}` → values[0]).
 * English is the source: its words are what the code says, so a test passes `english` for it.
 */
export function said(locale: Language, id: string, english: string, values: readonly string[] = []): string {
  if (locale === 'en') return english;
  const target = targets(locale).get(id);
  if (target === undefined) throw new Error(`No ${locale} translation of ${id}`);
  return target
    .replace(/<x id="(\d+)"[^>]*\/>/g, (_, index: string) => values[Number(index)] ?? '')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
}
