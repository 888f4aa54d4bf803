import './worker-globals.ts';
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PREVIEW_BYTES } from '../../../server/audio.ts';
import { DEMO_SONGS } from '../../../server/catalog-data.ts';
import { DB_NAME } from '../../../src/shared/schema.ts';
import { toTracks } from '../../../src/shared/catalog.ts';
import { MAX_RUNNING_DOWNLOADS, type DownloadStatus } from '../../../src/shared/downloads.ts';
import { DownloadBroadcaster } from '../../../src/sw/download/broadcast.ts';
import { DownloadManager, type ManagerOptions } from '../../../src/sw/download/manager.ts';
import { DownloadStore } from '../../../src/sw/download/store.ts';
import { sendControl, startCatalog } from '../server/start-catalog.ts';
import { OPAQUE_AUDIO_CACHE, matchOpaque, opaqueEngine } from '../../../src/sw/download/opaque/engine.ts';
import { rangeEngine } from '../../../src/sw/download/range/engine.ts';
import { PROBE_BYTES } from '../../../src/sw/download/range/range-pieces.ts';
import type { MemoryCacheStorage } from './platform/cache-storage.ts';
import { newDownload } from '../../../src/shared/downloads.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
let manager: DownloadManager;
let store: DownloadStore;
let drained: number[];
const setFaults = (faults: unknown) => sendControl(catalog.url, 'faults', 'PUT', faults);

async function tracks(count: number) {
  const body = await (await fetch(`${catalog.url}/search?term=love&entity=song&limit=${count}`)).json();
  return toTracks(body, catalog.url);
}

async function statusOf(trackId: number): Promise<DownloadStatus | undefined> {
  return (await store.get(trackId))?.status;
}

/** A manager of the Range-chunk engine over `store`, as a (new) worker would make it. */
function newManager(overrides: Partial<ManagerOptions> = {}): DownloadManager {
  return new DownloadManager({
    store,
    broadcast: new DownloadBroadcaster(),
    catalogOrigin: new URL(catalog.url).origin,
    onDrained: async () => undefined,
    engines: [rangeEngine, opaqueEngine],
    ...overrides,
  });
}

