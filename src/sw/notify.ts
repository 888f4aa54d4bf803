/// <reference lib="webworker" />
import { APP_ICON } from '../shared/app-icon.ts';
import { finishedWords } from '../shared/worker-words.ts';
import { workerWords } from './language.ts';

/** One tag, so a new "Downloads finished" replaces the last one rather than stacking. */
export const FINISHED_TAG = 'downloads-finished';

/** Where the notification leads: the app, on its downloads. */
export const DOWNLOADS_PATH = '/#/downloads';

/**
 * Shows "Downloads finished" with how many songs are ready (naming the batch they were, when one
 * batch was all of them), if the person allowed notifications.
 * @returns whether a notification was shown (else the pages say it in a status line)
 */
export async function notifyDownloadsFinished(
  registration: ServiceWorkerRegistration,
  completed: number,
  batch: string | null,
): Promise<boolean> {
  if (Notification.permission !== 'granted') return false;
  const words = await workerWords();
  await registration.showNotification(words.finishedTitle, {
    body: finishedWords(words, completed, batch),
    lang: words.locale,
    tag: FINISHED_TAG,
    icon: APP_ICON.path,
    data: { path: DOWNLOADS_PATH },
  });
  return true;
}

/**
 * What a click on the notification does: focus a window of the app (the focused one first), or open
 * one on its downloads. Kept apart from the event so it can be tested (headless Chromium cannot click
 * a notification).
 */
export async function openDownloads(clients: Clients, origin: string): Promise<WindowClient | null> {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  const ours = windows.filter((client) => new URL(client.url).origin === origin);
  const target = ours.find((client) => client.focused) ?? ours[0];
  return target ? target.focus() : clients.openWindow(new URL(DOWNLOADS_PATH, origin).href);
}
