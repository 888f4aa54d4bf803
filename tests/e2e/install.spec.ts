import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { APP_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from './browser.ts';
import { expect, test, waitForServiceWorker } from './fixtures.ts';

interface ManifestImage {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's header. */
const pngSize = (bytes: Buffer): string => `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;

test('the manifest and its icons load, with everything installing needs', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as Record<string, unknown> & {
    icons: ManifestImage[];
    screenshots: ManifestImage[];
  };
  expect(manifest).toMatchObject({
    name: 'Half Tunes',
    short_name: 'Half Tunes',
    display: 'standalone',
    start_url: '/',
    scope: '/',
  });
  for (const key of ['description', 'theme_color', 'background_color']) expect(manifest[key]).toBeTruthy();
  expect(manifest.icons.map((icon) => `${icon.sizes}/${icon.purpose}`)).toEqual(
    expect.arrayContaining(['192x192/any', '512x512/any', '512x512/maskable']),
  );
  expect(manifest.screenshots.map((shot) => (shot as { form_factor?: string }).form_factor)).toEqual([
    'narrow',
    'wide',
  ]);
  for (const image of [...manifest.icons, ...manifest.screenshots]) {
    const file = await request.get(image.src);
    expect(file.ok(), image.src).toBe(true);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(pngSize(await file.body()), image.src).toBe(image.sizes);
  }
});

test('Chromium reports no installability errors', async () => {
  // Installability is only judged in a persistent (non-incognito) profile.
  const profile = mkdtempSync(join(tmpdir(), 'half-tunes-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await context.newPage();
    await page.goto(APP_URL);
    await waitForServiceWorker(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
