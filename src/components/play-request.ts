import type { Track } from '../shared/catalog.ts';

/**
 * What `ht-play-request` carries: the song, whether to stream its preview (not downloaded), and the
 * songs next and previous go through. A list view fills in `queue` as the event passes it.
 */
export interface PlayRequestDetail {
  readonly track: Track;
  readonly stream: boolean;
  queue?: readonly Track[];
}

/**
 * What `ht-queue-request` carries: songs to play next (`where: 'next'`) or at the end of Up Next
 * (`'end'`), and the name the app announces them by (the song's, or the album's).
 */
export interface QueueRequestDetail {
  readonly tracks: readonly Track[];
  readonly where: 'next' | 'end';
  readonly name: string;
}
