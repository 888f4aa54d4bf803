import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  BackgroundFetchRecordLike,
  BackgroundFetchRegistrationLike,
} from '../../../src/shared/background-fetch.ts';
import { newDownload, type DownloadRecord } from '../../../src/shared/downloads.ts';
import type { Track } from '../../../src/shared/catalog.ts';
import { harvest } from '../../../src/sw/download/background-fetch/harvest.ts';
import { DB_NAME } from '../../../src/shared/schema.ts';
import { DownloadStore, type Segment } from '../../../src/sw/download/store.ts';
import { fileBytes } from './stored-bytes.ts';

const URL_ = 'https://audio-ssl.itunes.apple.com/preview.m4a';
const TOTAL = 1000;
const LAST_MODIFIED = 'Tue, 01 Dec 2026 10:00:00 GMT';
const track: Track = {
  id: 42,
  name: 'Song',
  artist: 'Artist',
  album: 'Album',
  durationMs: 30_000,
  previewUrl: URL_,
  artworkUrl: null,
} as unknown as Track;

const bytes = (start: number, length: number): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length }, (_, i) => (start + i) % 251);

/**
 * A record as Chromium shows it for a host on another origin: the request's own Range, and an answer
 * whose headers are only Content-Length, Content-Type and Last-Modified (Content-Range, ETag hidden).
 */
function crossOriginRecord(
  start: number,
  end: number,
  answer: { body?: Uint8Array<ArrayBuffer>; type?: string; lastModified?: string; length?: number } = {},
): BackgroundFetchRecordLike {
  const body = answer.body ?? bytes(start, end - start + 1);
  const headers = new Headers({
    'Content-Length': String(answer.length ?? body.byteLength),
    'Content-Type': answer.type ?? 'audio/x-m4a',
    'Last-Modified': answer.lastModified ?? LAST_MODIFIED,
  });
  return {
    request: new Request(URL_, { headers: { Range: `bytes=${start}-${end}` } }),
    responseReady: Promise.resolve(new Response(body, { status: 206, headers })),
  };
}

function registration(records: BackgroundFetchRecordLike[]): BackgroundFetchRegistrationLike {
  return { id: 'track:42:1', matchAll: async () => records } as unknown as BackgroundFetchRegistrationLike;
}

let store: DownloadStore;
let record: DownloadRecord;

beforeEach(async () => {
  indexedDB.deleteDatabase(DB_NAME);
  store = new DownloadStore();
  record = {
    ...newDownload(track, 1, 'background-fetch'),
    status: 'downloading',
    bytesTotal: TOTAL,
    validator: { etag: '"v1"', lastModified: LAST_MODIFIED },
    contentType: 'audio/x-m4a',
  };
  await store.put(record);
});

async function storedBytes(): Promise<Uint8Array> {
  const done = await store.complete(42, 2);
  expect(done.kind === 'completed' && done.record.status).toBe('completed');
  return new Uint8Array(await fileBytes(await store.audio(42)));
}

