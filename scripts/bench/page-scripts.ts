/**
 * Scripts the bench runs in the app's page, as functions (type-checked here), and `inPage`, which runs
 * them. Each is sent to the page as its source text, so it may use nothing of this module but its
 * arguments and the `resultRows` it is handed.
 */
import type { Page } from '@playwright/test';

/** What the watch scripts note on the page's `window`, in the page's `performance.now()` ms. */
export interface Watched {
  /** When Download was tapped. */
  tapAt?: number;
  /** The first frame after the tap where a row showed a percentage above zero, or "Downloaded". */
  shownAt?: number;
  /** The first frame where the rows watched said "Downloaded". */
  doneAt?: number;
  longTasks: number[];
  worstFrameGap: number;
  broadcasts: number;
}

/** When Download was tapped, on the page's wall clock (`Date.now()`, as the catalog's log has it). */
export async function tapOnWallClock(page: Page): Promise<number> {
  const tapAt = await page.evaluate(() => {
    const seen = window as unknown as Watched;
    return seen.tapAt === undefined ? null : Date.now() - (performance.now() - seen.tapAt);
  });
  if (tapAt === null) throw new Error('the tap was not noted in the page');
  return tapAt;
}

/** The song rows of the search results (the library shows downloads as rows too), through shadow roots. */
function resultRows(): HTMLElement[] {
  const rows = (root: Document | ShadowRoot): HTMLElement[] =>
    [...root.querySelectorAll<HTMLElement>('*')].flatMap((el) => [
      ...(el.localName === 'ht-track-row' ? [el] : []),
      ...(el.shadowRoot ? rows(el.shadowRoot) : []),
    ]);
  return rows(document).filter((el) => (el.getRootNode() as Partial<ShadowRoot>).host?.localName === 'ht-search');
}

type ResultRows = typeof resultRows;

/**
 * Calls `check` now and whenever a result row's content changes, until it returns true. A change is
 * seen in the task that makes it, so a time noted then is that of the frame that shows it (polling
 * each frame would note it a frame late).
 */
function watchRows(rows: ResultRows, check: () => boolean): void {
  const observers: MutationObserver[] = [];
  let done = false;
  const run = (): void => {
    if (done || !check()) return;
    done = true;
    for (const observer of observers) observer.disconnect();
  };
  for (const row of rows()) {
    const observer = new MutationObserver(run);
    observer.observe(row.shadowRoot ?? row, { subtree: true, childList: true, characterData: true, attributes: true });
    observers.push(observer);
  }
  // Each frame too, for rows that were not there at the start.
  const frame = (): void => {
    run();
    if (!done) requestAnimationFrame(frame);
  };
  frame();
}

type WatchRows = typeof watchRows;

/**
 * Runs `script(arg, resultRows)` in `page` and resolves to what it returns (awaited). tsx compiles
 * with esbuild's `keepNames`, which wraps every named function in a call of a `__name` helper the page
 * does not have: the script gets one that does nothing, as a parameter, so the page's globals stay as
 * they were.
 */
export async function inPage<R, A = undefined>(
  page: Page,
  script: (arg: A, rows: ResultRows, watch: WatchRows) => R,
  ...arg: A extends undefined ? [] : [A]
): Promise<Awaited<R>> {
  const source = `((__name) => (${script.toString()})(${JSON.stringify(arg[0]) ?? 'undefined'}, ${resultRows.toString()}, ${watchRows.toString()}))((fn) => fn)`;
  return (await page.evaluate(source)) as Awaited<R>;
}

/** Resolves once every result row's thumbnail has loaded (or failed: the placeholder shows). */
export function thumbnailsLoaded(_: undefined, rows: ResultRows, watch: WatchRows): Promise<void> {
  return new Promise((resolve) => {
    watch(rows, () => {
      const images = rows().map((el) => el.shadowRoot?.querySelector('img'));
      const loaded = images.length > 0 && images.every((img) => img?.complete);
      if (loaded) resolve();
      return loaded;
    });
  });
}

/**
 * Notes the time of the next click and of the first frame where a song row shows a percentage above
 * zero or "Downloaded".
 */
export function watchFirstProgress(_: undefined, rows: ResultRows, watch: WatchRows): void {
  const seen = window as unknown as Watched;
  document.addEventListener('click', () => (seen.tapAt ??= performance.now()), { capture: true });
  watch(rows, () => {
    const shows = rows().some((el) => {
      const bar = el.shadowRoot?.querySelector('progress');
      return (bar && Number(bar.getAttribute('value')) > 0) || /Downloaded/.test(el.shadowRoot?.textContent ?? '');
    });
    if (seen.tapAt !== undefined && shows) seen.shownAt = performance.now();
    return seen.shownAt !== undefined;
  });
}

