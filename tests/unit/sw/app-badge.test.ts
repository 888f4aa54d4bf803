import { beforeEach, describe, expect, it } from 'vitest';
import { markLibrarySeen } from '../../../src/bridge/app-badge.ts';
import { showUnseen } from '../../../src/sw/app-badge.ts';
import { MemoryCacheStorage } from './platform/cache-storage.ts';

const storage = new MemoryCacheStorage();
Object.assign(globalThis, { caches: storage });

/** The browser's badge: what it shows now. */
class Badge {
  shown: number | null = null;
  /** Runs once, inside the next `setAppBadge`, before the badge changes: another context's step. */
  meanwhile: (() => Promise<void>) | null = null;

  async setAppBadge(count: number): Promise<void> {
    const step = this.meanwhile;
    this.meanwhile = null;
    await step?.();
    this.shown = count;
  }

  async clearAppBadge(): Promise<void> {
    this.shown = null;
  }
}

beforeEach(() => storage.clear());

describe('the app badge', () => {
  it('counts the songs finished since the library was last opened', async () => {
    const badge = new Badge();
    await markLibrarySeen(badge, 100);
    await showUnseen(badge, [50, 150, 160, null]);
    expect(badge.shown).toBe(2);
    await markLibrarySeen(badge, 200);
    expect(badge.shown).toBeNull();
  });

  it('stays off when the page opens the library between the worker’s count and its badge', async () => {
    const badge = new Badge();
    await markLibrarySeen(badge, 100);
    // The worker has read "seen at 100" when the page marks the library seen and clears the badge.
    badge.meanwhile = () => markLibrarySeen(badge, 300);
    await showUnseen(badge, [150, 160]);
    expect(badge.shown).toBeNull();
  });
});
