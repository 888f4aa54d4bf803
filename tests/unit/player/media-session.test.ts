import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// player.ts makes the app's player (an `Audio`) when imported; Node has no `Audio`.
vi.hoisted(() => {
  vi.stubGlobal(
    'Audio',
    class extends EventTarget {
      preload = '';
    },
  );
});

import { connectMediaSession, type MediaSessionPlayer } from '../../../src/player/media-session.ts';
import type { PlayerItem } from '../../../src/player/player.ts';

const SONG: PlayerItem = {
  offline: false,
  track: {
    id: 7,
    name: 'Song',
    artist: 'Artist',
    album: 'Album',
    durationMs: 200_000,
    previewUrl: 'https://audio.example/7.m4a',
    artworkUrl: 'https://is1.mzstatic.com/image/7/100x100bb.jpg',
    genre: null,
    releaseDate: null,
  },
};

type Handler = MediaSessionActionHandler | null;

/** `navigator.mediaSession` that records every handler and metadata it is given, as WebKit could lose them. */
class FakeMediaSession {
  readonly handlerCalls: [MediaSessionAction, Handler][] = [];
  readonly metadataSet: (MediaMetadataInit | null)[] = [];
  readonly handlers = new Map<MediaSessionAction, MediaSessionActionHandler>();
  playbackState: MediaSessionPlaybackState = 'none';
  setPositionState = vi.fn();
  #metadata: MediaMetadataInit | null = null;

  get metadata(): MediaMetadataInit | null {
    return this.#metadata;
  }

  set metadata(metadata: MediaMetadataInit | null) {
    this.metadataSet.push(metadata);
    this.#metadata = metadata;
  }

  setActionHandler(action: MediaSessionAction, handler: Handler): void {
    this.handlerCalls.push([action, handler]);
    if (handler) this.handlers.set(action, handler);
    else this.handlers.delete(action);
  }

  /** What WebKit on iOS does as playback starts. */
  forgetAll(): void {
    this.#metadata = null;
    this.handlers.clear();
  }
}

/** The fields media-session.ts reads of the player, and its commands as spies. */
function fakePlayer(current: PlayerItem | null = SONG) {
  return Object.assign(new EventTarget(), {
    audio: new EventTarget(),
    current,
    playing: false,
    time: { elapsed: 0, total: 30 } as { elapsed: number; total: number | null },
    resume: vi.fn(),
    pause: vi.fn(),
    previous: vi.fn(),
    next: vi.fn(),
    seek: vi.fn(),
  }) satisfies MediaSessionPlayer;
}

/** Node has no `MediaMetadata`: this one keeps what it was given. */
class FakeMediaMetadata {
  readonly title: string;
  readonly artist: string;
  readonly album: string;
  readonly artwork: readonly MediaImage[];

  constructor({ title = '', artist = '', album = '', artwork = [] }: MediaMetadataInit) {
    this.title = title;
    this.artist = artist;
    this.album = album;
    this.artwork = artwork;
  }
}

let session: FakeMediaSession;

beforeEach(() => {
  session = new FakeMediaSession();
  vi.stubGlobal('navigator', { mediaSession: session });
  vi.stubGlobal('location', { href: 'https://half-tunes.example/' });
  vi.stubGlobal('MediaMetadata', FakeMediaMetadata);
});

afterEach(() => vi.unstubAllGlobals());

const ALL_ACTIONS = ['play', 'pause', 'previoustrack', 'nexttrack', 'seekto'];

function play(player: MediaSessionPlayer, ...types: string[]): void {
  for (const type of types) player.audio.dispatchEvent(new Event(type));
}

describe('connectMediaSession', () => {
  it('sets the song and the actions when playback starts', () => {
    const player = fakePlayer();
    connectMediaSession(player);
    play(player, 'play');
    expect(session.metadata).toMatchObject({ title: 'Song', artist: 'Artist', album: 'Album' });
    expect(session.metadata?.artwork).toEqual([
      { src: 'https://is1.mzstatic.com/image/7/512x512bb.jpg', sizes: '512x512' },
      { src: 'https://is1.mzstatic.com/image/7/100x100bb.jpg', sizes: '100x100' },
    ]);
    expect([...session.handlers.keys()].sort()).toEqual([...ALL_ACTIONS].sort());
  });

  it('sets them again on `playing`, after WebKit dropped them', () => {
    const player = fakePlayer();
    connectMediaSession(player);
    play(player, 'play');
    session.forgetAll();
    const metadataBefore = session.metadataSet.length;

    play(player, 'playing');
    expect(session.metadataSet.length).toBe(metadataBefore + 1);
    expect(session.metadata).toMatchObject({ title: 'Song' });
    expect([...session.handlers.keys()].sort()).toEqual([...ALL_ACTIONS].sort());
  });

  it('never registers seekbackward or seekforward (the lock screen would show ±10 s), and clears them', () => {
    const player = fakePlayer();
    connectMediaSession(player);
    play(player, 'play', 'playing', 'pause', 'play', 'playing', 'seeked');
    const seekSteps = session.handlerCalls.filter(([action]) => action === 'seekbackward' || action === 'seekforward');
    expect(seekSteps.length).toBeGreaterThan(0);
    expect(seekSteps.every(([, handler]) => handler === null)).toBe(true);
    expect(session.handlers.has('seekbackward')).toBe(false);
    expect(session.handlers.has('seekforward')).toBe(false);
  });

  it('hands the lock screen actions to the player: seekto, previous and next in its order', () => {
    const player = fakePlayer();
    connectMediaSession(player);
    play(player, 'playing');
    session.handlers.get('seekto')!({ action: 'seekto', seekTime: 12 });
    expect(player.seek).toHaveBeenCalledWith(12);
    session.handlers.get('previoustrack')!({ action: 'previoustrack' });
    session.handlers.get('nexttrack')!({ action: 'nexttrack' });
    expect(player.previous).toHaveBeenCalledOnce();
    expect(player.next).toHaveBeenCalledOnce();
    session.handlers.get('pause')!({ action: 'pause' });
    session.handlers.get('play')!({ action: 'play' });
    expect(player.pause).toHaveBeenCalledOnce();
    expect(player.resume).toHaveBeenCalledOnce();
  });

  it('sets the position and state again on `playing`', () => {
    const player = fakePlayer();
    connectMediaSession(player);
    player.playing = true;
    player.time = { elapsed: 4, total: 30 };
    play(player, 'playing');
    expect(session.playbackState).toBe('playing');
    expect(session.setPositionState).toHaveBeenLastCalledWith({ duration: 30, position: 4, playbackRate: 1 });
  });

  it('sets nothing with no song, and clears the lock screen when the song stops', () => {
    const player = fakePlayer();
    connectMediaSession(player);
    play(player, 'playing');
    player.current = null;
    play(player, 'playing');
    expect(session.metadataSet.length).toBe(1);

    player.dispatchEvent(new Event('change'));
    expect(session.metadata).toBeNull();
    expect(session.playbackState).toBe('none');
  });

  it('does nothing where the browser has no Media Session', () => {
    vi.stubGlobal('navigator', {});
    const player = fakePlayer();
    expect(() => connectMediaSession(player)).not.toThrow();
    play(player, 'play', 'playing');
    expect(session.handlerCalls).toEqual([]);
  });
});
