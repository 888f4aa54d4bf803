/**
 * The download core under faults that last and come in sequence: random sequences of what a person
 * and their device do (download, pause, resume, cancel, delete, "Delete all", a batch; the worker
 * stopped and woken again; the network lost and back; "Download only on Wi-Fi" on a metered
 * connection; a full disk; a host whose file changes, that drops connections, that dies or sends no
 * CORS headers), run against the real `DownloadManager`, the real demo catalog and a browser-like
 * platform (tests/unit/sw/platform). After each sequence has settled, what a person would notice
 * must hold (see `checkSettled`), and once every fault is healed, every download must finish.
 */
import './worker-globals.ts';
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SONGS } from '../../../server/catalog-data.ts';
import { repeatedBytes, songPreview } from '../../../server/resources.ts';
import { toTracks, type Track } from '../../../src/shared/catalog.ts';
import type { DownloadRecord } from '../../../src/shared/downloads.ts';
import type { PageToSw } from '../../../src/shared/messages.ts';
import { DB_NAME, openHalfTunesDB } from '../../../src/shared/schema.ts';
import { DownloadBroadcaster } from '../../../src/sw/download/broadcast.ts';
import { DownloadManager, type ManagerCommand } from '../../../src/sw/download/manager.ts';
import { MAX_TRIES } from '../../../src/sw/download/transition.ts';
import { OPAQUE_AUDIO_CACHE, matchOpaque, opaqueEngine } from '../../../src/sw/download/opaque/engine.ts';
import { rangeEngine } from '../../../src/sw/download/range/engine.ts';
import { DownloadStore } from '../../../src/sw/download/store.ts';
import { WAITING_FOR_WIFI } from '../../../src/shared/kept-state.ts';
import { keptFlag } from '../../../src/sw/kept-state.ts';
import { sendControl, startCatalog } from '../server/start-catalog.ts';
import type { MemoryCacheStorage } from './platform/cache-storage.ts';
import { Network, type WorkerLife } from './platform/network.ts';
import { StorageQuota } from './platform/storage-quota.ts';
import { fileBytes } from './stored-bytes.ts';

const network = new Network();
network.install();
const quota = new StorageQuota();
quota.install();
const cacheStorage = caches as unknown as MemoryCacheStorage;
cacheStorage.refuse = Network.stale;

let catalog: Awaited<ReturnType<typeof startCatalog>>;
/** Three songs of the demo catalog, and a fourth that shares the first one's preview URL: one more than run at once. */
let songs: Track[];

/** The preview host's behaviour, as the demo catalog's switches set it. */
const HOST_FAULTS = {
  // Fast enough for hundreds of sequences, slow enough that commands meet downloads mid-way.
  well: {},
  changes: { mutate: true, times: 2 },
  drops: { dropAfterBytes: 300_000, times: 2 },
  dies: { dropAfterBytes: 0 },
  'sends no CORS headers': { noCors: true },
} as const;
type HostState = keyof typeof HOST_FAULTS;
const LINK = { bytesPerSecond: 20_000_000 };

type Op =
  | { readonly op: 'download' | 'pause' | 'resume' | 'retry' | 'cancel' | 'delete'; readonly song: number }
  | { readonly op: 'batch'; readonly songs: readonly number[] }
  | { readonly op: 'delete all' }
  | { readonly op: 'worker stopped, started by a page' }
  | { readonly op: 'worker stopped, woken in the night' }
  /** The network goes or comes back, with a page open to tell the worker, or with the app closed. */
  | { readonly op: 'network'; readonly online: boolean; readonly pageOpen: boolean }
  | { readonly op: 'metered'; readonly metered: boolean }
  | { readonly op: 'disk'; readonly full: boolean }
  | { readonly op: 'host'; readonly state: HostState }
  | { readonly op: 'wait'; readonly ms: number };

