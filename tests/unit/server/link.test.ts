import { describe, expect, it } from 'vitest';
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
});
