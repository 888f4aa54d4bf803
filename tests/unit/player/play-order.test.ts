import { describe, expect, it } from 'vitest';
import { PlayOrder, type PlayModes } from '../../../src/player/play-order.ts';
import { inTrackOrder, type Track } from '../../../src/shared/catalog.ts';

/** Six songs, named by letter, in the order a list shows them. */
const SONGS = ['a', 'b', 'c', 'd', 'e', 'f'];

const OFF: PlayModes = { shuffle: false, repeat: 'off' };

/** A random that answers `value` every time and counts how often it was asked. */
function fixedRandom(value: number): { random: () => number; draws: () => number } {
  let count = 0;
  return {
    random: () => {
      count++;
      return value;
    },
    draws: () => count,
  };
}

/** Never to be called: shuffle is off, or there is nothing to shuffle. */
const noRandom = (): number => {
  throw new Error('shuffle drew a random number');
};

/** `list` playing at `index`, with the given modes. */
function playing<T>(list: readonly T[], index: number, modes: Partial<PlayModes> = {}, random = noRandom) {
  return PlayOrder.empty<T>({ ...OFF, ...modes }, random).play(list, index);
}

/** The song playing, then each one Next leads to, `steps` times. */
function walk<T>(order: PlayOrder<T>, steps: number): (T | null)[] {
  const seen = [order.current];
  for (let step = 0; step < steps; step++) {
    order = order.next();
    seen.push(order.current);
  }
  return seen;
}

/** Where Next leads after `steps` presses. */
function after<T>(order: PlayOrder<T>, steps: number): PlayOrder<T> {
  for (let step = 0; step < steps; step++) order = order.next();
  return order;
}

