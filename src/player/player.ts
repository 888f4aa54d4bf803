import type { Track } from '../shared/catalog.ts';
import { offlineArtworkPath, offlineAudioPath } from '../shared/offline-urls.ts';

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
 * The app's one audio player (the native app's AVPlayer): a queue, the position in it, and an
 * `<audio>` element that is never in the document, so it plays on while views change. Fires
 * `change` whenever what it shows changes.
 */
export class Player extends EventTarget {
  readonly audio = new Audio();
  #queue: readonly PlayerItem[] = [];
  #index = -1;
  #error: string | null = null;

  constructor() {
    super();
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
    this.audio.addEventListener('ended', () => (this.hasNext ? this.next() : this.#changed()));
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
    return this.#queue[this.#index] ?? null;
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

  get hasNext(): boolean {
    return this.#index + 1 < this.#queue.length;
  }

  get hasPrevious(): boolean {
    return this.#index > 0;
  }

  /** Plays `item`; next and previous go through `queue` (which holds it). */
  play(item: PlayerItem, queue: readonly PlayerItem[] = [item]): void {
    const index = queue.findIndex((queued) => queued.track.id === item.track.id);
    this.#queue = index === -1 ? [item] : queue;
    this.#load(index === -1 ? 0 : index);
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
    if (this.hasNext) this.#load(this.#index + 1);
  }

  previous(): void {
    if (this.audio.currentTime > RESTART_WINDOW_S || !this.hasPrevious) this.seek(0);
    else this.#load(this.#index - 1);
  }

  /** Takes songs that are no longer downloaded out of the queue; stops if the current one is among them. */
  forget(isGone: (item: PlayerItem) => boolean): void {
    const current = this.current;
    if (!current) return;
    if (isGone(current)) {
      this.stop();
      return;
    }
    const kept = this.#queue.filter((item) => !isGone(item));
    if (kept.length === this.#queue.length) return;
    this.#queue = kept;
    this.#index = kept.indexOf(current);
    this.#changed();
  }

  /** Stops and forgets the queue (its song was deleted). */
  stop(): void {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
    this.#queue = [];
    this.#index = -1;
    this.#error = null;
    this.#changed();
  }

  #load(index: number): void {
    this.#index = index;
    this.#error = null;
    this.audio.src = sourceOf(this.#queue[index]!);
    void this.#start();
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
