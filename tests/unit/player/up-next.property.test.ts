import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlayOrder, type PlayModes, type RepeatMode } from '../../../src/player/play-order.ts';
// A known stream of draws from a seed, so a failing case replays (the demo catalog's own).
import { seededRandom } from '../../../server/random.ts';

/** A song as its own object: the same name twice is two songs, so an instance lost or doubled shows. */
interface Song {
  readonly id: number;
}

type Step =
  | { readonly kind: 'play'; readonly length: number; readonly index: number }
  | { readonly kind: 'playNext' | 'addToQueue'; readonly count: number }
  | { readonly kind: 'moveUp' | 'moveDown' | 'remove'; readonly at: number }
  | { readonly kind: 'clear' | 'next' | 'previous' | 'keep' }
  | { readonly kind: 'shuffle'; readonly on: boolean }
  | { readonly kind: 'repeat'; readonly mode: RepeatMode }
  | { readonly kind: 'forget'; readonly every: number; readonly from: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('play'), length: fc.integer({ min: 1, max: 6 }), index: fc.nat(5) }),
  fc.record({ kind: fc.constantFrom('playNext', 'addToQueue'), count: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constantFrom('moveUp', 'moveDown', 'remove'), at: fc.nat(20) }),
  fc.record({ kind: fc.constantFrom('clear', 'next', 'previous', 'keep') }),
  fc.record({ kind: fc.constant('shuffle'), on: fc.boolean() }),
  fc.record({ kind: fc.constant('repeat'), mode: fc.constantFrom<RepeatMode>('off', 'all', 'one') }),
  fc.record({ kind: fc.constant('forget'), every: fc.integer({ min: 2, max: 6 }), from: fc.nat(5) }),
) as fc.Arbitrary<Step>;

const modes: fc.Arbitrary<PlayModes> = fc.record({
  shuffle: fc.boolean(),
  repeat: fc.constantFrom<RepeatMode>('off', 'all', 'one'),
});

/** Every song of the round, in play order: played, playing, Up Next. */
const roundOf = <T>(order: PlayOrder<T>): T[] =>
  order.current === null ? [] : [...order.played, order.current, ...order.upNext];

const keyOf = (song: Song): string => String(song.id);

/**
 * Runs `steps` from an empty order, checking after each that the round holds exactly the songs the
 * steps put there (each once) and that Next and Previous go where Up Next and played say.
 */
function run(steps: readonly Step[], start: PlayModes, seed: number): void {
  const random = seededRandom(seed);
  let nextId = 0;
  const fresh = (count: number): Song[] => Array.from({ length: count }, () => ({ id: nextId++ }));
  /** The songs added by Play next or Add to queue, which a new list keeps while they are to come. */
  const added = new Set<Song>();
  let order = PlayOrder.empty<Song>(start, random);
  let expected = new Set<Song>();
  for (const current of steps) {
    const upNext = order.upNext;
    const at =
      upNext.length === 0
        ? -1
        : (current.kind === 'moveUp' || current.kind === 'moveDown' || current.kind === 'remove' ? current.at : 0) %
          upNext.length;
    switch (current.kind) {
      case 'play': {
        const list = fresh(current.length);
        order = order.play(list, current.index % list.length);
        expected = new Set([...list, ...upNext.filter((song) => added.has(song))]);
        break;
      }
      case 'playNext':
      case 'addToQueue': {
        const songs = fresh(current.count);
        songs.forEach((song) => added.add(song));
        const before = order;
        order = current.kind === 'playNext' ? order.playNext(songs) : order.addToQueue(songs);
        songs.forEach((song) => expected.add(song));
        if (before.current === null) expect(order.current).toBe(songs[0] ?? null);
        else if (current.kind === 'playNext') expect(order.upNext.slice(0, songs.length)).toEqual(songs);
        else expect(order.upNext.slice(upNext.length)).toEqual(songs);
        break;
      }
      case 'moveUp':
      case 'moveDown': {
        if (at === -1) break;
        const to = current.kind === 'moveUp' ? Math.max(at - 1, 0) : Math.min(at + 1, upNext.length - 1);
        const swapped = [...upNext];
        [swapped[at], swapped[to]] = [swapped[to]!, swapped[at]!];
        order = current.kind === 'moveUp' ? order.moveUp(at) : order.moveDown(at);
        expect(order.upNext).toEqual(swapped);
        break;
      }
      case 'remove':
        if (at === -1) break;
        order = order.remove(at);
        expected.delete(upNext[at]!);
        expect(order.upNext).toEqual(upNext.filter((_, index) => index !== at));
        break;
      case 'clear':
        order = order.clear();
        upNext.forEach((song) => expected.delete(song));
        expect(order.upNext).toEqual([]);
        break;
      case 'next': {
        const before = order;
        order = order.next();
        if (upNext.length > 0) {
          expect(order.current).toBe(upNext[0]);
          expect(order.played).toEqual([...before.played, before.current]);
        }
        break;
      }
      case 'previous': {
        const played = order.played;
        order = order.previous();
        if (played.length > 0) expect(order.current).toBe(played.at(-1));
        break;
      }
      case 'shuffle': {
        const playing = order.current;
        order = order.withShuffle(current.on);
        expect(order.current).toBe(playing);
        if (current.on) {
          // Songs the person added stay at their place in Up Next.
          upNext.forEach((song, index) => added.has(song) && expect(order.upNext[index]).toBe(song));
        }
        break;
      }
      case 'repeat':
        order = order.withRepeat(current.mode);
        break;
      case 'forget': {
        const isGone = (song: Song): boolean => song.id % current.every === current.from % current.every;
        const playing = order.current;
        order = order.without(isGone);
        expected = playing !== null && isGone(playing) ? new Set() : new Set([...expected].filter((s) => !isGone(s)));
        expect(order.current).toBe(playing !== null && isGone(playing) ? null : playing);
        break;
      }
      case 'keep': {
        const snapshot = JSON.parse(JSON.stringify(order.toKept(keyOf))) as unknown;
        const byKey = new Map(
          roundOf(order)
            .concat(order.list)
            .map((song) => [keyOf(song), song]),
        );
        const back = PlayOrder.fromKept(snapshot, (key) => byKey.get(key), order.modes, random);
        expect([back.list, back.played, back.current, back.upNext]).toEqual([
          order.list,
          order.played,
          order.current,
          order.upNext,
        ]);
        expect(back.toKept(keyOf)).toEqual(order.toKept(keyOf));
        order = back;
        break;
      }
    }
    const round = roundOf(order);
    expect(new Set(round).size).toBe(round.length);
    expect(new Set(round)).toEqual(expected);
    expect(order.upNext).not.toContain(order.current);
    if (order.current === null) expect([order.played, order.upNext, order.hasNext]).toEqual([[], [], false]);
    expect(order.hasNext).toBe(order.upNext.length > 0 || (order.modes.repeat === 'all' && order.current !== null));
    expect(order.afterEnd()).toBe(order.modes.repeat === 'one' ? 'again' : order.hasNext ? 'next' : 'stop');
  }
}

