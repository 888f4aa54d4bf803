import { describe, expect, it } from 'vitest';
import { followAudio, SLEEP_MINUTES, SleepTimer, type SleepClock } from '../../../src/player/sleep-timer.ts';

const MINUTE = 60_000;

/**
 * A clock that moves only when told. `advance` runs each timer at its own time, as a page on screen
 * would; `sleep` moves time with no timer running, as a background tab or a sleeping device would,
 * and `runDue` then runs the late ones at once.
 */
class FakeClock implements SleepClock {
  #now = 1_000_000;
  #nextId = 1;
  #timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, delayMs: number): number {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.#now + delayMs, callback });
    return id;
  }

  clearTimeout(id: number): void {
    this.#timers.delete(id);
  }

  get pending(): number {
    return this.#timers.size;
  }

  advance(ms: number): void {
    const end = this.#now + ms;
    for (let next = this.#earliest(); next && next[1].at <= end; next = this.#earliest()) {
      this.#now = next[1].at;
      this.#run(next[0]);
    }
    this.#now = end;
  }

  sleep(ms: number): void {
    this.#now += ms;
  }

  runDue(): void {
    for (const [id, timer] of [...this.#timers]) if (timer.at <= this.#now) this.#run(id);
  }

  /** Runs the earliest timer now, however far off it is: a browser that fires a timer early. */
  runEarly(): void {
    const earliest = this.#earliest();
    if (earliest) this.#run(earliest[0]);
  }

  #earliest(): [number, { at: number; callback: () => void }] | undefined {
    return [...this.#timers].sort(([, a], [, b]) => a.at - b.at)[0];
  }

  #run(id: number): void {
    const timer = this.#timers.get(id);
    this.#timers.delete(id);
    timer?.callback();
  }
}

/** A timer on a fake clock, counting its stops and its `change` events. */
function sleepTimer() {
  const clock = new FakeClock();
  let stops = 0;
  let changes = 0;
  const timer = new SleepTimer(() => stops++, clock);
  timer.addEventListener('change', () => changes++);
  return { clock, timer, stops: () => stops, changes: () => changes };
}

