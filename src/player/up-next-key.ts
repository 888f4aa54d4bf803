/**
 * Where the play order (the song playing and Up Next) is kept, so a reload finds it as it was. Its own
 * module: the first screen reads whether anything is kept without the player's code.
 */
export const UP_NEXT_KEY = 'half-tunes:up-next';

/** Whether a play order is kept from last time (the player then loads at once, to show it). */
export function orderKept(): boolean {
  try {
    return localStorage.getItem(UP_NEXT_KEY) !== null;
  } catch {
    return false;
  }
}
