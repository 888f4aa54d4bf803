import type { DownloadRecord } from '../shared/downloads.ts';

/**
 * What the browser's download UI calls a page's background fetch for several downloads: the batch's
 * name where they are one batch, the song where there is one, else how many songs.
 */
export function lotTitle(downloads: readonly DownloadRecord[]): string {
  const [first] = downloads;
  if (!first) return '';
  if (downloads.length === 1) return `${first.track.name} — ${first.track.artist}`;
  const batch = first.batch;
  if (batch && downloads.every((download) => download.batch?.id === batch.id)) return batch.name;
  return `${downloads.length} songs`;
}

/**
 * How many of the bytes a background fetch brought so far (`downloaded`) are `download`'s: the browser
 * reports one figure for all the downloads of a fetch, and fetches their requests in order, so the
 * bytes fill the downloads it follows one after the other (in the order they were asked for), each up
 * to what it still lacks.
 */
export function shareOfFetch(download: DownloadRecord, all: readonly DownloadRecord[], downloaded: number): number {
  const id = download.backgroundFetchId;
  const lot = all
    .filter((other) => other.status === 'downloading' && other.backgroundFetchId === id)
    .sort((a, b) => a.queuedAt - b.queuedAt || a.trackId - b.trackId);
  let left = downloaded;
  for (const other of lot) {
    const lacking = other.bytesTotal === null ? left : Math.max(0, other.bytesTotal - other.bytesReceived);
    const share = Math.min(lacking, left);
    if (other.trackId === download.trackId) return share;
    left -= share;
  }
  return 0;
}
