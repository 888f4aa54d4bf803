import { readKept, type KeptPlayOrder } from './up-next-keeping.ts';

/** Repeat, as music players have it: not at all, the whole list, or the song playing. */
export type RepeatMode = 'off' | 'all' | 'one';
/** Every repeat mode, to check one read back from storage against. */
export const REPEAT_MODES: readonly RepeatMode[] = ['off', 'all', 'one'];

/** What the person chose for shuffle and repeat: kept from list to list. */
export interface PlayModes {
  readonly shuffle: boolean;
  readonly repeat: RepeatMode;
}

/** What the end of a song leads to: the same song again, the next one, or silence. */
export type AfterEnd = 'again' | 'next' | 'stop';

/** One song in the round, as it plays: from the list, or added by the person. */
interface Entry<T> {
  readonly item: T;
  /** Its position in `list`, which shuffle off sorts by; null for a song added by Play next or Add to queue. */
  readonly rank: number | null;
  /** Put there by the person (added, or moved in Up Next): shuffle leaves it in its place. */
  readonly placed: boolean;
}

/**
 * The order songs play in, as a value: the list as it was shown, shuffle and repeat, which song plays,
 * and Up Next, the songs to come, which the person can add to and reorder. Pure: no `<audio>`, no
 * storage, no clock; shuffle draws from the `random` it is given.
 *
 * The songs play as one round: those played, the one playing, then `upNext`. Next takes the first of
 * `upNext`, Previous goes back through `played`, and repeat all plays the whole round again.
 *
 * Shuffle moves only the list's songs: a song the person placed (by Play next, Add to queue or a move)
 * keeps its place in the round, and the list's songs fill the places around it. So shuffle on, off or a
 * new round never takes a song away from where the person put it.
 *
 * Every change returns a new `PlayOrder` (or the same one when nothing changes), so the player holds
 * one and swaps it.
 */
export class PlayOrder<T> {
  /** The songs in the order the list showed them. */
  readonly list: readonly T[];
  readonly modes: PlayModes;
  /** Every song of the round, in play order. */
  readonly #round: readonly Entry<T>[];
  /** Where in `#round` the song playing is; -1 when none is (then the round is empty). */
  readonly #position: number;
  readonly #random: () => number;

  private constructor(
    list: readonly T[],
    modes: PlayModes,
    round: readonly Entry<T>[],
    position: number,
    random: () => number,
  ) {
    this.list = list;
    this.modes = modes;
    this.#round = round;
    this.#position = position;
    this.#random = random;
  }

  /**
   * Nothing to play yet.
   * @param modes - shuffle and repeat, as last chosen
   * @param random - a number in [0, 1) per draw, as `Math.random` gives; tests pass a known one
   */
  static empty<T>(modes: PlayModes, random: () => number): PlayOrder<T> {
    return new PlayOrder<T>([], modes, [], -1, random);
  }

  /**
   * A play order kept by `toKept`, with the songs `lookup` still finds: one it no longer finds is
   * dropped, and if that is the song that was playing, the next one left (else the one before) is.
   * Anything that is not a kept play order gives an empty one.
   * @param modes - shuffle and repeat as they are now: a round kept shuffled is put in list order if
   *   shuffle is off now, and shuffled if it is on now and was not
   */
  static fromKept<T>(
    snapshot: unknown,
    lookup: (key: string) => T | undefined,
    modes: PlayModes,
    random: () => number,
  ): PlayOrder<T> {
    const kept = readKept(snapshot);
    if (!kept) return PlayOrder.empty(modes, random);
    const found = kept.list.map(lookup);
    const list = found.filter((item) => item !== undefined);
    // Positions in the list shift down past each song no longer found.
    const rankOf = (rank: number): number => found.slice(0, rank).filter((item) => item !== undefined).length;
    const round = kept.round.map((entry): Entry<T> | null => {
      if ('key' in entry) {
        const item = lookup(entry.key);
        return item === undefined ? null : { item, rank: null, placed: true };
      }
      const item = found[entry.rank];
      return item === undefined ? null : { item, rank: rankOf(entry.rank), placed: entry.placed };
    });
    const left = round.filter((entry) => entry !== null);
    const before = round.slice(0, kept.position).filter((entry) => entry !== null).length;
    const position = left.length === 0 ? -1 : Math.min(before, left.length - 1);
    const order = new PlayOrder(list, { ...modes, shuffle: kept.shuffle }, left, position, random);
    return kept.shuffle === modes.shuffle ? order : order.withShuffle(modes.shuffle);
  }

