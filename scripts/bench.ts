/**
 * Download benchmarks (timing lives here, not in the tests): `npm run bench`.
 * Builds the app against the demo catalog on another origin (as production has Apple's previews),
 * serves both, and in Debian's Chromium measures, per engine:
 * - tap to first progress: from the click on Download to the row's first percentage above zero,
 *   in a new browser context each time (the first download of a session);
 * - the bytes the catalog served for one paused and resumed preview, against its size;
 * - the bytes fetched again after a pause at 50 % of the 64 MiB synthetic preview;
 * - on a phone's link (1.5 MB/s shared by every connection, 150 ms per request, preflights
 *   included): one preview, and the ten previews of "love" tapped together;
 * - the time to download the 64 MiB, 256 MiB and 1 GiB synthetic previews on loopback;
 * - "Download all" of 50 results on the phone link: main-thread tasks over 50 ms while progress
 *   arrives, and the longest gap between frames (`npm run bench -- batch`);
 * each against plain `fetch → blob() → one IndexedDB put` of the same files in the same run, and each
 * stored file's SHA-256 checked against the catalog's.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, execFile, execSync, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser.ts';

const APP = 'http://127.0.0.1:4199';
const CATALOG = 'http://127.0.0.1:4198';
const MIB = 1024 * 1024;
const execFileAsync = promisify(execFile);
/** `npm run bench -- phone loopback pause` runs only those parts (all by default). */
const PARTS = process.argv.slice(2);
const wanted = (part: string): boolean => PARTS.length === 0 || PARTS.includes(part);
const PREVIEW_BYTES = 960_044;
const TRIALS = 5;

interface Served {
  path: string;
  bytes: number;
  open: boolean;
}

/** The demo catalog takes changes only as JSON (see README, "Fault switches"). */
const control = async (path: string, init?: RequestInit): Promise<Response> =>
  fetch(`${CATALOG}/__control/${path}`, { ...init, headers: { 'Content-Type': 'application/json' } });
const reset = (): Promise<Response> => control('reset', { method: 'POST' });
const served = async (): Promise<Served[]> =>
  ((await (await control('stats')).json()) as { requests: Served[] }).requests;
const previewBytes = async (): Promise<number> =>
  (await served()).filter((r) => r.path.startsWith('/previews/')).reduce((sum, r) => sum + r.bytes, 0);

/** A phone's link: what `npm run bench` calls "phone link". */
const PHONE_LINK = { bytesPerSecond: 1_500_000, latencyMs: 150 };
const setLink = (link: object | null): Promise<Response> =>
  link ? control('link', { method: 'PUT', body: JSON.stringify(link) }) : control('link', { method: 'DELETE' });

interface Song {
  trackId: number;
  trackName: string;
  previewUrl: string;
}
const songs = async (term: string): Promise<Song[]> =>
  ((await (await fetch(`${CATALOG}/search?term=${term}&entity=song&limit=50`)).json()) as { results: Song[] }).results;

const sha256Of = async (url: string): Promise<string> =>
  createHash('sha256')
    .update(Buffer.from(await (await fetch(url)).arrayBuffer()))
    .digest('hex');

/** Fails the benchmark unless every song is stored byte for byte as the catalog has it. */
async function verifyStored(page: Page, stored: readonly Song[]): Promise<void> {
  for (const song of stored) {
    const kept = await page.evaluate(async (trackId) => {
      const bytes = await (await fetch(`/offline-audio/${trackId}`)).arrayBuffer();
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    }, song.trackId);
    if (kept !== (await sha256Of(song.previewUrl))) throw new Error(`${song.trackName} was stored wrong`);
  }
}

const ENGINES = { 'Background Fetch': '/', 'Range-chunk': '/?engine=range' } as const;
type Engine = keyof typeof ENGINES;

