import { describe, expect, it } from 'vitest';
import { newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';
import type { Outside } from '../../../src/sw/download/engine.ts';
import type { Moment } from '../../../src/sw/download/ladder.ts';
import { HELD_BACK_MS, Lots, type LotsOptions } from '../../../src/sw/download/lots.ts';
import type { DownloadEvent } from '../../../src/sw/download/transition.ts';

const TRACK = { trackId: 7, trackName: 'Seven', artistName: 'A', previewUrl: 'https://example.com/7.m4a' };

/** A lot of one download, handed over by page `closing`, with the pages and the browser as given. */
async function adoptOne(
  moment: Omit<Moment, 'backgroundFetch' | 'backgroundAllowed'>,
  moves: boolean,
  appears = true,
  later: Omit<Moment, 'backgroundFetch' | 'backgroundAllowed'> = moment,
) {
  const asked: string[] = [];
  // The pages as the lot's word arrives, then as the browser has it.
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
    abandon: async (id) => void asked.push(`abandon ${id}`),
  };
  const options = {
    store: { get: async () => record },
    runs: {
      stop: async () => void asked.push('stop the stream'),
      launch: () => void asked.push('follow the fetch'),
    },
    queue: { hold: () => undefined, release: () => undefined, pump: async () => undefined },
    pages: {
      moment: async () => ({ ...(moments++ === 0 ? moment : later), backgroundFetch: true, backgroundAllowed: true }),
    },
    serial: (work: () => Promise<void>) => work(),
    apply: async (_: DownloadRecord, event: DownloadEvent) => (asked.push(event.kind), { follow: true, record }),
  } as unknown as LotsOptions;
  await new Lots(options).adopt({ type: 'background-fetch-lot', id: 'lot:1', trackIds: [7] }, 'closing', outside);
  await new Promise((resolve) => setTimeout(resolve, 5));
  return asked;
}

describe('a lot handed over by a page', () => {
  it('stops the streams at once, before the browser has it: the lot asks for what the page last knew', async () => {
    expect(await adoptOne({ pageOpen: true, pageVisible: false }, true)).toEqual([
      'stop the stream',
      'the lot appears',
      'handed-over',
      'follow the fetch',
    ]);
  });

  it('is taken back when no page is left and the browser brought nothing in time', async () => {
    expect(await adoptOne({ pageOpen: false, pageVisible: false }, false)).toEqual([
      'stop the stream',
      'the lot appears',
      'handed-over',
      'follow the fetch',
      `moving lot:1 within ${HELD_BACK_MS} ms`,
      'abandon lot:1',
    ]);
  });

  it('is left to the browser once it brings bytes', async () => {
    expect(await adoptOne({ pageOpen: false, pageVisible: false }, true)).not.toContain('abandon lot:1');
  });

  it('never taken by the browser (the page went first), gives its downloads their turn again', async () => {
    expect(await adoptOne({ pageOpen: false, pageVisible: false }, true, false)).toEqual([
      'stop the stream',
      'no lot',
      'abandon lot:1',
      'lot-missed',
    ]);
  });

  it('is stopped at once where a page is still on screen: it fetches them itself', async () => {
    expect(await adoptOne({ pageOpen: true, pageVisible: true }, true)).toEqual([
      'the lot appears',
      'abandon lot:1',
      'lot-missed',
    ]);
  });

  it('takes a stream a page on screen kept, once that page hid too', async () => {
    const hidden = { pageOpen: true, pageVisible: false };
    expect(await adoptOne({ pageOpen: true, pageVisible: true }, true, true, hidden)).toEqual([
      'the lot appears',
      'stop the stream',
      'handed-over',
      'follow the fetch',
    ]);
  });
});
