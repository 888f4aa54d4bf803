import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_SONGS } from '../../../server/catalog-data.ts';
import { sendControl, startCatalog } from './start-catalog.ts';

let catalog: Awaited<ReturnType<typeof startCatalog>>;
const get = (path: string, init?: RequestInit) => fetch(`${catalog.url}${path}`, init);
const setFaults = (faults: unknown) => sendControl(catalog.url, 'faults', 'PUT', faults).then((r) => r.json());
const sha256 = (bytes: ArrayBuffer) => createHash('sha256').update(new Uint8Array(bytes)).digest('hex');
const SONG = `/previews/${DEMO_SONGS[0]!.trackId}.wav`;

beforeAll(async () => {
  catalog = await startCatalog();
});
afterAll(() => catalog.close());
beforeEach(() => sendControl(catalog.url, 'reset', 'POST'));

describe('the catalog data', () => {
  it('has at least 60 songs, several artists, albums and non-ASCII names', () => {
    expect(DEMO_SONGS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(DEMO_SONGS.map((song) => song.album.artistName)).size).toBeGreaterThanOrEqual(8);
    expect(
      DEMO_SONGS.some((song) => /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Hangul}/u.test(song.trackName)),
    ).toBe(true);
    expect(DEMO_SONGS.some((song) => /[éèàñü]/.test(song.trackName))).toBe(true);
    expect(new Set(DEMO_SONGS.map((song) => song.trackId)).size).toBe(DEMO_SONGS.length);
  });
});

describe('/search', () => {
  it('answers like the real service: three newlines, text/javascript, resultCount and results', async () => {
    const response = await get('/search?term=love&media=music&entity=song&limit=5');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const text = await response.text();
    expect(text.startsWith('\n\n\n{')).toBe(true);
    const body = JSON.parse(text) as { resultCount: number; results: Record<string, unknown>[] };
    expect(body.resultCount).toBe(5);
    expect(body.results).toHaveLength(5);
    for (const key of ['wrapperType', 'kind', 'trackId', 'trackName', 'artistName', 'collectionName', 'previewUrl']) {
      expect(body.results[0]).toHaveProperty(key);
    }
    expect(body.results[0]!.previewUrl).toBe(`${catalog.url}/previews/${body.results[0]!.trackId}.wav`);
  });

  it('matches track, artist and album, ignoring case and accents', async () => {
    const names = async (term: string) => {
      const body = (await (await get(`/search?term=${encodeURIComponent(term)}&entity=song`)).json()) as {
        results: { trackName: string }[];
      };
      return body.results.map((item) => item.trackName);
    };
    expect(await names('CAFE DE L ETE')).toContain("Café de l'Été");
    expect(await names('amelie')).toHaveLength(6);
    // The song named so comes first, then the rest of the album of that name.
    expect(await names('夜空')).toEqual(expect.arrayContaining(['夜空のメロディ', '桜の約束']));
    expect((await names('夜空'))[0]).toBe('夜空のメロディ');
    expect(await names('harbour lights')).toHaveLength(6);
    expect(await names('no such song anywhere')).toEqual([]);
  });

  it('honours limit (default 50, at most 200)', async () => {
    const count = async (query: string) =>
      ((await (await get(`/search?term=a${query}`)).json()) as { resultCount: number }).resultCount;
    expect(await count('&limit=3')).toBe(3);
    expect(await count('')).toBe(50);
    expect(await count('&limit=1000')).toBeGreaterThan(50);
  });

  it('mixes in non-songs for media=all, as the real service does', async () => {
    const kinds = async (term: string) => {
      const body = (await (await get(`/search?term=${term}`)).json()) as { results: Record<string, unknown>[] };
      return new Set(body.results.map((item) => `${item.wrapperType}/${item.kind ?? ''}`));
    };
    expect(await kinds('love')).toEqual(new Set(['track/song', 'track/feature-movie', 'track/podcast', 'audiobook/']));
    expect(await kinds('harbour')).toContain('collection/');
  });

  it('answers 400 with the real service’s wording for a bad parameter', async () => {
    const response = await get('/search?term=love&media=records');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorMessage: 'Invalid value(s) for key(s): [mediaType]' });
    expect((await get('/search?term=love&entity=tunes')).status).toBe(400);
  });

  it('wraps the answer for JSONP and refuses a callback that is not a name', async () => {
    const text = await (await get('/search?term=cafe&callback=cb_12')).text();
    expect(text).toMatch(/^\n\n\ncb_12\(\{[\s\S]*\}\);\n\n\n$/);
    expect((await get('/search?term=cafe&callback=alert(1)')).status).toBe(400);
  });

  it('looks items up by id', async () => {
    const ids = `${DEMO_SONGS[0]!.trackId},${DEMO_SONGS[1]!.trackId}`;
    const body = (await (await get(`/lookup?id=${ids}`)).json()) as { resultCount: number };
    expect(body.resultCount).toBe(2);
  });
});

