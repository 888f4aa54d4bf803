import { describe, expect, it } from 'vitest';
import { pageAnswered, pageWord } from '../../../src/sw/download/background-fetch/ask-page.ts';

describe("a page's word on the lot it started", () => {
  it('reaches the lot it names, even where it came before the worker listened', async () => {
    // A worker just started hears the page's word before the lot, which waits for the downloads to load.
    pageAnswered({ type: 'background-fetch-refused', id: 'lot:1' });
    const waiting = pageWord('lot:2', 1000);
    pageAnswered({ type: 'background-fetch-started', id: 'lot:2' });
    expect(await pageWord('lot:1', 1000)).toBe(false);
    expect(await waiting).toBe(true);
  });

  it('is nothing where the page said nothing in time', async () => {
    expect(await pageWord('lot:3', 10)).toBeNull();
    // A word for it later is kept for a lot that is waited for again, and only once.
    pageAnswered({ type: 'background-fetch-started', id: 'lot:3' });
    expect(await pageWord('lot:3', 10)).toBe(true);
    expect(await pageWord('lot:3', 10)).toBeNull();
  });
});