const SONGS = 4;
const song = fc.integer({ min: 0, max: SONGS - 1 });
const songOp = (op: 'download' | 'pause' | 'resume' | 'retry' | 'cancel' | 'delete', weight: number) => ({
  weight,
  arbitrary: fc.record({ op: fc.constant(op), song }),
});
/** The device's and the host's faults weigh about as much as the person's commands: they are what lasts. */
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  songOp('download', 4),
  songOp('pause', 1),
  songOp('resume', 1),
  songOp('retry', 1),
  songOp('cancel', 2),
  songOp('delete', 1),
  { weight: 1, arbitrary: fc.record({ op: fc.constant('batch' as const), songs: fc.subarray([0, 1, 2, 3]) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'delete all' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'worker stopped, started by a page' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'worker stopped, woken in the night' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('network' as const), online: fc.boolean(), pageOpen: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('metered' as const), metered: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('disk' as const), full: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('host' as const),
      state: fc.constantFrom(...(Object.keys(HOST_FAULTS) as HostState[])),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 80 }) }) },
);

/** One service worker: its life, and the download core it runs (as `src/sw/sw.ts` makes it). */
interface Worker {
  readonly life: WorkerLife;
  readonly store: DownloadStore;
  readonly manager: DownloadManager;
}

/** What a person would notice, gathered while a sequence runs. */
class World {
  worker: Worker;
  /** Background Sync: registered, to fire once the network is there. */
  syncRegistered = false;
  syncsFired = 0;
  /** Work the browser keeps the worker alive for (a sync event), to settle before checking. */
  readonly events = new Set<Promise<unknown>>();
  online = true;
  metered = false;
  diskFull = false;
  host: HostState = 'well';
  /** Songs ever asked for. */
  readonly asked = new Set<number>();
  /** Songs seen completed and not deleted since: each must stay completed. */
  readonly completed = new Set<number>();
  /** Preview requests allowed while the host is dead: a few tries per song per thing that asks again. */
  deadAllowance = 0;
  deadRequests = 0;
  /** Where the request log stood when the host died, while it stays dead. */
  deadSince: number | null = null;
  readonly log: string[] = [];

  constructor() {
    this.worker = this.#newWorker();
  }

  #newWorker(): Worker {
    const life = network.newWorker();
    const store = new DownloadStore();
    const manager = new DownloadManager({
      store,
      broadcast: new DownloadBroadcaster(),
      catalogOrigin: new URL(catalog.url).origin,
      onDrained: async () => undefined,
      onNetworkLost: async () => {
        this.syncRegistered = true;
        // Background Sync fires at once while the browser is online.
        if (this.online) queueMicrotask(() => this.fireSync());
      },
      engines: [rangeEngine, opaqueEngine],
      wifiWait: keptFlag(WAITING_FOR_WIFI),
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          if (signal.aborted) reject(signal.reason);
          else setTimeout(resolve, 1);
        }),
    });
    return { life, store, manager };
  }

  run<T>(work: (manager: DownloadManager) => Promise<T>): Promise<T> {
    const { life, manager } = this.worker;
    return network.run(life, () => work(manager));
  }

  /** A page's command, as the worker's message handler takes it. */
  async send(command: Exclude<PageToSw, { type: 'SKIP_WAITING' | 'hand-over-downloads' }>): Promise<void> {
    if (['background-fetch-started', 'background-fetch-refused', 'worker-words'].includes(command.type)) return;
    await this.run(async (manager) => {
      await manager.start();
      await manager.handle(command as ManagerCommand);
    });
  }

  fireSync(): void {
    if (!this.syncRegistered || !this.online) return;
    this.syncRegistered = false;
    this.syncsFired++;
    this.#track(this.run((manager) => manager.resumeAfterNetworkLoss().then(() => manager.whenIdle())));
  }

  #track(work: Promise<unknown>): void {
    const settled = work.catch(() => undefined);
    this.events.add(settled);
    void settled.then(() => this.events.delete(settled));
  }

  /** The browser stops the worker, wherever it is; a new one starts for the next event. */
  async replaceWorker(): Promise<void> {
    network.stop(this.worker.life);
    (await this.worker.store.db()).close();
    this.worker = this.#newWorker();
  }

  async stored(): Promise<DownloadRecord[]> {
    const db = await openHalfTunesDB();
    try {
      return await db.getAll('downloads');
    } finally {
      db.close();
    }
  }

  /** Reads what is stored after a step: a song seen completed stays so until Delete. */
  async observe(): Promise<void> {
    const records = new Map((await this.stored()).map((record) => [record.trackId, record]));
    for (const trackId of this.completed) {
      expect(records.get(trackId)?.status, `${songName(trackId)}: completed, then removed without Delete`).toBe(
        'completed',
      );
    }
    for (const record of records.values()) {
      expect(this.asked.has(record.trackId), `a download nobody asked for (${record.trackId})`).toBe(true);
      if (record.status === 'completed') this.completed.add(record.trackId);
    }
  }

  /** Waits until nothing runs and nothing is due, as a browser would let the worker go idle. */
  async settle(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      await this.run((manager) => manager.start().then(() => manager.whenIdle()));
      if (this.events.size === 0) return;
      await Promise.all(this.events);
    }
    throw new Error(`never settled: Background Sync fired ${this.syncsFired} times`);
  }
}

