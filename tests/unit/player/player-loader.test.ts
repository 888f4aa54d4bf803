import { describe, expect, it } from 'vitest';
import { PlayerLoader } from '../../../src/player/player-loader.ts';
import type { Player } from '../../../src/player/player.ts';

const player = {} as Player;

/** A code load that fails the first `failures` times (a reload cut it short), then brings the player. */
function codeFailing(failures: number): { start: () => Promise<(origin: string) => Player>; loads: () => number } {
  let loads = 0;
  return {
    start: () => {
      loads += 1;
      return loads <= failures
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : Promise.resolve(() => player);
    },
    loads: () => loads,
  };
}

/** Lets every settled promise run its callbacks. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('the player loader', () => {
  it('takes an early load cut short quietly, and the play that needs the player loads it again', async () => {
    const code = codeFailing(1);
    const loader = new PlayerLoader(code.start);
    const page = new EventTarget();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): number => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      loader.prepare('https://catalog.example', false, page);
      page.dispatchEvent(new Event('pointerdown'));
      await settle();
      expect(unhandled).toEqual([]);
      expect(loader.loaded).toBeNull();

      const used: Player[] = [];
      loader.with((loaded) => used.push(loaded));
      await settle();
      expect(used).toEqual([player]);
      expect(code.loads()).toBe(2);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('starts early once, at the first touch or key, and tells a listener added late at once', async () => {
    const code = codeFailing(1);
    const loader = new PlayerLoader(code.start);
    const page = new EventTarget();
    loader.prepare('https://catalog.example', false, page);
    page.dispatchEvent(new Event('pointerdown'));
    await settle();
    // The early load failed: a later key does not start another (the play that needs it does).
    page.dispatchEvent(new Event('keydown'));
    await settle();
    expect(code.loads()).toBe(1);
    const told: Player[] = [];
    loader.whenLoaded((loaded) => told.push(loaded));
    loader.with(() => undefined);
    await settle();
    expect(code.loads()).toBe(2);
    loader.whenLoaded((loaded) => told.push(loaded));
    expect(told).toEqual([player, player]);
  });
});
