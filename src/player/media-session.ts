import { artworkAtSize } from '../shared/catalog.ts';
import { artworkOf, type Player, type PlayerItem } from './player.ts';

/** What the Media Session reads of the player and asks of it (the app's `Player`; a test's fake). */
export type MediaSessionPlayer = EventTarget &
  Pick<Player, 'current' | 'playing' | 'time' | 'resume' | 'pause' | 'previous' | 'next' | 'seek'> & {
    readonly audio: EventTarget;
  };

/**
 * The lock screen's pictures, largest first: a downloaded song's kept artwork (512 px where the
 * catalog drew it), else the catalog's at 512 px and its thumbnail.
 */
function lockScreenArtwork(item: PlayerItem): MediaImage[] {
  const artwork = artworkOf(item);
  if (!artwork) return [];
  const src = new URL(artwork, location.href).href;
  if (item.offline) return [{ src, sizes: '512x512' }];
  return [
    { src: artworkAtSize(src, 512), sizes: '512x512' },
    { src, sizes: '100x100' },
  ];
}

/**
 * Lock-screen, notification-shade and headset controls: the Media Session's metadata and actions,
 * applied again whenever playback starts (some browsers drop them when another tab played meanwhile).
 * Previous and next are the player's, so they follow its order (shuffle, repeat).
 */
export function connectMediaSession(player: MediaSessionPlayer): void {
  if (!('mediaSession' in navigator)) return;
  const session = navigator.mediaSession;
  const actions: [MediaSessionAction, MediaSessionActionHandler][] = [
    ['play', () => player.resume()],
    ['pause', () => player.pause()],
    ['previoustrack', () => player.previous()],
    ['nexttrack', () => player.next()],
    // With any handler set, the lock screen's scrubber moves only where `seekto` is handled.
    ['seekto', (details) => details.seekTime !== undefined && player.seek(details.seekTime)],
  ];
  // With seek handlers an iPhone's lock screen shows ±10 s where previous/next belong (the keyboard
  // still seeks by SEEK_STEP_S): none are registered, and any a browser kept is cleared.
  const without: MediaSessionAction[] = ['seekbackward', 'seekforward'];

  const apply = (): void => {
    const item = player.current;
    if (!item) return;
    session.metadata = new MediaMetadata({
      title: item.track.name,
      artist: item.track.artist,
      album: item.track.album,
      artwork: lockScreenArtwork(item),
    });
    const handlers: [MediaSessionAction, MediaSessionActionHandler | null][] = [
      ...actions,
      ...without.map((action): [MediaSessionAction, null] => [action, null]),
    ];
    for (const [action, handler] of handlers) {
      try {
        session.setActionHandler(action, handler);
      } catch {
        // An action this browser does not know.
      }
    }
  };

  const position = (): void => {
    const { elapsed, total } = player.time;
    session.playbackState = player.current ? (player.playing ? 'playing' : 'paused') : 'none';
    if (total !== null) {
      session.setPositionState?.({ duration: total, position: Math.min(elapsed, total), playbackRate: 1 });
    }
  };

  // Stopped (its song was deleted): the lock screen no longer shows it.
  player.addEventListener('change', () => {
    if (player.current || session.metadata === null) return;
    session.metadata = null;
    session.playbackState = 'none';
    session.setPositionState?.();
  });
  // WebKit on iOS drops the metadata and the action handlers once playback has started, after `play`:
  // `playing` (playback under way, also after a stall) sets them again.
  player.audio.addEventListener('play', apply);
  player.audio.addEventListener('playing', apply);
  // The lock screen's scrubber moves by itself from the last state; it needs a new one at each jump,
  // and again once playback is under way (a stream that waited for data started later than `play`).
  for (const type of ['play', 'playing', 'pause', 'durationchange', 'seeked', 'ratechange']) {
    player.audio.addEventListener(type, position);
  }
}
