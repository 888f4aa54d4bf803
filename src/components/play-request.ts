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
