/// <reference lib="webworker" />
import type { KeptFlag } from './download/launch-gate.ts';

const SETTINGS_CACHE = 'half-tunes-worker-state';

/**
 * A yes or no of the worker's kept in Cache Storage under `path`, for a worker the browser starts
 * with no page open (a background fetch's event, Background Sync).
 */
export function cachedFlag(path: string): KeptFlag {
  return {
    async load() {
      const response = await (await caches.open(SETTINGS_CACHE)).match(path);
      return (await response?.text()) === '1';
    },
    async save(value) {
      await (await caches.open(SETTINGS_CACHE)).put(path, new Response(value ? '1' : '0'));
    },
  };
}
