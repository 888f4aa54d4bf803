import { describe, expect, it } from 'vitest';
import { newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';
import type { Outside } from '../../../src/sw/download/engine.ts';
import type { Moment } from '../../../src/sw/download/ladder.ts';
import { HELD_BACK_MS, Lots, type LotsOptions } from '../../../src/sw/download/lots.ts';
import { DownloadQueue } from '../../../src/sw/download/queue.ts';
import type { Runs } from '../../../src/sw/download/runs.ts';
import type { DownloadEvent } from '../../../src/sw/download/transition.ts';

const TRACK = { trackId: 7, trackName: 'Seven', artistName: 'A', previewUrl: 'https://example.com/7.m4a' };

type Pages = Omit<Moment, 'backgroundFetch' | 'backgroundAllowed'>;

/** What happens around a lot: the pages as its word arrives (and later), and the browser. */
interface Scene {
  readonly pages: Pages;
  /** The pages once the browser has the lot (the same by default). */
  readonly later?: Pages;
  /** The browser shows the lot (default), or never does. */
  readonly appears?: boolean;
  /** The lot brings bytes before `HELD_BACK_MS` (default). */
  readonly moves?: boolean;
  /** The person paused the download while the worker waited for the lot. */
  readonly pausedMeanwhile?: boolean;
  /** Stopping the lot fails (the browser's Background Fetch refuses). */
  readonly abandonFails?: boolean;
}

/** A lot of one download, handed over by page `closing`: what the worker asked of each part, in order. */
async function adoptOne(scene: Scene): Promise<string[]> {
  const { pages, later = pages, appears = true, moves = true } = scene;
  const asked: string[] = [];
  let moments = 0;
  const record: DownloadRecord = { ...newDownload(TRACK as never, 1, 'range'), status: 'downloading' };
  const outside: Outside = {
    goesOn: async () => true,
    lost: () => new Promise(() => undefined),
    stop: async () => undefined,
    // The browser has the lot (or not) a moment after the page's word.
    appeared: () =>
      new Promise((resolve) =>
        setTimeout(() => resolve((asked.push(appears ? 'the lot appears' : 'no lot'), appears)), 0),
      ),
    moving: async (id, withinMs) => {
      asked.push(`moving ${id} within ${withinMs} ms`);
      return moves;
    },
    abandon: async (id) => {
      asked.push(`abandon ${id}`);
      if (scene.abandonFails) throw new Error('refused');
    },
  };
  const options = {
    store: { get: async () => record },
    runs: {
      stop: async () => void asked.push('stop the stream'),
      launch: () => void asked.push('follow the fetch'),
    },
    queue: {
      hold: () => void asked.push('hold'),
      release: () => void asked.push('release'),
      afterRun: async () => void asked.push("the queue's turn"),
    },
    pages: {
      moment: async () => ({ ...(moments++ === 0 ? pages : later), backgroundFetch: true, backgroundAllowed: true }),
    },
    serial: (work: () => Promise<void>) => work(),
    apply: async (_: DownloadRecord, event: DownloadEvent) => {
      asked.push(event.kind);
      // A paused download is not handed over (transition.ts); a stopped stream is handed or given back.
      return { follow: event.kind === 'handed-over' && !scene.pausedMeanwhile, record };
    },
  } as unknown as LotsOptions;
  await new Lots(options).adopt({ type: 'background-fetch-lot', id: 'lot:1', trackIds: [7] }, 'closing', outside);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return asked;
}

const HIDDEN: Pages = { pageOpen: true, pageVisible: false };
const NONE: Pages = { pageOpen: false, pageVisible: false };
const SHOWN: Pages = { pageOpen: true, pageVisible: true };

describe('a lot handed over by a page', () => {
  it('stops the streams at once, before the browser has it: the lot asks for what the page last knew', async () => {
    expect(await adoptOne({ pages: HIDDEN })).toEqual([
      'hold',
      'stop the stream',
      'the lot appears',
      'release',
      'handed-over',
      'follow the fetch',
      "the queue's turn",
    ]);
  });

  it('is taken back when no page is left and the browser brought nothing in time', async () => {
    expect(await adoptOne({ pages: NONE, moves: false })).toEqual([
      'hold',
      'stop the stream',
      'the lot appears',
      'release',
      'handed-over',
      'follow the fetch',
      `moving lot:1 within ${HELD_BACK_MS} ms`,
      "the queue's turn",
      'abandon lot:1',
    ]);
  });

  it('is left to the browser once it brings bytes', async () => {
    expect(await adoptOne({ pages: NONE })).not.toContain('abandon lot:1');
  });

  it('never taken by the browser (the page went first), gives its downloads their turn again', async () => {
    expect(await adoptOne({ pages: NONE, appears: false })).toEqual([
      'hold',
      'stop the stream',
      'no lot',
      'release',
      'abandon lot:1',
      'lot-missed',
      "the queue's turn",
    ]);
  });

  it('is stopped at once where a page is still on screen: it fetches them itself', async () => {
    expect(await adoptOne({ pages: SHOWN })).toEqual([
      'hold',
      'the lot appears',
      'release',
      'abandon lot:1',
      'lot-missed',
      "the queue's turn",
    ]);
  });

  it('takes a stream a page on screen kept, once that page hid too', async () => {
    expect(await adoptOne({ pages: SHOWN, later: HIDDEN })).toEqual([
      'hold',
      'the lot appears',
      'release',
      'stop the stream',
      'handed-over',
      'follow the fetch',
      "the queue's turn",
    ]);
  });

  it('is stopped where the person paused its download meanwhile: the browser fetches nothing they stopped', async () => {
    expect(await adoptOne({ pages: HIDDEN, pausedMeanwhile: true })).toEqual([
      'hold',
      'stop the stream',
      'the lot appears',
      'release',
      'handed-over',
      'abandon lot:1',
      'lot-missed',
      "the queue's turn",
    ]);
  });

  it('gives its downloads back, and the queue its turn, even where stopping the lot fails', async () => {
    expect(await adoptOne({ pages: NONE, appears: false, abandonFails: true })).toEqual([
      'hold',
      'stop the stream',
      'no lot',
      'release',
      'abandon lot:1',
      'lot-missed',
      "the queue's turn",
    ]);
  });
});

describe('"Downloads finished" around a lot', () => {
  it('waits while downloads are held for a lot: they are between a stream and the lot, not finished', async () => {
    const drained: number[] = [];
    const queue = new DownloadQueue({
      store: { all: async () => [] },
      runs: { accepting: true, fetching: 0, size: 0, has: () => false } as unknown as Runs,
      apply: async () => ({ record: null, again: false }),
      // One song finished before the page hid.
      drainCompleted: () => [null],
      onDrained: async (completed) => void drained.push(completed),
    });
    queue.hold([7]);
    await queue.afterRun();
    expect(drained).toEqual([]);
    queue.release([7]);
    await queue.afterRun();
    expect(drained).toEqual([1]);
  });
});
