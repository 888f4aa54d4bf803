import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { appIcons } from './scripts/app-icons.ts';
import { catalogUrl } from './scripts/catalog-url.ts';
import { cspMeta } from './scripts/csp.ts';
import { staticHeadersFile } from './scripts/static-headers.ts';
import { DEMO_CATALOG_PATH, demoCatalog } from './server/vite-plugin.ts';
import { SHARE_PARAMS } from './src/share/share-params.ts';

const THEME_COLOUR = '#5b2ec4';

/**
 * Modules only the views loaded on demand use (src/components/views.ts), the player but for its loader
 * (src/player/player-loader.ts), and each language's messages.
 */
const LOADED_LATER =
  /src[\\/](components[\\/](ht-(album|library|settings|player|song|up-next|share-button)|library-filter)|controllers[\\/]player-controller|player[\\/](?!player-loader|up-next-key)[\w-]+|share[\\/]share-in|shared[\\/]share-link|generated[\\/]locales)[\\/.]/;

export default defineConfig(({ mode }) => {
  const catalog = catalogUrl(process.env.HALF_TUNES_CATALOG, mode, DEMO_CATALOG_PATH);
  return {
    define: { __HT_CATALOG_URL__: JSON.stringify(catalog) },
    build: {
      target: 'es2022',
      sourcemap: true,
      rollupOptions: {
        output: {
          // The first screen's code as one file, the views shown later and each language's
          // messages apart: one file compresses better than the dozen pieces a split makes of it
          // (measured: 41.5 KB gzipped in 17 pieces, 34.2 KB as one; tests/e2e/budget.spec.ts).
          codeSplitting: { groups: [{ name: 'app', test: (id: string) => !LOADED_LATER.test(id) }] },
        },
      },
    },
    preview: { port: 4173, strictPort: true },
    server: { port: 5173 },
    plugins: [
      demoCatalog(),
      appIcons(),
      cspMeta(catalog),
      staticHeadersFile(catalog),
      VitePWA({
        strategies: 'injectManifest',
        srcDir: 'src/sw',
        filename: 'sw.ts',
        injectRegister: false,
        manifestFilename: 'manifest.webmanifest',
        injectManifest: {
          globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
          // The manifest's screenshots are for install dialogs, which fetch them online.
          globIgnores: ['screenshots/**'],
          rollupFormat: 'iife',
        },
        manifest: {
          id: '/',
          name: 'Half Tunes',
          short_name: 'Half Tunes',
          description: 'Search the iTunes catalog, download song previews and listen with no network.',
          start_url: '/',
          scope: '/',
          display: 'standalone',
          orientation: 'any',
          theme_color: THEME_COLOUR,
          background_color: '#14101f',
          categories: ['music', 'entertainment'],
          // A song or album shared to the installed app opens in it (src/share/share-in.ts).
          share_target: { action: '/', method: 'GET', params: SHARE_PARAMS },
          icons: [
            { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
          screenshots: [
            {
              src: '/screenshots/search-narrow.png',
              sizes: '720x1280',
              type: 'image/png',
              form_factor: 'narrow',
              label: 'Searching the catalog',
            },
            {
              src: '/screenshots/search-wide.png',
              sizes: '1280x800',
              type: 'image/png',
              form_factor: 'wide',
              label: 'Search results on a desktop',
            },
          ],
        },
      }),
    ],
  };
});
