/**
 * The pseudo-locale's translation (`en-XA`): what scripts/pseudo-locale.ts writes for every message,
 * and what the tests look for.
 */
const ACCENTED: Readonly<Record<string, string>> = {
  a: 'å',
  b: 'ƀ',
  c: 'ç',
  d: 'ð',
  e: 'é',
  f: 'ƒ',
  g: 'ĝ',
  h: 'ĥ',
  i: 'î',
  j: 'ĵ',
  k: 'ķ',
  l: 'ļ',
  m: 'ɱ',
  n: 'ñ',
  o: 'ö',
  p: 'þ',
  r: 'ŕ',
  s: 'š',
  t: 'ţ',
  u: 'û',
  w: 'ŵ',
  y: 'ý',
  z: 'ž',
  A: 'Å',
  C: 'Ç',
  D: 'Ð',
  E: 'É',
  G: 'Ĝ',
  I: 'Î',
  L: 'Ļ',
  N: 'Ñ',
  O: 'Ö',
  S: 'Š',
  U: 'Û',
  Y: 'Ý',
  Z: 'Ž',
};

/** One text run of a message, pseudo-translated: accented, and longer by a third of its letters. */
function pseudo(text: string): string {
  const letters = text.replace(/[^A-Za-z]/g, '').length;
  const accented = [...text].map((character) => ACCENTED[character] ?? character).join('');
  return `${accented}${'·'.repeat(Math.ceil(letters * 0.3))}`;
}

/** A `<source>`'s content as a `<target>`'s: the text runs pseudo, `<x …/>` placeholders and XML entities as they are. */
export function pseudoTarget(source: string): string {
  const parts = source.split(/(<x [^>]*\/>|&[#\w]+;)/);
  const texts = parts.map((part) => (part.startsWith('<x ') || part.startsWith('&') ? part : pseudo(part)));
  return `⟦${texts.join('')}⟧`;
}

/** A message with no placeholder, as the pseudo-locale shows it ("Delete" → "⟦Ðéļéţé··⟧"). */
export const pseudoMessage = (english: string): string =>
  pseudoTarget(english.replace(/&/g, '&amp;').replace(/</g, '&lt;')).replace(/&amp;/g, '&').replace(/&lt;/g, '<');