const songName = (trackId: number): string => songs.find((track) => track.id === trackId)?.name ?? String(trackId);

/** SHA-256 of each version the demo catalog served of a song's preview (the `mutate` fault makes new ones), as found. */
const versionDigests = new Map<number, string[]>();
/** Whether `digest` is that of a version of the preview at `previewUrl`, the first 100 versions tried. */
function isVersionOf(previewUrl: string, digest: string): boolean {
  const trackId = Number(/(\d+)\.wav$/.exec(previewUrl)![1]);
  const digests = versionDigests.get(trackId) ?? [];
  versionDigests.set(trackId, digests);
  const demo = DEMO_SONGS.find((candidate) => candidate.trackId === trackId)!;
  for (let version = 0; version < 100; version++) {
    if (digests[version] === undefined) {
      const resource = songPreview(demo, version);
      const hash = createHash('sha256');
      for (const piece of repeatedBytes(resource, 0, resource.size)) hash.update(piece);
      digests[version] = hash.digest('hex');
    }
    if (digests[version] === digest) return true;
  }
  return false;
}

async function storedFile(store: DownloadStore, record: DownloadRecord): Promise<ArrayBuffer | null> {
  if (record.engine === 'opaque') return (await (await matchOpaque(record.trackId))?.arrayBuffer()) ?? null;
  const file = await store.audio(record.trackId);
  return file ? new Uint8Array(await fileBytes(file)).buffer : null;
}

/** Counts what the dead host was asked so far. */
function countDeadRequests(world: World): void {
  if (world.deadSince === null) return;
  world.deadRequests += network.previews.length - world.deadSince;
  world.deadSince = network.previews.length;
}

async function setHost(state: HostState, world: World): Promise<void> {
  countDeadRequests(world);
  if (state !== 'dies') world.deadSince = null;
  else if (world.deadSince === null) {
    world.deadSince = network.previews.length;
    // What runs when it dies may try its tries.
    world.deadAllowance += SONGS * TRIES_PER_SONG;
  }
  world.host = state;
  await sendControl(catalog.url, 'faults', 'PUT', { previews: { ...LINK, ...HOST_FAULTS[state] } });
}

/** What a step may cost a dead host: every song's tries, and the no-CORS probe beside each. */
const TRIES_PER_SONG = MAX_TRIES * 2;
const ASKS_AGAIN = new Set<Op['op']>(['download', 'batch', 'resume', 'retry', 'network', 'metered', 'disk']);

