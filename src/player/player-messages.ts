import { html, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';

/**
 * Why a song could not be played: its downloaded file, or its preview's stream, refused or with no
 * connection; or the browser held the play back (its autoplay rules), where a press of Play is allowed.
 */
export type PlaybackFailure = 'stored-file' | 'stream-refused' | 'stream-offline' | 'not-allowed';

/**
 * Words for a song that could not be played, in the app's language: what happened and what to do,
 * naming the song. Asked for when shown (at render), so they follow a change of language; the song's
 * name is the catalog's, set apart from the words around it (`<bdi>`).
 */
export function describePlaybackFailure(songName: string, failure: PlaybackFailure): string | TemplateResult {
  // Each message stays on one line (prettier-ignore): a line break of the source would be a translator's too.
  switch (failure) {
    case 'stored-file':
      // prettier-ignore
      return msg(
        html`“<bdi>${songName}</bdi>” could not be played. Reload Half Tunes; if it still fails, delete the song and download it again.`,
        { id: 'player.failure.stored-file' },
      );
    case 'stream-refused':
      // prettier-ignore
      return msg(
        html`The preview of “<bdi>${songName}</bdi>” could not be streamed: the server did not send it. Try again later, or download it.`,
        { id: 'player.failure.stream-refused' },
      );
    case 'stream-offline':
      // prettier-ignore
      return msg(
        html`The preview of “<bdi>${songName}</bdi>” could not be streamed. Streaming needs a connection; downloaded songs play offline.`,
        { id: 'player.failure.stream-offline' },
      );
    case 'not-allowed':
      return msg('The browser did not allow playback. Press Play.', { id: 'player.failure.not-allowed' });
  }
}
