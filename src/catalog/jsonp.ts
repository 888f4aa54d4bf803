import { trustedScriptUrl } from '../security/trusted-script-url.ts';
import { CatalogError } from '../shared/catalog.ts';

export interface JsonpOptions {
  /** Origins a script may come from; anything else is refused before a tag is made. */
  readonly allowedOrigins: readonly string[];
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number;
}

const CALLBACK_PREFIX = '__halfTunesJsonp_';

function randomName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return CALLBACK_PREFIX + Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Loads `url` as a JSONP script and resolves with what it passes to its callback. The callback name
 * is random (nothing outside can choose it), the script must come from an allowed origin, and the tag
 * and the global are removed on success, error, timeout and abort alike. The result is untrusted data:
 * validate it as a `fetch` answer.
 */
export function jsonp(url: URL, { allowedOrigins, signal, timeoutMs = 10_000 }: JsonpOptions): Promise<unknown> {
  if (!allowedOrigins.includes(url.origin)) {
    return Promise.reject(new CatalogError('unavailable', `JSONP is not allowed from ${url.origin}.`));
  }
  signal?.throwIfAborted();
  const name = randomName();
  const target = new URL(url);
  target.searchParams.set('callback', name);
  const globals = window as unknown as Record<string, unknown>;
  const script = document.createElement('script');

  return new Promise<unknown>((resolve, reject) => {
    const timer = setTimeout(() => finish(true, () => reject(new CatalogError('timeout'))), timeoutMs);
    const onAbort = (): void => finish(true, () => reject(signal?.reason));

    function finish(mayStillRun: boolean, settle: () => void): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      script.remove();
      if (mayStillRun) {
        // A script already fetched may still run after its tag is gone: leave a no-op that removes
        // itself, so a late answer neither throws nor lingers.
        globals[name] = () => Reflect.deleteProperty(globals, name);
        setTimeout(() => Reflect.deleteProperty(globals, name), timeoutMs);
      } else {
        Reflect.deleteProperty(globals, name);
      }
      settle();
    }

    globals[name] = (data: unknown) => finish(false, () => resolve(data));
    signal?.addEventListener('abort', onAbort, { once: true });
    script.addEventListener('error', () => finish(false, () => reject(new CatalogError('unavailable'))));
    script.async = true;
    script.referrerPolicy = 'no-referrer';
    script.src = trustedScriptUrl(target.href);
    document.head.append(script);
  });
}
