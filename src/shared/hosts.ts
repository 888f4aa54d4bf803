/**
 * Which hosts the app accepts preview and artwork URLs from. Anything else a catalog answers with is
 * dropped (previews) or replaced by the placeholder (artwork): the network is untrusted.
 */

/** Apple's preview hosts, current (`audio-ssl`) and older. */
const APPLE_PREVIEW_HOSTS = [
  /^audio-ssl\.itunes\.apple\.com$/,
  /^audio\.itunes\.apple\.com$/,
  /^a\d+\.phobos\.apple\.com$/,
];

/** Apple's artwork hosts: `is1-ssl.mzstatic.com`, older `is1.mzstatic.com`. */
const APPLE_ARTWORK_HOSTS = [/^is\d+(-ssl)?\.mzstatic\.com$/];

/** The catalog's origin, an absolute URL even when the catalog is a path on our own origin. */
export function catalogBase(configured: string, appOrigin: string): URL {
  return new URL(configured.replace(/\/*$/, '/'), appOrigin);
}

function parseHttpUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function allowed(value: unknown, hosts: readonly RegExp[], catalogOrigin: string): string | null {
  const url = parseHttpUrl(value);
  if (!url || url.username || url.password) return null;
  if (url.origin === catalogOrigin) return url.href;
  return hosts.some((host) => host.test(url.hostname)) ? url.href : null;
}

/** The preview URL if it is on an allowed host, else null. */
export function allowedPreviewUrl(value: unknown, catalogOrigin: string): string | null {
  return allowed(value, APPLE_PREVIEW_HOSTS, catalogOrigin);
}

/** The artwork URL if it is on an allowed host, else null. */
export function allowedArtworkUrl(value: unknown, catalogOrigin: string): string | null {
  return allowed(value, APPLE_ARTWORK_HOSTS, catalogOrigin);
}
