import { describe, expect, it } from 'vitest';
import { actionsFor, downloadWords } from '../../../src/components/download-status.ts';
import { newDownload, type DownloadRecord, type DownloadStatus } from '../../../src/shared/downloads.ts';

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
    expect(downloadWords(sized('downloading', 240_000))).toBe('25.0% of 960 KB');
    expect(downloadWords(sized('paused', 480_000))).toBe('Paused — 50.0% of 960 KB');
    expect(downloadWords(sized('completed', 960_000))).toBe('Downloaded · 960 KB');
  });

  it('a download waiting for Wi-Fi says so, with what it kept', () => {
    expect(downloadWords({ ...download('queued'), waitingForWifi: true })).toBe('Waiting for Wi-Fi');
    expect(downloadWords({ ...sized('queued', 96_000), waitingForWifi: true })).toBe(
      'Waiting for Wi-Fi — 10.0% of 960 KB',
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
