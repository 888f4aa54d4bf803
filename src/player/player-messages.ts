/** Why a song could not be played: its downloaded file, or its preview's stream, refused or with no connection. */
export type PlaybackFailure = 'stored-file' | 'stream-refused' | 'stream-offline';

/** Words for a song that could not be played: what happened and what to do, naming the song. */
export function describePlaybackFailure(songName: string, failure: PlaybackFailure): string {
  switch (failure) {
    case 'stored-file':
      return `“${songName}” could not be played. Reload Half Tunes; if it still fails, delete the song and download it again.`;
    case 'stream-refused':
      return `The preview of “${songName}” could not be streamed: the server did not send it. Try again later, or download it.`;
    case 'stream-offline':
      return `The preview of “${songName}” could not be streamed. Streaming needs a connection; downloaded songs play offline.`;
  }
}

/** Words for a play the browser held back (its autoplay rules): a press of Play is allowed. */
export const PLAYBACK_NOT_ALLOWED = 'The browser did not allow playback. Press Play.';
