import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { parseCatalogBody, toTracks } from '../../../src/shared/catalog.ts';
import { PlayOrder } from '../../../src/player/play-order.ts';
import type { PlayerItem } from '../../../src/player/player.ts';
import { restoreUpNext, saveUpNext } from '../../../src/player/up-next-store.ts';

const CATALOG = 'http://127.0.0.1:4173';
const [low, drift] = toTracks(
  parseCatalogBody(readFileSync(new URL('../../fixtures/recorded-songs.json', import.meta.url), 'utf8')),
  CATALOG,
);
const MODES = { shuffle: false, repeat: 'off' } as const;
const inOrder = (): number => 0;

/** A page's localStorage, as the player sees it. */
function fakeStorage(): Map<string, string> {
  const entries = new Map<string, string>();
  Object.assign(globalThis, {
    localStorage: {
      getItem: (key: string) => entries.get(key) ?? null,
      setItem: (key: string, value: string) => void entries.set(key, value),
      removeItem: (key: string) => void entries.delete(key),
    },
  });
  return entries;
}

describe('Up Next across a reload', () => {
  let entries: Map<string, string>;
  beforeEach(() => {
    entries = fakeStorage();
  });

  it('comes back as it was: the song, and what is to come in its order', () => {
    const stored: PlayerItem = { track: low!, offline: true };
    const streamed: PlayerItem = { track: drift!, offline: false };
    const order = PlayOrder.empty<PlayerItem>(MODES, inOrder).play([stored], 0).addToQueue([streamed]);
    saveUpNext(order);
    const back = restoreUpNext(MODES, inOrder, CATALOG);
    expect(back.current).toEqual(stored);
    expect(back.upNext).toEqual([streamed]);
  });

  it('drops a song that no longer reads as one, and anything that is not a kept order', () => {
    const order = PlayOrder.empty<PlayerItem>(MODES, inOrder)
      .play([{ track: low!, offline: true }], 0)
      .addToQueue([{ track: drift!, offline: true }]);
    saveUpNext(order);
    const kept = JSON.parse(entries.get('half-tunes:up-next')!) as { items: Record<string, { track: object }> };
    kept.items[`stored:${drift!.id}`]!.track = { ...drift!, previewUrl: 'https://evil.example/a.m4a' };
    entries.set('half-tunes:up-next', JSON.stringify(kept));
    expect(restoreUpNext(MODES, inOrder, CATALOG).upNext).toEqual([]);

    entries.set('half-tunes:up-next', '{not json');
    expect(restoreUpNext(MODES, inOrder, CATALOG).current).toBeNull();
  });
});