async function apply(step: Op, world: World): Promise<void> {
  world.log.push(JSON.stringify(step));
  const track = 'song' in step ? songs[step.song]! : null;
  if (world.host === 'dies' && (ASKS_AGAIN.has(step.op) || step.op.startsWith('worker'))) {
    world.deadAllowance += SONGS * TRIES_PER_SONG;
  }
  switch (step.op) {
    case 'download':
      world.asked.add(track!.id);
      return world.send({ type: 'start-download', track: track!, forceRange: true });
    case 'batch':
      for (const index of step.songs) {
        world.asked.add(songs[index]!.id);
        await world.send({
          type: 'start-download',
          track: songs[index]!,
          forceRange: true,
          batch: { id: 'batch:model', name: 'Model' },
        });
      }
      return;
    case 'pause':
    case 'resume':
    case 'retry':
    case 'cancel':
      return world.send({ type: `${step.op}-download`, trackId: track!.id });
    case 'delete':
      world.completed.delete(track!.id);
      return world.send({ type: 'delete-download', trackId: track!.id });
    case 'delete all': {
      // The songs the person was shown when they confirmed.
      const trackIds = (await world.stored()).map((record) => record.trackId);
      for (const trackId of trackIds) world.completed.delete(trackId);
      return world.send({ type: 'delete-downloads', trackIds });
    }
    case 'worker stopped, started by a page':
      await world.replaceWorker();
      return world.send({ type: 'list-downloads' });
    case 'worker stopped, woken in the night':
      await world.replaceWorker();
      // Background Sync wakes it if a download waits for the network; else any event of the browser's.
      if (world.syncRegistered) world.fireSync();
      else await world.run((manager) => manager.start());
      return;
    case 'network':
      world.online = step.online;
      network.setOffline(!step.online);
      // Open pages tell the worker; the browser fires a registered sync once it is back.
      if (step.pageOpen) {
        await world.send({ type: 'download-conditions', wifiOnly: true, metered: world.metered, online: step.online });
      }
      world.fireSync();
      return;
    case 'metered':
      world.metered = step.metered;
      if (!step.metered) network.wifiOnlyMetered = false;
      await world.send({ type: 'download-conditions', wifiOnly: true, metered: step.metered, online: world.online });
      // From here on, no preview byte may be fetched until Wi-Fi is back.
      if (step.metered) network.wifiOnlyMetered = true;
      return;
    case 'disk':
      world.diskFull = step.full;
      // Room for a few records, none for a piece of a song.
      quota.quota = step.full ? quota.usage() + 32 * 1024 : null;
      return;
    case 'host':
      return setHost(step.state, world);
    case 'wait':
      await new Promise((resolve) => setTimeout(resolve, step.ms));
      return;
  }
}

/** What must hold once a sequence has settled, its faults still in place. */
async function checkSettled(world: World): Promise<void> {
  await world.observe();
  const records = await world.stored();
  const owned = new Set(records.map((record) => record.trackId));
  // Nothing "downloading" with nothing running it; nothing queued while it may run.
  for (const record of records) {
    expect(record.status, `${songName(record.trackId)} is stuck`).not.toBe('downloading');
    if (!world.metered) expect(record.status, `${songName(record.trackId)} waits for nothing`).not.toBe('queued');
  }
  // No bytes that nothing owns: chunks, Cache Storage entries.
  const db = await openHalfTunesDB();
  const chunkOwners = new Set((await db.getAllKeys('chunks')).map(([trackId]) => trackId));
  db.close();
  for (const trackId of chunkOwners) expect(owned.has(trackId), `chunks of a removed download (${trackId})`).toBe(true);
  const opaque = records.filter((record) => record.engine === 'opaque').map((record) => record.trackId);
  for (const request of await (await caches.open(OPAQUE_AUDIO_CACHE)).keys()) {
    const trackId = Number(request.url.split('/').at(-1));
    expect(opaque, `a Cache Storage entry nothing owns (${request.url})`).toContain(trackId);
  }
  // Every completed song is a whole version of its file.
  for (const record of records.filter((candidate) => candidate.status === 'completed')) {
    const file = await storedFile(world.worker.store, record);
    expect(file, `${songName(record.trackId)} completed without a file`).not.toBeNull();
    const digest = createHash('sha256').update(new Uint8Array(file!)).digest('hex');
    expect(isVersionOf(record.url, digest), `${songName(record.trackId)}: not the server's bytes`).toBe(true);
  }
  // The person's setting held, and a dead host was not asked forever.
  countDeadRequests(world);
  expect(
    network.previews.filter((request) => request.wifiOnlyMetered),
    'fetched on a metered connection',
  ).toEqual([]);
  expect(world.deadRequests, 'requests to a dead host').toBeLessThanOrEqual(world.deadAllowance);
}

