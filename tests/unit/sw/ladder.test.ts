import { describe, expect, it } from 'vitest';
import type { DownloadEngine } from '../../../src/shared/downloads.ts';
import { dropsBytes, firstEngine, nextRung, type GiveUp } from '../../../src/sw/download/ladder.ts';

const ENGINES: DownloadEngine[] = ['background-fetch', 'range', 'opaque'];
const REASONS: GiveUp[] = ['no-page', 'fetch-error', 'cors-refused', 'range-ignored'];

/** Every engine and every reason to give up: the whole ladder, `null` where the download fails. */
const LADDER: Record<DownloadEngine, Record<GiveUp, string | null>> = {
  'background-fetch': {
    'no-page': 'range, prefix, now',
    'fetch-error': 'range, prefix, queued',
    'cors-refused': 'opaque, nothing, now',
    'range-ignored': 'background-fetch, nothing, now',
  },
  range: {
    'no-page': null,
    'fetch-error': null,
    'cors-refused': 'opaque, nothing, now',
    'range-ignored': 'range, nothing, now',
  },
  opaque: { 'no-page': null, 'fetch-error': null, 'cors-refused': null, 'range-ignored': null },
};

describe('the preview-host ladder', () => {
  for (const engine of ENGINES) {
    for (const why of REASONS) {
      it(`${engine}, given up for ${why}: ${LADDER[engine][why] ?? 'fails'}`, () => {
        const rung = nextRung(engine, why);
        const shown = rung && `${rung.engine}, ${rung.keep}, ${rung.requeue ? 'queued' : 'now'}`;
        expect(shown).toBe(LADDER[engine][why]);
      });
    }
  }

  it('starts with Background Fetch where the browser has it, unless the Range-chunk engine is asked for', () => {
    expect(firstEngine({ backgroundFetch: true, forceRange: false })).toBe('background-fetch');
    expect(firstEngine({ backgroundFetch: true, forceRange: true })).toBe('range');
    expect(firstEngine({ backgroundFetch: false, forceRange: false })).toBe('range');
  });

  it('drops the bytes of a failure only where they are worth nothing', () => {
    expect(dropsBytes({ code: 'quota', message: '' })).toBe(true);
    expect(dropsBytes({ code: 'not-audio', message: '' })).toBe(true);
    expect(dropsBytes({ code: 'network', message: '' })).toBe(false);
    expect(dropsBytes({ code: 'bad-answer', message: '' })).toBe(false);
  });
});