/** Notes when a row first says "Downloaded" (after `watchFirstProgress` noted the tap). */
export function watchDone(_: undefined, rows: ResultRows, watch: WatchRows): void {
  const seen = window as unknown as Watched;
  watch(rows, () => {
    if (rows().some((el) => /Downloaded/.test(el.shadowRoot?.textContent ?? ''))) seen.doneAt = performance.now();
    return seen.doneAt !== undefined;
  });
}

/**
 * Taps Download on every row of the results in one task (a person tapping them all), and notes when
 * `count` rows say "Downloaded".
 */
export function tapAllAndWatch(count: number, rows: ResultRows, watch: WatchRows): void {
  const seen = window as unknown as Watched;
  seen.tapAt = performance.now();
  for (const row of rows()) {
    const buttons = [...(row.shadowRoot?.querySelectorAll('button') ?? [])];
    buttons.find((b) => b.textContent?.trim() === 'Download')?.click();
  }
  watch(rows, () => {
    const done = rows().filter((el) => /Downloaded/.test(el.shadowRoot?.textContent ?? '')).length;
    if (done >= count) seen.doneAt = performance.now();
    return seen.doneAt !== undefined;
  });
}

/**
 * From now until `doneAt` is set: every main-thread task over 50 ms (the Long Tasks API reports no
 * shorter ones), the longest gap between two frames, and the messages the worker broadcast.
 */
export function watchResponsive(): void {
  const seen = window as unknown as Watched;
  seen.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  seen.worstFrameGap = 0;
  let last = performance.now();
  const frame = (now: number): void => {
    seen.worstFrameGap = Math.max(seen.worstFrameGap, now - last);
    last = now;
    if (seen.doneAt === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  seen.broadcasts = 0;
  new BroadcastChannel('half-tunes-downloads').addEventListener('message', () => seen.broadcasts++);
}

/**
 * The baseline, in a page of the app's origin: plain `fetch → blob() → one IndexedDB put` of each of
 * `urls`, all at once. Resolves to the seconds it took; the files are deleted after.
 */
export async function plainDownload(urls: readonly string[]): Promise<number> {
  const open = indexedDB.open('bench-plain', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('files');
  const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
  const done = (tx: IDBTransaction): Promise<unknown> => new Promise((resolve) => (tx.oncomplete = resolve));
  const started = performance.now();
  await Promise.all(
    urls.map(async (url, key) => {
      const blob = await (await fetch(url, { cache: 'no-store' })).blob();
      const tx = db.transaction('files', 'readwrite');
      tx.objectStore('files').put(blob, key);
      await done(tx);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const clear = db.transaction('files', 'readwrite');
  clear.objectStore('files').clear();
  await done(clear);
  db.close();
  return elapsed;
}

/** The SHA-256, in hex, of the song the app stored for `trackId`, as its worker serves it. */
export async function storedSha256(trackId: number): Promise<string> {
  const bytes = await (await fetch(`/offline-audio/${trackId}`)).arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether the app has `trackId` stored whole, as its download's record in IndexedDB says. Read in the
 * page, not asked of the worker: the worker would serve the file to answer, reading stored pieces of
 * 8 MiB while its memory is measured (the page-closed 1 GiB row peaked at 12.1–24.1 MiB of ArrayBuffers
 * so, at 8.3–9.1 MiB since).
 */
export async function isStored({ trackId, db }: { trackId: number; db: string }): Promise<boolean> {
  const status = await new Promise<unknown>((resolve, reject) => {
    const open = indexedDB.open(db);
    // No database yet: nothing stored, and none is made here (the app's own upgrade makes it).
    let absent = false;
    open.onupgradeneeded = () => {
      absent = true;
      open.transaction!.abort();
    };
    open.onerror = () => (absent ? resolve(undefined) : reject(open.error));
    open.onsuccess = () => {
      const connection = open.result;
      const get = connection.transaction('downloads', 'readonly').objectStore('downloads').get(trackId);
      get.onerror = () => reject(get.error);
      get.onsuccess = () => resolve((get.result as { status?: unknown } | undefined)?.status);
      get.transaction!.oncomplete = () => connection.close();
    };
  });
  return status === 'completed';
}