/** Waits until `check` holds, polling the stored state the way a page would see it. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(await check()).toBe(true);
}

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog.close());
beforeEach(async () => {
  await sendControl(catalog.url, 'reset', 'POST');
  (caches as unknown as MemoryCacheStorage).clear();
  indexedDB.deleteDatabase(DB_NAME);
  store = new DownloadStore();
  drained = [];
  manager = newManager({ onDrained: async (completed) => void drained.push(completed) });
  await manager.start();
});

describe('the download state machine', () => {
  it('queued → downloading → completed, with the file stored and the queue drained once', async () => {
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: false });
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
    expect((await store.audio(track!.id))?.size).toBe(PREVIEW_BYTES);
    expect(drained).toEqual([1]);
  });

  it('fetches a preview with one request for the probe’s range, the whole file, needing no CORS preflight', async () => {
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: true });
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
    const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
      requests: { method: string; path: string; range: string | null }[];
    };
    // A single `Range: bytes=N-M` is CORS-safelisted: no If-Range, so no OPTIONS before it.
    expect(requests.filter((request) => request.path.startsWith('/previews/'))).toMatchObject([
      { method: 'GET', range: `bytes=0-${PROBE_BYTES - 1}` },
    ]);
    expect((await store.audio(track!.id))?.size).toBe(PREVIEW_BYTES);
  });

  it('hands running downloads over to a new version, which continues them from the stored bytes', async () => {
    await setFaults({ previews: { bytesPerSecond: 400_000 } });
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: true });
    await until(async () => ((await store.get(track!.id))?.bytesReceived ?? 0) > 0);
    await manager.handOver();
    const handed = await store.get(track!.id);
    expect(handed?.status).toBe('downloading');
    expect(handed?.bytesReceived).toBeLessThan(PREVIEW_BYTES);
    // The old version starts nothing more.
    const [, second] = await tracks(2);
    await manager.handle({ type: 'start-download', track: second!, forceRange: true });
    expect(await statusOf(second!.id)).toBe('queued');

    await setFaults({});
    const next = newManager({ store: new DownloadStore() });
    await next.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
    expect(await statusOf(second!.id)).toBe('completed');
    expect((await store.audio(track!.id))?.size).toBe(PREVIEW_BYTES);
  });

  it('keeps the artwork of a new download once its audio is stored, and deletes it with the song', async () => {
    const [track] = await tracks(1);
    // What was stored of the audio when the artwork was asked for: on a phone's link, artwork fetched
    // beside the audio would share its bandwidth.
    const audioWhenAsked: (number | undefined)[] = [];
    const kept = newManager({
      keepArtwork: async (song) => {
        audioWhenAsked.push((await store.audio(song.id))?.size);
        await store.putArtwork(song.id, new Blob(['png'], { type: 'image/png' }));
      },
    });
    await kept.handle({ type: 'start-download', track: track!, forceRange: true });
    await kept.whenIdle();
    expect(audioWhenAsked).toEqual([PREVIEW_BYTES]);
    expect((await store.artwork(track!.id))?.type).toBe('image/png');
    await kept.handle({ type: 'delete-download', trackId: track!.id });
    expect(await store.artwork(track!.id)).toBeUndefined();
    expect(await store.audio(track!.id)).toBeUndefined();
  });

  it('keeps artwork once no download is fetched any more, so artwork never shares the link with audio', async () => {
    await setFaults({ previews: { bytesPerSecond: 2_000_000 } });
    const two = await tracks(2);
    const storedWhenAsked: (number | undefined)[][] = [];
    const kept = newManager({
      keepArtwork: async () =>
        void storedWhenAsked.push(await Promise.all(two.map(async (t) => (await store.audio(t.id))?.size))),
    });
    // The second starts once the first is half stored, so it ends later: the first's artwork waits for it.
    const [first, second] = two;
    await kept.handle({ type: 'start-download', track: first!, forceRange: true });
    await until(async () => ((await store.get(first!.id))?.bytesReceived ?? 0) > PREVIEW_BYTES / 2);
    await kept.handle({ type: 'start-download', track: second!, forceRange: true });
    await kept.whenIdle();
    expect(storedWhenAsked).toEqual([
      [PREVIEW_BYTES, PREVIEW_BYTES],
      [PREVIEW_BYTES, PREVIEW_BYTES],
    ]);
  });

  it('a second start is harmless; downloads from unknown hosts are refused', async () => {
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: false });
    await manager.handle({ type: 'start-download', track: track!, forceRange: false });
    await manager.handle({
      type: 'start-download',
      track: { ...track!, id: 5, previewUrl: 'https://evil.example/x.wav' },
      forceRange: false,
    });
    await manager.whenIdle();
    expect((await store.all()).map((d) => [d.trackId, d.status])).toEqual([[track!.id, 'completed']]);
  });

  it('runs MAX_RUNNING_DOWNLOADS at once and queues the rest in order', async () => {
    await setFaults({ previews: { bytesPerSecond: 100_000 } });
    const some = await tracks(MAX_RUNNING_DOWNLOADS + 1);
    for (const track of some) await manager.handle({ type: 'start-download', track, forceRange: false });
    expect(await Promise.all(some.map((t) => statusOf(t.id)))).toEqual([
      ...Array<DownloadStatus>(MAX_RUNNING_DOWNLOADS).fill('downloading'),
      'queued',
    ]);
    await manager.handle({ type: 'cancel-download', trackId: some[0]!.id });
    await until(async () => (await statusOf(some.at(-1)!.id)) === 'downloading');
    for (const track of some.slice(1)) await manager.handle({ type: 'cancel-download', trackId: track.id });
    expect(await store.all()).toEqual([]);
  });

  it('downloading ⇄ paused, then completed; a second pause is harmless', async () => {
    await setFaults({ previews: { bytesPerSecond: 200_000 } });
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: false });
    await until(async () => ((await store.get(track!.id))?.bytesReceived ?? 0) > 0);
    await manager.handle({ type: 'pause-download', trackId: track!.id });
    await manager.handle({ type: 'pause-download', trackId: track!.id });
    expect(await statusOf(track!.id)).toBe('paused');
    await setFaults({});
    await manager.handle({ type: 'resume-download', trackId: track!.id });
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
  });

  it('failed with words, then Retry completes it', async () => {
    await setFaults({ previews: { status: 404, times: 1 } });
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: false });
    await manager.whenIdle();
    const failed = await store.get(track!.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.failure?.message).toBe('The preview is no longer on the server (404).');
    await manager.handle({ type: 'retry-download', trackId: track!.id });
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
  });

  it('a restarted worker picks up a download left "downloading"', async () => {
    const [track] = await tracks(1);
    const song = DEMO_SONGS.find((s) => s.trackId === track!.id)!;
    const { newDownload } = await import('../../../src/shared/downloads.ts');
    await store.put({ ...newDownload(track!, 0), status: 'downloading' });
    const restarted = newManager();
    await restarted.whenIdle();
    expect(await statusOf(song.trackId)).toBe('completed');
  });
});

describe('"Download only on Wi-Fi"', () => {
  const metered = (wifiOnly: boolean, onMetered: boolean) =>
    manager.handle({ type: 'download-conditions', wifiOnly, metered: onMetered });
  const previewsAsked = async () => {
    const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
      requests: { path: string }[];
    };
    return requests.filter((request) => request.path.startsWith('/previews/')).length;
  };

  it('on a metered connection a new download waits as queued, asking nothing, and starts when Wi-Fi is back', async () => {
    const [track] = await tracks(1);
    await metered(true, true);
    await manager.handle({ type: 'start-download', track: track!, forceRange: false });
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('queued');
    expect(await previewsAsked()).toBe(0);
    await metered(true, false);
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
  });

  it('stops a running download where it is, keeps its bytes, and finishes it on Wi-Fi', async () => {
    await setFaults({ previews: { bytesPerSecond: 200_000 } });
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: false });
    await until(async () => ((await store.get(track!.id))?.bytesReceived ?? 0) > 0);
    await metered(true, true);
    const waiting = await store.get(track!.id);
    expect(waiting?.status).toBe('queued');
    expect(waiting?.bytesReceived).toBeGreaterThan(0);
    await setFaults({});
    await metered(true, false);
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
    expect((await store.audio(track!.id))?.size).toBe(PREVIEW_BYTES);
  });

  it('with the setting off, a metered connection changes nothing; a worker started later remembers the wait', async () => {
    const [first, second] = await tracks(2);
    await metered(false, true);
    await manager.handle({ type: 'start-download', track: first!, forceRange: false });
    await manager.whenIdle();
    expect(await statusOf(first!.id)).toBe('completed');

    let kept = false;
    const wifiWait = { load: async () => kept, save: async (value: boolean) => void (kept = value) };
    const waiting = newManager({ wifiWait });
    await waiting.handle({ type: 'download-conditions', wifiOnly: true, metered: true });
    expect(kept).toBe(true);
    await store.put({ ...(await import('../../../src/shared/downloads.ts')).newDownload(second!, 0) });
    const restarted = newManager({ wifiWait });
    await restarted.whenIdle();
    expect(await statusOf(second!.id)).toBe('queued');
  });
});

describe('one gate for every launch', () => {
  const previewsAsked = async () => {
    const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
      requests: { path: string }[];
    };
    return requests.filter((request) => request.path.startsWith('/previews/')).length;
  };

  it('a worker woken by Background Sync keeps to "Download only on Wi-Fi" on a metered connection', async () => {
    const [track] = await tracks(1);
    const { newDownload } = await import('../../../src/shared/downloads.ts');
    await store.put({
      ...newDownload(track!, 0),
      status: 'failed',
      failure: { code: 'network', message: 'The connection was lost.' },
    });
    // The wait was saved by the worker that stopped; a new one is woken for the sync, no page open.
    const wifiWait = { load: async () => true, save: async () => undefined };
    const woken = newManager({ wifiWait });
    await woken.resumeAfterNetworkLoss();
    await woken.whenIdle();
    expect(await previewsAsked()).toBe(0);
    expect(await statusOf(track!.id)).toBe('queued');
  });
});

describe('a host that stays unreachable', () => {
  const previewsAsked = async () => {
    const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
      requests: { path: string }[];
    };
    return requests.filter((request) => request.path.startsWith('/previews/')).length;
  };

  it('is tried five times with growing waits, then fails in words, and nothing asks it again while online', async () => {
    // Every connection to the preview host is reset before a byte of its answer.
    await setFaults({ previews: { dropAfterBytes: 0 } });
    const [track] = await tracks(1);
    const waits: number[] = [];
    let syncs = 0;
    const resetting = newManager({
      sleep: async (ms) => void waits.push(ms),
      onNetworkLost: async () => void syncs++,
    });
    await resetting.handle({ type: 'start-download', track: track!, forceRange: true });
    await resetting.whenIdle();
    const failed = await store.get(track!.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.failure).toEqual({ code: 'unreachable', message: 'The preview host can’t be reached.' });
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
    // Each try is one request, and one no-cors probe asking whether the host is there at all.
    expect(await previewsAsked()).toBeLessThanOrEqual(10);
    // Background Sync fires at once while online: it is asked only for a download cut off offline.
    expect(syncs).toBe(0);
  });

  it('a download cut off while offline waits for the network without trying again, then Background Sync resumes it', async () => {
    const [track] = await tracks(1);
    let syncs = 0;
    const offline = newManager({ onNetworkLost: async () => void syncs++ });
    await offline.handle({ type: 'download-conditions', wifiOnly: false, metered: false, online: false });
    await setFaults({ previews: { dropAfterBytes: 0 } });
    await offline.handle({ type: 'start-download', track: track!, forceRange: true });
    await offline.whenIdle();
    expect((await store.get(track!.id))?.failure?.code).toBe('offline');
    expect(syncs).toBe(1);
    await setFaults({});
    await offline.handle({ type: 'download-conditions', wifiOnly: false, metered: false, online: true });
    await offline.resumeAfterNetworkLoss();
    await offline.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
  });
});

describe('every engine resumes from what is stored', () => {
  it('a full-disk cleanup cut off between deleting the chunks and zeroing the count still finishes on Retry', async () => {
    const [track] = await tracks(1);
    const { newDownload } = await import('../../../src/shared/downloads.ts');
    // The chunks went, the worker stopped before the count was zeroed: the record claims bytes it has not.
    await store.put({
      ...newDownload(track!, 0),
      status: 'failed',
      bytesReceived: 300_000,
      bytesTotal: PREVIEW_BYTES,
      contentType: 'audio/wav',
      failure: { code: 'quota', message: 'Not enough storage. Delete some downloads to make room.' },
    });
    await manager.handle({ type: 'retry-download', trackId: track!.id });
    await manager.whenIdle();
    expect(await statusOf(track!.id)).toBe('completed');
    expect((await store.audio(track!.id))?.size).toBe(PREVIEW_BYTES);
    expect(await store.storedSpans(track!.id)).toEqual(expect.arrayContaining([expect.objectContaining({ start: 0 })]));
  });
});

describe('downloads from hosts without CORS, kept in Cache Storage', () => {
  const sha = async (response: Response | undefined) =>
    Buffer.from(await crypto.subtle.digest('SHA-256', await response!.arrayBuffer())).toString('hex');

  it('two songs sharing a preview URL each keep their own file: deleting one leaves the other', async () => {
    const [track] = await tracks(1);
    const twin = { ...track!, id: track!.id + 1_000_000 };
    for (const song of [track!, twin]) await store.put({ ...newDownload(song, song.id, 'opaque'), status: 'queued' });
    const opaque = newManager();
    await opaque.whenIdle();
    expect([await statusOf(track!.id), await statusOf(twin.id)]).toEqual(['completed', 'completed']);
    const before = await sha(await matchOpaque(twin.id));
    await opaque.handle({ type: 'delete-download', trackId: track!.id });
    expect(await matchOpaque(track!.id)).toBeUndefined();
    expect(await sha(await matchOpaque(twin.id))).toBe(before);
  });

  it('an entry no download owns (a worker stopped between the two removals) is swept at the next start', async () => {
    const [track] = await tracks(1);
    await store.put({ ...newDownload(track!, 1, 'opaque'), status: 'queued' });
    await newManager().whenIdle();
    // The record went, the worker stopped before its entry did.
    await store.remove(track!.id);
    expect(await matchOpaque(track!.id)).toBeDefined();
    await newManager().start();
    expect(await (await caches.open(OPAQUE_AUDIO_CACHE)).keys()).toEqual([]);
  });

  it('an entry an older release kept under the preview URL moves to its song, and still plays', async () => {
    const [track] = await tracks(1);
    const cache = await caches.open(OPAQUE_AUDIO_CACHE);
    await cache.put(track!.previewUrl, await fetch(track!.previewUrl));
    await store.put({ ...newDownload(track!, 1, 'opaque'), status: 'completed', completedAt: 2 });
    await newManager().start();
    expect((await cache.keys()).map((request) => request.url)).not.toContain(track!.previewUrl);
    expect(await sha(await matchOpaque(track!.id))).toBe(await sha(await fetch(track!.previewUrl)));
  });
});

describe('Cancel and Delete', () => {
  it('Cancel never deletes a finished song (a batch’s Cancel sent from a view that had not seen it finish)', async () => {
    const [track] = await tracks(1);
    await manager.handle({ type: 'start-download', track: track!, forceRange: true });
    await manager.whenIdle();
    await manager.handle({ type: 'cancel-download', trackId: track!.id });
    expect(await statusOf(track!.id)).toBe('completed');
    expect((await store.audio(track!.id))?.size).toBe(PREVIEW_BYTES);
    await manager.handle({ type: 'delete-download', trackId: track!.id });
    expect(await store.get(track!.id)).toBeUndefined();
  });
});

describe('"Delete all"', () => {
  const previewPaths = async () => {
    const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
      requests: { path: string }[];
    };
    return new Set(requests.filter((request) => request.path.startsWith('/previews/')).map((r) => r.path));
  };

  it('removes exactly the songs confirmed, in one step, launching none of the queued ones on the way', async () => {
    await setFaults({ previews: { bytesPerSecond: 100_000 } });
    const all = await tracks(MAX_RUNNING_DOWNLOADS + 3);
    const last = all.at(-1)!;
    for (const track of all) await manager.handle({ type: 'start-download', track, forceRange: true });
    const asked = await previewPaths();
    expect(asked.size).toBe(MAX_RUNNING_DOWNLOADS); // the rest wait
    // The person confirmed all but the last, which was started after the question.
    await manager.handle({ type: 'delete-downloads', trackIds: all.slice(0, -1).map((track) => track.id) });
    const left = await store.all();
    expect(left.map((record) => record.trackId)).toEqual([last.id]);
    // The queued ones deleted were never asked for: only the last, now that there is room.
    const after = await previewPaths();
    expect([...after].filter((path) => !asked.has(path))).toEqual([new URL(last.previewUrl).pathname]);
    expect(await statusOf(last.id)).toBe('downloading');
    await manager.handle({ type: 'cancel-download', trackId: last.id });
  });
});
