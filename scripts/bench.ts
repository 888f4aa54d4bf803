/**
 * Download benchmarks (timing lives here, not in the tests): `npm run bench`.
 * Builds the app against the demo catalog on another origin (as production has Apple's previews),
 * serves both, and in Debian's Chromium measures, per engine:
 * - tap to first progress: from the click on Download to the row's first percentage above zero,
 *   in a new browser context each time (the first download of a session);
 * - the bytes the catalog served for one paused and resumed preview, against its size;
 * - the bytes fetched again after a pause at 50 % of the 64 MiB synthetic preview;
 * - the time to download the 64 MiB and 256 MiB synthetic previews.
 */
import { spawn, execSync, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser.ts';

const APP = 'http://127.0.0.1:4199';
const CATALOG = 'http://127.0.0.1:4198';
const MIB = 1024 * 1024;
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

/**
 * Page script: notes the time of the next click and of the first frame where a song row shows a
 * percentage above zero or "Downloaded". A string, so the bundler's helpers never reach the page.
 */
const WATCH_FIRST_PROGRESS = `(() => {
  document.addEventListener('click', () => (window.tapAt ??= performance.now()), { capture: true });
  const rows = (root) => [...root.querySelectorAll('*')].flatMap((el) => [
    ...(el.localName === 'ht-track-row' ? [el] : []),
    ...(el.shadowRoot ? rows(el.shadowRoot) : []),
  ]);
  const check = () => {
    const shows = rows(document).some((el) => {
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
 * The baseline: plain `fetch → blob() → one IndexedDB put` of the same file, in the same page, from
 * the same cross-origin catalog (median of three).
 */
async function timePlain(page: Page, mebibytes: number): Promise<number> {
  await page.goto(APP);
  const seconds: number[] = [];
  for (let trial = 0; trial < 3; trial++) {
    seconds.push(
      await page.evaluate(
        async ({ catalog, name }) => {
          const search = await (await fetch(`${catalog}/search?term=synthetic&entity=song&limit=50`)).json();
          const { previewUrl } = (search.results as { trackName: string; previewUrl: string }[]).find(
            (result) => result.trackName === name,
          )!;
          const open = indexedDB.open('bench-plain', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('files');
          const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
          const started = performance.now();
          const blob = await (await fetch(previewUrl, { cache: 'no-store' })).blob();
          const tx = db.transaction('files', 'readwrite');
          tx.objectStore('files').put(blob, 1);
          await new Promise((resolve) => (tx.oncomplete = resolve));
          const elapsed = (performance.now() - started) / 1000;
          const clear = db.transaction('files', 'readwrite');
          clear.objectStore('files').clear();
          await new Promise((resolve) => (clear.oncomplete = resolve));
          db.close();
          return elapsed;
        },
        { catalog: CATALOG, name: `Synthetic ${mebibytes} MiB` },
      ),
    );
  }
  return median(seconds);
}

const plainSeconds = new Map<number, number>();

async function timeDownload(page: Page, mebibytes: number, engine: Engine): Promise<string> {
  await reset();
  const found = await row(page, 'synthetic', `Synthetic ${mebibytes} MiB`, engine);
  const started = performance.now();
  await found.getByRole('button', { name: 'Download', exact: true }).click();
  await found.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const bytes = await previewBytes();
  await found.getByRole('button', { name: 'Delete' }).click();
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  const plain = plainSeconds.get(mebibytes) ?? Number.NaN;
  return `${engine} engine: ${mebibytes} MiB in ${seconds.toFixed(2)} s (${(seconds / plain).toFixed(2)}× plain's ${plain.toFixed(2)} s), served ${(bytes / (mebibytes * MIB)).toFixed(3)}× the file`;
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
  for (const engine of Object.keys(ENGINES) as Engine[]) console.log(await firstProgress(browser, engine));
  const page = await browser.newPage();
  for (const size of [64, 256]) plainSeconds.set(size, await timePlain(page, size));
  for (const engine of Object.keys(ENGINES) as Engine[]) {
    console.log(await pausedPreview(page, engine));
    console.log(await pauseAtHalf(page, engine));
    for (const size of [64, 256]) console.log(await timeDownload(page, size, engine));
  }
  await browser.close();
} finally {
  for (const server of servers) process.kill(-server.pid!);
}
