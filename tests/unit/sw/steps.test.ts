import { describe, expect, it } from 'vitest';
import type { Track } from '../../../src/shared/catalog.ts';
import { newDownload, type DownloadFailure, type DownloadRecord } from '../../../src/shared/downloads.ts';
import type { Engine } from '../../../src/sw/download/engine.ts';
import { Steps, type StepStore } from '../../../src/sw/download/steps.ts';
import type { Completion, StatePatch } from '../../../src/sw/download/store.ts';
import type { Context, DownloadEvent } from '../../../src/sw/download/transition.ts';

const track = { id: 1, name: 'Harbour Lights', previewUrl: 'https://audio-ssl.itunes.apple.com/p.m4a' } as Track;
const IDLE: Context = { running: false };
const RUNNING: Context = { running: true };

/** Downloads in memory, each with how many bytes its chunks hold without a gap; every write noted. */
class FakeStore implements StepStore {
  readonly records = new Map<number, DownloadRecord>();
  readonly prefix = new Map<number, number>();
  readonly writes: string[] = [];
  /** Refuses every write with this error while set (a full disk). */
  refuse: Error | null = null;

  #check(what: string): void {
    this.writes.push(what);
    if (this.refuse) throw this.refuse;
  }

  async put(record: DownloadRecord): Promise<void> {
    this.#check('put');
    this.records.set(record.trackId, record);
  }

  async setState(trackId: number, patch: StatePatch): Promise<DownloadRecord | null> {
    this.#check(`setState ${Object.keys(patch).join(',')}`);
    const current = this.records.get(trackId);
    if (!current) return null;
    const next = { ...current, ...patch };
    this.records.set(trackId, next);
    return next;
  }

  async complete(trackId: number, now: number): Promise<Completion> {
    this.#check('complete');
    const current = this.records.get(trackId);
    if (!current) return { kind: 'gone' };
    const bytes = this.prefix.get(trackId) ?? 0;
    if (bytes !== current.bytesTotal) return { kind: 'incomplete', bytes };
    const record = { ...current, status: 'completed' as const, completedAt: now, bytesReceived: bytes };
    this.records.set(trackId, record);
    return { kind: 'completed', record };
  }

  async restart(trackId: number, patch: StatePatch = {}, { changed = false } = {}): Promise<DownloadRecord | null> {
    this.#check(`restart${changed ? ' changed' : ''}`);
    const current = this.records.get(trackId);
    if (!current) return null;
    this.prefix.set(trackId, 0);
    const restarts = (current.restarts ?? 0) + (changed ? 1 : 0);
    const next = { ...current, bytesReceived: 0, bytesTotal: null, validator: null, restarts, ...patch };
    this.records.set(trackId, next);
    return next;
  }

  async keepPrefix(trackId: number, patch: StatePatch): Promise<DownloadRecord | null> {
    this.#check('keepPrefix');
    const current = this.records.get(trackId);
    if (!current) return null;
    const next = { ...current, ...patch, bytesReceived: this.prefix.get(trackId) ?? 0 };
    this.records.set(trackId, next);
    return next;
  }

  async remove(trackId: number): Promise<void> {
    this.#check('remove');
    this.records.delete(trackId);
  }

  async removeAll(trackIds: readonly number[]): Promise<void> {
    this.#check(`removeAll ${trackIds.join(',')}`);
    for (const trackId of trackIds) this.records.delete(trackId);
  }

  async dropChunks(trackId: number): Promise<void> {
    this.#check('dropChunks');
    this.prefix.set(trackId, 0);
  }
}

/** The steps over a fake store, an engine that notes what it was asked, and pages that note what they heard. */
function setUp(engine: Partial<Engine> = {}) {
  const store = new FakeStore();
  const heard: string[] = [];
  const asked: string[] = [];
  let networkLost = 0;
  const steps = new Steps({
    store,
    broadcast: {
      changed: (record) => void heard.push(`changed ${record.status}`),
      removed: (trackId) => void heard.push(`removed ${trackId}`),
    },
    engineOf: () => ({
      name: 'range',
      run: async () => ({ kind: 'stored' }),
      remove: async (trackId) => void asked.push(`remove ${trackId}`),
      outside: {
        goesOn: async () => true,
        lost: () => new Promise(() => undefined),
        stop: async () => void asked.push('stop its fetch'),
        appeared: async () => true,
        moving: async () => true,
        abandon: async () => undefined,
      },
      ...engine,
    }),
    onNetworkLost: async () => void networkLost++,
    now: () => 42,
  });
  const put = (record: Partial<DownloadRecord>): DownloadRecord => {
    const full = { ...newDownload(track, 1, 'range'), ...record };
    store.records.set(full.trackId, full);
    return full;
  };
  return { store, steps, heard, asked, put, networkLost: () => networkLost };
}

