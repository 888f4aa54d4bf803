/**
 * What pages and the worker keep for each other in Cache Storage, which both can reach (the worker has
 * no localStorage) and which outlives a stopped worker: one entry per fact, each in the cache it has
 * always been kept in.
 */
export interface KeptEntry {
  readonly cache: string;
  readonly path: string;
}

/** When the person last opened the library (a number of milliseconds): written by pages, read by the worker. */
export const LIBRARY_SEEN: KeptEntry = { cache: 'half-tunes-badge', path: '/__half-tunes/library-seen' };

/** Whether downloads wait for Wi-Fi (`1` or `0`): written by the worker, as pages tell it. */
export const WAITING_FOR_WIFI: KeptEntry = { cache: 'half-tunes-worker-state', path: '/__half-tunes/waiting-for-wifi' };

/** The worker's words in the language the pages chose (`WorkerWords`, as JSON): written by the worker, as pages tell it. */
export const WORKER_WORDS: KeptEntry = { cache: 'half-tunes-worker-state', path: '/__half-tunes/worker-words' };

/** Reads an entry's text, or null when nothing is kept. */
export async function readKept(entry: KeptEntry): Promise<string | null> {
  const response = await (await caches.open(entry.cache)).match(entry.path);
  return response ? response.text() : null;
}

export async function writeKept(entry: KeptEntry, text: string): Promise<void> {
  await (await caches.open(entry.cache)).put(entry.path, new Response(text));
}
