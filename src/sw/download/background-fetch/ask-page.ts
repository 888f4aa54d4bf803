/// <reference lib="webworker" />
import type { BackgroundFetchAnswer, BackgroundFetchRequested } from '../../../shared/messages.ts';
import type { PageWord } from './engine.ts';
import type { PageAsker } from './start.ts';

declare let self: ServiceWorkerGlobalScope;

/** How long a page may take to start a background fetch before the Range-chunk engine takes over. */
const PAGE_ANSWER_MS = 10_000;

const pageAnswers = new Map<string, (started: boolean) => void>();
/**
 * Answers that came before anyone waited for them: a lot's word can reach a worker just started
 * before the lot itself, which waits for the downloads to load. Kept for `PAGE_ANSWER_MS`.
 */
const earlyAnswers = new Map<string, boolean>();

/** The page's answer on fetch `id`: whether it started; `none` where none comes within `ms`. */
function answerOn<T>(id: string, ms: number, none: T): Promise<boolean | T> {
  const early = earlyAnswers.get(id);
  if (early !== undefined) {
    earlyAnswers.delete(id);
    return Promise.resolve(early);
  }
  return new Promise((resolve) => {
    const answered = (started: boolean | T): void => {
      clearTimeout(timer);
      if (pageAnswers.get(id) === answered) pageAnswers.delete(id);
      resolve(started);
    };
    const timer = setTimeout(() => answered(none), ms);
    pageAnswers.set(id, answered);
  });
}

/**
 * Asks one open page (the focused one first) to start a background fetch, as only pages can, and
 * resolves whether it did (docs/protocols/background-fetch.md). No page, or no answer in
 * `PAGE_ANSWER_MS`: false.
 */
export const askPage: PageAsker = async (request) => {
  const windows = await self.clients.matchAll({ type: 'window' });
  const page = windows.find((client) => client.focused) ?? windows[0];
  if (!page) return false;
  const answered = answerOn(request.id, PAGE_ANSWER_MS, false);
  page.postMessage({ type: 'background-fetch-requested', ...request } satisfies BackgroundFetchRequested);
  return answered;
};

/**
 * What the page starting fetch `id` of its own (a lot, as it hides or closes) says within `ms`:
 * whether the browser took it. A page that went first says nothing: null.
 */
export const pageWord: PageWord = (id, ms) => answerOn(id, ms, null);

/** A page's answer to `askPage`, or its word on a lot it started. */
export function pageAnswered(answer: BackgroundFetchAnswer): void {
  const started = answer.type === 'background-fetch-started';
  const waiting = pageAnswers.get(answer.id);
  if (waiting) {
    waiting(started);
    return;
  }
  earlyAnswers.set(answer.id, started);
  setTimeout(() => earlyAnswers.delete(answer.id), PAGE_ANSWER_MS);
}
