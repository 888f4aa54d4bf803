import { APPLE_ARTWORK_HOSTS, APPLE_PREVIEW_HOSTS, cspSources } from '../src/shared/hosts.ts';
import type { Plugin } from 'vite';

/** Apple's hosts, from the one list the app checks URLs against. */
const APPLE_MEDIA_SOURCES = cspSources(APPLE_PREVIEW_HOSTS);
const APPLE_IMAGE_SOURCES = cspSources(APPLE_ARTWORK_HOSTS);

/** The catalog's origin, or null when it is a path of our own origin (the demo catalog of `npm start`). */
export const catalogOriginOf = (catalog: string): string | null =>
  catalog.startsWith('/') ? null : new URL(catalog).origin;

/**
 * The catalog's JSONP endpoints as script sources: a source with a path not ending in `/` matches that
 * path only, so no other script of the catalog's origin may run (on our own origin `'self'` covers them).
 */
function jsonpSources(catalog: string): string[] {
  if (catalogOriginOf(catalog) === null) return [];
  const base = catalog.replace(/\/*$/, '/');
  return [`${base}search`, `${base}lookup`];
}

/**
 * The Content-Security-Policy of the app: scripts only from our origin and the catalog's search and
 * lookup (for JSONP), media and images only from our origin, the catalog, Apple's hosts and `blob:`;
 * Trusted Types on, so no string ever becomes markup or a script URL without passing a policy.
 * @param catalog the catalog's URL, as the app is built with it (`/catalog` on our own origin)
 */
export function contentSecurityPolicy(catalog: string): string {
  const origin = catalogOriginOf(catalog);
  const media = origin ? [origin] : [];
  // No manifest-src: default-src covers the manifest, and WebKit logs that directive as an error.
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'report-sample': a violation's report carries the start of what was blocked, to find its source.
    'script-src': ["'self'", "'report-sample'", ...jsonpSources(catalog)],
    'style-src': ["'self'", "'report-sample'"],
    'img-src': ["'self'", 'data:', 'blob:', ...media, ...APPLE_IMAGE_SOURCES],
    'media-src': ["'self'", 'blob:', ...media, ...APPLE_MEDIA_SOURCES],
    'connect-src': ["'self'", ...media, ...APPLE_MEDIA_SOURCES, ...APPLE_IMAGE_SOURCES],
    'font-src': ["'self'"],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'require-trusted-types-for': ["'script'"],
    'trusted-types': ['lit-html', 'half-tunes'],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** The policy as a host sends it in a header, which can say what a `<meta>` cannot: who may frame the app. */
export const contentSecurityPolicyHeader = (catalog: string): string =>
  `${contentSecurityPolicy(catalog)}; frame-ancestors 'none'`;

/** The placeholder index.html carries where the policy goes: after the charset, before any script. */
const PLACEHOLDER = '%HALF_TUNES_CSP%';

/** Writes the policy into index.html as a meta tag, so it holds on any static host. */
export function cspMeta(catalog: string): Plugin {
  return {
    name: 'half-tunes-csp',
    transformIndexHtml(html, context) {
      if (!html.includes(PLACEHOLDER)) throw new Error(`index.html lacks ${PLACEHOLDER}`);
      // Vite's dev server injects inline scripts for hot reload, which the policy would block.
      const policy = context.server ? '' : contentSecurityPolicy(catalog);
      return html.replace(PLACEHOLDER, policy.replaceAll('"', '&quot;'));
    },
  };
}
