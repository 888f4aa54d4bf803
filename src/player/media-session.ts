import { artworkAtSize } from '../shared/catalog.ts';
import { artworkOf, type Player, type PlayerItem } from './player.ts';

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
 */
export function connectMediaSession(player: Player): void {
  if (!('mediaSession' in navigator)) return;
  const session = navigator.mediaSession;
  const actions: [MediaSessionAction, MediaSessionActionHandler][] = [
    ['play', () => player.resume()],
    ['pause', () => player.pause()],
    ['previoustrack', () => player.previous()],
    ['nexttrack', () => player.next()],
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
  player.audio.addEventListener('play', apply);
  // The lock screen's scrubber moves by itself from the last state; it needs a new one at each jump.
  for (const type of ['play', 'pause', 'durationchange', 'seeked', 'ratechange']) {
    player.audio.addEventListener(type, position);
  }
}
