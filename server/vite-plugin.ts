import type { Plugin } from 'vite';
import { createCatalog } from './catalog-server.ts';

/** Where `npm start` mounts the demo catalog inside the app's own server. */
export const DEMO_CATALOG_PATH = '/catalog';

/** Mounts the demo catalog in Vite's dev and preview servers, so `npm start` needs no network. */
export function demoCatalog(): Plugin {
  const handler = createCatalog({ basePath: DEMO_CATALOG_PATH });
  return {
    name: 'half-tunes-demo-catalog',
    configureServer(server) {
      server.middlewares.use((req, res, next) => handler(req, res, next));
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => handler(req, res, next));
    },
  };
}
