import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CatalogClient } from '../../../src/catalog/client.ts';
import { KEPT_FOR_ENTER, SEARCHES_PER_MINUTE, SearchBudget } from '../../../src/catalog/search-budget.ts';
import { CACHE_ENTRIES, CACHE_MS, SearchCache } from '../../../src/catalog/search-cache.ts';
import { sendControl, startCatalog } from '../server/start-catalog.ts';

let now = 0;
const clock = () => now;

describe('the search budget', () => {
  beforeEach(() => void (now = 1_000_000));

  it('counts the requests of the last minute against Apple’s limit, and keeps some for Enter', () => {
    const budget = new SearchBudget(clock);
    for (let i = 0; i < SEARCHES_PER_MINUTE - KEPT_FOR_ENTER - 1; i++) budget.spend();
    expect(budget.allowsTyping).toBe(true);
    budget.spend();
    expect(budget.allowsTyping).toBe(false);
    expect(budget.left).toBe(KEPT_FOR_ENTER);
    now += 60_001;
    expect(budget.left).toBe(SEARCHES_PER_MINUTE);
    expect(budget.allowsTyping).toBe(true);
  });
});

describe('the search cache', () => {
  beforeEach(() => void (now = 1_000_000));

  it('answers for a few minutes, then asks again', () => {
    const cache = new SearchCache<string>(clock);
    cache.set('a', 'answer');
    now += CACHE_MS;
    expect(cache.get('a')).toBe('answer');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps a bounded number of answers, the oldest going first', () => {
    const cache = new SearchCache<number>(clock);
    for (let i = 0; i <= CACHE_ENTRIES; i++) cache.set(`term ${i}`, i);
    expect(cache.get('term 0')).toBeUndefined();
    expect(cache.get('term 1')).toBe(1);
    expect(cache.get(`term ${CACHE_ENTRIES}`)).toBe(CACHE_ENTRIES);
  });
});

describe('searches within the budget, against a demo catalog', () => {
  let catalog: Awaited<ReturnType<typeof startCatalog>>;
  const searches = async (): Promise<string[]> => {
    const { requests } = (await (await fetch(`${catalog.url}/__control/stats`)).json()) as {
      requests: { path: string; query: string }[];
    };
    return requests.filter((request) => request.path === '/search').map((request) => request.query);
  };
  beforeAll(async () => {
    catalog = await startCatalog();
  });
  afterAll(() => catalog.close());
  beforeEach(() => sendControl(catalog.url, 'reset', 'POST'));

  it('asks once for a term searched twice, and spends the budget only on requests', async () => {
    const budget = new SearchBudget(clock);
    const client = new CatalogClient(new URL(`${catalog.url}/`), null, { budget });
    const first = await client.search('love');
    await client.search('harbour');
    expect(await client.search('love')).toBe(first);
    expect(await searches()).toHaveLength(2);
    expect(budget.left).toBe(SEARCHES_PER_MINUTE - 2);
  });

  it('stops searching while typing near the limit, except for answers it has', async () => {
    const budget = new SearchBudget(clock);
    const client = new CatalogClient(new URL(`${catalog.url}/`), null, { budget });
    await client.search('love');
    while (budget.allowsTyping) budget.spend();
    expect(client.searchesWhileTyping('harbour')).toBe(false);
    expect(client.searchesWhileTyping('love')).toBe(true);
  });

  it('goes straight to JSONP where the tab remembers the catalog needs it', async () => {
    await sendControl(catalog.url, 'faults', 'PUT', { search: { noCors: true } });
    let needed = false;
    const jsonpMemory = {
      get needed() {
        return needed;
      },
      remember: () => void (needed = true),
    };
    const loaded: string[] = [];
    const loadJsonp = async (url: URL) => (loaded.push(url.href), { resultCount: 0, results: [] });
    jsonpMemory.remember();
    const later = new CatalogClient(new URL(`${catalog.url}/`), loadJsonp, { jsonpMemory });
    await later.search('love');
    expect(loaded).toHaveLength(1);
    expect(await searches()).toEqual([]);
  });
});
