/// <reference lib="webworker" />
import type { BackgroundFetchRegistrationLike } from '../../../shared/background-fetch.ts';
import { fill } from '../../../shared/worker-words.ts';
import { workerWords } from '../../language.ts';
import type { BackgroundFetchEngine, BackgroundFetchEnd, Downloads } from './engine.ts';

declare let self: ServiceWorkerGlobalScope;

/** A background fetch event; `updateUI` exists on success and fail events only. */
interface BackgroundFetchEventLike extends ExtendableEvent {
  readonly registration: BackgroundFetchRegistrationLike;
  updateUI?(options: { title: string }): Promise<void>;
}

/**
 * Listens for the last event of every background fetch: the engine stores what it brought and the
 * download core carries out what it means; the browser's UI says how it ended; the worker stays
 * alive until the downloads are idle (`whenIdle`). A click on the fetch's UI runs `onClick`.
 */
export function listenForBackgroundFetches(
  engine: BackgroundFetchEngine,
  downloads: Downloads & { whenIdle(): Promise<void> },
  onClick: () => Promise<unknown>,
): void {
  for (const [type, end] of [
    ['backgroundfetchsuccess', 'success'],
    ['backgroundfetchfail', 'fail'],
    ['backgroundfetchabort', 'abort'],
  ] as const) {
    self.addEventListener(type, (event) => {
      const fetchEvent = event as BackgroundFetchEventLike;
      fetchEvent.waitUntil(
        engine.ended(end satisfies BackgroundFetchEnd, fetchEvent.registration, downloads).then(async (after) => {
          const words = await workerWords();
          const title = after?.status === 'completed' ? fill(words.ready, { song: after.track.name }) : words.stopped;
          if (end !== 'abort') await fetchEvent.updateUI?.({ title }).catch(() => undefined);
          await downloads.whenIdle();
        }),
      );
    });
  }
  self.addEventListener('backgroundfetchclick', (event) => (event as ExtendableEvent).waitUntil(onClick()));
}