async function row(page: Page, term: string, name: string, engine: Engine) {
  await page.goto(`${APP}${ENGINES[engine]}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill(term);
  await box.press('Enter');
  const found = page.getByRole('listitem').filter({ hasText: name });
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  return found;
}

/** Page script: the song rows of the search results (the library shows downloads as rows too). */
const ROWS = `const rows = (root) => [...root.querySelectorAll('*')].flatMap((el) => [
    ...(el.localName === 'ht-track-row' ? [el] : []),
    ...(el.shadowRoot ? rows(el.shadowRoot) : []),
  ]);
  const resultRows = () => rows(document).filter((el) => el.getRootNode().host?.localName === 'ht-search');`;

/**
 * Page script: notes the time of the next click and of the first frame where a song row shows a
 * percentage above zero or "Downloaded". A string, so the bundler's helpers never reach the page.
 */
const WATCH_FIRST_PROGRESS = `(() => {
  document.addEventListener('click', () => (window.tapAt ??= performance.now()), { capture: true });
  ${ROWS}
  const check = () => {
    const shows = resultRows().some((el) => {
      const bar = el.shadowRoot?.querySelector('progress');
      return (bar && Number(bar.getAttribute('value')) > 0) || /Downloaded/.test(el.shadowRoot?.textContent ?? '');
    });
    if (window.tapAt !== undefined && shows) window.shownAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Tap to first visible progress of one preview, each trial in a new context (a new session). */
async function firstProgress(browser: Browser, engine: Engine): Promise<string> {
  const times: number[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    await reset();
    const context = await browser.newContext();
    const page = await context.newPage();
    const found = await row(page, 'love', 'Love on the Harbour', engine);
    // Timed in the page: from the click to the first frame whose row shows bytes (or the song done).
    await page.evaluate(WATCH_FIRST_PROGRESS);
    await found.getByRole('button', { name: 'Download', exact: true }).click();
    await page.waitForFunction(() => (window as unknown as { shownAt?: number }).shownAt !== undefined);
    times.push(
      await page.evaluate(() => {
        const seen = window as unknown as { tapAt: number; shownAt: number };
        return seen.shownAt - seen.tapAt;
      }),
    );
    await found.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 60_000 });
    await context.close();
  }
  const shown = times.map((ms) => ms.toFixed(0)).join(', ');
  return `${engine} engine: tap to first progress, median ${median(times).toFixed(0)} ms (${shown} ms)`;
}

/** Bytes served for a preview paused at about 30 % on a slow link and resumed, against its size. */
async function pausedPreview(page: Page, engine: Engine): Promise<string> {
  await reset();
  await control('faults', { method: 'PUT', body: JSON.stringify({ previews: { bytesPerSecond: 200_000 } }) });
  const found = await row(page, 'love', 'Love on the Harbour', engine);
  await found.getByRole('button', { name: 'Download', exact: true }).click();
  const bar = found.getByRole('progressbar');
  while (Number((await bar.getAttribute('aria-valuenow').catch(() => '0')) ?? 0) < 30) await sleep(50);
  await found.getByRole('button', { name: 'Pause' }).click();
  await found.getByRole('button', { name: 'Resume' }).waitFor();
  while ((await served()).some((r) => r.open)) await sleep(50);
  await found.getByRole('button', { name: 'Resume' }).click();
  await found.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 60_000 });
  const bytes = await previewBytes();
  await control('faults', { method: 'DELETE' });
  await found.getByRole('button', { name: 'Delete' }).click();
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  return `${engine} engine: preview paused at 30 % and resumed, served ${bytes} bytes for ${PREVIEW_BYTES} (${(bytes / PREVIEW_BYTES).toFixed(3)}×)`;
}

async function pauseAtHalf(page: Page, engine: Engine): Promise<string> {
  await reset();
  const found = await row(page, 'synthetic', 'Synthetic 64 MiB', engine);
  await found.getByRole('button', { name: 'Download', exact: true }).click();
  const bar = found.getByRole('progressbar');
  while (Number((await bar.getAttribute('aria-valuenow').catch(() => '0')) ?? 0) < 50) await sleep(50);
  await found.getByRole('button', { name: 'Pause' }).click();
  await found.getByRole('button', { name: 'Resume' }).waitFor();
  while ((await served()).some((r) => r.open)) await sleep(50);
  await found.getByRole('button', { name: 'Resume' }).click();
  await found.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 600_000 });
  const refetched = (await previewBytes()) - 64 * MIB;
  await found.getByRole('button', { name: 'Delete' }).click();
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  return `${engine} engine: pause at 50 % of 64 MiB, fetched again: ${refetched} bytes (${(refetched / 1024).toFixed(0)} KiB)`;
}

