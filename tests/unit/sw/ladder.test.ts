import { describe, expect, it } from 'vitest';
import type { DownloadEngine, PinnedEngine } from '../../../src/shared/downloads.ts';
import { dropsBytes, engineFor, nextRung, type GiveUp } from '../../../src/sw/download/ladder.ts';

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

  /**
   * The engine a launch takes, by the moment: [page on screen, page open, person allows background,
   * browser has Background Fetch, pinned] → engine.
   */
  const MOMENTS: readonly [boolean, boolean, boolean, boolean, PinnedEngine | undefined, DownloadEngine][] = [
    // On screen: the worker's own stream, whatever the setting.
    [true, true, true, true, undefined, 'range'],
    [true, true, false, true, undefined, 'range'],
    // Hidden: Background Fetch, where the person allows it and a page can start one.
    [false, true, true, true, undefined, 'background-fetch'],
    [false, true, false, true, undefined, 'range'],
    [false, false, true, true, undefined, 'range'],
    [false, true, true, false, undefined, 'range'],
    // A page's pin wins where the browser can.
    [true, true, false, true, 'background-fetch', 'background-fetch'],
    [false, true, true, true, 'range', 'range'],
    [true, true, true, false, 'background-fetch', 'range'],
  ];
  for (const [pageVisible, pageOpen, backgroundAllowed, backgroundFetch, pinned, engine] of MOMENTS) {
    const moment = { pageVisible, pageOpen, backgroundAllowed, backgroundFetch };
    it(`launches with ${engine}: ${JSON.stringify(moment)}${pinned ? `, pinned to ${pinned}` : ''}`, () => {
      expect(engineFor({ engine: 'range', ...(pinned ? { pinned } : {}) }, moment)).toBe(engine);
      expect(engineFor({ engine: 'background-fetch', ...(pinned ? { pinned } : {}) }, moment)).toBe(engine);
    });
  }

  it('an opaque download stays opaque: its host allows nothing else', () => {
    const moment = { pageVisible: false, pageOpen: true, backgroundAllowed: true, backgroundFetch: true };
    expect(engineFor({ engine: 'opaque' }, moment)).toBe('opaque');
  });

  it('drops the bytes of a failure only where they are worth nothing', () => {
    expect(dropsBytes({ code: 'quota', message: '' })).toBe(true);
    expect(dropsBytes({ code: 'not-audio', message: '' })).toBe(true);
    expect(dropsBytes({ code: 'network', message: '' })).toBe(false);
    expect(dropsBytes({ code: 'bad-answer', message: '' })).toBe(false);
  });
});
