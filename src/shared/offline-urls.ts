/**
 * Local URLs the service worker answers from IndexedDB, so downloaded songs play and look the same
 * with no network. iOS Safari needs a real URL with range answers, not a `blob:` one.
 */

/** Where a downloaded song plays from. */
export const offlineAudioPath = (trackId: number): string => `/offline-audio/${trackId}`;
export const OFFLINE_AUDIO_PATH = /^\/offline-audio\/(\d+)$/;

/** Where a downloaded song's artwork shows from (the placeholder when it has none). */
export const offlineArtworkPath = (trackId: number): string => `/offline-artwork/${trackId}`;
export const OFFLINE_ARTWORK_PATH = /^\/offline-artwork\/(\d+)$/;
