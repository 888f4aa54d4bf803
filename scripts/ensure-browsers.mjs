// Finds Debian's browsers for the browser tests (`chromium`, `firefox-esr`, `webkit`), installing what
// is missing with apt-get when running as root. Never downloads a browser build of its own (the
// machine has no internet). Usage: node scripts/ensure-browsers.mjs chromium firefox-esr webkit
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Python with GObject's WebKitGTK bindings, which our WebKit launcher needs. */
const hasWebKitBindings = () => {
  try {
    execFileSync('/usr/bin/python3', ['-c', "import gi; gi.require_version('WebKit2', '4.1')"], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * Each browser: where it is (first match wins; the environment variable overrides), what else must be
 * there, and the Debian packages that provide it all.
 */
const BROWSERS = {
  chromium: {
    paths: [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'],
    packages: ['chromium'],
  },
  'firefox-esr': { paths: [process.env.FIREFOX_ESR_PATH, '/usr/bin/firefox-esr'], packages: ['firefox-esr'] },
  // WebKitGTK driven by WebKitWebDriver through scripts/webkit-launcher.py, on an Xvfb display, with
  // GStreamer's decoders for <audio>.
  webkit: {
    paths: ['/usr/bin/WebKitWebDriver'],
    also: () => existsSync('/usr/bin/Xvfb') && hasWebKitBindings(),
    packages: [
      'webkit2gtk-driver',
      'gir1.2-webkit2-4.1',
      'python3-gi',
      'xvfb',
      'gstreamer1.0-libav',
      'gstreamer1.0-plugins-good',
      'gstreamer1.0-plugins-base',
    ],
  },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BROWSERS));
if (unknown.length > 0) {
  console.error(`Unknown browser: ${unknown.join(', ')} (known: ${Object.keys(BROWSERS).join(', ')})`);
  process.exit(2);
}
const found = (name) => {
  const { paths, also = () => true } = BROWSERS[name];
  const path = paths.filter(Boolean).find((candidate) => existsSync(candidate));
  return path && also() ? path : undefined;
};
const missing = wanted.filter((name) => !found(name));

if (missing.length > 0) {
  const packages = missing.flatMap((name) => BROWSERS[name].packages);
  if (process.getuid?.() !== 0) {
    console.error(`Missing: ${missing.join(', ')}. Install with: sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}
for (const name of wanted) {
  const path = found(name);
  if (!path) {
    console.error(`${name} could not be installed.`);
    process.exit(1);
  }
  console.log(`Browser tests use ${path}`);
}
