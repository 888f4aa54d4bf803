// Finds Debian's browsers for the browser tests (`chromium`, `firefox-esr`), installing what is missing
// with apt-get when running as root. Never downloads a browser build of its own (the machine has no
// internet). Usage: node scripts/ensure-browsers.mjs chromium firefox-esr
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where each browser is, first match wins; the environment variable overrides. */
const BROWSERS = {
  chromium: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'],
  'firefox-esr': [process.env.FIREFOX_ESR_PATH, '/usr/bin/firefox-esr'],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BROWSERS));
if (unknown.length > 0) {
  console.error(`Unknown browser: ${unknown.join(', ')} (known: ${Object.keys(BROWSERS).join(', ')})`);
  process.exit(2);
}
const found = (name) => BROWSERS[name].filter(Boolean).find((path) => existsSync(path));
const missing = wanted.filter((name) => !found(name));

if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`Missing: ${missing.join(', ')}. Install with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
}
for (const name of wanted) {
  const path = found(name);
  if (!path) {
    console.error(`${name} could not be installed.`);
    process.exit(1);
  }
  console.log(`Browser tests use ${path}`);
}
