import { STORED, type Engine } from './engine.ts';
import { networkError } from './http.ts';
import { outcomeOf } from './outcome.ts';

/** Where downloads from hosts without CORS headers are kept, as the opaque responses they are. */
export const OPAQUE_AUDIO_CACHE = 'opaque-audio-v1';

/**
 * The last rung of the preview-host ladder: the host sends no CORS headers, so no byte can be read.
 * The response is kept whole in Cache Storage and played through the worker: no percentage, no
 * resume (the row says so).
 */
export const opaqueEngine: Engine = async (record, _sink, signal) => {
  try {
    const response = await fetch(record.url, {
      mode: 'no-cors',
      credentials: 'omit',
      signal,
      referrerPolicy: 'no-referrer',
    });
    await (await caches.open(OPAQUE_AUDIO_CACHE)).put(record.url, response);
    return STORED;
  } catch (error) {
    return outcomeOf(!signal.aborted && error instanceof TypeError ? networkError() : error, signal);
  }
};

export async function deleteOpaque(url: string): Promise<void> {
  await (await caches.open(OPAQUE_AUDIO_CACHE)).delete(url);
}

export async function matchOpaque(url: string): Promise<Response | undefined> {
  return (await caches.open(OPAQUE_AUDIO_CACHE)).match(url);
}
