import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BENCHMARKS_DOC,
  FIGURES_END,
  FIGURES_START,
  figuresSection,
  isFullRun,
  withFigures,
} from '../../../scripts/bench/latest-figures.ts';

/** The rows of the benchmark's table that the issue asks for: every one a full run prints. */
const ROWS = [
  '| one preview, phone link |',
  '| 10 previews tapped together, phone link |',
  '| first download after the browser starts, one preview, phone link |',
  '| 64 MiB, loopback |',
  '| 256 MiB, loopback |',
  '| 1024 MiB, loopback |',
];

describe("the benchmark's latest figures", () => {
  it('are written by a full run only: every part, no knob', () => {
    expect(isFullRun([], {})).toBe(true);
    expect(isFullRun(['phone'], {})).toBe(false);
    expect(isFullRun([], { HALF_TUNES_BENCH_TRIALS: '1' })).toBe(false);
    expect(isFullRun([], { HALF_TUNES_BENCH_SIZES: '64' })).toBe(false);
    expect(isFullRun([], { HALF_TUNES_BENCH_ENGINES: 'default' })).toBe(false);
  });

  it('keep the tables as printed and make each other line an item, under the commit and the day', () => {
    const section = figuresSection(
      ['| a | b |\n|---|---|', '| 1 | 2 |', '', 'tap to first progress 219 ms'],
      'abc1234',
      '2026-12-06',
    );
    expect(section).toBe(
      [
        FIGURES_START,
        '',
        'Measured on 2026-12-06 at commit `abc1234`, by `npm run bench`.',
        '',
        '| a | b |',
        '|---|---|',
        '| 1 | 2 |',
        '',
        '- tap to first progress 219 ms',
        '',
        FIGURES_END,
      ].join('\n'),
    );
    expect(withFigures(`before\n${FIGURES_START}\nold\n${FIGURES_END}\nafter`, 'new')).toBe('before\nnew\nafter');
  });

  it('are on the benchmark page, with every row of the table', () => {
    const doc = readFileSync(BENCHMARKS_DOC, 'utf8');
    const section = doc.slice(doc.indexOf(FIGURES_START), doc.indexOf(FIGURES_END));
    const rows = section.split('\n').map((line) => line.replace(/\s+\|/g, ' |').replace(/\|\s+/g, '| '));
    for (const row of ROWS) expect(rows.some((line) => line.startsWith(row))).toBe(true);
  });
});