/** Heals every fault, asks again for what failed or waits, and checks every download finishes. */
async function checkHealed(world: World): Promise<void> {
  await apply({ op: 'host', state: 'well' }, world);
  await apply({ op: 'disk', full: false }, world);
  if (!world.online) await apply({ op: 'network', online: true, pageOpen: true }, world);
  if (world.metered) await apply({ op: 'metered', metered: false }, world);
  await world.settle();
  for (const record of await world.stored()) {
    if (record.status === 'failed') await world.send({ type: 'retry-download', trackId: record.trackId });
    if (record.status === 'paused') await world.send({ type: 'resume-download', trackId: record.trackId });
  }
  await world.settle();
  for (const record of await world.stored()) {
    expect(
      record.status,
      `${songName(record.trackId)} does not finish once all is well: ${record.failure?.message ?? ''}`,
    ).toBe('completed');
  }
  await checkSettled(world);
}

/** Runs one sequence from a new profile. */
async function runSequence(ops: readonly Op[]): Promise<void> {
  await sendControl(catalog.url, 'reset', 'POST');
  await new Promise<void>((done) => {
    const deleting = indexedDB.deleteDatabase(DB_NAME);
    deleting.onsuccess = deleting.onerror = deleting.onblocked = () => done();
  });
  cacheStorage.clear();
  quota.quota = null;
  network.previews.length = 0;
  network.wifiOnlyMetered = false;
  network.setOffline(false);
  const world = new World();
  await setHost('well', world);
  try {
    for (const step of ops) {
      await apply(step, world);
      await world.observe();
    }
    await world.settle();
    await checkSettled(world);
    await checkHealed(world);
  } finally {
    network.stop(world.worker.life);
    (await world.worker.store.db()).close();
  }
}

beforeAll(async () => {
  catalog = await startCatalog();
  const body = await (await fetch(`${catalog.url}/search?term=love&entity=song&limit=3`)).json();
  const three = toTracks(body, catalog.url);
  songs = [...three, { ...three[0]!, id: three[0]!.id + 1_000_000, name: `${three[0]!.name} (the same preview)` }];
});
afterAll(() => catalog.close());

/** Sequences the property found, each kept as a case of its own, with what it showed. */
const REGRESSIONS: readonly { readonly name: string; readonly ops: readonly Op[] }[] = [
  {
    // `whenIdle` returned while the place a finished run freed was being given to the next queued
    // download: the worker's event could end with that download running and nobody waiting for it.
    name: 'a queue longer than the running places drains before the worker is let go',
    ops: [
      { op: 'batch', songs: [1, 2, 3] },
      { op: 'download', song: 0 },
    ],
  },
  {
    // Found with the launch gate loaded only by `start()`, which Background Sync's path skipped: a
    // download failed offline, Wi-Fi only on a mobile network, the app closed, the network back.
    name: 'a worker woken by Background Sync keeps to "Download only on Wi-Fi"',
    ops: [
      { op: 'network', online: false, pageOpen: false },
      { op: 'batch', songs: [1] },
      { op: 'metered', metered: true },
      { op: 'worker stopped, woken in the night' },
      { op: 'network', online: true, pageOpen: false },
    ],
  },
];

describe('the download core under sequences of faults (model-based)', () => {
  for (const { name, ops } of REGRESSIONS) {
    it(name, () => runSequence(ops), 30_000);
  }

  it('holds for 300 random sequences', async () => {
    const seed = Number(process.env.HALF_TUNES_MODEL_SEED ?? 20261204);
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { minLength: 1, maxLength: 20 }), (ops) => runSequence(ops)),
      { numRuns: Number(process.env.HALF_TUNES_MODEL_RUNS ?? 300), seed },
    );
  }, 180_000);
});
