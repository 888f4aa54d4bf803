import { describe, expect, it } from 'vitest';
import { PlayOrder, type PlayModes } from '../../../src/player/play-order.ts';

/** Six songs, named by letter, in the order a list shows them. */
const SONGS = ['a', 'b', 'c', 'd', 'e', 'f'];

const OFF: PlayModes = { shuffle: false, repeat: 'off' };

/** Every draw 0.5: Fisher–Yates from the end then gives a known order. */
const half = (): number => 0.5;

/** Never to be called: shuffle is off, or there is nothing to shuffle. */
const noRandom = (): number => {
  throw new Error('shuffle drew a random number');
};

function playing(index: number, modes: Partial<PlayModes> = {}, random = noRandom): PlayOrder<string> {
  return PlayOrder.empty<string>({ ...OFF, ...modes }, random).play(SONGS, index);
}

/** The round as the player would show it: played, playing (in brackets), Up Next. */
function shown(order: PlayOrder<string>): string {
  const current = order.current === null ? [] : [`[${order.current}]`];
  return [...order.played, ...current, ...order.upNext].join(' ');
}

function after<T>(order: PlayOrder<T>, steps: number): PlayOrder<T> {
  for (let step = 0; step < steps; step++) order = order.next();
  return order;
}

describe('Up Next', () => {
  describe('Play next and Add to queue', () => {
    it.each([
      ['one song, Play next', (o: PlayOrder<string>) => o.playNext(['x']), 'a b [c] x d e f'],
      [
        'an album, Play next, in its order',
        (o: PlayOrder<string>) => o.playNext(['x', 'y', 'z']),
        'a b [c] x y z d e f',
      ],
      [
        'Play next twice: the later one first',
        (o: PlayOrder<string>) => o.playNext(['x']).playNext(['y']),
        'a b [c] y x d e f',
      ],
      ['one song, Add to queue', (o: PlayOrder<string>) => o.addToQueue(['x']), 'a b [c] d e f x'],
      ['an album, Add to queue, in its order', (o: PlayOrder<string>) => o.addToQueue(['x', 'y']), 'a b [c] d e f x y'],
      [
        'Add to queue twice: in the order added',
        (o: PlayOrder<string>) => o.addToQueue(['x']).addToQueue(['y']),
        'a b [c] d e f x y',
      ],
      ['the song playing again, as its own entry', (o: PlayOrder<string>) => o.playNext(['c']), 'a b [c] c d e f'],
    ])('%s', (_, change, expected) => {
      const order = playing(2);
      expect(shown(change(order))).toBe(expected);
      expect(shown(order)).toBe('a b [c] d e f');
    });

    it.each([
      ['Play next', (o: PlayOrder<string>) => o.playNext(['x', 'y'])],
      ['Add to queue', (o: PlayOrder<string>) => o.addToQueue(['x', 'y'])],
    ])('%s with nothing playing makes the first song current, the rest Up Next', (_, change) => {
      const order = change(PlayOrder.empty<string>(OFF, noRandom));
      expect([order.current, order.upNext, order.played, order.list]).toEqual(['x', ['y'], [], []]);
      expect(order.hasPrevious).toBe(false);
      expect(order.next().current).toBe('y');
    });

    it('adds nothing, as the same order, when given no songs', () => {
      const order = playing(2);
      expect(order.playNext([])).toBe(order);
      expect(order.addToQueue([])).toBe(order);
      const empty = PlayOrder.empty<string>(OFF, noRandom);
      expect(empty.addToQueue([])).toBe(empty);
    });

    it('Add to queue after the last song ended gives Next a song to go to', () => {
      const last = playing(5);
      expect([last.hasNext, last.afterEnd()]).toEqual([false, 'stop']);
      const queued = last.addToQueue(['x']);
      expect([queued.hasNext, queued.afterEnd(), queued.next().current]).toEqual([true, 'next', 'x']);
    });

    it('keeps the songs added and not yet played when another list is played, right after the chosen song', () => {
      const order = playing(1).playNext(['x']).addToQueue(['y']).next();
      expect(shown(order)).toBe('a b [x] c d e f y');
      expect(shown(order.play(['p', 'q', 'r'], 1))).toBe('p [q] y r');
      expect(shown(playing(1).addToQueue(['y']).next().play(['p', 'q'], 0))).toBe('[p] y q');
    });
  });

  describe('Next, a song ending and Previous', () => {
    it('Next and a song ending take the first of Up Next; Previous goes back through what played', () => {
      const order = playing(2).playNext(['x']).addToQueue(['y']);
      expect(order.afterEnd()).toBe('next');
      expect(shown(order.next())).toBe('a b c [x] d e f y');
      expect(shown(after(order, 5))).toBe('a b c x d e f [y]');
      expect(after(order, 5).hasNext).toBe(false);
      expect(shown(after(order, 5).previous())).toBe('a b c x d e [f] y');
      expect(shown(order.next().previous())).toBe('a b [c] x d e f y');
    });
  });

  describe('reordering Up Next', () => {
    const order = playing(2).addToQueue(['x']); // Up Next: d e f x

    it.each([
      ['moveUp(2)', (o: PlayOrder<string>) => o.moveUp(2), 'a b [c] d f e x'],
      ['moveUp(3)', (o: PlayOrder<string>) => o.moveUp(3), 'a b [c] d e x f'],
      ['moveDown(0)', (o: PlayOrder<string>) => o.moveDown(0), 'a b [c] e d f x'],
      ['moveDown(2)', (o: PlayOrder<string>) => o.moveDown(2), 'a b [c] d e x f'],
      ['remove(0)', (o: PlayOrder<string>) => o.remove(0), 'a b [c] e f x'],
      ['remove(3)', (o: PlayOrder<string>) => o.remove(3), 'a b [c] d e f'],
      ['clear()', (o: PlayOrder<string>) => o.clear(), 'a b [c]'],
    ])('%s', (_, change, expected) => {
      expect(shown(change(order))).toBe(expected);
    });

    it('leaves the first where it is on moveUp, the last on moveDown, and an empty Up Next on clear', () => {
      expect(order.moveUp(0)).toBe(order);
      expect(order.moveDown(3)).toBe(order);
      const cleared = order.clear();
      expect(cleared.clear()).toBe(cleared);
    });

    it.each([-1, 4, 1.5, Number.NaN])('refuses %s, which is not a place in Up Next', (index) => {
      expect(() => order.moveUp(index)).toThrow(RangeError);
      expect(() => order.moveDown(index)).toThrow(RangeError);
      expect(() => order.remove(index)).toThrow(RangeError);
    });

    it('plays a removed song no more, even when the round repeats', () => {
      const round = playing(0, { repeat: 'all' }).remove(1);
      expect(shown(after(round, 5))).toBe('[a] b d e f');
    });
  });

  describe('shuffle', () => {
    // Every draw 0.5 shuffles the five songs besides a into b e c f d (see play-order.test.ts).
    it('on, shuffles the list around songs the person added, which keep their places in Up Next', () => {
      const order = playing(0, {}, half).playNext(['x']).addToQueue(['y']);
      expect(shown(order)).toBe('[a] x b c d e f y');
      expect(shown(order.withShuffle(true))).toBe('[a] x b e c f d y');
    });

    it('off, puts the list back in its order at the song playing, the songs added where they were', () => {
      const shuffled = playing(0, { shuffle: true }, half).playNext(['x']).addToQueue(['y']);
      expect(shown(shuffled)).toBe('[a] x b e c f d y');
      const third = after(shuffled, 3); // e
      expect(shown(third)).toBe('a x b [e] c f d y');
      expect(shown(third.withShuffle(false))).toBe('a x b c d [e] f y');
    });

    it('off while an added song plays, puts the list in order at the last song of the list that played', () => {
      const order = playing(0, { shuffle: true }, half).next().next().playNext(['x']).next();
      expect(shown(order)).toBe('a b e [x] c f d');
      expect(shown(order.withShuffle(false))).toBe('a b c d e [x] f');
    });

    it('keeps a song the person moved where they put it, on and off', () => {
      const moved = playing(0, {}, half).moveUp(4); // f, one up, before e
      expect(shown(moved)).toBe('[a] b c d f e');
      const on = moved.withShuffle(true);
      expect(on.upNext.indexOf('f')).toBe(3);
      expect(on.withShuffle(false).upNext.indexOf('f')).toBe(3);
      expect(shown(on.withShuffle(false))).toBe('[a] b c d f e');
    });

    it('with repeat all, shuffles the list anew for the next round, the songs added in their places', () => {
      const order = playing(0, { shuffle: true, repeat: 'all' }, half).playNext(['x']).addToQueue(['y']);
      const last = after(order, 7);
      expect(shown(last)).toBe('a x b e c f d [y]');
      const second = last.next();
      expect(second.current).toBe('a');
      expect(second.upNext[0]).toBe('x');
      expect(second.upNext.at(-1)).toBe('y');
      expect([...second.upNext].sort()).toEqual(['b', 'c', 'd', 'e', 'f', 'x', 'y']);
    });
  });

  describe('repeat', () => {
    it('all: after the last song, the whole round again, what played and what was added, in order', () => {
      const order = playing(2, { repeat: 'all' }).playNext(['x']).addToQueue(['y']);
      const last = after(order, 5);
      expect(shown(last)).toBe('a b c x d e f [y]');
      expect(last.afterEnd()).toBe('next');
      expect(shown(last.next())).toBe('[a] b c x d e f y');
      expect(shown(last.next().previous())).toBe('a b c x d e f [y]');
    });

    it('one: the song plays again when it ends; Up Next waits and stays as it was', () => {
      const order = playing(2, { repeat: 'one' }).addToQueue(['x']);
      expect(order.afterEnd()).toBe('again');
      expect(shown(order)).toBe('a b [c] d e f x');
      expect(shown(order.next())).toBe('a b c [d] e f x');
    });
  });

  describe('taking songs out (deleted downloads)', () => {
    it('takes them out of the list, what played and Up Next, added ones too; the song playing plays on', () => {
      const order = playing(2, {}, half).playNext(['x', 'b']).addToQueue(['e']).next();
      expect(shown(order)).toBe('a b c [x] b d e f e');
      const kept = order.without((song) => song === 'b' || song === 'e');
      expect(shown(kept)).toBe('a c [x] d f');
      expect(kept.list).toEqual(['a', 'c', 'd', 'f']);
      // The list's order still holds: shuffle off puts c before d after the positions shifted.
      expect(shown(kept.withShuffle(false))).toBe('a c [x] d f');
    });

    it('leaves nothing to play when the song playing is taken out, added songs included', () => {
      const order = playing(2).addToQueue(['x']).next().next().next().next();
      expect(order.current).toBe('x');
      const cleared = order.without((song) => song === 'x');
      expect([cleared.current, cleared.upNext, cleared.played, cleared.list]).toEqual([null, [], [], []]);
    });

    it('is the same order when only an added song that is no longer in the round would match', () => {
      const order = playing(2).addToQueue(['x']);
      expect(order.without((song) => song === 'z')).toBe(order);
      expect(shown(order.without((song) => song === 'x'))).toBe('a b [c] d e f');
    });
  });

  describe('kept across reloads', () => {
    const all = (key: string): string => key;
    const roundTrip = (
      order: PlayOrder<string>,
      lookup: (key: string) => string | undefined = all,
      modes = order.modes,
    ) => PlayOrder.fromKept(JSON.parse(JSON.stringify(order.toKept((song) => song))), lookup, modes, half);

    it('comes back as it was: list, what played, the song playing, Up Next and the songs placed', () => {
      const order = after(playing(0, { shuffle: true }, half).playNext(['x']).addToQueue(['y']), 2).moveDown(0);
      expect(shown(order)).toBe('a x [b] c e f d y');
      const back = roundTrip(order);
      expect(shown(back)).toBe('a x [b] c e f d y');
      expect(back.list).toEqual(SONGS);
      expect(back.modes).toEqual(order.modes);
      // e was moved: shuffle keeps it where the person put it after the reload too.
      expect(shown(back.withShuffle(false))).toBe('a x [b] c e d f y');
      expect(order.toKept((song) => song)).toEqual({
        shuffle: true,
        list: SONGS,
        round: [
          { rank: 0, placed: false },
          { key: 'x' },
          { rank: 1, placed: false },
          { rank: 2, placed: false },
          { rank: 4, placed: true },
          { rank: 5, placed: false },
          { rank: 3, placed: false },
          { key: 'y' },
        ],
        position: 2,
      });
    });

    it.each([
      ['songs elsewhere in the round', ['d', 'x'], 'a b [c] e f y'],
      ['the song playing: the next one left plays', ['c', 'x', 'd'], 'a b [e] f y'],
      ['the song playing and all after it: the one before plays', ['c', 'd', 'e', 'f', 'x', 'y'], 'a [b]'],
      ['every song', [...SONGS, 'x', 'y'], ''],
    ])('drops %s the lookup no longer finds', (_, gone, expected) => {
      const order = playing(2).playNext(['x']).addToQueue(['y']);
      const back = roundTrip(order, (key) => (gone.includes(key) ? undefined : key));
      expect(shown(back)).toBe(expected);
      expect(back.list).toEqual(SONGS.filter((song) => !gone.includes(song)));
    });

    it('puts a round kept shuffled in list order when shuffle is off now', () => {
      const order = after(playing(0, { shuffle: true }, half), 2);
      expect(shown(order)).toBe('a b [e] c f d');
      expect(shown(roundTrip(order, all, OFF))).toBe('a b c d [e] f');
      expect(roundTrip(order, all, { shuffle: false, repeat: 'one' }).modes).toEqual({ shuffle: false, repeat: 'one' });
    });

    it.each([
      ['nothing kept', null],
      ['not an object', 'a b c'],
      [
        'a position outside the round',
        { shuffle: false, list: ['a'], round: [{ rank: 0, placed: false }], position: 1 },
      ],
      ['a rank outside the list', { shuffle: false, list: ['a'], round: [{ rank: 1, placed: false }], position: 0 }],
      [
        'a song of the list twice',
        {
          shuffle: false,
          list: ['a'],
          round: [
            { rank: 0, placed: false },
            { rank: 0, placed: false },
          ],
          position: 0,
        },
      ],
      ['a key that is not a string', { shuffle: false, list: [], round: [{ key: 1 }], position: 0 }],
      ['no shuffle', { list: [], round: [], position: -1 }],
    ])('starts empty from %s', (_, snapshot) => {
      const order = PlayOrder.fromKept(snapshot, all, OFF, noRandom);
      expect([order.current, order.list, order.upNext]).toEqual([null, [], []]);
    });
  });
});
