import { describe, expect, it } from 'vitest';
import { newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';
import type { Outside } from '../../../src/sw/download/engine.ts';
import type { Moment } from '../../../src/sw/download/ladder.ts';
import { HELD_BACK_MS, Lots, type LotsOptions } from '../../../src/sw/download/lots.ts';

const TRACK = { trackId: 7, trackName: 'Seven', artistName: 'A', previewUrl: 'https://example.com/7.m4a' };

/** A lot of one download, handed over by page `closing`, with the pages and the browser as given. */
async function adoptOne(moment: Omit<Moment, 'backgroundFetch' | 'backgroundAllowed'>, moves: boolean) {
  const asked: string[] = [];
  const record: DownloadRecord = { ...newDownload(TRACK as never, 1, 'range'), status: 'downloading' };
  const outside: Outside = {
    goesOn: async () => true,
    lost: () => new Promise(() => undefined),
    stop: async () => undefined,
    appeared: async () => true,
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
    pages: { moment: async () => ({ ...moment, backgroundFetch: true, backgroundAllowed: true }) },
    serial: (work: () => Promise<void>) => work(),
    apply: async () => ({ follow: true, record }),
  } as unknown as LotsOptions;
  await new Lots(options).adopt({ type: 'background-fetch-lot', id: 'lot:1', trackIds: [7] }, 'closing', outside);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return asked;
}

describe('a lot handed over by a page', () => {
  it('is taken back when no page is left and the browser brought nothing in time', async () => {
    expect(await adoptOne({ pageOpen: false, pageVisible: false }, false)).toEqual([
      'stop the stream',
      'follow the fetch',
      `moving lot:1 within ${HELD_BACK_MS} ms`,
      'abandon lot:1',
    ]);
  });

  it('is left to the browser once it brings bytes', async () => {
    expect(await adoptOne({ pageOpen: false, pageVisible: false }, true)).not.toContain('abandon lot:1');
  });

  it('is left to the browser while a hidden page is open (it holds nothing back then)', async () => {
    const asked = await adoptOne({ pageOpen: true, pageVisible: false }, false);
    expect(asked).toEqual(['stop the stream', 'follow the fetch']);
  });

  it('is stopped at once where a page is still on screen: it fetches them itself', async () => {
    expect(await adoptOne({ pageOpen: true, pageVisible: true }, true)).toEqual(['abandon lot:1']);
  });
});
