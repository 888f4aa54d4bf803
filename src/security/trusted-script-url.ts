/** Trusted Types, as far as we use them; TypeScript's DOM library does not declare them yet. */
interface TrustedTypesFactory {
  createPolicy(
    name: string,
    rules: { createScriptURL(input: string): string },
  ): { createScriptURL(input: string): unknown };
}

/** A script URL that passed our policy: a `TrustedScriptURL` where the browser has Trusted Types. */
export type TrustedScriptUrl = string & { readonly __trusted: unique symbol };

const allowedOrigins = new Set<string>();

function check(input: string): string {
  const url = new URL(input, location.href);
  const isOurWorker = url.origin === location.origin && url.pathname === '/sw.js';
  const isCatalogJsonp = allowedOrigins.has(url.origin) && url.searchParams.has('callback');
  if (!isOurWorker && !isCatalogJsonp) throw new TypeError(`Script URL not allowed: ${url.href}`);
  return url.href;
}

const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
// The CSP allows exactly this policy name; creating it twice would throw.
const policy = factory?.createPolicy('half-tunes', { createScriptURL: check }) ?? { createScriptURL: check };

/** Lets JSONP scripts come from `origin` (the configured catalog). */
export function allowJsonpOrigin(origin: string): void {
  allowedOrigins.add(origin);
}

/**
 * The one place a string becomes a script URL: our service worker, or a JSONP call to an allowed
 * catalog origin. Anything else throws.
 */
export function trustedScriptUrl(input: string): TrustedScriptUrl {
  // The DOM typings take a string where the browser takes a TrustedScriptURL object.
  return policy.createScriptURL(input) as TrustedScriptUrl;
}
