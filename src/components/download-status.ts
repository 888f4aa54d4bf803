import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { DownloadRecord } from '../shared/downloads.ts';
import type { DownloadAction, ShownDownload } from '../bridge/download.ts';
import { formatBytes, formatPercent } from '../i18n/format.ts';
import { failureWords } from './failure-words.ts';

/** A button of a row: what it says and what it asks for. */
export interface RowAction {
  readonly label: string;
  /** `preview` streams a song not downloaded; `free-space` opens the library to delete songs. */
  readonly action: DownloadAction | 'play' | 'preview' | 'free-space';
  readonly secondary?: boolean;
}

/**
 * The buttons a row offers for a download state, as in the native app, in the app's language now. A
 * song not downloaded can be streamed while `online`.
 */
export function actionsFor(download: DownloadRecord | undefined, online = true): RowAction[] {
  const cancel: RowAction = { label: msg('Cancel', { id: 'row.action.cancel' }), action: 'cancel', secondary: true };
  switch (download?.status) {
    case undefined:
      return [
        { label: msg('Download', { id: 'row.action.download' }), action: 'start' },
        ...(online
          ? [{ label: msg('Play preview', { id: 'row.action.preview' }), action: 'preview', secondary: true } as const]
          : []),
      ];
    case 'queued':
    case 'downloading':
      return download.engine === 'opaque'
        ? [cancel]
        : [{ label: msg('Pause', { id: 'row.action.pause' }), action: 'pause' }, cancel];
    case 'paused':
      return [{ label: msg('Resume', { id: 'row.action.resume' }), action: 'resume' }, cancel];
    case 'failed': {
      const retry = msg('Retry', { id: 'row.action.retry' });
      // A full disk: the way out is deleting songs, then Retry.
      return download.failure?.code === 'quota'
        ? [
            { label: msg('Free up space', { id: 'row.action.free-space' }), action: 'free-space' },
            { label: retry, action: 'retry', secondary: true },
            cancel,
          ]
        : [{ label: retry, action: 'retry' }, cancel];
    }
    case 'completed':
      return [
        { label: msg('Play', { id: 'row.action.play' }), action: 'play' },
        { label: msg('Delete', { id: 'row.action.delete' }), action: 'delete', secondary: true },
      ];
  }
}

/** Percentage 0–100 with one decimal, never rounded up to done; null while the size is unknown. */
export function percentDone(received: number, total: number | null): number | null {
  if (!total) return null;
  return Math.min(100, Math.floor((received / total) * 1000) / 10);
}

/** Where a download that is not finished stands: running, paused, or queued until Wi-Fi. */
type Standing = 'running' | 'paused' | 'wifi';

/**
 * How far a download is, as one sentence for each standing and each kind of progress: "42.0% of 1.2 MB",
 * "Paused — 840 kB so far", "Waiting for Wi-Fi — size unknown: …".
 */
function progressWords(download: ShownDownload, standing: Standing): string {
  const { bytesReceived, bytesTotal } = download;
  if (download.engine === 'opaque') {
    switch (standing) {
      case 'running':
        return msg('size unknown: this host allows no progress or resume', { id: 'row.progress.opaque' });
      case 'paused':
        return msg('Paused — size unknown: this host allows no progress or resume', {
          id: 'row.paused.opaque',
        });
      case 'wifi':
        return msg('Waiting for Wi-Fi — size unknown: this host allows no progress or resume', {
          id: 'row.wifi.opaque',
        });
    }
  }
  const percent = percentDone(bytesReceived, bytesTotal);
  if (percent === null || bytesTotal === null) {
    const received = formatBytes(bytesReceived);
    switch (standing) {
      case 'running':
        return msg(str`${received} so far`, { id: 'row.progress.so-far' });
      case 'paused':
        return msg(str`Paused — ${received} so far`, { id: 'row.paused.so-far' });
      case 'wifi':
        return msg(str`Waiting for Wi-Fi — ${received} so far`, { id: 'row.wifi.so-far' });
    }
  }
  const done = formatPercent(percent);
  const size = formatBytes(bytesTotal);
  switch (standing) {
    case 'running':
      return msg(str`${done} of ${size}`, { id: 'row.progress.of' });
    case 'paused':
      return msg(str`Paused — ${done} of ${size}`, { id: 'row.paused.of' });
    case 'wifi':
      return msg(str`Waiting for Wi-Fi — ${done} of ${size}`, { id: 'row.wifi.of' });
  }
}

/** What a row says of its download after the song's duration ("Queued", "Paused — 40.0% of 1 MB"). */
export function downloadWords(download: ShownDownload | undefined): string | null {
  if (!download || download.status === 'failed') return null;
  const { status, bytesReceived, bytesTotal } = download;
  if (status === 'completed') {
    return bytesTotal
      ? msg(str`Downloaded · ${formatBytes(bytesTotal)}`, { id: 'row.downloaded-size' })
      : msg('Downloaded', { id: 'row.downloaded' });
  }
  // Waiting to try again after a cut-off: what cut it off, and that nothing needs doing.
  if (status === 'downloading' && download.failure) {
    return msg(str`${failureWords(download.failure)} Trying again…`, { id: 'row.retrying' });
  }
  if (status === 'queued') {
    if (!download.waitingForWifi) return msg('Queued', { id: 'row.queued' });
    return bytesReceived > 0 ? progressWords(download, 'wifi') : msg('Waiting for Wi-Fi', { id: 'row.wifi' });
  }
  return progressWords(download, status === 'paused' ? 'paused' : 'running');
}

/** The bar inside a row while its song is queued, downloading or paused; its error once it failed. */
export function renderDownloadBar(download: ShownDownload | undefined): TemplateResult | typeof nothing {
  if (!download || download.status === 'completed') return nothing;
  if (download.status === 'failed') {
    const words = download.failure
      ? msg(str`Download failed: ${failureWords(download.failure)}`, { id: 'row.failed' })
      : msg('Download failed: unknown error', { id: 'row.failed-unknown' });
    return html`<p class="failure" role="alert">${words}</p>`;
  }
  const percent = download.engine === 'opaque' ? null : percentDone(download.bytesReceived, download.bytesTotal);
  return html`<progress
    max="100"
    value=${percent ?? nothing}
    aria-label=${msg('Download progress', { id: 'row.progress.label' })}
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${percent ?? nothing}
    aria-valuetext=${downloadWords(download) ?? nothing}
  ></progress>`;
}
