import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogClient } from '../../../src/catalog/client.ts';
import { sendControl, startCatalog } from '../server/start-catalog.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
let client: CatalogClient;
const setFaults = (faults: unknown) => sendControl(catalog.url, 'faults', 'PUT', faults);

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog.close());
beforeEach(async () => {
  // A new client each time: a client remembers answers.
  client = new CatalogClient(new URL(`${catalog.url}/`), null);
  await sendControl(catalog.url, 'reset', 'POST');
});

describe('CatalogClient', () => {
  it('asks for songs the way Apple documents it', () => {
    const url = client.searchUrl('  jack johnson ', 25);
    expect(url.href).toBe(`${catalog.url}/search?term=jack+johnson&media=music&entity=song&limit=25&country=US`);
    expect(client.searchUrl('x', 5000).searchParams.get('limit')).toBe('200');
    expect(client.albumUrl(900101).href).toBe(`${catalog.url}/lookup?id=900101&entity=song&country=US`);
  });

  it('asks the person’s own store, which sells what theirs sells', async () => {
    const german = new CatalogClient(new URL(`${catalog.url}/`), null, {
      locale: () => ({ country: 'DE', lang: null }),
    });
    expect(german.searchUrl('x').searchParams.get('country')).toBe('DE');
    expect(await german.search('morgenlicht')).toHaveLength(3);
    expect(await client.search('morgenlicht')).toEqual([]);
    const album = await german.album(901101);
    expect(album.tracks.map((track) => track.name)).toEqual(['Morgenlicht', 'Zugvögel', 'Abendzug nach Hamburg']);
    await expect(client.album(901101)).rejects.toMatchObject({ kind: 'malformed' });
    const nowhere = new CatalogClient(new URL(`${catalog.url}/`), null, {
      locale: () => ({ country: 'ZZ', lang: null }),
    });
    await expect(nowhere.search('love')).rejects.toMatchObject({ kind: 'rejected', detail: /\[country\]/ });
  });

  it('returns validated songs from the catalog', async () => {
    const tracks = await client.search('love', { limit: 10 });
    expect(tracks).toHaveLength(10);
    for (const track of tracks) {
      expect(track.previewUrl.startsWith(`${catalog.url}/previews/`)).toBe(true);
      expect(track.artworkUrl?.startsWith(`${catalog.url}/artwork/`)).toBe(true);
      expect(track.name.toLowerCase()).toContain('lov');
    }
  });

  it('finds names with accents and other scripts', async () => {
    expect((await client.search('Déjà vu')).map((track) => track.name)).toEqual(['Déjà Vu à Paris']);
    expect((await client.search('서울')).length).toBeGreaterThan(0);
  });

  it('returns an empty list when nothing matches', async () => {
    expect(await client.search('zzzz no such thing')).toEqual([]);
  });

  it('says "rate-limited" for the real service’s empty 403, and for 429', async () => {
    await setFaults({ search: { status: 403, times: 1 } });
    await expect(client.search('love')).rejects.toMatchObject({ kind: 'rate-limited' });
    await setFaults({ search: { status: 429, times: 1 } });
    await expect(client.search('love')).rejects.toMatchObject({ kind: 'rate-limited' });
    expect(await client.search('love')).not.toHaveLength(0);
  });

  it('says "unavailable" for server errors and an unreachable catalog', async () => {
    await setFaults({ search: { status: 503, times: 1 } });
    await expect(client.search('love')).rejects.toMatchObject({ kind: 'unavailable' });
    const nowhere = new CatalogClient(new URL('http://127.0.0.1:9/'), null);
    await expect(nowhere.search('love')).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('passes on the catalog’s own words for a rejected search', async () => {
    await setFaults({ search: { status: 400, times: 1 } });
    await expect(client.search('love')).rejects.toMatchObject({
      kind: 'rejected',
      detail: 'Demo catalog fault: status 400',
    });
  });

  it('stops when aborted, as a new search cancels the old one', async () => {
    await setFaults({ search: { latencyMs: 2000 } });
    const controller = new AbortController();
    const search = client.search('love', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(search).rejects.toMatchObject({ name: 'AbortError' });
  });
});