  /**
   * This play order as plain JSON, for `fromKept` to rebuild.
   * @param keyOf - a string that names a song across reloads (its id, say), for `fromKept`'s lookup
   */
  toKept(keyOf: (item: T) => string): KeptPlayOrder {
    return {
      shuffle: this.modes.shuffle,
      list: this.list.map(keyOf),
      round: this.#round.map(({ item, rank, placed }) => (rank === null ? { key: keyOf(item) } : { rank, placed })),
      position: this.#position,
    };
  }

  /** The song playing, or null. After Play next or Add to queue with nothing playing, the first song added. */
  get current(): T | null {
    return this.#round[this.#position]?.item ?? null;
  }

  /** The songs to come, in the order they will play: Up Next. */
  get upNext(): readonly T[] {
    return this.#round.slice(this.#position + 1).map(({ item }) => item);
  }

  /** The songs played before the one playing in this round, first played first: where Previous goes. */
  get played(): readonly T[] {
    return this.#round.slice(0, Math.max(this.#position, 0)).map(({ item }) => item);
  }

  /** Whether Next leads somewhere: a later song, or the first again when the list repeats. */
  get hasNext(): boolean {
    return this.#position + 1 < this.#round.length || (this.modes.repeat === 'all' && this.#round.length > 0);
  }

  /** Whether Previous leads to another song: an earlier one, or the last when the list repeats. */
  get hasPrevious(): boolean {
    return this.#position > 0 || (this.modes.repeat === 'all' && this.#round.length > 1);
  }

  /**
   * A new list replaces the old one, playing `list[index]`; with shuffle, that song comes first and
   * the others follow in random order. Songs the person added that have not played yet stay next,
   * right after the chosen song, as music players keep their queue when another album starts.
   * @throws RangeError when `index` is not a position in `list`
   */
  play(list: readonly T[], index: number): PlayOrder<T> {
    if (!Number.isInteger(index) || index < 0 || index >= list.length) {
      throw new RangeError(`No song at ${index} in a list of ${list.length}`);
    }
    const entries = list.map((item, rank): Entry<T> => ({ item, rank, placed: false }));
    const chosen = entries[index]!;
    const added = this.#toCome().filter(({ rank }) => rank === null);
    const others = entries.filter((entry) => entry !== chosen);
    if (this.modes.shuffle) {
      return this.#with({ list, round: [chosen, ...added, ...this.#shuffled(others)], position: 0 });
    }
    const round = [...entries.slice(0, index), chosen, ...added, ...entries.slice(index + 1)];
    return this.#with({ list, round, position: index });
  }

  /**
   * Play next: `items`, in their order, right after the song playing, before the rest of Up Next.
   * With nothing playing, the first of them becomes `current` (ready to play, not started: the player
   * decides) and the rest follow.
   */
  playNext(items: readonly T[]): PlayOrder<T> {
    return this.#adding(items, this.#position + 1);
  }

  /** Add to queue: `items`, in their order, at the end of Up Next. With nothing playing, as `playNext`. */
  addToQueue(items: readonly T[]): PlayOrder<T> {
    return this.#adding(items, this.#round.length);
  }

  /** `upNext[index]` one place earlier; the first stays. @throws RangeError when `index` is not in `upNext` */
  moveUp(index: number): PlayOrder<T> {
    this.#checkUpNext(index);
    return index === 0 ? this : this.#moving(index, index - 1);
  }

