import { describe, expect, it } from 'vitest';
import type { TemplateResult } from 'lit';
import { actionsFor, downloadWords, percentDone, renderDownloadBar } from '../../../src/components/download-status.ts';
import { failureWords } from '../../../src/components/failure-words.ts';
import {
  newDownload,
  type DownloadFailure,
  type DownloadRecord,
  type DownloadStatus,
} from '../../../src/shared/downloads.ts';
import {
  assertAudio,
  badAnswerError,
  errorForStatus,
  networkError,
  offlineFailure,
  unreachableFailure,
  unreadableError,
} from '../../../src/sw/download/http.ts';
import { failureOf } from '../../../src/sw/download/outcome.ts';
import { quotaError } from '../../../src/sw/download/quota.ts';

const track = {
  id: 1,
  name: 'A',
  artist: 'B',
  album: '',
  durationMs: null,
  previewUrl: 'http://127.0.0.1/p.wav',
  artworkUrl: null,
  genre: null,
  releaseDate: null,
};
const download = (status: DownloadStatus, engine: DownloadRecord['engine'] = 'range'): DownloadRecord => ({
  ...newDownload(track, 0, engine),
  status,
});
const labels = (record?: DownloadRecord) => actionsFor(record).map((action) => action.label);

describe('what a row offers in each download state (as in the native app)', () => {
  it('Download before anything; Pause and Cancel while queued or downloading', () => {
    expect(labels()).toEqual(['Download', 'Play preview']);
    expect(actionsFor(undefined, false).map((action) => action.label)).toEqual(['Download']);
    expect(labels(download('queued'))).toEqual(['Pause', 'Cancel']);
    expect(labels(download('downloading', 'background-fetch'))).toEqual(['Pause', 'Cancel']);
  });

  it('Resume once paused, Retry once failed, Play and Delete once completed', () => {
    expect(labels(download('paused'))).toEqual(['Resume', 'Cancel']);
    expect(labels(download('failed'))).toEqual(['Retry', 'Cancel']);
    expect(labels(download('completed'))).toEqual(['Play', 'Delete']);
  });

  it('a full disk offers to free up space before Retry', () => {
    const full = { ...download('failed'), failure: { code: 'quota' as const, message: 'Not enough storage.' } };
    expect(labels(full)).toEqual(['Free up space', 'Retry', 'Cancel']);
  });

  it('no Pause for a host without CORS, which cannot resume', () => {
    expect(labels(download('downloading', 'opaque'))).toEqual(['Cancel']);
  });

  it('every action names the command the worker knows', () => {
    const actions = (['queued', 'downloading', 'paused', 'failed', 'completed'] as const).flatMap((status) =>
      actionsFor(download(status)).map((action) => action.action),
    );
    expect(new Set(actions)).toEqual(new Set(['pause', 'cancel', 'resume', 'retry', 'play', 'delete']));
    expect(actionsFor(undefined).map((action) => action.action)).toEqual(['start', 'preview']);
  });
});

