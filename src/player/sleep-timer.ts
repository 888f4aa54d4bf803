/** The sleep timer's countdowns, in minutes. */
export const SLEEP_MINUTES = [15, 30, 60] as const;

/** Stop after so many minutes, or when the song playing comes to its end. */
export type SleepChoice = (typeof SLEEP_MINUTES)[number] | 'end-of-song';

const MINUTE_MS = 60_000;

/** Time and timers, injected so tests can move time by hand. */
export interface SleepClock {
  /** Wall-clock milliseconds: time asleep counts, as the person means "in 30 minutes". */
  now(): number;
  setTimeout(callback: () => void, delayMs: number): number;
  clearTimeout(id: number): void;
}

// The window's timers: their ids are numbers under the tests' Node types too.
export const systemClock: SleepClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
  clearTimeout: (id) => window.clearTimeout(id),
};

/**
 * Stops playback after a while, once. Fires `change` when the choice changes (set, cancelled, fired)
 * and each time the minutes left go down by one, so a view showing whole minutes needs no timer of its own.
 *
 * Timers in a background tab or on a sleeping device come late: each tick compares `now()` with the
 * deadline, so a late one stops at once and an early one waits on. No wait is longer than a minute, so a
 * timer a suspended device held back is late by a minute at most once the device runs again.
 */
export class SleepTimer extends EventTarget {
  readonly #stop: () => void;
  readonly #clock: SleepClock;
  #choice: SleepChoice | null = null;
  /** When a countdown ends, on the clock's `now()`; null for none and for the end of the song. */
  #deadline: number | null = null;
  #pendingTick: number | null = null;

  /** @param stop - what "sleep" does, usually the player's pause */
  constructor(stop: () => void, clock: SleepClock = systemClock) {
    super();
    this.#stop = stop;
    this.#clock = clock;
  }

  get choice(): SleepChoice | null {
    return this.#choice;
  }

  /** Starts `choice`, replacing any timer set before (the same countdown again starts over). */
  set(choice: SleepChoice): void {
    this.#clear();
    this.#choice = choice;
    if (choice !== 'end-of-song') {
      this.#deadline = this.#clock.now() + choice * MINUTE_MS;
      this.#waitForNextMinute();
    }
    this.#changed();
  }

  cancel(): void {
    if (this.#choice === null) return;
    this.#clear();
    this.#changed();
  }

  /** Milliseconds left of a countdown; null with no timer, or for the end of the song (its length is the song's). */
  remaining(): number | null {
    return this.#deadline === null ? null : Math.max(0, this.#deadline - this.#clock.now());
  }

  /**
   * Stops now if the countdown is over. Each tick does this; calling it from events that keep coming
   * while audio plays (`timeupdate`) stops on time where the browser holds a background tab's timers back.
   */
  check(): void {
    if (this.#deadline !== null && this.#clock.now() >= this.#deadline) this.#fire();
  }

  /**
   * The song playing ended by itself. Only a song's natural end counts: a Next the person pressed is
   * not an end (no call), and the timer stays set for the end of the song that plays now.
   */
  songEnded(): void {
    if (this.#choice === 'end-of-song') this.#fire();
  }

  /** Waits until the minutes left go down by one, or the deadline comes, whichever is first. */
  #waitForNextMinute(): void {
    const left = this.#deadline! - this.#clock.now();
    const untilNextMinute = ((left - 1) % MINUTE_MS) + 1;
    this.#pendingTick = this.#clock.setTimeout(() => this.#tick(), Math.max(0, untilNextMinute));
  }

  #tick(): void {
    this.#pendingTick = null;
    this.check();
    if (this.#deadline === null) return;
    this.#changed();
    this.#waitForNextMinute();
  }

  /** Clears itself first: the stop runs once, and a Play afterwards (the lock screen's) plays as usual. */
  #fire(): void {
    this.#clear();
    this.#changed();
    this.#stop();
  }

  #clear(): void {
    if (this.#pendingTick !== null) this.#clock.clearTimeout(this.#pendingTick);
    this.#pendingTick = null;
    this.#choice = null;
    this.#deadline = null;
  }

  #changed(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/**
 * Tells `timer` what the audio does: a natural end (`ended`; Next and Previous fire none), and time
 * moving while it plays, which keeps coming where a background tab's timers are held back.
 * Connect it after the player made its audio: the player's own `ended` listener moves on first, so the
 * stop leaves the next song loaded and paused at its start, and the lock screen's Play plays it.
 * Returns a function that stops listening.
 */
export function followAudio(timer: SleepTimer, audio: EventTarget): () => void {
  const songEnded = (): void => timer.songEnded();
  const check = (): void => timer.check();
  audio.addEventListener('ended', songEnded);
  audio.addEventListener('timeupdate', check);
  return () => {
    audio.removeEventListener('ended', songEnded);
    audio.removeEventListener('timeupdate', check);
  };
}