describe('SleepTimer', () => {
  it.each(SLEEP_MINUTES)('stops once %i minutes have passed, not before', (minutes) => {
    const { clock, timer, stops } = sleepTimer();
    timer.set(minutes);
    expect(timer.choice).toBe(minutes);
    expect(timer.remaining()).toBe(minutes * MINUTE);

    clock.advance(minutes * MINUTE - 1);
    expect(stops()).toBe(0);
    expect(timer.remaining()).toBe(1);

    clock.advance(1);
    expect(stops()).toBe(1);
  });

  it('counts down, with a change each minute', () => {
    const { clock, timer, changes } = sleepTimer();
    timer.set(15);
    expect(changes()).toBe(1);
    clock.advance(90_000);
    expect(timer.remaining()).toBe(15 * MINUTE - 90_000);
    expect(changes()).toBe(2);
    clock.advance(30_000);
    expect(timer.remaining()).toBe(13 * MINUTE);
    expect(changes()).toBe(3);
  });

  it('clears itself after it stops: no choice, nothing left, no timer, and it stops once', () => {
    const { clock, timer, stops, changes } = sleepTimer();
    timer.set(15);
    clock.advance(15 * MINUTE);
    expect(stops()).toBe(1);
    expect(timer.choice).toBeNull();
    expect(timer.remaining()).toBeNull();
    expect(clock.pending).toBe(0);
    const changesWhenStopped = changes();

    clock.advance(120 * MINUTE);
    timer.check();
    timer.songEnded();
    expect(stops()).toBe(1);
    expect(changes()).toBe(changesWhenStopped);
  });

  it('cancel stops nothing and leaves no timer', () => {
    const { clock, timer, stops, changes } = sleepTimer();
    timer.set(30);
    timer.cancel();
    expect(timer.choice).toBeNull();
    expect(timer.remaining()).toBeNull();
    expect(clock.pending).toBe(0);
    expect(changes()).toBe(2);

    clock.advance(60 * MINUTE);
    expect(stops()).toBe(0);
    timer.cancel();
    expect(changes()).toBe(2);
  });

  it('a timer set again replaces the old one', () => {
    const { clock, timer, stops } = sleepTimer();
    timer.set(15);
    clock.advance(10 * MINUTE);
    timer.set(30);
    expect(timer.remaining()).toBe(30 * MINUTE);
    expect(clock.pending).toBe(1);

    clock.advance(29 * MINUTE);
    expect(stops()).toBe(0);
    clock.advance(MINUTE);
    expect(stops()).toBe(1);
  });

  it('the end of the song replaces a countdown, and has no time left to show', () => {
    const { clock, timer, stops } = sleepTimer();
    timer.set(15);
    timer.set('end-of-song');
    expect(timer.choice).toBe('end-of-song');
    expect(timer.remaining()).toBeNull();
    expect(clock.pending).toBe(0);
    clock.advance(60 * MINUTE);
    expect(stops()).toBe(0);
  });

  it('a tick that comes late (a background tab) stops at once, and once', () => {
    const { clock, timer, stops } = sleepTimer();
    timer.set(15);
    clock.sleep(40 * MINUTE);
    expect(stops()).toBe(0);
    clock.runDue();
    expect(stops()).toBe(1);
    expect(clock.pending).toBe(0);
    clock.advance(60 * MINUTE);
    expect(stops()).toBe(1);
  });

  it('a tick that comes early waits on', () => {
    const { clock, timer, stops } = sleepTimer();
    timer.set(15);
    clock.advance(14 * MINUTE);
    clock.runEarly();
    expect(stops()).toBe(0);
    expect(timer.remaining()).toBe(MINUTE);
    clock.advance(MINUTE - 1);
    expect(stops()).toBe(0);
    clock.advance(1);
    expect(stops()).toBe(1);
  });

  it('check() stops once the deadline has passed, never before', () => {
    const { clock, timer, stops } = sleepTimer();
    timer.set(15);
    clock.sleep(15 * MINUTE - 1);
    timer.check();
    expect(stops()).toBe(0);
    clock.sleep(1);
    timer.check();
    expect(stops()).toBe(1);
    clock.runDue();
    expect(stops()).toBe(1);
  });

  it('a countdown ignores the end of a song', () => {
    const { timer, stops } = sleepTimer();
    timer.set(30);
    timer.songEnded();
    expect(stops()).toBe(0);
    expect(timer.choice).toBe(30);
  });
});

describe('followAudio', () => {
  it('stops at the end of the song playing, not at a Next, and then only once', () => {
    const { timer, stops } = sleepTimer();
    const audio = new EventTarget();
    followAudio(timer, audio);
    timer.set('end-of-song');

    // A Next the person pressed loads another source: the audio fires no `ended`.
    audio.dispatchEvent(new Event('emptied'));
    audio.dispatchEvent(new Event('play'));
    expect(stops()).toBe(0);
    expect(timer.choice).toBe('end-of-song');

    audio.dispatchEvent(new Event('ended'));
    expect(stops()).toBe(1);
    expect(timer.choice).toBeNull();
    audio.dispatchEvent(new Event('ended'));
    expect(stops()).toBe(1);
  });

  it('checks the countdown as the audio plays, and stops listening when asked', () => {
    const { clock, timer, stops } = sleepTimer();
    const audio = new EventTarget();
    const stopFollowing = followAudio(timer, audio);
    timer.set(15);
    clock.sleep(15 * MINUTE);
    audio.dispatchEvent(new Event('timeupdate'));
    expect(stops()).toBe(1);

    stopFollowing();
    timer.set('end-of-song');
    audio.dispatchEvent(new Event('ended'));
    expect(stops()).toBe(1);
  });
});
