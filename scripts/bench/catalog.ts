import { createHash } from 'node:crypto';
import { CatalogControl } from '../../tests/e2e/fixtures.ts';
import { CATALOG } from './config.ts';

/** The bench's demo catalog, driven as the e2e tests drive theirs (see docs/demo-catalog.md, "Fault switches"). */
export const catalog = new CatalogControl(CATALOG);

/** A song as the catalog's search answers it: what the bench needs of one. */
export interface Song {
  trackId: number;
  trackName: string;
  previewUrl: string;
}

/** The songs the catalog finds for `term` (50 at most, as the app asks). */
export async function songs(term: string): Promise<Song[]> {
  const response = await fetch(`${CATALOG}/search?term=${term}&entity=song&limit=50`);
  return ((await response.json()) as { results: Song[] }).results;
}

/** The preview bytes the catalog sent since its last reset, every request together. */
export async function previewBytes(): Promise<number> {
  return (await catalog.requests()).filter((r) => r.path.startsWith('/previews/')).reduce((sum, r) => sum + r.bytes, 0);
}

/** The SHA-256 of the file at `url` as the catalog serves it, in hex. */
export async function sha256Of(url: string): Promise<string> {
  return createHash('sha256')
    .update(Buffer.from(await (await fetch(url)).arrayBuffer()))
    .digest('hex');
}

const sizes = new Map<string, number>();

/** The size of the file at `url` (one HEAD the first time, remembered after). */
export async function sizeOf(url: string): Promise<number> {
  if (!sizes.has(url)) {
    sizes.set(url, Number((await fetch(url, { method: 'HEAD' })).headers.get('content-length')));
  }
  return sizes.get(url)!;
}
