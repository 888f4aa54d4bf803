import type { PrecacheEntry } from 'workbox-precaching';

declare global {
  interface ServiceWorkerGlobalScope {
    /** Filled in at build time by vite-plugin-pwa (injectManifest). */
    __WB_MANIFEST: (string | PrecacheEntry)[];
  }
}