describe('Up Next, for any sequence of changes', () => {
  it('loses no song and doubles none; Next takes the first of Up Next, Previous the last played', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), modes, fc.integer(), (steps, start, seed) => {
        run(steps, start, seed);
      }),
      { numRuns: 500 },
    );
  });

  it('shuffle on then off puts a list with nothing added or moved back as it plays unshuffled', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(7), fc.nat(7), fc.integer(), (length, index, steps, seed) => {
        const list = Array.from({ length }, (_, id) => ({ id }));
        const plain = PlayOrder.empty<Song>({ shuffle: false, repeat: 'off' }, seededRandom(seed)).play(
          list,
          index % length,
        );
        let shuffled = plain.withShuffle(true);
        for (let step = 0; step < steps; step++) shuffled = shuffled.next();
        const back = shuffled.withShuffle(false);
        const at = list.indexOf(back.current!);
        expect([back.played, back.upNext]).toEqual([list.slice(0, at), list.slice(at + 1)]);
      }),
    );
  });

  it('a drag from one place to another is the same as that many moves by one (Move up / Move down)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.nat(), (length, from, to) => {
        const songs = Array.from({ length: length + 1 }, (_, id) => ({ id }));
        const order = PlayOrder.empty<Song>({ shuffle: false, repeat: 'off' }, Math.random).play(songs, 0);
        const [a, b] = [from % length, to % length];
        let stepped = order;
        for (let at = a; at < b; at++) stepped = stepped.moveDown(at);
        for (let at = a; at > b; at--) stepped = stepped.moveUp(at);
        expect(order.move(a, b).upNext).toEqual(stepped.upNext);
        expect(() => order.move(a, length)).toThrow(RangeError);
      }),
    );
  });

  it('a kept order read back with songs gone is the order without them, when the song playing is still there', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 30 }),
        modes,
        fc.integer(),
        fc.integer({ min: 2, max: 5 }),
        (steps, start, seed, every) => {
          let order = PlayOrder.empty<Song>(start, seededRandom(seed));
          let nextId = 0;
          for (const current of steps) {
            if (current.kind === 'play')
              order = order.play(
                Array.from({ length: current.length }, () => ({ id: nextId++ })),
                current.index % current.length,
              );
            if (current.kind === 'addToQueue' || current.kind === 'playNext')
              order = order[current.kind](Array.from({ length: current.count }, () => ({ id: nextId++ })));
            if (current.kind === 'next') order = order.next();
            if (current.kind === 'shuffle') order = order.withShuffle(current.on);
            if ((current.kind === 'moveUp' || current.kind === 'moveDown') && order.upNext.length > 0)
              order = order[current.kind](current.at % order.upNext.length);
          }
          const isGone = (song: Song): boolean => song.id % every === 0;
          fc.pre(order.current !== null && !isGone(order.current));
          const byKey = new Map(
            roundOf(order)
              .concat(order.list)
              .map((song) => [keyOf(song), song]),
          );
          const lookup = (key: string): Song | undefined => {
            const song = byKey.get(key);
            return song && !isGone(song) ? song : undefined;
          };
          const back = PlayOrder.fromKept(order.toKept(keyOf), lookup, order.modes, seededRandom(seed));
          expect(back.toKept(keyOf)).toEqual(order.without(isGone).toKept(keyOf));
        },
      ),
    );
  });
});