describe('what a row says of its download after the duration', () => {
  const sized = (status: DownloadStatus, bytesReceived: number): DownloadRecord => ({
    ...download(status),
    bytesReceived,
    bytesTotal: 960_000,
  });

  it('nothing before a download, or once it failed (the error says it in its own words)', () => {
    expect(downloadWords(undefined)).toBeNull();
    expect(downloadWords(download('failed'))).toBeNull();
  });

  it('each state in words, with how far it is', () => {
    expect(downloadWords(download('queued'))).toBe('Queued');
    expect(downloadWords(sized('downloading', 240_000))).toBe('25.0% of 960 kB');
    expect(downloadWords(sized('paused', 480_000))).toBe('Paused — 50.0% of 960 kB');
    expect(downloadWords(sized('completed', 960_000))).toBe('Downloaded · 960 kB');
  });

  it('a percentage with one decimal, never rounding up to done', () => {
    expect(downloadWords({ ...download('downloading'), bytesReceived: 504_000, bytesTotal: 1_200_000 })).toBe(
      '42.0% of 1.2 MB',
    );
    expect(percentDone(959_999, 960_000)).toBe(99.9);
    expect(downloadWords(sized('downloading', 959_999))).toBe('99.9% of 960 kB');
    expect(percentDone(960_000, 960_000)).toBe(100);
  });

  it('bytes so far while the size is unknown', () => {
    expect(downloadWords({ ...download('downloading'), bytesReceived: 328_000 })).toBe('328 kB so far');
    expect(downloadWords({ ...download('paused'), bytesReceived: 328_000 })).toBe('Paused — 328 kB so far');
    expect(percentDone(5, null)).toBeNull();
  });

  it('a download waiting for Wi-Fi says so, with what it kept', () => {
    expect(downloadWords({ ...download('queued'), waitingForWifi: true })).toBe('Waiting for Wi-Fi');
    expect(downloadWords({ ...sized('queued', 96_000), waitingForWifi: true })).toBe(
      'Waiting for Wi-Fi — 10.0% of 960 kB',
    );
  });

  it('a download waiting to try again after a cut-off says what cut it off', () => {
    const cut = {
      ...sized('downloading', 240_000),
      tries: 2,
      failure: { code: 'network' as const, message: 'The connection was lost.' },
    };
    expect(downloadWords(cut)).toBe('The connection was lost. Trying again…');
  });

  it('a host that gives no size says what that costs', () => {
    expect(downloadWords({ ...download('downloading', 'opaque'), bytesReceived: 5000 })).toBe(
      'size unknown: this host allows no progress or resume',
    );
  });
});

describe('the words of a failed download', () => {
  const thrown = (run: () => void): DownloadFailure => {
    try {
      run();
    } catch (error) {
      return failureOf(error);
    }
    throw new Error('nothing thrown');
  };
  /** Every failure the worker makes, as it makes it (the ones it keeps to itself, written as it writes them). */
  const failures: DownloadFailure[] = [
    ...[404, 410, 401, 403, 429, 500, 503, 418].map((status) => errorForStatus(status).failure),
    networkError().failure,
    offlineFailure(),
    unreachableFailure(),
    unreadableError().failure,
    quotaError().failure,
    thrown(() => assertAudio('text/html; charset=utf-8')),
    badAnswerError('bytes 0-99 where 100-199 were asked').failure,
    failureOf(new TypeError('Failed to fetch')),
    failureOf(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    {
      code: 'bad-answer',
      message: 'The preview kept changing on the server while it downloaded.',
      reason: 'kept-changing',
    },
    {
      code: 'bad-answer',
      message: 'This preview host allows no progress or size, and the preview did not arrive in time.',
      reason: 'too-slow',
    },
    {
      code: 'size-mismatch',
      message: 'The stored file is 960000 bytes, the server said 1200000.',
      stored: 960_000,
      total: 1_200_000,
    },
  ];

  it('in English, exactly the worker’s message', () => {
    for (const failure of failures) expect(failureWords(failure)).toBe(failure.message);
    expect(failureWords(errorForStatus(404).failure)).toBe('The preview is no longer on the server (404).');
    expect(failureWords(thrown(() => assertAudio('text/html; charset=utf-8')))).toBe(
      'This preview is not audio (the host sent text/html; charset=utf-8).',
    );
  });

  it('a failure stored without its facts keeps the worker’s words', () => {
    const old: DownloadFailure = { code: 'not-found', message: 'The preview is no longer on the server (404).' };
    expect(failureWords(old)).toBe(old.message);
  });

  it('the row says them after “Download failed:”, and while a retry waits', () => {
    const cut = { ...download('downloading'), failure: errorForStatus(503).failure };
    expect(downloadWords(cut)).toBe('The server had a problem (503). Trying again…');
    const failed = { ...download('failed'), failure: errorForStatus(404).failure };
    expect((renderDownloadBar(failed) as TemplateResult).values).toEqual([
      'Download failed: The preview is no longer on the server (404).',
    ]);
  });
});
