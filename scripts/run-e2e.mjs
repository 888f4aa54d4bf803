// The browser tests: Playwright's own browsers (Chromium, then Firefox), then WebKit over WebDriver,
// which needs a run of its own (see playwright.config.ts). Both runs always run; either failing fails.
// Arguments go to both runs (e.g. a file name or `-g <title>`).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
let failed = false;
for (const lane of ['playwright', 'webkit']) {
  const started = Date.now();
  const run = spawnSync('npx', ['playwright', 'test', ...args], {
    stdio: 'inherit',
    env: { ...process.env, HALF_TUNES_LANE: lane },
  });
  console.log(
    `Browser tests (${lane === 'webkit' ? 'WebKit' : 'Chromium, Firefox'}): ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
