import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_SONGS, SYNTHETIC_SIZES_MIB } from './catalog-data.ts';
import { FaultBoard, faultsFromQuery, parseFaultSettings, type FaultSettings, type Faults } from './faults.ts';
import { ifRangeHolds, parseRange } from './range.ts';
import { albumArtwork, songPreview, syntheticPreview, type Resource } from './resources.ts';
import { formatAnswer, InvalidParameter, lookup, search, type ItunesItem } from './search.ts';

export interface CatalogOptions {
  /** Path the catalog is mounted at, e.g. `/catalog`; empty when it owns the whole server. */
  basePath?: string;
  /** Faults active from the start. */
  faults?: FaultSettings;
}

/** What the server sent for one request, for tests that count bytes. */
export interface ServedRequest {
  method: string;
  path: string;
  /** The query string, `?` included, or empty. */
  query: string;
  range: string | null;
  status: number;
  bytes: number;
  /** Whether the response is still being sent (false once it ended or the connection closed). */
  open: boolean;
}

export type NextHandler = () => void;
export type CatalogHandler = (req: IncomingMessage, res: ServerResponse, next?: NextHandler) => void;

const CORS_ALLOWED_HEADERS = 'Range, If-Range, If-None-Match, If-Modified-Since, Content-Type';
const CORS_EXPOSED_HEADERS = 'ETag, Last-Modified, Content-Range, Content-Length, Accept-Ranges, Content-Type';

