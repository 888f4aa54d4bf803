import type { Track } from '../shared/catalog.ts';
import { offlineArtworkPath, offlineAudioPath } from '../shared/offline-urls.ts';

/** One song the player can play: a downloaded one from the worker's local URL, or a streamed preview. */
export interface PlayerItem {
  readonly track: Track;
  /** True for a downloaded song, which plays with no network. */
  readonly offline: boolean;
}

/** Repeat, as music players have it: not at all, the whole queue, or the song playing. */
export type RepeatMode = 'off' | 'all' | 'one';
export const REPEAT_MODES: readonly RepeatMode[] = ['off', 'all', 'one'];

/** Where shuffle and repeat are kept, so they stay as the person left them. */
const MODES_KEY = 'half-tunes:player-modes';

/** Within this many seconds of the start, "Previous" goes to the previous song, not back to the start. */
const RESTART_WINDOW_S = 3;
/** How far the arrow keys and the headset's skip buttons seek. */
export const SEEK_STEP_S = 5;

export const sourceOf = ({ track, offline }: PlayerItem): string =>
  offline ? offlineAudioPath(track.id) : track.previewUrl;

export const artworkOf = ({ track, offline }: PlayerItem): string | null =>
  offline ? offlineArtworkPath(track.id) : track.artworkUrl;

/**
 * The app's one audio player (the native app's AVPlayer): a queue, the position in it, and an
 * `<audio>` element that is never in the document, so it plays on while views change. Fires
 * `change` whenever what it shows changes.
 */
export class Player extends EventTarget {
  readonly audio = new Audio();
  /** The songs in the order the list showed them. */
  #queue: readonly PlayerItem[] = [];
  /** The order they play in: positions in `#queue`, shuffled or not. */
  #order: number[] = [];
  /** Where in `#order` the player is. */
  #position = -1;
  #error: string | null = null;
  #shuffle = false;
  #repeat: RepeatMode = 'off';

  constructor(private readonly random: () => number = Math.random) {
    super();
    this.#restoreModes();
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
      if (this.#repeat === 'one') {
        this.audio.currentTime = 0;
        void this.#start();
      } else if (this.hasNext) this.next();
      else this.#changed();
    });
    this.audio.addEventListener('error', () => {
      const item = this.current;
      if (!item) return;
      this.#error = item.offline
        ? `“${item.track.name}” could not be played. Reload Half Tunes; if it still fails, delete the song and download it again.`
        : navigator.onLine
          ? `The preview of “${item.track.name}” could not be streamed: the server did not send it. Try again later, or download it.`
          : `The preview of “${item.track.name}” could not be streamed. Streaming needs a connection; downloaded songs play offline.`;
      this.audio.pause();
      this.#changed();
    });
  }

  get current(): PlayerItem | null {
    return this.#queue[this.#order[this.#position] ?? -1] ?? null;
  }

  get shuffle(): boolean {
    return this.#shuffle;
  }

  get repeat(): RepeatMode {
    return this.#repeat;
  }

  /** Shuffles the songs after the one playing (it plays on), or returns to the list's order. */
  setShuffle(on: boolean): void {
    this.#shuffle = on;
    const playing = this.#order[this.#position];
    this.#order = this.#orderFrom(playing);
    this.#position = playing === undefined ? -1 : this.#order.indexOf(playing);
    this.#saveModes();
    this.#changed();
  }

  setRepeat(mode: RepeatMode): void {
    this.#repeat = mode;
    this.#saveModes();
    this.#changed();
  }

  get playing(): boolean {
    return !this.#error && !this.audio.paused && !this.audio.ended;
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

  /** Why the current song cannot play, in words, or null. */
  get error(): string | null {
    return this.#error;
  }

  /** Whether Next leads somewhere: a later song, or the first again when the queue repeats. */
  get hasNext(): boolean {
    return this.#position + 1 < this.#order.length || (this.#repeat === 'all' && this.#order.length > 0);
  }

  get hasPrevious(): boolean {
    return this.#position > 0 || (this.#repeat === 'all' && this.#order.length > 1);
  }

  /** Plays `item`; next and previous go through `queue` (which holds it), shuffled when shuffle is on. */
  play(item: PlayerItem, queue: readonly PlayerItem[] = [item]): void {
    const index = queue.findIndex((queued) => queued.track.id === item.track.id);
    this.#queue = index === -1 ? [item] : queue;
    const start = index === -1 ? 0 : index;
    this.#order = this.#orderFrom(start);
    this.#load(this.#order.indexOf(start));
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
    if (!this.hasNext) return;
    if (this.#position + 1 < this.#order.length) {
      this.#load(this.#position + 1);
      return;
    }
    // Round again: a shuffled queue is shuffled anew, as music players do.
    if (this.#shuffle) this.#order = this.#orderFrom(undefined);
    this.#load(0);
  }

  previous(): void {
    if (this.audio.currentTime > RESTART_WINDOW_S || !this.hasPrevious) this.seek(0);
    else this.#load(this.#position > 0 ? this.#position - 1 : this.#order.length - 1);
  }

  /** Takes songs that are no longer downloaded out of the queue; stops if the current one is among them. */
  forget(isGone: (item: PlayerItem) => boolean): void {
    const current = this.current;
    if (!current) return;
    if (isGone(current)) {
      this.stop();
      return;
    }
    const gone = new Set(this.#queue.flatMap((item, index) => (isGone(item) ? [index] : [])));
    if (gone.size === 0) return;
    // Positions in the queue shift down past each song taken out; the play order keeps its shape.
    const shift = (index: number): number => index - [...gone].filter((taken) => taken < index).length;
    const playing = this.#order[this.#position]!;
    this.#queue = this.#queue.filter((_, index) => !gone.has(index));
    this.#order = this.#order.filter((index) => !gone.has(index)).map(shift);
    this.#position = this.#order.indexOf(shift(playing));
    this.#changed();
  }

  /** Stops and forgets the queue (its song was deleted). */
  stop(): void {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
    this.#queue = [];
    this.#order = [];
    this.#position = -1;
    this.#error = null;
    this.#changed();
  }

  /** The play order: the list's, or with shuffle `first` (if given) then the rest in random order. */
  #orderFrom(first: number | undefined): number[] {
    const indexes = this.#queue.map((_, index) => index);
    if (!this.#shuffle) return indexes;
    const rest = indexes.filter((index) => index !== first);
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    }
    return first === undefined ? rest : [first, ...rest];
  }

  #load(position: number): void {
    this.#position = position;
    this.#error = null;
    this.audio.src = sourceOf(this.current!);
    void this.#start();
  }

  #restoreModes(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(MODES_KEY) ?? '{}') as { shuffle?: unknown; repeat?: unknown };
      this.#shuffle = saved.shuffle === true;
      this.#repeat = REPEAT_MODES.find((mode) => mode === saved.repeat) ?? 'off';
    } catch {
      // Nothing kept, or storage refused: the defaults.
    }
  }

  #saveModes(): void {
    try {
      localStorage.setItem(MODES_KEY, JSON.stringify({ shuffle: this.#shuffle, repeat: this.#repeat }));
    } catch {
      // Storage refused: the modes last for this page.
    }
  }

  async #start(): Promise<void> {
    try {
      await this.audio.play();
    } catch (error) {
      // A newer `load` interrupts a pending `play`; the `error` event reports a source that cannot play.
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        this.#error = 'The browser did not allow playback. Press Play.';
        this.#changed();
      }
    }
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

export const player = new Player();
