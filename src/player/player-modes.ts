import { REPEAT_MODES, type PlayModes } from './play-order.ts';

/** Where shuffle and repeat are kept, so they stay as the person left them. */
const MODES_KEY = 'half-tunes:player-modes';

/**
 * Shuffle and repeat as last saved: each one read back only if it is a value the player knows, else
 * off. Nothing saved, unreadable JSON or storage refused (a private window, a blocked site) gives both off.
 */
export function restoreModes(): PlayModes {
  try {
    const saved = JSON.parse(localStorage.getItem(MODES_KEY) ?? '{}') as { shuffle?: unknown; repeat?: unknown };
    return { shuffle: saved.shuffle === true, repeat: REPEAT_MODES.find((mode) => mode === saved.repeat) ?? 'off' };
  } catch {
    return { shuffle: false, repeat: 'off' };
  }
}

/** Keeps shuffle and repeat for the next visit; if storage refuses, they last for this page. */
export function saveModes({ shuffle, repeat }: PlayModes): void {
  try {
    localStorage.setItem(MODES_KEY, JSON.stringify({ shuffle, repeat }));
  } catch {
    // Storage refused: nothing to tell the person, the modes still work until the page closes.
  }
}
