import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackgroundFetchPages } from '../../../src/bridge/background-fetch.ts';
import type { BackgroundFetchManagerLike } from '../../../src/shared/background-fetch.ts';

/** A browser whose Background Fetch refuses every question, as a store it cannot open does. */
const failing: BackgroundFetchManagerLike = {
  fetch: () => Promise.reject(new TypeError('Internal error')),
  get: () => Promise.reject(new TypeError('Internal error')),
  getIds: () => Promise.reject(new TypeError('Internal error')),
};

/** The rejections nothing handled while `run` ran, and a turn of the event loop after. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', record);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    process.off('unhandledRejection', record);
  }
  return unhandled;
}

describe("the page's half of Background Fetch, where the browser's answers fail", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('connects all the same, raises no unhandled rejection, and tells the worker a fetch it could not start', async () => {
    vi.stubGlobal('navigator', { serviceWorker: { ready: Promise.resolve({ backgroundFetch: failing }) } });
    vi.stubGlobal('document', { visibilityState: 'visible' });
    const told: unknown[] = [];
    const pages = new BackgroundFetchPages(
      (command) => told.push(command),
      () => undefined,
    );
    const unhandled = await unhandledDuring(async () => {
      await pages.connect();
      pages.stored('lot:1');
      await pages.start({
        type: 'background-fetch-requested',
        id: 'track:1',
        url: 'https://previews.example/1.m4a',
        segments: [],
        title: 'Harbour Lights',
        icon: null,
        downloadTotal: 1000,
      });
    });
    expect(unhandled).toEqual([]);
    expect(pages.available).toBe(true);
    expect(told).toEqual([{ type: 'background-fetch-refused', id: 'track:1' }]);
  });
});