describe('PlayOrder', () => {
  it('plays the list in its order from the song chosen; an empty order plays nothing', () => {
    const empty = PlayOrder.empty<string>(OFF, noRandom);
    expect([empty.current, empty.hasNext, empty.hasPrevious]).toEqual([null, false, false]);
    expect(walk(playing(SONGS, 2), 3)).toEqual(['c', 'd', 'e', 'f']);
    expect(() => empty.play(SONGS, 6)).toThrow(RangeError);
    expect(() => empty.play([], 0)).toThrow(RangeError);
  });

  describe('at the ends, with repeat off', () => {
    it('has no next song after the last, and Next stays put', () => {
      const last = playing(SONGS, 5);
      expect(last.hasNext).toBe(false);
      expect(last.next()).toBe(last);
    });

    it('has no previous song before the first, and Previous stays put', () => {
      const first = playing(SONGS, 0);
      expect(first.hasPrevious).toBe(false);
      expect(first.previous()).toBe(first);
      expect(playing(SONGS, 3).previous().current).toBe('c');
    });

    it('stops when the last song ends, and goes on after any other', () => {
      expect(playing(SONGS, 5).afterEnd()).toBe('stop');
      expect(playing(SONGS, 4).afterEnd()).toBe('next');
    });
  });

  describe('repeat all', () => {
    it('goes from the last song to the first, and back from the first to the last', () => {
      expect(playing(SONGS, 5, { repeat: 'all' }).next().current).toBe('a');
      expect(playing(SONGS, 5, { repeat: 'all' }).afterEnd()).toBe('next');
      const first = playing(SONGS, 0, { repeat: 'all' });
      expect(first.hasPrevious).toBe(true);
      expect(first.previous().current).toBe('f');
    });

    it('plays a single song again with Next, but has no other song before it', () => {
      const single = playing(['a'], 0, { repeat: 'all' });
      expect(single.hasNext).toBe(true);
      expect(single.next().current).toBe('a');
      expect(single.hasPrevious).toBe(false);
    });
  });

  describe('repeat one', () => {
    it('plays the song again when it ends, yet Next and Previous still move as with repeat off', () => {
      const middle = playing(SONGS, 2, { repeat: 'one' });
      expect(middle.afterEnd()).toBe('again');
      expect(middle.next().current).toBe('d');
      expect(middle.previous().current).toBe('b');
      const last = playing(SONGS, 5, { repeat: 'one' });
      expect(last.afterEnd()).toBe('again');
      expect(last.hasNext).toBe(false);
      expect(playing(SONGS, 0, { repeat: 'one' }).hasPrevious).toBe(false);
    });
  });

  describe('shuffle', () => {
    it('plays the chosen song first, then the rest in an order drawn from random', () => {
      // Every draw 0.5, as the albums e2e test makes it: Fisher–Yates from the end gives b e c f d.
      const { random, draws } = fixedRandom(0.5);
      const order = playing(SONGS, 0, { shuffle: true }, random);
      expect(draws()).toBe(4);
      expect(order.hasPrevious).toBe(false);
      expect(walk(order, 5)).toEqual(['a', 'b', 'e', 'c', 'f', 'd']);
      expect(walk(playing(SONGS, 0, { shuffle: true }, fixedRandom(0).random), 5)).toEqual([
        'a',
        'c',
        'd',
        'e',
        'f',
        'b',
      ]);
    });

    it('turned on mid-list, keeps the song playing first and shuffles every other song, earlier ones too', () => {
      const { random, draws } = fixedRandom(0.5);
      const order = PlayOrder.empty<string>(OFF, random).play(SONGS, 2).withShuffle(true);
      expect(order.current).toBe('c');
      expect(order.modes.shuffle).toBe(true);
      expect(order.hasPrevious).toBe(false);
      expect(walk(order, 5)).toEqual(['c', 'a', 'e', 'b', 'f', 'd']);
      expect(draws()).toBe(4);
      // Drawn anew at each press, even when shuffle was on already.
      expect(after(order, 2).withShuffle(true).current).toBe('e');
      expect(draws()).toBe(8);
    });

    it('shuffles anew for each round of repeat all, the song just played included', () => {
      const { random, draws } = fixedRandom(0.5);
      const order = playing(SONGS, 0, { shuffle: true, repeat: 'all' }, random);
      expect(walk(order, 5)).toEqual(['a', 'b', 'e', 'c', 'f', 'd']);
      expect(draws()).toBe(4);
      // The second round draws five times: every song, the one just played among them.
      const second = after(order, 6);
      expect(draws()).toBe(9);
      expect(walk(second, 5)).toEqual(['a', 'f', 'b', 'e', 'c', 'd']);
      expect(draws()).toBe(9);
      // Previous from the start of a round goes to its last song, with no new draw.
      expect(second.previous().current).toBe('d');
      expect(draws()).toBe(9);
    });

    it('turned off, returns to the list order at the song playing', () => {
      const shuffled = after(playing(SONGS, 0, { shuffle: true }, fixedRandom(0.5).random), 2);
      expect(shuffled.current).toBe('e');
      const listed = shuffled.withShuffle(false);
      expect(listed.modes.shuffle).toBe(false);
      expect(listed.current).toBe('e');
      expect(walk(listed, 1)).toEqual(['e', 'f']);
      expect(listed.next().hasNext).toBe(false);
      expect(listed.previous().current).toBe('d');
    });
  });

  it('plays an album in the track order its list was given in', () => {
    const song = (id: number, discNumber: number, trackNumber: number): Track => ({
      id,
      name: `${discNumber}-${trackNumber}`,
      artist: 'The Paper Lanterns',
      album: 'Harbour Lights',
      durationMs: null,
      previewUrl: `http://127.0.0.1/p/${id}.wav`,
      artworkUrl: null,
      genre: null,
      releaseDate: null,
      discNumber,
      trackNumber,
    });
    // As the catalog answers: not in order. `toAlbum` puts the album in track order (`inTrackOrder`).
    const album = inTrackOrder([song(1, 2, 1), song(2, 1, 2), song(3, 1, 10), song(4, 1, 1)]);
    const names = walk(playing(album, 0), 3).map((track) => track?.name);
    expect(names).toEqual(['1-1', '1-2', '1-10', '2-1']);
  });

  it('replaces the old list with a new one, keeping the modes', () => {
    const old = playing(['x', 'y', 'z'], 1, { repeat: 'all' });
    const renewed = old.play(SONGS, 4);
    expect(renewed.list).toEqual(SONGS);
    expect(renewed.modes).toEqual({ shuffle: false, repeat: 'all' });
    expect(walk(renewed, 3)).toEqual(['e', 'f', 'a', 'b']);
    expect(renewed.previous().previous().current).toBe('c');
    expect(old.current).toBe('y');
  });

  describe('taking songs out', () => {
    it('keeps the others in their play order, and the song playing plays on', () => {
      const order = after(playing(SONGS, 0, { shuffle: true }, fixedRandom(0.5).random), 2);
      const kept = order.without((song) => song === 'b' || song === 'f');
      expect(kept.list).toEqual(['a', 'c', 'd', 'e']);
      expect(kept.current).toBe('e');
      expect(walk(kept, 2)).toEqual(['e', 'c', 'd']);
      expect(kept.previous().current).toBe('a');
    });

    it('leaves nothing to play when the song playing is taken out, and is the same order when nothing is', () => {
      const order = playing(SONGS, 2);
      const cleared = order.without((song) => song === 'c');
      expect([cleared.current, cleared.list, cleared.hasNext]).toEqual([null, [], false]);
      expect(order.without(() => false)).toBe(order);
      const empty = PlayOrder.empty<string>(OFF, noRandom);
      expect(empty.without(() => true)).toBe(empty);
    });
  });
});
