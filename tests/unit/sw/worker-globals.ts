// The worker's globals the download core reads, as a browser has them: imported first by its tests.
import { MemoryCacheStorage } from './platform/cache-storage.ts';

const workerEvents = new EventTarget();
Object.assign(globalThis, {
  caches: new MemoryCacheStorage(),
  navigator: { onLine: true },
  self: globalThis,
  addEventListener: workerEvents.addEventListener.bind(workerEvents),
  removeEventListener: workerEvents.removeEventListener.bind(workerEvents),
  dispatchEvent: workerEvents.dispatchEvent.bind(workerEvents),
});
