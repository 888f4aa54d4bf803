/// <reference lib="webworker" />
import type { BackgroundFetchAnswer, BackgroundFetchRequested } from '../../../shared/messages.ts';
import type { PageWord } from './engine.ts';
import type { PageAsker } from './start.ts';

declare let self: ServiceWorkerGlobalScope;

/** How long a page may take to start a background fetch before the Range-chunk engine takes over. */
const PAGE_ANSWER_MS = 10_000;

const pageAnswers = new Map<string, (started: boolean) => void>();

/**
 * Asks one open page (the focused one first) to start a background fetch, as only pages can, and
 * resolves whether it did (docs/protocols/background-fetch.md). No page, or no answer in
 * `PAGE_ANSWER_MS`: false.
 */
export const askPage: PageAsker = async (request) => {
  const windows = await self.clients.matchAll({ type: 'window' });
  const page = windows.find((client) => client.focused) ?? windows[0];
  if (!page) return false;
  const answered = new Promise<boolean>((resolve) => {
    pageAnswers.set(request.id, resolve);
    setTimeout(() => resolve(false), PAGE_ANSWER_MS);
  });
  page.postMessage({ type: 'background-fetch-requested', ...request } satisfies BackgroundFetchRequested);
  const started = await answered;
  pageAnswers.delete(request.id);
  return started;
};

/**
 * What the page starting fetch `id` of its own (a lot, as it hides or closes) says within `ms`:
 * whether the browser took it. A page that went first says nothing: null.
 */
export const pageWord: PageWord = async (id, ms) => {
  const word = new Promise<boolean | null>((resolve) => {
    pageAnswers.set(id, resolve);
    setTimeout(() => resolve(null), ms);
  });
  const said = await word;
  pageAnswers.delete(id);
  return said;
};

/** A page's answer to `askPage`, or its word on a lot it started. */
export function pageAnswered(answer: BackgroundFetchAnswer): void {
  pageAnswers.get(answer.id)?.(answer.type === 'background-fetch-started');
}
