import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The page the README links for the benchmark: a full run writes its figures into it. */
export const BENCHMARKS_DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));
export const FIGURES_START = '<!-- npm run bench: its latest full run, from here -->';
export const FIGURES_END = '<!-- npm run bench: to here -->';

/** The knobs that shorten a run: figures of such a run are not the bench's, and are not written. */
const SHORTENING_KNOBS = ['HALF_TUNES_BENCH_TRIALS', 'HALF_TUNES_BENCH_SIZES', 'HALF_TUNES_BENCH_ENGINES'];

/** Whether a run asked for `words` (parts or flags; none: every part, plain) under `env` is the whole bench. */
export const isFullRun = (words: readonly string[], env: NodeJS.ProcessEnv): boolean =>
  words.length === 0 && SHORTENING_KNOBS.every((knob) => !env[knob]);

/**
 * The section of figures for what a run printed: its tables as they are, each other line a list item
 * (in Markdown, lines in a row would run into one paragraph), under the commit and the day it measured.
 */
export function figuresSection(printed: readonly string[], commit: string, day: string): string {
  const lines = printed
    .flatMap((text) => text.split('\n'))
    .map((line) => (line === '' || line.startsWith('|') ? line : `- ${line.trim()}`));
  return [
    FIGURES_START,
    '',
    `Measured on ${day} at commit \`${commit}\`, by \`npm run bench\`.`,
    '',
    ...lines,
    '',
    FIGURES_END,
  ]
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** `doc` with its section of figures replaced by `section`. */
export function withFigures(doc: string, section: string): string {
  const start = doc.indexOf(FIGURES_START);
  const end = doc.indexOf(FIGURES_END);
  if (start < 0 || end < start)
    throw new Error(`docs/benchmarks.md lacks the markers ${FIGURES_START} … ${FIGURES_END}`);
  return doc.slice(0, start) + section + doc.slice(end + FIGURES_END.length);
}

/** Writes what a full run printed into docs/benchmarks.md, with the commit it measured, as Prettier lays it out. */
export async function writeLatestFigures(printed: readonly string[]): Promise<void> {
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--short', 'HEAD');
  // Anything the build or the bench reads counts; the figures' own page does not.
  const changed = git('status', '--porcelain', '--', '.', ':(exclude)docs');
  const measured = changed ? `${commit} with changes not committed` : commit;
  const day = new Date().toISOString().slice(0, 10);
  const doc = withFigures(readFileSync(BENCHMARKS_DOC, 'utf8'), figuresSection(printed, measured, day));
  const options = await resolveConfig(BENCHMARKS_DOC);
  writeFileSync(BENCHMARKS_DOC, await format(doc, { ...options, filepath: BENCHMARKS_DOC }));
  console.log(`\nThe figures are in docs/benchmarks.md ("Latest figures").`);
}