function setCors(res: ServerResponse, faults: Faults): void {
  if (faults.noCors) return;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
  res.setHeader('Timing-Allow-Origin', '*');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/**
 * Creates the demo catalog: an iTunes Search API look-alike with previews and artwork, fault switches
 * and a control endpoint. The handler fits Node's `http` server and Connect (Vite) middleware alike.
 */
export function createCatalog(options: CatalogOptions = {}): CatalogHandler {
  const basePath = options.basePath ?? '';
  const board = new FaultBoard(options.faults);
  const versions = new Map<string, number>();
  let served: ServedRequest[] = [];
  let extra: ItunesItem[] = [];

  function record(fields: Omit<ServedRequest, 'open'>, res?: ServerResponse): ServedRequest {
    const entry: ServedRequest = { ...fields, open: res !== undefined };
    res?.once('close', () => (entry.open = false));
    served.push(entry);
    if (served.length > 5000) served = served.slice(-2500);
    return entry;
  }

  async function sendResource(
    req: IncomingMessage,
    res: ServerResponse,
    request: { path: string; query: string },
    faults: Faults,
    resource: Resource,
  ): Promise<void> {
    const entry = record(
      {
        method: req.method ?? 'GET',
        ...request,
        range: req.headers.range ?? null,
        status: 200,
        bytes: 0,
      },
      res,
    );
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', resource.etag);
    res.setHeader('Last-Modified', resource.lastModified.toUTCString());
    res.setHeader('Content-Type', resource.contentType);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === resource.etag && !faults.ignoreRange) {
      res.statusCode = entry.status = 304;
      res.end();
      return;
    }
    let start = 0;
    let end = resource.size;
    const range = faults.ignoreRange ? undefined : parseRange(req.headers.range, resource.size);
    const ifRange = req.headers['if-range'];
    const ifRangeValue = Array.isArray(ifRange) ? ifRange[0] : ifRange;
    if (range === 'unsatisfiable') {
      res.statusCode = entry.status = 416;
      res.setHeader('Content-Range', `bytes */${resource.size}`);
      res.end();
      return;
    }
    if (range && ifRangeHolds(ifRangeValue, resource.etag, resource.lastModified)) {
      start = range.start;
      end = range.end + 1;
      res.statusCode = entry.status = 206;
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${resource.size}`);
    }
    if (!faults.noContentLength) res.setHeader('Content-Length', String(end - start));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const startedAt = Date.now();
    for (const piece of resource.read(start, end)) {
      if (res.destroyed) return;
      let bytes = piece;
      if (faults.dropAfterBytes !== undefined && entry.bytes + bytes.length > faults.dropAfterBytes) {
        bytes = bytes.subarray(0, faults.dropAfterBytes - entry.bytes);
        if (bytes.length > 0) await new Promise<void>((done) => res.write(bytes, () => done()));
        entry.bytes += bytes.length;
        res.destroy(); // the connection drops mid-body
        return;
      }
      if (faults.bytesPerSecond) {
        // Each piece leaves no earlier than the cap allows, so the last byte arrives on time too.
        const due = startedAt + ((entry.bytes + bytes.length) / faults.bytesPerSecond) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
        if (res.destroyed) return; // the client went away while we waited
      }
      entry.bytes += bytes.length;
      if (!res.write(bytes)) await new Promise((drained) => res.once('drain', drained));
    }
    res.end();
  }

  function resourceFor(route: string, mutate: boolean): Resource | undefined {
    const version = (key: string): number => {
      const next = (versions.get(key) ?? 0) + (mutate ? 1 : 0);
      versions.set(key, next);
      return next;
    };
    let match = /^\/previews\/(\d+)\.wav$/.exec(route);
    if (match) {
      const song = DEMO_SONGS.find((candidate) => candidate.trackId === Number(match![1]));
      return song && songPreview(song, version(route));
    }
    match = /^\/previews\/synthetic-(\d+)\.wav$/.exec(route);
    if (match) {
      const mebibytes = Number(match[1]);
      if (!(SYNTHETIC_SIZES_MIB as readonly number[]).includes(mebibytes)) return undefined;
      return syntheticPreview(mebibytes, version(route));
    }
    match = /^\/artwork\/(\d+)\/(\d+)x\2bb\.png$/.exec(route);
    if (match && Number(match[2]) >= 16 && Number(match[2]) <= 1200) {
      return albumArtwork(Number(match[1]), Number(match[2]), version(`/artwork/${match[1]}`));
    }
    return undefined;
  }

  async function control(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    if (route === '/__control/faults') {
      if (req.method === 'PUT' || req.method === 'POST') board.set(parseFaultSettings(await readJson(req)));
      if (req.method === 'DELETE') board.set({});
      res.end(JSON.stringify(board.settings));
    } else if (route === '/__control/stats') {
      if (req.method === 'DELETE') served = [];
      res.end(JSON.stringify({ requests: served }));
    } else if (route === '/__control/extra-results') {
      if (req.method === 'PUT' || req.method === 'POST') {
        const body = await readJson(req);
        extra = Array.isArray(body) ? (body.filter((item) => typeof item === 'object' && item) as ItunesItem[]) : [];
      }
      if (req.method === 'DELETE') extra = [];
      res.end(JSON.stringify(extra));
    } else if (route === '/__control/reset') {
      board.set({});
      served = [];
      extra = [];
      versions.clear();
      res.end('{}');
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse, next: NextHandler): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://catalog.invalid');
    if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return next();
    const route = url.pathname.slice(basePath.length) || '/';
    const proto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const urls = { base: `${proto}://${req.headers.host ?? 'localhost'}${basePath}` };

    if (route.startsWith('/__control/')) return control(req, res, route);

    const isSearch = route === '/search' || route === '/lookup';
    const group = isSearch ? 'search' : route.startsWith('/artwork/') ? 'artwork' : 'previews';
    const faults = board.take(group, isSearch ? {} : faultsFromQuery(url.searchParams));
    setCors(res, faults);
    if (req.method === 'OPTIONS') {
      if (!faults.noCors) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', CORS_ALLOWED_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      res.statusCode = 204;
      res.end();
      return;
    }
    if (faults.latencyMs) await sleep(faults.latencyMs);
    if (faults.status) {
      record({
        method: req.method ?? 'GET',
        path: route,
        query: url.search,
        range: req.headers.range ?? null,
        status: faults.status,
        bytes: 0,
      });
      res.statusCode = faults.status;
      // The real service's rate limit is a 403 with an empty body.
      if (faults.status === 403) res.end();
      else res.end(JSON.stringify({ errorMessage: `Demo catalog fault: status ${faults.status}` }));
      return;
    }

    if (isSearch) {
      const callback = url.searchParams.get('callback');
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      if (callback !== null && !/^[A-Za-z_$][\w$.]{0,99}$/.test(callback)) {
        res.statusCode = 400;
        res.end(JSON.stringify({ errorMessage: 'Invalid value(s) for key(s): [callback]' }));
        return;
      }
      try {
        const items =
          route === '/search' ? search(url.searchParams, urls, extra) : lookup(url.searchParams, urls, extra);
        const body = formatAnswer(items, callback ?? undefined);
        if (!faults.noContentLength) res.setHeader('Content-Length', Buffer.byteLength(body));
        record({
          method: req.method ?? 'GET',
          path: route,
          query: url.search,
          range: null,
          status: 200,
          bytes: Buffer.byteLength(body),
        });
        res.end(body);
      } catch (error) {
        if (!(error instanceof InvalidParameter)) throw error;
        res.statusCode = 400;
        const body = JSON.stringify({
          errorMessage: error.message,
          queryParameters: { output: 'json', country: 'ISO-2A country code' },
        });
        res.end(callback ? `${callback}(${body});` : body);
      }
      return;
    }

    const resource =
      req.method === 'GET' || req.method === 'HEAD' ? resourceFor(route, Boolean(faults.mutate)) : undefined;
    if (!resource) {
      record({ method: req.method ?? 'GET', path: route, query: url.search, range: null, status: 404, bytes: 0 });
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Not in the demo catalog');
      return;
    }
    await sendResource(req, res, { path: route, query: url.search }, faults, resource);
  }

  return (req, res, next) => {
    const fallback =
      next ??
      ((): void => {
        res.statusCode = 404;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Not found');
      });
    handle(req, res, fallback).catch((error: unknown) => {
      console.error('demo catalog:', error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}