/**
 * The baseline, run in a page of the app's origin: plain `fetch → blob() → one IndexedDB put` of each
 * file, all at once. A string, so the bundler's helpers never reach the page. Resolves to seconds.
 */
const PLAIN = `(async (urls) => {
  const open = indexedDB.open('bench-plain', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('files');
  const db = await new Promise((resolve) => (open.onsuccess = () => resolve(open.result)));
  const done = (tx) => new Promise((resolve) => (tx.oncomplete = resolve));
  const started = performance.now();
  await Promise.all(urls.map(async (url, key) => {
    const blob = await (await fetch(url, { cache: 'no-store' })).blob();
    const tx = db.transaction('files', 'readwrite');
    tx.objectStore('files').put(blob, key);
    await done(tx);
  }));
  const elapsed = (performance.now() - started) / 1000;
  const clear = db.transaction('files', 'readwrite');
  clear.objectStore('files').clear();
  await done(clear);
  db.close();
  return elapsed;
})`;

/** A page to measure in, and how to put it away. */
type Session = () => Promise<{ page: Page; close(): Promise<void> }>;

/** A new incognito context each time: a new session with new connections and empty storage. */
const freshSession =
  (browser: Browser): Session =>
  async () => {
    const context = await browser.newContext();
    return { page: await context.newPage(), close: () => context.close() };
  };

/** Plain's time for `urls`, each trial in a new session: median of three. */
async function timePlain(session: Session, urls: readonly string[]): Promise<number> {
  const seconds: number[] = [];
  for (let trial = 0; trial < 3; trial++) {
    const { page, close } = await session();
    await page.goto(APP);
    seconds.push((await page.evaluate(`${PLAIN}(${JSON.stringify(urls)})`)) as number);
    await close();
  }
  return median(seconds);
}

/**
 * Page script: taps Download on every row of the results in one task (a person tapping them all),
 * and notes when `count` rows say "Downloaded".
 */
const TAP_ALL_AND_WATCH = `((count) => {
  ${ROWS}
  const check = () => {
    const done = resultRows().filter((el) => /Downloaded/.test(el.shadowRoot?.textContent ?? '')).length;
    if (done >= count) window.doneAt = performance.now();
    else requestAnimationFrame(check);
  };
  window.tapAt = performance.now();
  for (const row of resultRows()) {
    const button = [...row.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Download');
    button?.click();
  }
  requestAnimationFrame(check);
})`;

/** One engine's time for the first `count` songs of `term`, tapped together in a new session: median of three. */
async function timeTapped(browser: Browser, engine: Engine, term: string, wanted: readonly Song[]): Promise<number> {
  const seconds: number[] = [];
  for (let trial = 0; trial < 3; trial++) {
    await setLink(null);
    const context = await browser.newContext();
    const page = await context.newPage();
    await row(page, term, wanted[0]!.trackName, engine);
    await setLink(PHONE_LINK);
    await page.evaluate(`${TAP_ALL_AND_WATCH}(${wanted.length})`);
    seconds.push(await tapToDone(page, 120_000));
    await setLink(null);
    await verifyStored(page, wanted);
    await context.close();
  }
  return median(seconds);
}

