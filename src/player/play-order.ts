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

/**
 * The order songs play in, as a value: the list as it was shown, shuffle and repeat, and which song
 * plays. Pure: no `<audio>`, no storage, no clock; shuffle draws from the `random` it is given.
 *
 * Every change returns a new `PlayOrder` (or the same one when nothing changes), so the player holds
 * one and swaps it. A later "Up Next" queue fits as one more field beside `list`, which `next()`
 * takes from first; callers would go on using `next()`, `previous()` and `current` as they are.
 */
export class PlayOrder<T> {
  /** The songs in the order the list showed them. */
  readonly list: readonly T[];
  readonly modes: PlayModes;
  /** The order they play in: positions in `list`, shuffled or not. */
  readonly #order: readonly number[];
  /** Where in `#order` the song playing is; -1 when none is. */
  readonly #position: number;
  readonly #random: () => number;

  private constructor(
    list: readonly T[],
    modes: PlayModes,
    order: readonly number[],
    position: number,
    random: () => number,
  ) {
    this.list = list;
    this.modes = modes;
    this.#order = order;
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

  /** The song playing, or null. */
  get current(): T | null {
    return this.list[this.#order[this.#position] ?? -1] ?? null;
  }

  /** Whether Next leads somewhere: a later song, or the first again when the list repeats. */
  get hasNext(): boolean {
    return this.#position + 1 < this.#order.length || (this.modes.repeat === 'all' && this.#order.length > 0);
  }

  /** Whether Previous leads to another song: an earlier one, or the last when the list repeats. */
  get hasPrevious(): boolean {
    return this.#position > 0 || (this.modes.repeat === 'all' && this.#order.length > 1);
  }

  /**
   * A new list replaces the old one, playing `list[index]`; with shuffle, that song comes first and
   * the others follow in random order.
   * @throws RangeError when `index` is not a position in `list`
   */
  play(list: readonly T[], index: number): PlayOrder<T> {
    if (!Number.isInteger(index) || index < 0 || index >= list.length) {
      throw new RangeError(`No song at ${index} in a list of ${list.length}`);
    }
    const order = this.#orderFrom(list.length, index, this.modes.shuffle);
    return this.#with({ list, order, position: order.indexOf(index) });
  }

  /**
   * Shuffle on: the song playing stays and comes first, every other song of the list follows in a new
   * random order (also when shuffle was on already). Off: the list's order, at the song playing.
   */
  withShuffle(on: boolean): PlayOrder<T> {
    const modes = { ...this.modes, shuffle: on };
    const playing = this.#order[this.#position];
    const order = this.#orderFrom(this.list.length, playing, on);
    return this.#with({ modes, order, position: playing === undefined ? -1 : order.indexOf(playing) });
  }

  /** Repeat off, all or one; the play order and the song playing stay. */
  withRepeat(repeat: RepeatMode): PlayOrder<T> {
    return this.#with({ modes: { ...this.modes, repeat } });
  }

  /**
   * The next song. Past the last one, with repeat all, the first again; a shuffled list is shuffled
   * anew for the new round, as music players do. Repeat one does not hold Next back.
   * @returns this order unchanged when there is no next song (`hasNext` is false)
   */
  next(): PlayOrder<T> {
    if (!this.hasNext) return this;
    if (this.#position + 1 < this.#order.length) return this.#with({ position: this.#position + 1 });
    if (!this.modes.shuffle) return this.#with({ position: 0 });
    return this.#with({ order: this.#orderFrom(this.list.length, undefined, true), position: 0 });
  }

  /**
   * The previous song; before the first one, with repeat all, the last (not reshuffled). When to
   * restart the song instead depends on how far it has played: the player decides that.
   * @returns this order unchanged when there is no previous song (`hasPrevious` is false)
   */
  previous(): PlayOrder<T> {
    if (!this.hasPrevious) return this;
    return this.#with({ position: this.#position > 0 ? this.#position - 1 : this.#order.length - 1 });
  }

  /** What the song playing leads to when it ends: itself with repeat one, else Next if it can. */
  afterEnd(): AfterEnd {
    if (this.modes.repeat === 'one') return 'again';
    return this.hasNext ? 'next' : 'stop';
  }

  /**
   * Takes songs out of the list (they can no longer play). The others keep their places in the play
   * order, shuffled or not, and the song playing plays on; if it is among those taken out, nothing
   * is left to play.
   * @returns this order unchanged when nothing plays or nothing is taken out
   */
  without(isGone: (item: T) => boolean): PlayOrder<T> {
    const playing = this.#order[this.#position];
    if (playing === undefined) return this;
    if (isGone(this.list[playing]!)) return this.cleared();
    const gone = new Set(this.list.flatMap((item, index) => (isGone(item) ? [index] : [])));
    if (gone.size === 0) return this;
    // Positions in the list shift down past each song taken out; the play order keeps its shape.
    const shift = (index: number): number => index - [...gone].filter((taken) => taken < index).length;
    const order = this.#order.filter((index) => !gone.has(index)).map(shift);
    return this.#with({
      list: this.list.filter((_, index) => !gone.has(index)),
      order,
      position: order.indexOf(shift(playing)),
    });
  }

  /** Nothing to play; the modes stay. */
  cleared(): PlayOrder<T> {
    return PlayOrder.empty<T>(this.modes, this.#random);
  }

  /** The play order of a list of `length`: in the list's order, or with shuffle `first` (if given) then the rest at random. */
  #orderFrom(length: number, first: number | undefined, shuffle: boolean): number[] {
    const indexes = Array.from({ length }, (_, index) => index);
    if (!shuffle) return indexes;
    const rest = indexes.filter((index) => index !== first);
    // Fisher–Yates, from the end: one draw per place, so a known `random` gives a known order.
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random() * (i + 1));
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    return first === undefined ? rest : [first, ...rest];
  }

  #with(change: {
    list?: readonly T[];
    modes?: PlayModes;
    order?: readonly number[];
    position?: number;
  }): PlayOrder<T> {
    return new PlayOrder<T>(
      change.list ?? this.list,
      change.modes ?? this.modes,
      change.order ?? this.#order,
      change.position ?? this.#position,
      this.#random,
    );
  }
}
