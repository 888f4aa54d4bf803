/** Where searches go: an absolute URL, or a path on the app's own origin (the demo catalog). */
declare const __HT_CATALOG_URL__: string;
