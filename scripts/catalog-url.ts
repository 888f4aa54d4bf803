/** Hosts that are this machine: the only ones a catalog may be reached on over plain `http:`. */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * Where searches go. `configured` (`HALF_TUNES_CATALOG`) wins; else a production build talks to Apple
 * and `--mode demo` (what `npm start` and the tests use) to the demo catalog mounted at `demoPath`.
 * A configured catalog must be `https:` unless it is on this machine: the app runs its JSONP answers
 * as script, so one reached over plain http on a network could be anyone's.
 * @throws when `configured` is no such URL
 */
export function catalogUrl(configured: string | undefined, mode: string, demoPath: string): string {
  const value = configured?.trim().replace(/\/+$/, '');
  if (!value) return mode === 'production' ? 'https://itunes.apple.com' : demoPath;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`HALF_TUNES_CATALOG must be an absolute URL, got "${value}"`);
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname));
  if (!secure || url.username || url.password || url.search || url.hash) {
    throw new Error(
      `HALF_TUNES_CATALOG must be an https: URL (http: only on this machine: localhost, 127.x.x.x, [::1]) without credentials, query or fragment, got "${value}"`,
    );
  }
  return value;
}