describe('previews', () => {
  it('are 30-second WAV files of about 1 MB, the same on every run', async () => {
    const response = await get(SONG);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    expect(bytes.length).toBe(44 + 16_000 * 2 * 30);
    const again = await (await get(SONG)).arrayBuffer();
    expect(sha256(again)).toBe(sha256(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)));
  });

  it('differ from song to song', async () => {
    const other = `/previews/${DEMO_SONGS[1]!.trackId}.wav`;
    expect(sha256(await (await get(SONG)).arrayBuffer())).not.toBe(sha256(await (await get(other)).arrayBuffer()));
  });

  it('serve byte ranges with validators, 206 and Content-Range', async () => {
    const whole = Buffer.from(await (await get(SONG)).arrayBuffer());
    const response = await get(SONG, { headers: { Range: 'bytes=1000-1999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${whole.length}`);
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    expect(response.headers.get('last-modified')).toBeTruthy();
    expect(Buffer.from(await response.arrayBuffer()).equals(whole.subarray(1000, 2000))).toBe(true);
  });

  it('answers 416 past the end, and 200 when If-Range does not match', async () => {
    const head = await get(SONG, { method: 'HEAD' });
    const size = Number(head.headers.get('content-length'));
    const past = await get(SONG, { headers: { Range: `bytes=${size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    const stale = await get(SONG, { headers: { Range: 'bytes=0-9', 'If-Range': '"old"' } });
    expect(stale.status).toBe(200);
    const fresh = await get(SONG, { headers: { Range: 'bytes=0-9', 'If-Range': head.headers.get('etag')! } });
    expect(fresh.status).toBe(206);
  });

  it('allow and expose the range headers to other origins', async () => {
    const preflight = await get(SONG, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Headers': 'range, if-range' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Range.*If-Range/);
    const response = await get(SONG, { method: 'HEAD' });
    expect(response.headers.get('access-control-expose-headers')).toMatch(/ETag.*Content-Range/);
  });

  it('serve synthetic large files on the fly, each block marked with its index', async () => {
    const head = await get('/previews/synthetic-1024.wav', { method: 'HEAD' });
    expect(Number(head.headers.get('content-length'))).toBe(1024 * 1024 * 1024);
    const block = await get('/previews/synthetic-1024.wav', { headers: { Range: 'bytes=655360-655367' } });
    const bytes = Buffer.from(await block.arrayBuffer());
    expect(bytes.readUInt32LE(0)).toBe(10);
  });

  it('serve generated artwork as PNG', async () => {
    const response = await get('/artwork/900101/100x100bb.png');
    expect(response.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(100);
  });

  it('answer 404 for what is not in the catalog', async () => {
    expect((await get('/previews/1.wav')).status).toBe(404);
  });
});

describe('fault switches', () => {
  it('answer a given status, 403 with an empty body, a given number of times', async () => {
    await setFaults({ search: { status: 403, times: 1 } });
    const limited = await get('/search?term=love');
    expect(limited.status).toBe(403);
    expect(await limited.text()).toBe('');
    expect((await get('/search?term=love')).status).toBe(200);
  });

  it('leave `times` to the requests themselves: a CORS preflight uses none of it', async () => {
    await setFaults({ previews: { status: 500, times: 1 } });
    const preflight = await fetch(`${catalog.url}${SONG}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Headers': 'if-range' },
    });
    expect(preflight.status).toBe(204);
    expect((await get(SONG)).status).toBe(500);
    expect((await get(SONG)).status).toBe(200);
  });

  it('drop the connection after N bytes', async () => {
    const response = await get(`${SONG}?dropAfter=5000`);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it('ignore Range', async () => {
    await setFaults({ previews: { ignoreRange: true } });
    const response = await get(SONG, { headers: { Range: 'bytes=0-9' } });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(10);
  });

  it('change the ETag and body between requests', async () => {
    const first = await get(`${SONG}?mutate=1`);
    const second = await get(`${SONG}?mutate=1`);
    expect(first.headers.get('etag')).not.toBe(second.headers.get('etag'));
    expect(sha256(await first.arrayBuffer())).not.toBe(sha256(await second.arrayBuffer()));
  });

  it('omit Content-Length and CORS headers', async () => {
    const response = await get(`${SONG}?noLength=1&noCors=1`);
    expect(response.headers.get('content-length')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await response.arrayBuffer()).byteLength).toBe(44 + 16_000 * 2 * 30);
  });

  it('cap the bandwidth and add latency', async () => {
    const started = Date.now();
    await (await get(`${SONG}?latency=100&bandwidth=200000`, { headers: { Range: 'bytes=0-99999' } })).arrayBuffer();
    // 100 ms of latency plus 100 kB at 200 kB/s: a lower bound, which a slow machine only exceeds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('send the first bytes at full speed, then cap the rest', async () => {
    const abort = new AbortController();
    const response = await get(`${SONG}?fast=300000&bandwidth=1000`, { signal: abort.signal });
    const reader = response.body!.getReader();
    let received = 0;
    while (received < 300_000) received += (await reader.read()).value!.byteLength;
    // The rest, 660 kB at 1 kB/s, would take eleven minutes: what came is the fast part, and no more.
    expect(received).toBeLessThan(300_000 + 64 * 1024);
    abort.abort();
  });

  it('count the bytes served per request', async () => {
    await (await get(SONG, { headers: { Range: 'bytes=0-999' } })).arrayBuffer();
    const stats = (await (await get('/__control/stats')).json()) as { requests: { path: string; bytes: number }[] };
    expect(stats.requests).toEqual([expect.objectContaining({ path: SONG, bytes: 1000, status: 206 })]);
  });
});

const SONG_SIZE = 44 + 16_000 * 2 * 30;
const HOSTILE_SCRIPT = '<script>document.title = "pwned:" + document.domain</script>';
const whole = async () => Buffer.from(await (await get(SONG)).arrayBuffer());
const stats = async () =>
  ((await (await get('/__control/stats')).json()) as { requests: { path: string; bytes: number; open: boolean }[] })
    .requests;

/** Reads at least `bytes` of an endless answer, then hangs up as a client that has seen enough. */
async function readThenHangUp(response: Response, bytes: number, abort: AbortController): Promise<number> {
  const reader = response.body!.getReader();
  let read = 0;
  while (read < bytes) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
  }
  abort.abort();
  return read;
}

describe('preview fault switches', () => {
  it('serve a scripted HTML document in place of the audio, with ranges and validators', async () => {
    const body = `<!doctype html><title>preview</title>${HOSTILE_SCRIPT}`;
    const response = await get(`${SONG}?serveAs=html`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-length')).toBe(String(body.length));
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    expect(response.headers.get('last-modified')).toBeTruthy();
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(await response.text()).toBe(body);
    const part = await get(`${SONG}?serveAs=html`, { headers: { Range: 'bytes=0-14' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-14/${body.length}`);
    expect(await part.text()).toBe('<!doctype html>');
  });

  it('serve a scripted SVG document, server-wide, and take no other value', async () => {
    const set = (await setFaults({ previews: { serveAs: 'svg' }, artwork: { serveAs: 'pdf' } })) as {
      artwork: unknown;
    };
    expect(set.artwork).toEqual({});
    const response = await get(SONG);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    const text = await response.text();
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg">')).toBe(true);
    expect(text).toContain(HOSTILE_SCRIPT);
    await sendControl(catalog.url, 'faults', 'DELETE');
    expect((await get(`${SONG}?serveAs=pdf`)).headers.get('content-type')).toBe('audio/wav');
  });

  it('answer a range to the end of the file, truthfully, with rangeEndIgnored', async () => {
    const file = await whole();
    const response = await get(`${SONG}?rangeEndIgnored=1`, { headers: { Range: 'bytes=1000-1999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-${SONG_SIZE - 1}/${SONG_SIZE}`);
    expect(response.headers.get('content-length')).toBe(String(SONG_SIZE - 1000));
    expect(Buffer.from(await response.arrayBuffer()).equals(file.subarray(1000))).toBe(true);
  });

  it('send more bytes than Content-Range states with extraBytes, and count them', async () => {
    const file = await whole();
    const response = await get(`${SONG}?extraBytes=500`, { headers: { Range: 'bytes=1000-1999' } });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 1000-1999/${SONG_SIZE}`);
    expect(response.headers.get('content-length')).toBe('1500');
    expect(Buffer.from(await response.arrayBuffer()).equals(file.subarray(1000, 2500))).toBe(true);
    const unsized = await get(`${SONG}?extraBytes=500&noLength=1`, { headers: { Range: 'bytes=0-9' } });
    expect(unsized.headers.get('content-length')).toBeNull();
    expect((await unsized.arrayBuffer()).byteLength).toBe(510);
    expect((await stats()).filter((entry) => entry.path === SONG).map((entry) => entry.bytes)).toEqual([
      SONG_SIZE,
      1500,
      510,
    ]);
  });

  it('claim another total in every Content-Range with claimTotal, serving the real bytes', async () => {
    const file = await whole();
    const response = await get(`${SONG}?claimTotal=1000000000000000`, { headers: { Range: 'bytes=0-9' } });
    expect(response.headers.get('content-range')).toBe('bytes 0-9/1000000000000000');
    expect(Buffer.from(await response.arrayBuffer()).equals(file.subarray(0, 10))).toBe(true);
    const past = await get(`${SONG}?claimTotal=1000000000000000`, { headers: { Range: `bytes=${SONG_SIZE}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000000000000000');
  });

  it('make the resource endless: any bounded range is a 206 of unknown total, never a 416', async () => {
    const file = await whole();
    const far = await get(`${SONG}?endless=1`, { headers: { Range: 'bytes=5000000000-5000000099' } });
    expect(far.status).toBe(206);
    expect(far.headers.get('content-range')).toBe('bytes 5000000000-5000000099/*');
    expect(far.headers.get('content-length')).toBe('100');
    expect((await far.arrayBuffer()).byteLength).toBe(100);
    // Past the real end the file repeats.
    const wrapped = await get(`${SONG}?endless=1`, { headers: { Range: `bytes=${SONG_SIZE}-${SONG_SIZE + 9}` } });
    expect(Buffer.from(await wrapped.arrayBuffer()).equals(file.subarray(0, 10))).toBe(true);
    const head = await get(`${SONG}?endless=1`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBeNull();
  });

  it('stream an endless body without Range or with an open one, until the client hangs up', async () => {
    await setFaults({ previews: { endless: true } });
    for (const range of [undefined, 'bytes=100-']) {
      await sendControl(catalog.url, 'stats', 'DELETE');
      const abort = new AbortController();
      const response = await get(SONG, { signal: abort.signal, headers: range ? { Range: range } : {} });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBeNull();
      const read = await readThenHangUp(response, 3 * SONG_SIZE, abort);
      expect(read).toBeGreaterThanOrEqual(3 * SONG_SIZE);
      await expect.poll(async () => (await stats())[0]!.open).toBe(false);
      const sent = (await stats())[0]!.bytes;
      expect(sent).toBeGreaterThanOrEqual(read);
      await new Promise((wait) => setTimeout(wait, 100));
      expect((await stats())[0]!.bytes).toBe(sent); // nothing more once the client is gone
    }
  });

  it('log a request whose client hung up during the round trip as ended, not open for ever', async () => {
    await sendControl(catalog.url, 'link', 'PUT', { latencyMs: 300 });
    await sendControl(catalog.url, 'stats', 'DELETE');
    const hungUp = new Promise<void>((done) => {
      const request = httpRequest(`${catalog.url}${SONG}`, { headers: { Range: 'bytes=0-' } });
      request.on('error', () => done());
      request.end();
      setTimeout(() => {
        request.destroy();
        done();
      }, 50);
    });
    await hungUp;
    await expect.poll(async () => (await stats()).length).toBe(1);
    expect((await stats())[0]!.open).toBe(false);
    await sendControl(catalog.url, 'link', 'PUT', {});
  });

  it('keep the bandwidth cap on an endless body', async () => {
    const abort = new AbortController();
    const started = Date.now();
    const response = await get(`${SONG}?endless=1&bandwidth=200000`, { signal: abort.signal });
    await readThenHangUp(response, 100_000, abort);
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
  });
});

describe('the control endpoint', () => {
  const previewFaults = { previews: { status: 500 } };
  const faultsNow = async () => (await get('/__control/faults')).json();

  it('takes changes sent as JSON, whatever the case and parameters of the media type', async () => {
    const response = await get('/__control/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'Application/JSON; charset=utf-8' },
      body: JSON.stringify(previewFaults),
    });
    expect(response.status).toBe(200);
    expect(await faultsNow()).toEqual(previewFaults);
    expect((await get(SONG)).status).toBe(500);
    expect((await sendControl(catalog.url, 'reset', 'POST')).status).toBe(200);
    expect(await faultsNow()).toEqual({});
  });

  it('refuses with 415 a change sent as text/plain, a form or no type at all, and changes nothing', async () => {
    const form = new FormData();
    form.set('previews', 'x');
    const bodies: [string, RequestInit][] = [
      ['text/plain', { headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(previewFaults) }],
      ['urlencoded', { body: new URLSearchParams({ previews: JSON.stringify(previewFaults.previews) }) }],
      ['multipart', { body: form }],
      ['none', { body: new TextEncoder().encode(JSON.stringify(previewFaults)) }],
    ];
    for (const [name, init] of bodies) {
      const response = await get('/__control/faults', { method: 'POST', ...init });
      expect(response.status, name).toBe(415);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ errorMessage: expect.stringContaining('application/json') });
      expect(await faultsNow()).toEqual({});
    }
  });

  it('refuses with 415 a reset or a clearing not sent as JSON', async () => {
    await setFaults(previewFaults);
    for (const init of [
      { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: '{}' },
      { method: 'POST', body: new URLSearchParams({ reset: '1' }) },
      { method: 'POST' },
    ]) {
      expect((await get('/__control/reset', init)).status).toBe(415);
    }
    expect((await get('/__control/faults', { method: 'DELETE' })).status).toBe(415);
    expect(await faultsNow()).toEqual(previewFaults);
  });

  it('never resets on GET: 405 with the methods it takes', async () => {
    await setFaults(previewFaults);
    const response = await get('/__control/reset');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await faultsNow()).toEqual(previewFaults);
  });

  it('answers 400 to a body that is not JSON, and sends no CORS headers', async () => {
    const response = await get('/__control/faults', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{"previews":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await get('/__control/stats')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('who it answers', () => {
  /** A request with the `Host` header a page of another site would send after rebinding its name. */
  const withHost = (host: string, path: string, method = 'GET') =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = new URL(catalog.url);
      const request = httpRequest(
        { host: '127.0.0.1', port, path, method, headers: { Host: host, 'Content-Type': 'application/json' } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
      request.end(method === 'PUT' ? JSON.stringify({ previews: { status: 500 } }) : undefined);
    });

  it('refuses a Host that is not loopback or its configured name: no fault flipped, no log read', async () => {
    for (const host of ['evil.example', 'evil.example:4180', '127.0.0.1.evil.example']) {
      expect((await withHost(host, '/__control/faults', 'PUT')).status, host).toBe(403);
      expect((await withHost(host, '/__control/stats')).status, host).toBe(403);
      expect((await withHost(host, '/search?term=love')).status, host).toBe(403);
    }
    expect(await (await get('/__control/faults')).json()).toEqual({});
  });

  it('answers loopback by any of its names', async () => {
    for (const host of ['127.0.0.1:4180', 'localhost', 'LOCALHOST:80', '[::1]:4180']) {
      expect((await withHost(host, '/search?term=love')).status, host).toBe(200);
    }
  });

  it('answers the name it is configured with', async () => {
    const named = await startCatalog({ hostNames: ['catalog.example'] });
    try {
      const { port } = new URL(named.url);
      const status = await new Promise<number>((resolve) =>
        httpRequest({ host: '127.0.0.1', port, path: '/search?term=love', headers: { Host: 'catalog.example' } }, (r) =>
          resolve(r.statusCode ?? 0),
        ).end(),
      );
      expect(status).toBe(200);
    } finally {
      await named.close();
    }
  });
});
