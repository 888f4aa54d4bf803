import { html, nothing, type TemplateResult } from 'lit';
import { describeProgress, formatBytes, percentDone, type DownloadRecord } from '../shared/downloads.ts';
import type { DownloadAction, ShownDownload } from '../bridge/download.ts';

/** A button of a row: what it says and what it asks for. */
export interface RowAction {
  readonly label: string;
  /** `preview` streams a song not downloaded; `free-space` opens the library to delete songs. */
  readonly action: DownloadAction | 'play' | 'preview' | 'free-space';
  readonly secondary?: boolean;
}

/**
 * The buttons a row offers for a download state, as in the native app. A song not downloaded can be
 * streamed while `online`.
 */
export function actionsFor(download: DownloadRecord | undefined, online = true): RowAction[] {
  switch (download?.status) {
    case undefined:
      return [
        { label: 'Download', action: 'start' },
        ...(online ? [{ label: 'Play preview', action: 'preview', secondary: true } as const] : []),
      ];
    case 'queued':
    case 'downloading':
      return download.engine === 'opaque'
        ? [{ label: 'Cancel', action: 'cancel', secondary: true }]
        : [
            { label: 'Pause', action: 'pause' },
            { label: 'Cancel', action: 'cancel', secondary: true },
          ];
    case 'paused':
      return [
        { label: 'Resume', action: 'resume' },
        { label: 'Cancel', action: 'cancel', secondary: true },
      ];
    case 'failed':
      // A full disk: the way out is deleting songs, then Retry.
      return download.failure?.code === 'quota'
        ? [
            { label: 'Free up space', action: 'free-space' },
            { label: 'Retry', action: 'retry', secondary: true },
            { label: 'Cancel', action: 'cancel', secondary: true },
          ]
        : [
            { label: 'Retry', action: 'retry' },
            { label: 'Cancel', action: 'cancel', secondary: true },
          ];
    case 'completed':
      return [
        { label: 'Play', action: 'play' },
        { label: 'Delete', action: 'delete', secondary: true },
      ];
  }
}

/** What a row says of its download after the song's duration ("Queued", "Paused — 40.0% of 1 MB"). */
export function downloadWords(download: ShownDownload | undefined): string | null {
  if (!download || download.status === 'failed') return null;
  const { status, bytesReceived, bytesTotal, engine } = download;
  if (status === 'completed') return `Downloaded${bytesTotal ? ` · ${formatBytes(bytesTotal)}` : ''}`;
  const progress =
    engine === 'opaque'
      ? 'size unknown: this host allows no progress or resume'
      : describeProgress(bytesReceived, bytesTotal);
  // Waiting to try again after a cut-off: what cut it off, and that nothing needs doing.
  if (status === 'downloading' && download.failure) return `${download.failure.message} Trying again…`;
  if (status === 'queued') {
    if (!download.waitingForWifi) return 'Queued';
    return `Waiting for Wi-Fi${bytesReceived > 0 ? ` — ${progress}` : ''}`;
  }
  return status === 'paused' ? `Paused — ${progress}` : progress;
}

/** The bar inside a row while its song is queued, downloading or paused; its error once it failed. */
export function renderDownloadBar(download: ShownDownload | undefined): TemplateResult | typeof nothing {
  if (!download || download.status === 'completed') return nothing;
  if (download.status === 'failed') {
    return html`<p class="failure" role="alert">Download failed: ${download.failure?.message ?? 'unknown error'}</p>`;
  }
  const percent = download.engine === 'opaque' ? null : percentDone(download.bytesReceived, download.bytesTotal);
  return html`<progress
    max="100"
    value=${percent ?? nothing}
    aria-label="Download progress"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${percent ?? nothing}
    aria-valuetext=${downloadWords(download) ?? nothing}
  ></progress>`;
}
