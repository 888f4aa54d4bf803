/**
 * Which hosts the app accepts preview and artwork URLs from. Anything else a catalog answers with is
 * dropped (previews) or replaced by the placeholder (artwork): the network is untrusted.
 */

/*
 * Apple's hosts, written once for both uses: the check below and the page's Content-Security-Policy
 * (scripts/csp.ts). `#` stands for a number (`a1815`, `is3`); in the policy its label becomes `*`.
 */

/** Apple's preview hosts, current (`audio-ssl`) and older. */
export const APPLE_PREVIEW_HOSTS = ['audio-ssl.itunes.apple.com', 'audio.itunes.apple.com', 'a#.phobos.apple.com'];

/** Apple's artwork hosts: `is1-ssl.mzstatic.com`, older `is1.mzstatic.com`. */
export const APPLE_ARTWORK_HOSTS = ['is#-ssl.mzstatic.com', 'is#.mzstatic.com'];

/** Apple's store pages, which song and album links may lead to (opened in a new tab, never fetched). */
export const APPLE_STORE_HOSTS = ['music.apple.com', 'itunes.apple.com', 'geo.music.apple.com'];

/**
 * The schemes a catalog's URLs may have. Apple's older answers still say `http:` for hosts that serve
 * HTTPS too: those are upgraded, as a page over HTTPS may not fetch media over HTTP (mixed content, a
 * failure that looks like a lost connection), so the page and the policy only ever meet `https:`.
 */
const SCHEMES = ['https:', 'http:'];

const hostPattern = (host: string): RegExp => new RegExp(`^${host.replaceAll('.', '\\.').replaceAll('#', '\\d+')}$`);

/** The policy's host-sources for `hosts`, e.g. `https://*.phobos.apple.com`. */
export function cspSources(hosts: readonly string[]): string[] {
  const wildcarded = hosts.map((host) =>
    host
      .split('.')
      .map((label) => (label.includes('#') ? '*' : label))
      .join('.'),
  );
  return [...new Set(wildcarded)].map((host) => `https://${host}`);
}

/** The catalog's origin, an absolute URL even when the catalog is a path on our own origin. */
export function catalogBase(configured: string, appOrigin: string): URL {
  return new URL(configured.replace(/\/*$/, '/'), appOrigin);
}

function parseHttpUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return SCHEMES.includes(url.protocol) ? url : null;
  } catch {
    return null;
  }
}

function allowed(value: unknown, hosts: readonly string[], catalogOrigin: string): string | null {
  const url = parseHttpUrl(value);
  if (!url || url.username || url.password) return null;
  // The catalog's own origin is as configured (the demo catalog's is `http:` on loopback).
  if (url.origin === catalogOrigin) return url.href;
  if (!hosts.some((host) => hostPattern(host).test(url.hostname))) return null;
  url.protocol = 'https:';
  return url.href;
}

/** The preview URL if it is on an allowed host (Apple's over HTTPS), else null. */
export function allowedPreviewUrl(value: unknown, catalogOrigin: string): string | null {
  return allowed(value, APPLE_PREVIEW_HOSTS, catalogOrigin);
}

/** The artwork URL if it is on an allowed host (Apple's over HTTPS), else null. */
export function allowedArtworkUrl(value: unknown, catalogOrigin: string): string | null {
  return allowed(value, APPLE_ARTWORK_HOSTS, catalogOrigin);
}

/** A store page on Apple's hosts over HTTPS, else null: no catalog may send a person elsewhere. */
export function allowedStoreUrl(value: unknown): string | null {
  const url = parseHttpUrl(value);
  if (!url || url.protocol !== 'https:' || url.username || url.password) return null;
  return APPLE_STORE_HOSTS.includes(url.hostname) ? url.href : null;
}
