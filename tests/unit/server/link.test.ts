import { describe, expect, it } from 'vitest';
import { pacingStep } from '../../../server/catalog-server.ts';
import { SharedLink, parseLinkSettings } from '../../../server/link.ts';

/** A link on a clock that stands still: it records how long each piece is made to wait. */
function linkAt(now: number) {
  const waits: number[] = [];
  const link = new SharedLink(
    () => now,
    async (ms) => void waits.push(ms),
  );
  return { link, waits };
}

describe('the shared link', () => {
  it('shares its bandwidth: pieces sent at once leave one after another', async () => {
    const { link, waits } = linkAt(1000);
    link.set({ bytesPerSecond: 1000 });
    await Promise.all([link.transmit(500), link.transmit(500), link.transmit(1000)]);
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('makes every request wait the round trip, and nothing without settings', async () => {
    const { link, waits } = linkAt(0);
    await link.roundTrip();
    await link.transmit(1e9);
    expect(waits).toEqual([]);
    link.set({ latencyMs: 150 });
    await link.roundTrip();
    expect(waits).toEqual([150]);
  });

  it('takes only positive numbers', () => {
    expect(parseLinkSettings({ bytesPerSecond: 1.5e6, latencyMs: -1, other: 3 })).toEqual({ bytesPerSecond: 1.5e6 });
    expect(parseLinkSettings('fast')).toEqual({});
  });

  it('lets a body cross in a hundredth of a second at a time, so its first bytes follow the round trip', () => {
    // A phone's 1.5 MB/s: 15 kB steps (10 ms), where whole 64 KiB pieces held the first bytes back 44 ms.
    expect(pacingStep(undefined, 1.5e6)).toBe(15_000);
    // A fault's cap trickles in twentieths of a second; the finer of the two caps wins; never below 1 KiB.
    expect(pacingStep(100_000, undefined)).toBe(5000);
    expect(pacingStep(100_000, 1.5e6)).toBe(5000);
    expect(pacingStep(1000, undefined)).toBe(1024);
    expect(pacingStep(undefined, undefined)).toBeNull();
  });
});
