import type { Track } from '../shared/catalog.ts';
import { offlineArtworkPath, offlineAudioPath } from '../shared/offline-urls.ts';
import { PlayOrder, type RepeatMode } from './play-order.ts';
import type { PlaybackFailure } from './player-messages.ts';
import { restoreModes, saveModes } from './player-modes.ts';
import { restoreUpNext, saveUpNext } from './up-next-store.ts';

/** One song the player can play: a downloaded one from the worker's local URL, or a streamed preview. */
export interface PlayerItem {
  readonly track: Track;
  /** True for a downloaded song, which plays with no network. */
  readonly offline: boolean;
}

/** Within this many seconds of the start, "Previous" goes to the previous song, not back to the start. */
const RESTART_WINDOW_S = 3;
/** How far the arrow keys and the headset's skip buttons seek. */
export const SEEK_STEP_S = 5;

export const sourceOf = ({ track, offline }: PlayerItem): string =>
  offline ? offlineAudioPath(track.id) : track.previewUrl;

export const artworkOf = ({ track, offline }: PlayerItem): string | null =>
  offline ? offlineArtworkPath(track.id) : track.artworkUrl;

/**
 * The app's one audio player (the native app's AVPlayer): a play order (which song, which next) and
 * an `<audio>` element that is never in the document, so it plays on while views change. Fires
 * `change` whenever what it shows changes.
 */
export class Player extends EventTarget {
  readonly audio = new Audio();
  /** The queue, shuffle and repeat, and the song playing; replaced, never changed in place. */
  #order: PlayOrder<PlayerItem>;
  #failure: PlaybackFailure | null = null;

  readonly #random: () => number;
  /** The last song passed over because it needs a connection the device does not have. */
  #skipped: PlayerItem | null = null;

