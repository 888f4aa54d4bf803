/**
 * The app's service worker's heap, sampled over the DevTools protocol (`Runtime.getHeapUsage` in the
 * worker's own session): `usedSize` is its JavaScript heap, `backingStorageSize` the ArrayBuffers
 * alive in it (bytes a download holds in memory).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { DevTools } from './devtools.ts';

/** Peaks over a watch, in bytes: every service worker of the origin together (one, but for an update). */
export interface WorkerMemory {
  heap: number;
  arrayBuffers: number;
  /** How many samples found a worker; 0 if none ran while watched. */
  samples: number;
}

interface HeapUsage {
  usedSize: number;
  totalSize: number;
  embedderHeapUsedSize: number;
  backingStorageSize: number;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** How often the targets are listed again even when every sample succeeds (a new version appearing). */
const DISCOVER_EVERY_MS = 1000;

/**
 * Samples the heap of `origin`'s service worker every `everyMs` until the returned stop, which
 * resolves to the peaks. The worker's target may appear only once a page registers it, and a worker
 * that stopped and started again is a new target: the targets are listed again when a sample fails,
 * when none is attached, and every second.
 */
export async function watchWorkerMemory(
  devtools: DevTools,
  origin: string,
  everyMs = 75,
): Promise<() => Promise<WorkerMemory>> {
  const sessions = new Map<string, string>(); // targetId → sessionId
  const peak: WorkerMemory = { heap: 0, arrayBuffers: 0, samples: 0 };

  const discover = async (): Promise<void> => {
    const { targetInfos } = await devtools.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`${origin}/`));
    for (const targetId of sessions.keys()) {
      if (!workers.some((worker) => worker.targetId === targetId)) sessions.delete(targetId);
    }
    for (const worker of workers.filter((w) => !sessions.has(w.targetId))) {
      const attached = await devtools
        .send<{ sessionId: string }>('Target.attachToTarget', { targetId: worker.targetId, flatten: true })
        .catch(() => undefined); // gone between the listing and the attach
      if (!attached) continue;
      sessions.set(worker.targetId, attached.sessionId);
      // What an earlier measurement left for the collector is not this one's: collected before the first sample.
      await devtools.send('HeapProfiler.collectGarbage', {}, attached.sessionId).catch(() => undefined);
    }
  };

  /** One sample of every attached worker; false if one of them did not answer. */
  const sample = async (): Promise<boolean> => {
    let heap = 0;
    let arrayBuffers = 0;
    let answered = 0;
    let failed = false;
    for (const [targetId, sessionId] of sessions) {
      try {
        const usage = await devtools.send<HeapUsage>('Runtime.getHeapUsage', {}, sessionId);
        heap += usage.usedSize;
        arrayBuffers += usage.backingStorageSize;
        answered++;
      } catch {
        sessions.delete(targetId);
        failed = true;
      }
    }
    if (answered > 0) {
      peak.heap = Math.max(peak.heap, heap);
      peak.arrayBuffers = Math.max(peak.arrayBuffers, arrayBuffers);
      peak.samples++;
    }
    return !failed;
  };

  let watching = true;
  const loop = (async () => {
    let discoveredAt = 0;
    let healthy = false;
    while (watching) {
      if (!healthy || sessions.size === 0 || Date.now() - discoveredAt >= DISCOVER_EVERY_MS) {
        await discover();
        discoveredAt = Date.now();
      }
      healthy = await sample();
      await sleep(everyMs);
    }
  })();
  loop.catch(() => undefined); // thrown again by the stop, which awaits it

  return async () => {
    watching = false;
    await loop;
    // Detached, so that no session of ours stays on the worker between measurements.
    for (const sessionId of sessions.values()) {
      await devtools.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    }
    return peak;
  };
}
