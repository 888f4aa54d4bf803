/**
 * Writes the test world's pseudo-locale (`en-XA`, xliff/en-XA.xlf, not committed) from the source
 * messages, as a real translation would be: every message wrapped in ⟦…⟧, its letters accented and
 * about 30 % longer, its placeholders kept. A walk of the app under it shows any word left in English
 * (tests/e2e/pseudo-locale.spec.ts) and whether the layout holds longer words.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pseudoTarget } from './pseudo.ts';

const SOURCE = 'xliff/de.xlf';
const xliff = readFileSync(SOURCE, 'utf8')
  .replace(/target-language="[^"]*"/, 'target-language="en-XA"')
  .replace(/<target>[\s\S]*?<\/target>/g, '')
  .replace(
    /<source>([\s\S]*?)<\/source>/g,
    (_whole, source: string) => `<source>${source}</source><target>${pseudoTarget(source)}</target>`,
  );
writeFileSync('xliff/en-XA.xlf', xliff);