const failure = (code: DownloadFailure['code']): DownloadFailure => ({ code, message: code });

describe('carrying out the steps of the state machine', () => {
  it('creates a new download queued, with the engine the table chose, and tells the pages', async () => {
    const { store, steps, heard } = setUp();
    const start: DownloadEvent = { kind: 'start', track, pinned: 'background-fetch' };
    const { record } = await steps.apply(undefined, start, IDLE);
    expect(record).toMatchObject({
      status: 'queued',
      engine: 'background-fetch',
      pinned: 'background-fetch',
      queuedAt: 42,
    });
    expect(store.records.get(1)).toEqual(record);
    expect(heard).toEqual(['changed queued']);
  });

  it('completes a whole file and counts it for "Downloads finished", with its batch', async () => {
    const { store, steps, put } = setUp();
    put({ status: 'downloading', bytesTotal: 10, batch: { id: 'album:1', name: 'Harbour Lights' } });
    store.prefix.set(1, 10);
    const { record } = await steps.apply(store.records.get(1), { kind: 'stored' }, RUNNING);
    expect(record).toMatchObject({ status: 'completed', completedAt: 42 });
    expect(steps.drainCompleted()).toEqual([{ id: 'album:1', name: 'Harbour Lights' }]);
    expect(steps.drainCompleted()).toEqual([]);
  });

  it('a file completed short fails as a size mismatch, and is not counted', async () => {
    const { store, steps, put } = setUp();
    put({ status: 'downloading', bytesTotal: 10 });
    store.prefix.set(1, 4);
    const { record } = await steps.apply(store.records.get(1), { kind: 'stored' }, RUNNING);
    expect(record).toMatchObject({ status: 'failed', failure: { code: 'size-mismatch' } });
    expect(record?.failure?.message).toContain('4 bytes');
    expect(steps.drainCompleted()).toEqual([]);
  });

  it('a file kept outside IndexedDB completes with no chunks to join', async () => {
    const { store, steps, put } = setUp({ storesOutside: true });
    put({ status: 'downloading', engine: 'opaque' });
    const { record } = await steps.apply(store.records.get(1), { kind: 'stored' }, RUNNING);
    expect(record?.status).toBe('completed');
    expect(store.writes).toEqual(['setState status,completedAt']);
  });

  it('a changed file restarts, counted, in the same run; a fourth change in a row fails in words', async () => {
    const { store, steps, put } = setUp();
    put({ status: 'downloading', restarts: 2 });
    const restarted = await steps.apply(store.records.get(1), { kind: 'changed' }, RUNNING);
    expect(restarted).toMatchObject({ again: true, record: { status: 'downloading', restarts: 3 } });
    const failed = await steps.apply(store.records.get(1), { kind: 'changed' }, RUNNING);
    expect(failed).toMatchObject({ again: false, record: { status: 'failed' } });
  });

  it('the next rung keeps the prefix, or starts from zero without counting a change', async () => {
    const { store, steps, put } = setUp();
    put({ status: 'downloading', engine: 'background-fetch', bytesReceived: 9 });
    store.prefix.set(1, 6);
    const ranged = await steps.apply(store.records.get(1), { kind: 'gave-up', why: 'no-page' }, RUNNING);
    expect(ranged).toMatchObject({ again: true, record: { engine: 'range', bytesReceived: 6 } });
    const opaque = await steps.apply(store.records.get(1), { kind: 'gave-up', why: 'cors-refused' }, RUNNING);
    expect(opaque).toMatchObject({ again: true, record: { engine: 'opaque', bytesReceived: 0 } });
    expect(store.writes).toEqual(['keepPrefix', 'restart']);
  });

  it('a cut-off is tried again after its wait; trying again clears its words, not its count', async () => {
    const { store, steps, put } = setUp();
    put({ status: 'downloading' });
    const cut: DownloadEvent = { kind: 'interrupted', failure: failure('network') };
    expect(await steps.apply(store.records.get(1), cut, RUNNING)).toMatchObject({ again: true, afterMs: 1000 });
    expect(store.records.get(1)).toMatchObject({ tries: 1, failure: { code: 'network' } });
    await steps.apply(store.records.get(1), { kind: 'try-again' }, RUNNING);
    expect(store.records.get(1)).toMatchObject({ tries: 1, failure: null, status: 'downloading' });
  });

  it('a download cut off offline asks to be resumed when the network returns', async () => {
    const { store, steps, put, networkLost } = setUp();
    put({ status: 'downloading' });
    await steps.apply(
      store.records.get(1),
      { kind: 'interrupted', failure: failure('network'), offline: true },
      RUNNING,
    );
    expect(store.records.get(1)?.failure?.code).toBe('offline');
    expect(networkLost()).toBe(1);
  });

  it('a fetch the browser carried on while Wi-Fi is awaited is stopped, its download queued', async () => {
    const { store, steps, put, asked } = setUp();
    put({ status: 'downloading', engine: 'background-fetch' });
    const context = { running: false, waitingForWifi: true };
    await steps.apply(store.records.get(1), { kind: 'orphaned', outside: true }, context);
    expect(asked).toEqual(['stop its fetch']);
    expect(store.records.get(1)?.status).toBe('queued');
    const followed = await steps.apply(store.records.get(1), { kind: 'orphaned', outside: true }, IDLE);
    expect(followed.follow).toBeUndefined();
  });

  it('launches with the engine that fits the moment, keeping the bytes stored without a gap', async () => {
    const { store, steps, put } = setUp();
    put({ status: 'queued', bytesReceived: 9 });
    store.prefix.set(1, 6);
    const hidden = { pageVisible: false, pageOpen: true, backgroundAllowed: true, backgroundFetch: true };
    const { record } = await steps.apply(store.records.get(1), { kind: 'launch' }, { running: false, moment: hidden });
    expect(record).toMatchObject({ status: 'downloading', engine: 'background-fetch', bytesReceived: 6 });
  });

  it('hands a download to a page’s background fetch, to be followed', async () => {
    const { store, steps, put, heard } = setUp();
    put({ status: 'queued' });
    const applied = await steps.apply(store.records.get(1), { kind: 'handed-over', fetchId: 'lot:7' }, IDLE);
    expect(applied).toMatchObject({ follow: true, record: { status: 'downloading', engine: 'background-fetch' } });
    expect(store.records.get(1)?.backgroundFetchId).toBe('lot:7');
    expect(heard).toEqual(['changed downloading']);
  });

  it('removes a download, then what its engine kept elsewhere, and tells the pages', async () => {
    const { store, steps, put, heard, asked } = setUp();
    put({ status: 'paused' });
    expect((await steps.apply(store.records.get(1), { kind: 'cancel' }, IDLE)).record).toBeNull();
    expect(store.records.has(1)).toBe(false);
    expect(asked).toEqual(['remove 1']);
    expect(heard).toEqual(['removed 1']);
  });

  it('"Delete all" removes in one write exactly the songs the table removes', async () => {
    const { store, steps, put, heard } = setUp();
    const first = put({ status: 'completed' });
    const second = put({ trackId: 2, status: 'queued' });
    await steps.removeAll([first, second], IDLE);
    expect(store.writes).toEqual(['removeAll 1,2']);
    expect(heard).toEqual(['removed 1', 'removed 2']);
  });

  it('a full disk drops the bytes, then writes the failure; a refused write of a step is a failure', async () => {
    const { store, steps, put } = setUp();
    put({ status: 'downloading', bytesReceived: 5, bytesTotal: 10 });
    await steps.apply(store.records.get(1), { kind: 'failed', failure: failure('quota') }, RUNNING);
    expect(store.writes).toEqual(['dropChunks', 'setState status,failure,tries,bytesReceived,bytesTotal,validator']);
    expect(store.records.get(1)).toMatchObject({ status: 'failed', bytesReceived: 0 });

    put({ status: 'downloading' });
    store.refuse = new DOMException('full', 'QuotaExceededError');
    const { record } = await steps.apply(store.records.get(1), { kind: 'pause' }, RUNNING);
    // Even a failure storage refuses to write reaches the pages.
    expect(record).toMatchObject({ status: 'failed', failure: { code: 'quota' } });
  });
});