describe('harvest, with the headers a background fetch shows on another origin', () => {
  it('stores each record by the Range its request asked for, in any order, and counts it verified', async () => {
    const result = await harvest(registration([crossOriginRecord(500, 999), crossOriginRecord(0, 499)]), record, store);
    expect(result).toEqual({ badStatus: null, changed: false, verified: true, whole: true });
    expect(await storedBytes()).toEqual(bytes(0, TOTAL));
  });

  it('takes a new Last-Modified for a changed file, keeping nothing of it', async () => {
    const result = await harvest(
      registration([crossOriginRecord(0, 499, { lastModified: 'Wed, 02 Dec 2026 10:00:00 GMT' })]),
      record,
      store,
    );
    expect(result.changed).toBe(true);
    expect(await store.storedSpans(42)).toEqual([]);
  });

  it('is not verified when the records show no version, so the caller asks with a probe', async () => {
    const noVersion = { ...record, validator: { etag: '"v1"', lastModified: null } };
    const result = await harvest(registration([crossOriginRecord(0, 999)]), noVersion, store);
    expect(result).toEqual({ badStatus: null, changed: false, verified: false, whole: true });
  });

  it('takes one answer for the whole file of a download that had nothing stored as one version, and its size', async () => {
    const fresh = { ...record, bytesTotal: null, validator: null };
    await store.put(fresh);
    const whole: BackgroundFetchRecordLike = {
      request: new Request(URL_),
      responseReady: Promise.resolve(
        new Response(bytes(0, TOTAL), {
          status: 200,
          headers: { 'Content-Length': String(TOTAL), 'Content-Type': 'audio/x-m4a', 'Last-Modified': LAST_MODIFIED },
        }),
      ),
    };
    const other: BackgroundFetchRecordLike = { ...crossOriginRecord(0, 9), request: new Request(`${URL_}?another`) };
    const result = await harvest(registration([other, whole]), fresh, store);
    expect(result).toEqual({ badStatus: null, changed: false, verified: true, whole: true });
    expect(await store.get(42)).toMatchObject({ bytesTotal: TOTAL, validator: { lastModified: LAST_MODIFIED } });
    expect(await storedBytes()).toEqual(bytes(0, TOTAL));
  });

  it('keeps a whole-file answer shorter than its length as far as it goes, for the next fetch to ask the rest', async () => {
    const short: BackgroundFetchRecordLike = {
      request: new Request(URL_),
      responseReady: Promise.resolve(
        new Response(bytes(0, 600), {
          status: 200,
          headers: { 'Content-Length': String(TOTAL), 'Content-Type': 'audio/x-m4a', 'Last-Modified': LAST_MODIFIED },
        }),
      ),
    };
    const result = await harvest(registration([short]), record, store);
    expect(result.whole).toBe(false);
    expect(await store.storedSpans(42)).toEqual([{ start: 0, size: 600 }]);
  });

  it('stores a whole-file answer without its length as it is read, in chunks from zero', async () => {
    // A body of several reads, none of which says its length: read through the worker.
    const reads = [bytes(0, 300), bytes(300, 450), bytes(750, 250)];
    const unannounced: BackgroundFetchRecordLike = {
      request: new Request(URL_),
      responseReady: Promise.resolve(
        new Response(
          new ReadableStream({
            start(controller) {
              for (const read of reads) controller.enqueue(read);
              controller.close();
            },
          }),
          { status: 200, headers: { 'Content-Type': 'audio/x-m4a', 'Last-Modified': LAST_MODIFIED } },
        ),
      ),
    };
    expect((await harvest(registration([unannounced]), record, store)).whole).toBe(true);
    expect(await storedBytes()).toEqual(bytes(0, TOTAL));
  });

  it('reads a whole-file answer without its length no further than the size known', async () => {
    const endless: BackgroundFetchRecordLike = {
      request: new Request(URL_),
      responseReady: Promise.resolve(
        new Response(bytes(0, TOTAL + 1), {
          status: 200,
          headers: { 'Content-Type': 'audio/x-m4a', 'Last-Modified': LAST_MODIFIED },
        }),
      ),
    };
    await expect(harvest(registration([endless]), record, store)).rejects.toThrow(/more than the 1000 bytes/);
  });

  it('refuses a record of another length than asked, or one that is not audio', async () => {
    await expect(
      harvest(registration([crossOriginRecord(0, 499, { body: bytes(0, 600) })]), record, store),
    ).rejects.toThrow(/wrong answer/);
    await expect(
      harvest(registration([crossOriginRecord(0, 499, { type: 'text/html' })]), record, store),
    ).rejects.toThrow(/not audio/);
    expect(await store.storedSpans(42)).toEqual([]);
  });

  it('leaves a short body missing, for the next fetch to ask again', async () => {
    const short = crossOriginRecord(0, 499, { body: bytes(0, 300), length: 300 });
    await expect(harvest(registration([short]), record, store)).rejects.toThrow(/wrong answer/);
    const unannounced = {
      ...crossOriginRecord(0, 499),
      responseReady: Promise.resolve(
        new Response(bytes(0, 300), { status: 206, headers: { 'Content-Type': 'audio/x-m4a' } }),
      ),
    };
    await harvest(registration([unannounced, crossOriginRecord(500, 999)]), record, store);
    expect(await store.storedSpans(42)).toEqual([{ start: 500, size: 500 }]);
  });
});

describe('harvest, storing what came', () => {
  it('stores the finished segments together, in one write', async () => {
    const writes: number[][] = [];
    const counting = {
      addSegment: store.addSegment.bind(store),
      update: store.update.bind(store),
      addSegments: (trackId: number, segments: readonly Segment[]) => {
        writes.push(segments.map((segment) => segment.start));
        return store.addSegments(trackId, segments);
      },
    };
    const records = [0, 250, 500, 750].map((start) => crossOriginRecord(start, start + 249));
    expect((await harvest(registration(records), record, counting)).whole).toBe(true);
    expect(writes).toEqual([[0, 250, 500, 750]]);
    expect(await storedBytes()).toEqual(bytes(0, TOTAL));
  });

  it('keeps the segments before a record that fails the harvest, as if each were stored alone', async () => {
    const wrong = crossOriginRecord(500, 999, { body: bytes(500, 600) });
    await expect(harvest(registration([crossOriginRecord(0, 499), wrong]), record, store)).rejects.toThrow(
      /wrong answer/,
    );
    expect(await store.storedSpans(42)).toEqual([{ start: 0, size: 500 }]);
    expect((await store.get(42))?.bytesReceived).toBe(500);
  });
});

describe('the store, for segments of two fetches', () => {
  it('counts segments stored together as each alone: one that replaces a stored one once, and of two at one start the last', async () => {
    await store.addSegment(42, 0, new Blob([bytes(0, 400)]));
    const after = await store.addSegments(42, [
      { start: 0, data: new Blob([bytes(0, 500)]) },
      { start: 500, data: new Blob([bytes(0, 500)]) },
      { start: 500, data: new Blob([bytes(500, 500)]) },
    ]);
    expect(after?.bytesReceived).toBe(TOTAL);
    expect(await storedBytes()).toEqual(bytes(0, TOTAL));
  });

  it('completes a file whose stored segments overlap (a fetch that ended after the next began)', async () => {
    await harvest(registration([crossOriginRecord(0, 599), crossOriginRecord(400, 999)]), record, store);
    expect(await storedBytes()).toEqual(bytes(0, TOTAL));
  });

  it('counts the restarts of a file that changed, for the state machine to stop a file that keeps changing', async () => {
    for (let time = 0; time < 3; time++) await store.restart(42, {}, { changed: true });
    await expect(store.restart(42)).resolves.toMatchObject({ restarts: 3, bytesReceived: 0 });
    await expect(store.restart(42, {}, { changed: true })).resolves.toMatchObject({ restarts: 4 });
  });

  it('says how many bytes are stored without a gap when they are not the whole file, and writes nothing', async () => {
    await harvest(registration([crossOriginRecord(0, 399), crossOriginRecord(600, 999)]), record, store);
    expect(await store.complete(42, 2)).toEqual({ kind: 'incomplete', bytes: 400 });
    expect((await store.get(42))?.status).toBe('downloading');
  });
});
