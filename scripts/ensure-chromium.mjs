// Finds Debian's Chromium for the browser tests, installing it with apt-get when running as root on a
// machine without it. Never downloads a browser build of its own (the machine has no internet).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);

const found = () => CANDIDATES.find((path) => existsSync(path));

if (!found()) {
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).');
    process.exit(1);
  }
  console.log('Installing Debian Chromium with apt-get…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
const path = found();
if (!path) {
  console.error('Chromium could not be installed.');
  process.exit(1);
}
console.log(`Browser tests use ${path}`);
