/**
 * Download benchmarks (timing lives here, not in the tests): `npm run bench`.
 * Builds the app, serves it with the demo catalog, and in Debian's Chromium measures, per engine:
 * - the bytes fetched again after a pause at 50 % of the 64 MiB synthetic preview;
 * - the time to download the 64 MiB and 256 MiB synthetic previews.
 */
import { spawn, execSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser.ts';

const PORT = 4199;
const APP = `http://127.0.0.1:${PORT}`;
const MIB = 1024 * 1024;

interface Served {
  path: string;
  bytes: number;
  open: boolean;
}

/** The demo catalog takes changes only as JSON (see README, "Fault switches"). */
const control = async (path: string, init?: RequestInit): Promise<Response> =>
  fetch(`${APP}/catalog/__control/${path}`, { ...init, headers: { 'Content-Type': 'application/json' } });
const served = async (): Promise<Served[]> =>
  ((await (await control('stats')).json()) as { requests: Served[] }).requests;
const previewBytes = async (): Promise<number> =>
  (await served()).filter((r) => r.path.startsWith('/previews/')).reduce((sum, r) => sum + r.bytes, 0);

const ENGINES = { 'Background Fetch': '/', 'Range-chunk': '/?engine=range' } as const;
type Engine = keyof typeof ENGINES;

async function row(page: Page, name: string, engine: Engine) {
  await page.goto(`${APP}${ENGINES[engine]}`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('synthetic');
  await box.press('Enter');
  const found = page.getByRole('listitem').filter({ hasText: name });
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  return found;
}

async function pauseAtHalf(page: Page, engine: Engine): Promise<string> {
  await control('reset', { method: 'POST' });
  const found = await row(page, 'Synthetic 64 MiB', engine);
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

async function timeDownload(page: Page, mebibytes: number, engine: Engine): Promise<string> {
  await control('reset', { method: 'POST' });
  const found = await row(page, `Synthetic ${mebibytes} MiB`, engine);
  const started = performance.now();
  await found.getByRole('button', { name: 'Download', exact: true }).click();
  await found.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  await found.getByRole('button', { name: 'Delete' }).click();
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  return `${engine} engine: ${mebibytes} MiB in ${seconds.toFixed(1)} s (${(mebibytes / seconds).toFixed(0)} MiB/s)`;
}

execSync('npx vite build --mode demo', { stdio: 'ignore' });
const server = spawn(
  'npx',
  ['vite', 'preview', '--mode', 'demo', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
    detached: true,
  },
);
try {
  for (let tries = 0; tries < 100; tries++) {
    if (
      await fetch(APP).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await sleep(100);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  for (const engine of Object.keys(ENGINES) as Engine[]) {
    console.log(await pauseAtHalf(page, engine));
    for (const size of [64, 256]) console.log(await timeDownload(page, size, engine));
  }
  await browser.close();
} finally {
  process.kill(-server.pid!);
}