/** Seconds from the tap to "Downloaded", as the page's watch scripts noted them. */
async function tapToDone(page: Page, timeout: number): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { doneAt?: number }).doneAt !== undefined, null, {
    timeout,
    polling: 100,
  });
  return page.evaluate(() => {
    const seen = window as unknown as { tapAt: number; doneAt: number };
    return (seen.doneAt - seen.tapAt) / 1000;
  });
}

/** Resident bytes of every process of the browser whose profile is `profileDir` (Linux `ps`). */
async function residentOf(profileDir: string): Promise<number> {
  const { stdout } = await execFileAsync('ps', ['-eo', 'pid=,ppid=,rss=,args=']);
  const rows = stdout
    .trim()
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map(([, pid, ppid, rss, args]) => ({
      pid: Number(pid),
      ppid: Number(ppid),
      rss: Number(rss) * 1024,
      args: args!,
    }));
  const family = new Set(
    rows.filter((row) => row.args.includes(`--user-data-dir=${profileDir}`)).map((row) => row.pid),
  );
  // The browser's children (renderers, the GPU and network processes) and theirs.
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (family.has(row.ppid) && !family.has(row.pid)) {
        family.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((row) => family.has(row.pid)).reduce((sum, row) => sum + row.rss, 0);
}

let PROFILE_DIR = '';

/** Samples the on-disk profile's resident memory every 100 ms; the returned stop gives the peak growth. */
async function watchResident(): Promise<() => number> {
  const before = await residentOf(PROFILE_DIR);
  let peak = before;
  let sampling = true;
  void (async () => {
    while (sampling) {
      peak = Math.max(peak, await residentOf(PROFILE_DIR));
      await sleep(100);
    }
  })();
  return () => {
    sampling = false;
    return peak - before;
  };
}

const ratio = (seconds: number, plain: number): string => `${seconds.toFixed(2)} s (${(seconds / plain).toFixed(2)}×)`;

/** The phone link's rows of the table: one preview, then the ten previews of "love" tapped together. */
async function phoneLink(browser: Browser): Promise<string[]> {
  const love = await songs('love');
  const lines: string[] = [];
  for (const [label, wanted] of [
    ['one preview', love.slice(0, 1)],
    [`${love.length} previews tapped together`, love],
  ] as const) {
    await reset();
    await setLink(PHONE_LINK);
    const plain = await timePlain(
      freshSession(browser),
      wanted.map((song) => song.previewUrl),
    );
    const cells = [];
    for (const engine of Object.keys(ENGINES) as Engine[]) {
      // Tapping every row downloads all of them; one preview is the first row alone.
      const timed =
        wanted.length === 1
          ? await timeOne(browser, engine, wanted[0]!)
          : await timeTapped(browser, engine, 'love', wanted);
      cells.push(ratio(timed, plain));
    }
    lines.push(`| ${label}, phone link | ${plain.toFixed(2)} s | ${cells.join(' | ')} |`);
    console.log(lines.at(-1));
  }
  await setLink(null);
  return lines;
}

/** One engine's time for one song, from the tap to "Downloaded", in a new session: median of three. */
async function timeOne(browser: Browser, engine: Engine, song: Song): Promise<number> {
  const seconds: number[] = [];
  for (let trial = 0; trial < 3; trial++) {
    await setLink(null);
    const context = await browser.newContext();
    const page = await context.newPage();
    const found = await row(page, 'love', song.trackName, engine);
    await setLink(PHONE_LINK);
    await page.evaluate(WATCH_FIRST_PROGRESS);
    await page.evaluate(`(${WATCH_DONE})()`);
    await found.getByRole('button', { name: 'Download', exact: true }).click();
    seconds.push(await tapToDone(page, 60_000));
    await setLink(null);
    await verifyStored(page, [song]);
    await context.close();
  }
  return median(seconds);
}

/** Page script: notes when a row first says "Downloaded" (after WATCH_FIRST_PROGRESS noted the tap). */
const WATCH_DONE = `() => {
  ${ROWS}
  const check = () => {
    if (resultRows().some((el) => /Downloaded/.test(el.shadowRoot?.textContent ?? ''))) window.doneAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}`;

/** The catalog's requests since `tapped` (this process's clock), for `npm run bench -- loopback timeline`. */
async function printTimeline(tapped: number): Promise<void> {
  const origin = Date.now() - (performance.now() - tapped);
  const requests = (await served()) as (Served & {
    method: string;
    range: string | null;
    startedAt: number;
    endedAt: number | null;
  })[];
  for (const r of requests.filter((request) => request.path.startsWith('/previews/')).slice(0, 6)) {
    console.log(
      `  ${r.method} ${r.range ?? ''} ${(r.startedAt - origin).toFixed(0)}–${((r.endedAt ?? Date.now()) - origin).toFixed(0)} ms`,
    );
  }
}

/** One engine's time for a synthetic preview on loopback, as a row cell against plain's. */
async function timeDownload(page: Page, song: Song, engine: Engine, plain: number): Promise<string> {
  await reset();
  const found = await row(page, 'synthetic', song.trackName, engine);
  const started = performance.now();
  // Timed in the page, as plain is: from the tap to the frame that shows "Downloaded".
  const stopWatching = await watchResident();
  await page.evaluate(WATCH_FIRST_PROGRESS);
  await page.evaluate(`(${WATCH_DONE})()`);
  await found.getByRole('button', { name: 'Download', exact: true }).click();
  const seconds = await tapToDone(page, 900_000);
  const memory = stopWatching();
  if (PARTS.includes('timeline')) await printTimeline(started);
  const size = Number((await fetch(song.previewUrl, { method: 'HEAD' })).headers.get('content-length'));
  const served = (await previewBytes()) / size;
  await verifyStored(page, [song]);
  await found.getByRole('button', { name: 'Delete' }).click();
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  const cell = `${ratio(seconds, plain)}, +${(memory / MIB).toFixed(0)} MiB resident`;
  return `${cell}${served > 1.01 ? `, ${served.toFixed(2)}× the file served` : ''}`;
}

/**
 * Page script: from now until the page sets `window.doneAt`, every main-thread task over 50 ms (the
 * Long Tasks API reports no shorter ones), the longest gap between two frames, and the messages the
 * worker broadcast.
 */
const WATCH_RESPONSIVE = `(() => {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  window.worstFrameGap = 0;
  let last = performance.now();
  const frame = (now) => {
    window.worstFrameGap = Math.max(window.worstFrameGap, now - last);
    last = now;
    if (window.doneAt === undefined) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.broadcasts = 0;
  new BroadcastChannel('half-tunes-downloads').addEventListener('message', () => window.broadcasts++);
})()`;

const BATCH_SIZE = 50;

/**
 * "Download all" of 50 search results on the phone link, each trial in a new session: the time to
 * "Downloaded", and whether the page stayed responsive while progress arrived (issue 12: no task
 * over 50 ms).
 */
async function batchOfFifty(browser: Browser, engine: Engine): Promise<string> {
  const trials = [];
  for (let trial = 0; trial < 3; trial++) trials.push(await batchTrial(browser, engine));
  const tasks = trials.flatMap((trial) => trial.longTasks);
  const longest = tasks.length ? `, the longest ${Math.max(...tasks).toFixed(0)} ms` : '';
  return (
    `| ${BATCH_SIZE} songs with "Download all", phone link, ${engine} | ` +
    `${median(trials.map((trial) => trial.seconds)).toFixed(1)} s | ${tasks.length} main-thread tasks over 50 ms${longest}; ` +
    `longest gap between frames ${Math.max(...trials.map((trial) => trial.worstFrameGap)).toFixed(0)} ms; ` +
    `${median(trials.map((trial) => trial.broadcasts))} worker messages |`
  );
}

interface BatchTrial {
  seconds: number;
  longTasks: number[];
  worstFrameGap: number;
  broadcasts: number;
}

async function batchTrial(browser: Browser, engine: Engine): Promise<BatchTrial> {
  await reset();
  // Fifty songs of the catalog's own previews, as the real service answers a search with 50 results.
  const love = (await (await fetch(`${CATALOG}/search?term=love&entity=song`)).json()) as { results: object[] };
  const items = Array.from({ length: BATCH_SIZE }, (_, index) => ({
    ...love.results[index % love.results.length],
    trackId: 5_000_000 + index,
    trackName: `Fiftyfold ${index + 1}`,
  }));
  await control('extra-results', { method: 'PUT', body: JSON.stringify(items) });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${APP}${ENGINES[engine]}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('fiftyfold');
  await box.press('Enter');
  await page.getByRole('button', { name: 'Download all' }).waitFor();
  await setLink(PHONE_LINK);
  await page.evaluate(WATCH_RESPONSIVE);
  const started = performance.now();
  await page.getByRole('button', { name: 'Download all' }).click();
  await page.getByRole('button', { name: 'Downloaded', exact: true }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const seen = await page.evaluate(() => {
    const watched = window as unknown as { longTasks: number[]; worstFrameGap: number; broadcasts: number };
    (window as unknown as { doneAt: number }).doneAt = performance.now();
    return { longTasks: watched.longTasks, worstFrameGap: watched.worstFrameGap, broadcasts: watched.broadcasts };
  });
  await setLink(null);
  await verifyStored(
    page,
    items.map((item) => item as unknown as Song),
  );
  await context.close();
  return { seconds, ...seen };
}

async function waitFor(url: string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

execSync('npx vite build --mode demo --outDir dist-bench', {
  stdio: 'ignore',
  env: { ...process.env, HALF_TUNES_CATALOG: CATALOG },
});
const servers: ChildProcess[] = [
  spawn('npx', ['tsx', 'server/standalone.ts', '--port', new URL(CATALOG).port], { stdio: 'ignore', detached: true }),
  spawn(
    'npx',
    ['vite', 'preview', '--mode', 'demo', '--outDir', 'dist-bench', '--host', '127.0.0.1', '--port', new URL(APP).port],
    { stdio: 'ignore', detached: true },
  ),
];
try {
  await waitFor(`${CATALOG}/search?term=love`);
  await waitFor(APP);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const engines = Object.keys(ENGINES) as Engine[];
  console.log(
    `| scenario | plain | ${engines.join(' engine | ')} engine |\n|---|---|${engines.map(() => '---|').join('')}`,
  );
  if (wanted('phone')) await phoneLink(browser);
  if (wanted('batch')) {
    console.log(
      '\n| batch (3 trials) | to "Downloaded" (median) | while progress arrived (all trials) |\n|---|---|---|',
    );
    for (const engine of engines) console.log(await batchOfFifty(browser, engine));
    console.log();
  }
  // Big files in a profile on disk, as a person's browser has (an incognito context keeps storage in memory).
  PROFILE_DIR = mkdtempSync(join(tmpdir(), 'bench-profile-'));
  const profile = await chromium.launchPersistentContext(PROFILE_DIR, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  const onDisk: Session = async () => {
    const page = await profile.newPage();
    return { page, close: () => page.close() };
  };
  const page = (await onDisk()).page;
  const big = (await songs('synthetic')).filter((found) => /^Synthetic \d+ MiB$/.test(found.trackName));
  for (const song of wanted('loopback') ? big : []) {
    const plain = await timePlain(onDisk, [song.previewUrl]);
    const cells = [];
    for (const engine of engines) cells.push(await timeDownload(page, song, engine, plain));
    console.log(
      `| ${song.trackName.replace('Synthetic ', '')}, loopback | ${plain.toFixed(2)} s | ${cells.join(' | ')} |`,
    );
  }
  for (const engine of wanted('pause') ? engines : []) {
    console.log(await firstProgress(browser, engine));
    console.log(await pausedPreview(page, engine));
    console.log(await pauseAtHalf(page, engine));
  }
  await profile.close();
  await browser.close();
} finally {
  for (const server of servers) process.kill(-server.pid!);
}