  /** `upNext[index]` one place later; the last stays. @throws RangeError when `index` is not in `upNext` */
  moveDown(index: number): PlayOrder<T> {
    this.#checkUpNext(index);
    return index === this.#toCome().length - 1 ? this : this.#moving(index, index + 1);
  }

  /**
   * `upNext[from]` moved to place `to`, the songs between shifting by one (a drag).
   * @throws RangeError when either is not in `upNext`
   */
  move(from: number, to: number): PlayOrder<T> {
    this.#checkUpNext(from);
    this.#checkUpNext(to);
    return from === to ? this : this.#moving(from, to);
  }

  /**
   * Takes `upNext[index]` out of the round: it will not play, in this round or a repeated one.
   * @throws RangeError when `index` is not in `upNext`
   */
  remove(index: number): PlayOrder<T> {
    this.#checkUpNext(index);
    const at = this.#position + 1 + index;
    return this.#with({ round: spliced(this.#round, at, 1) });
  }

  /** Empties Up Next: the song playing and those played stay. */
  clear(): PlayOrder<T> {
    if (this.#toCome().length === 0) return this;
    return this.#with({ round: this.#round.slice(0, this.#position + 1) });
  }

  /**
   * Shuffle on: the song playing stays and comes first, every other song of the list follows in a new
   * random order (also when shuffle was on already). Off: the list's order, at the song playing (or at
   * the last song of the list played, when the one playing was added). Songs the person placed stay
   * where they are either way.
   */
  withShuffle(on: boolean): PlayOrder<T> {
    const modes = { ...this.modes, shuffle: on };
    const playing = this.#round[this.#position];
    if (!playing) return this.#with({ modes });
    const played = this.#round.slice(0, this.#position);
    const toCome = this.#toCome();
    const listed = this.#round.filter((entry) => !entry.placed && entry !== playing);
    if (on) {
      const round = [...fill(played, []), playing, ...fill(toCome, this.#shuffled(listed))];
      return this.#with({ modes, round, position: round.indexOf(playing) });
    }
    const at = playing.rank ?? [...played].reverse().find(({ rank }) => rank !== null)?.rank ?? -1;
    const inOrder = inListOrder(listed);
    const earlier = inOrder.filter(({ rank }) => (rank ?? at) <= at);
    const before = fill(played, earlier);
    const round = [
      ...before,
      playing,
      ...fill(
        toCome,
        inOrder.filter((entry) => !earlier.includes(entry)),
      ),
    ];
    return this.#with({ modes, round, position: before.length });
  }

  /** Repeat off, all or one; the play order and the song playing stay. */
  withRepeat(repeat: RepeatMode): PlayOrder<T> {
    return this.#with({ modes: { ...this.modes, repeat } });
  }

  /**
   * The next song: the first of `upNext`. Past the last one, with repeat all, the first of the round
   * again; the list's songs are shuffled anew for the new round when shuffle is on, as music players
   * do. Repeat one does not hold Next back.
   * @returns this order unchanged when there is no next song (`hasNext` is false)
   */
  next(): PlayOrder<T> {
    if (!this.hasNext) return this;
    if (this.#position + 1 < this.#round.length) return this.#with({ position: this.#position + 1 });
    if (!this.modes.shuffle) return this.#with({ position: 0 });
    const listed = this.#round.filter(({ placed }) => !placed);
    return this.#with({ round: fill(this.#round, this.#shuffled(listed)), position: 0 });
  }

  /**
   * The previous song; before the first one, with repeat all, the last (not reshuffled). When to
   * restart the song instead depends on how far it has played: the player decides that.
   * @returns this order unchanged when there is no previous song (`hasPrevious` is false)
   */
  previous(): PlayOrder<T> {
    if (!this.hasPrevious) return this;
    return this.#with({ position: this.#position > 0 ? this.#position - 1 : this.#round.length - 1 });
  }

  /** What the song playing leads to when it ends: itself with repeat one, else Next if it can. */
  afterEnd(): AfterEnd {
    if (this.modes.repeat === 'one') return 'again';
    return this.hasNext ? 'next' : 'stop';
  }

  /**
   * Takes songs out of the list and the round (they can no longer play). The others keep their places
   * in the play order, shuffled or not, and the song playing plays on; if it is among those taken out,
   * nothing is left to play.
   * @returns this order unchanged when nothing plays or nothing is taken out
   */
  without(isGone: (item: T) => boolean): PlayOrder<T> {
    const playing = this.#round[this.#position];
    if (!playing) return this;
    if (isGone(playing.item)) return this.cleared();
    const gone = new Set(this.list.flatMap((item, index) => (isGone(item) ? [index] : [])));
    const kept = this.#round.filter(({ item }) => !isGone(item));
    if (gone.size === 0 && kept.length === this.#round.length) return this;
    // Positions in the list shift down past each song taken out; the play order keeps its shape.
    const shift = (rank: number): number => rank - [...gone].filter((taken) => taken < rank).length;
    return this.#with({
      list: this.list.filter((_, index) => !gone.has(index)),
      round: kept.map((entry) => (entry.rank === null ? entry : { ...entry, rank: shift(entry.rank) })),
      position: kept.indexOf(playing),
    });
  }

  /** Nothing to play; the modes stay. */
  cleared(): PlayOrder<T> {
    return PlayOrder.empty<T>(this.modes, this.#random);
  }

  #toCome(): readonly Entry<T>[] {
    return this.#round.slice(this.#position + 1);
  }

  #adding(items: readonly T[], at: number): PlayOrder<T> {
    if (items.length === 0) return this;
    const added = items.map((item): Entry<T> => ({ item, rank: null, placed: true }));
    return this.#with({ round: spliced(this.#round, at, 0, ...added), position: Math.max(this.#position, 0) });
  }

  /** Moves `upNext[from]` to `to`, as the person put it: shuffle leaves it there from now on. */
  #moving(from: number, to: number): PlayOrder<T> {
    const at = this.#position + 1;
    const moved = this.#round[at + from]!;
    const round = spliced(spliced(this.#round, at + from, 1), at + to, 0, { ...moved, placed: true });
    return this.#with({ round });
  }

  #checkUpNext(index: number): void {
    const length = this.#toCome().length;
    if (!Number.isInteger(index) || index < 0 || index >= length) {
      throw new RangeError(`No song at ${index} in an Up Next of ${length}`);
    }
  }

  /** `entries` in list order, then in random order. */
  #shuffled(entries: readonly Entry<T>[]): Entry<T>[] {
    const rest = inListOrder(entries);
    // Fisher–Yates, from the end: one draw per place, so a known `random` gives a known order.
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random() * (i + 1));
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    return rest;
  }

