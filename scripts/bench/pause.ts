/** What a pause costs: the bytes the catalog served for paused and resumed downloads. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from '@playwright/test';
import { row } from './app.ts';
import { catalog, previewBytes } from './catalog.ts';
import { MIB, PREVIEW_BYTES } from './config.ts';
import type { EngineVariant } from './engines.ts';

/** Waits until the row's progress bar says `percent` or more. */
async function progressReaches(found: Locator, percent: number): Promise<void> {
  const bar = found.getByRole('progressbar');
  while (Number((await bar.getAttribute('aria-valuenow').catch(() => '0')) ?? 0) < percent) await sleep(50);
}

/**
 * Pauses, waits until the catalog sends nothing more, resumes and waits for the song to be stored.
 * @returns false where the song was stored before the pause reached it (no Resume comes: waiting for
 *   one hung a full run for half an hour)
 */
async function pauseAndResume(found: Locator, timeout: number): Promise<boolean> {
  await found.getByRole('button', { name: 'Pause' }).click();
  const resume = found.getByRole('button', { name: 'Resume' });
  const play = found.getByRole('button', { name: 'Play', exact: true });
  await resume.or(play).waitFor();
  if (!(await resume.isVisible())) return false;
  while ((await catalog.requests()).some((r) => r.open)) await sleep(50);
  await resume.click();
  await play.waitFor({ timeout });
  return true;
}

const TOO_LATE = 'the song was stored before the pause reached it';

/** Bytes served for a preview paused at about 30 % on a slow link and resumed, against its size. */
export async function pausedPreview(page: Page, variant: EngineVariant): Promise<string> {
  await catalog.reset();
  await catalog.setFaults({ previews: { bytesPerSecond: 200_000 } });
  const found = await row(page, 'love', 'Love on the Harbour', variant);
  await found.getByRole('button', { name: 'Download', exact: true }).click();
  await progressReaches(found, 30);
  const paused = await pauseAndResume(found, 60_000);
  const bytes = await previewBytes();
  await catalog.setFaults({});
  await found.getByRole('button', { name: 'Delete' }).click();
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  const served = `served ${bytes} bytes for ${PREVIEW_BYTES} (${(bytes / PREVIEW_BYTES).toFixed(3)}×)`;
  return `${variant.name} engine: preview paused at 30 % and resumed, ${paused ? served : TOO_LATE}`;
}

/**
 * The link of the pause at 50 %: unbounded loopback brought the rest of the file (0.4 s) before the
 * pause reached the worker in 2 full runs of 6, and the row waited for a Resume that could not come.
 */
const PAUSE_LINK_BYTES_PER_SECOND = 20_000_000;

/** Bytes fetched again after a pause at 50 % of the 64 MiB synthetic preview, on loopback at 20 MB/s. */
export async function pauseAtHalf(page: Page, variant: EngineVariant): Promise<string> {
  await catalog.reset();
  await catalog.setFaults({ previews: { bytesPerSecond: PAUSE_LINK_BYTES_PER_SECOND } });
  const found = await row(page, 'synthetic', 'Synthetic 64 MiB', variant);
  await found.getByRole('button', { name: 'Download', exact: true }).click();
  await progressReaches(found, 50);
  const paused = await pauseAndResume(found, 600_000);
  const refetched = (await previewBytes()) - 64 * MIB;
  await catalog.setFaults({});
  await found.getByRole('button', { name: 'Delete' }).click();
  await found.getByRole('button', { name: 'Download', exact: true }).waitFor();
  const again = `${refetched} bytes (${(refetched / 1024).toFixed(0)} KiB)`;
  return `${variant.name} engine: pause at 50 % of 64 MiB, fetched again (20 MB/s): ${paused ? again : TOO_LATE}`;
}
