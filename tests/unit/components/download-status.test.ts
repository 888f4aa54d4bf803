import { describe, expect, it } from 'vitest';
import { actionsFor } from '../../../src/components/download-status.ts';
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