  /** @param random - shuffle's draws; `Math.random` unless a test makes them known */
  constructor(random: () => number = Math.random) {
    super();
    this.#random = random;
    this.#order = PlayOrder.empty(restoreModes(), random);
    this.audio.preload = 'auto';
    for (const type of [
      'play',
      'pause',
      'durationchange',
      'timeupdate',
      'seeked',
      'loadedmetadata',
      'waiting',
      'playing',
      'canplay',
    ]) {
      this.audio.addEventListener(type, () => this.#changed());
    }
    this.audio.addEventListener('ended', () => {
      const after = this.#order.afterEnd();
      if (after === 'again') {
        this.audio.currentTime = 0;
        void this.#start();
      } else if (after === 'next') this.next();
      else this.#changed();
    });
    this.audio.addEventListener('error', () => {
      const item = this.current;
      if (!item) return;
      this.#failure = item.offline ? 'stored-file' : navigator.onLine ? 'stream-refused' : 'stream-offline';
      this.audio.pause();
      this.#changed();
    });
  }

  get current(): PlayerItem | null {
    return this.#order.current;
  }

  /** The songs to come, in the order they play (Up Next). */
  get upNext(): readonly PlayerItem[] {
    return this.#order.upNext;
  }

  /** A song not downloaded that was passed over offline, for the player to say so; null once another plays. */
  get skipped(): PlayerItem | null {
    return this.#skipped;
  }

  /**
   * The play order a reload left (the song, paused, and Up Next), each song checked again.
   * @param catalogOrigin - where streamed previews come from (`isTrack`)
   */
  restore(catalogOrigin: string): void {
    const order = restoreUpNext(this.#order.modes, this.#random, catalogOrigin);
    if (!order.current) return;
    this.#order = order;
    // Nothing is fetched until the person plays: a song gone or a stream offline says so only then.
    this.audio.preload = 'none';
    this.audio.src = sourceOf(order.current);
    this.#changed();
  }

  /** Plays `items` right after the song playing; with nothing playing, the first of them plays now. */
  playNext(items: readonly PlayerItem[]): void {
    this.#queue(this.#order.playNext(items));
  }

  /** Puts `items` at the end of Up Next; with nothing playing, the first of them plays now. */
  addToQueue(items: readonly PlayerItem[]): void {
    this.#queue(this.#order.addToQueue(items));
  }

  moveUp(index: number): void {
    this.#keep(this.#order.moveUp(index));
  }

  moveDown(index: number): void {
    this.#keep(this.#order.moveDown(index));
  }

  /** Moves the song at `from` of Up Next to place `to` (a drag). */
  move(from: number, to: number): void {
    this.#keep(this.#order.move(from, to));
  }

  /** Takes the song at `index` out of Up Next. */
  removeFromUpNext(index: number): void {
    this.#keep(this.#order.remove(index));
  }

  /** Empties Up Next; the song playing plays on. */
  clearUpNext(): void {
    this.#keep(this.#order.clear());
  }

  #queue(order: PlayOrder<PlayerItem>): void {
    const wasIdle = !this.current;
    if (wasIdle && order.current) this.#load(order);
    else this.#keep(order);
  }

  /** A new order around the same song: kept, and shown. */
  #keep(order: PlayOrder<PlayerItem>): void {
    if (order === this.#order) return;
    this.#order = order;
    saveUpNext(order);
    this.#changed();
  }

  get shuffle(): boolean {
    return this.#order.modes.shuffle;
  }

  get repeat(): RepeatMode {
    return this.#order.modes.repeat;
  }

  /** Shuffles the songs other than the one playing (it plays on, first), or returns to the list's order. */
  setShuffle(on: boolean): void {
    this.#order = this.#order.withShuffle(on);
    saveModes(this.#order.modes);
    saveUpNext(this.#order);
    this.#changed();
  }

  setRepeat(mode: RepeatMode): void {
    this.#order = this.#order.withRepeat(mode);
    saveModes(this.#order.modes);
    this.#changed();
  }

  get playing(): boolean {
    return !this.#failure && !this.audio.paused && !this.audio.ended;
  }

  /** Asked to play, but waiting for data (a slow stream). */
  get loading(): boolean {
    return this.playing && this.audio.readyState < HTMLMediaElement.HAVE_FUTURE_DATA;
  }

  /** Seconds played, and the song's length once known. */
  get time(): { elapsed: number; total: number | null } {
    const total = Number.isFinite(this.audio.duration) ? this.audio.duration : null;
    return { elapsed: this.audio.currentTime, total };
  }

  /**
   * Why the current song cannot play, or null: a fact, not words, which the player bar puts in the
   * app's language when it shows them (`describePlaybackFailure`).
   */
  get failure(): PlaybackFailure | null {
    return this.#failure;
  }

  /** Whether Next leads somewhere: a later song, or the first again when the queue repeats. */
  get hasNext(): boolean {
    return this.#order.hasNext;
  }

  get hasPrevious(): boolean {
    return this.#order.hasPrevious;
  }

  /**
   * Plays `item`; next and previous go through `queue` (which holds it), shuffled when shuffle is on.
   * A queue without it (by song id) is ignored: the song plays alone.
   */
  play(item: PlayerItem, queue: readonly PlayerItem[] = [item]): void {
    const index = queue.findIndex((queued) => queued.track.id === item.track.id);
    this.#load(index === -1 ? this.#order.play([item], 0) : this.#order.play(queue, index));
  }

  toggle(): void {
    if (!this.current) return;
    if (this.playing) this.audio.pause();
    else void this.#start();
  }

  pause(): void {
    this.audio.pause();
  }

  resume(): void {
    if (this.current && !this.playing) void this.#start();
  }

  seek(seconds: number): void {
    const { total } = this.time;
    this.audio.currentTime = Math.max(0, total === null ? seconds : Math.min(seconds, total));
    this.#changed();
  }

  seekBy(seconds: number): void {
    this.seek(this.audio.currentTime + seconds);
  }

  next(): void {
    if (this.hasNext) this.#load(this.#order.next());
  }

  /** The previous song within the first seconds of a song; later, or with none before it, the start of this one. */
  previous(): void {
    if (this.audio.currentTime > RESTART_WINDOW_S || !this.hasPrevious) this.seek(0);
    else this.#load(this.#order.previous(), true);
  }

  /** Takes songs that are no longer downloaded out of the queue; stops if the current one is among them. */
  forget(isGone: (item: PlayerItem) => boolean): void {
    const kept = this.#order.without(isGone);
    // The same order: nothing plays, or nothing was taken out.
    if (kept === this.#order) return;
    if (!kept.current) {
      this.stop();
      return;
    }
    this.#order = kept;
    saveUpNext(kept);
    this.#changed();
  }

  /** Stops and forgets the queue (its song was deleted). */
  stop(): void {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
    this.#order = this.#order.cleared();
    saveUpNext(this.#order);
    this.#failure = null;
    this.#changed();
  }

  /**
   * Moves to `order` and plays its song from the start. A song not downloaded needs the network: with
   * none, it is passed over (and said so) for the next that can play, the way the person was going
   * (`back` for Previous), never round again; with none left, nothing plays.
   */
  #load(order: PlayOrder<PlayerItem>, back = false): void {
    const playable = (candidate: PlayOrder<PlayerItem>): boolean => candidate.current!.offline || navigator.onLine;
    let next = order;
    let tries = back ? order.played.length : order.upNext.length;
    this.#skipped = null;
    while (!playable(next) && tries-- > 0) {
      this.#skipped = next.current;
      next = back ? next.previous() : next.next();
    }
    this.#order = next;
    saveUpNext(next);
    this.#failure = null;
    if (!playable(next)) {
      this.#skipped = next.current;
      this.audio.pause();
      // Its source is not the old song's: Play must not play what the bar no longer names.
      this.audio.removeAttribute('src');
      this.audio.load();
      this.#changed();
      return;
    }
    this.audio.preload = 'auto';
    this.audio.src = sourceOf(this.current!);
    void this.#start();
  }

  async #start(): Promise<void> {
    try {
      await this.audio.play();
    } catch (error) {
      // A newer `load` interrupts a pending `play`; the `error` event reports a source that cannot play.
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        this.#failure = 'not-allowed';
        this.#changed();
      }
    }
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export const player = new Player();
