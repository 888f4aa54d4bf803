/// <reference lib="webworker" />
import { readKept, writeKept, WORKER_WORDS } from '../shared/kept-state.ts';
import { ENGLISH_WORDS, isWorkerWords, type WorkerWords } from '../shared/worker-words.ts';

/**
 * The worker's half of the language (its page half: `src/bridge/language.ts`): the words it says to
 * the person, as the last page to speak sent them, kept in Cache Storage for a worker started with no
 * page open (a background fetch's end, Background Sync). English until a page says otherwise.
 */
let words: Promise<WorkerWords> | null = null;

/** The words to say things in now. */
export function workerWords(): Promise<WorkerWords> {
  words ??= readKept(WORKER_WORDS)
    .then((kept) => {
      const parsed: unknown = kept ? JSON.parse(kept) : null;
      return isWorkerWords(parsed) ? parsed : ENGLISH_WORDS;
    })
    .catch(() => ENGLISH_WORDS);
  return words;
}

/** A page's words: said from now on, and kept. */
export async function keepWorkerWords(next: WorkerWords): Promise<void> {
  words = Promise.resolve(next);
  await writeKept(WORKER_WORDS, JSON.stringify(next)).catch(() => undefined);
}