  #with(change: {
    list?: readonly T[];
    modes?: PlayModes;
    round?: readonly Entry<T>[];
    position?: number;
  }): PlayOrder<T> {
    return new PlayOrder<T>(
      change.list ?? this.list,
      change.modes ?? this.modes,
      change.round ?? this.#round,
      change.position ?? this.#position,
      this.#random,
    );
  }
}

/**
 * `places` with each song the person placed where it is and `songs`, in their order, in the other
 * places; songs left over follow at the end, and places left over close up.
 */
function fill<T>(places: readonly Entry<T>[], songs: readonly Entry<T>[]): Entry<T>[] {
  const rest = [...songs];
  const filled = places.flatMap((entry) => {
    if (entry.placed) return [entry];
    const song = rest.shift();
    return song ? [song] : [];
  });
  return [...filled, ...rest];
}

/** The list's songs among `entries`, in the list's order. */
function inListOrder<T>(entries: readonly Entry<T>[]): Entry<T>[] {
  return [...entries].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
}

/** `Array.prototype.toSpliced`, which the build's target (ES2022) lacks. */
function spliced<T>(items: readonly T[], start: number, deleteCount: number, ...inserted: T[]): T[] {
  const copy = [...items];
  copy.splice(start, deleteCount, ...inserted);
  return copy;
}
