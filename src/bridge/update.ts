import { Workbox } from 'workbox-window';
import type { PageToSw } from '../shared/messages.ts';
import { trustedScriptUrl } from '../security/trusted-script-url.ts';

/** What the app's service worker has to say to the person. */
export type ServiceWorkerNews = 'offline-ready' | 'update-available' | 'updated-elsewhere';

/**
 * The page's half of the worker's life and updates (docs/protocols/update.md; its worker half:
 * `src/sw/update.ts`). It registers the worker, reports "ready to work offline" on the first
 * install and "update available" when a new version waits, and lets that version take over only
 * when the person accepts, after the running version handed its downloads over.
 */
export class ServiceWorkerBridge extends EventTarget {
  #workbox: Workbox | undefined;
  #news: ServiceWorkerNews | null = null;
  #updateAccepted = false;

  /** The latest news, for a component that starts listening late. */
  get news(): ServiceWorkerNews | null {
    return this.#news;
  }

  /** Registers `/sw.js`; does nothing where service workers are not available. */
  register(): void {
    if (!('serviceWorker' in navigator)) return;
    const workbox = new Workbox(trustedScriptUrl('/sw.js'), { scope: '/' });
    this.#workbox = workbox;
    workbox.addEventListener('installed', (event) => {
      // Workbox counts a version found after this page's own first one as "external", and leaves its
      // `isUpdate` unset: that is an update too, not a first install.
      if (!event.isUpdate && !event.isExternal) this.#announce('offline-ready');
    });
    workbox.addEventListener('waiting', () => this.#announce('update-available'));
    // Once the person accepted, the new worker controls the page: load the new version. (Workbox's
    // own `isUpdate` is false when the first worker claimed this page, so it cannot tell.)
    workbox.addEventListener('controlling', () => {
      if (this.#updateAccepted) location.reload();
      // Another tab accepted the update: this page runs the old version against the new worker.
      else if (this.#news === 'update-available') this.#announce('updated-elsewhere');
    });
    workbox.register().catch((error: unknown) => console.warn('Service worker registration failed', error));
  }

  /**
   * Resolves once the worker controls this page, or after `timeoutMs` (a hard reload is never
   * controlled), or at once where there are no service workers.
   */
  controlled(timeoutMs = 3000): Promise<void> {
    if (!('serviceWorker' in navigator) || navigator.serviceWorker.controller) return Promise.resolve();
    return new Promise((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
      setTimeout(resolve, timeoutMs);
    });
  }

  /** The person accepted "Update available — Reload": let the waiting worker take over. */
  acceptUpdate(): void {
    this.#updateAccepted = true;
    // The running version hands its downloads over first; the new one continues them.
    navigator.serviceWorker.controller?.postMessage({ type: 'hand-over-downloads' } satisfies PageToSw);
    this.#workbox?.messageSkipWaiting();
  }

  #announce(news: ServiceWorkerNews): void {
    this.#news = news;
    this.dispatchEvent(new Event('news'));
  }
}

export const serviceWorkerBridge = new ServiceWorkerBridge();
