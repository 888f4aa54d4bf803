import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { planAnswer } from './answer.ts';
import { DEMO_SONGS, SYNTHETIC_SIZES_MIB } from './catalog-data.ts';
import { FaultBoard, faultsFromQuery, parseFaultSettings, type FaultSettings, type Faults } from './faults.ts';
import {
  albumArtwork,
  hostileDocument,
  repeatedBytes,
  songPreview,
  syntheticPreview,
  type Resource,
} from './resources.ts';
import { SharedLink, parseLinkSettings } from './link.ts';
import { formatAnswer, InvalidParameter, lookup, search, type ItunesItem } from './search.ts';

export interface CatalogOptions {
  /** Path the catalog is mounted at, e.g. `/catalog`; empty when it owns the whole server. */
  basePath?: string;
  /** Faults active from the start. */
  faults?: FaultSettings;
  /**
   * Host names it answers besides loopback's (`localhost`, `127.0.0.1`, `[::1]`), e.g. the name it is
   * published under. Any other `Host` is refused: a page of another site that rebinds its name to
   * this machine (DNS rebinding) could otherwise flip faults or read the request log.
   */
  hostNames?: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** The name in a `Host` header, without its port, in lower case; null when there is none. */
export function hostNameOf(host: string | undefined): string | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:\s]+)(?::\d+)?$/i.exec(host?.trim() ?? '');
  return match ? match[1]!.toLowerCase() : null;
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
  /** When the answer began and (once closed) ended, in ms since the epoch: for the benchmark's timelines. */
  startedAt: number;
  endedAt: number | null;
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

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/** Resolves once `res` takes more data, or closes: a client that leaves mid-body never drains it. */
function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((done) => {
    const settle = (): void => {
      res.off('drain', settle);
      res.off('close', settle);
      done();
    };
    res.once('drain', settle);
    res.once('close', settle);
  });
}

/**
 * The bytes a capped body is written in, or null where nothing caps it: a twentieth of a second of
 * the fault's cap (a trickle, not a minute of silence), and a hundredth of a second of the link's. A
 * link delivers its first bytes as soon as the round trip is over; written in whole 64 KiB pieces,
 * each leaving once it had crossed, the first came 44 ms later on a phone's 1.5 MB/s.
 */
export function pacingStep(faultRate: number | undefined, linkRate: number | undefined): number | null {
  const steps = [faultRate && faultRate / 20, linkRate && linkRate / 100].filter((step): step is number => !!step);
  return steps.length === 0 ? null : Math.max(1024, Math.round(Math.min(...steps)));
}

/**
 * `pieces` cut where the fast part (`fastBytes`) ends and, after it, into steps of `step` bytes: a
 * capped body then trickles (a 64 KiB piece at 1 kB/s would be a minute of silence, which a client
 * takes for a stalled connection).
 */
function* paced(pieces: Iterable<Uint8Array>, fastBytes: number, step: number): Iterable<Uint8Array> {
  let sent = 0;
  for (const piece of pieces) {
    for (let at = 0; at < piece.length;) {
      const left = piece.length - at;
      const size = sent < fastBytes ? Math.min(left, fastBytes - sent) : Math.min(left, step);
      yield piece.subarray(at, at + size);
      at += size;
      sent += size;
    }
  }
}

/**
 * Writes `pieces` as the body, counting every byte sent in `entry`, under the bandwidth cap and the
 * drop fault, and stops as soon as the client goes away.
 */
async function sendBody(
  res: ServerResponse,
  entry: ServedRequest,
  faults: Faults,
  link: SharedLink,
  pieces: Iterable<Uint8Array>,
): Promise<void> {
  const fastBytes = faults.fastBytes ?? 0;
  let slowSince: number | undefined;
  const rate = faults.bytesPerSecond;
  const step = pacingStep(rate, link.settings.bytesPerSecond);
  for (const piece of step === null ? pieces : paced(pieces, rate ? fastBytes : 0, step)) {
    if (res.destroyed) return;
    let bytes = piece;
    if (faults.dropAfterBytes !== undefined && entry.bytes + bytes.length > faults.dropAfterBytes) {
      bytes = bytes.subarray(0, faults.dropAfterBytes - entry.bytes);
      if (bytes.length > 0) await new Promise<void>((done) => res.write(bytes, () => done()));
      entry.bytes += bytes.length;
      res.destroy(); // the connection drops mid-body
      return;
    }
    const slowBytes = entry.bytes + bytes.length - fastBytes;
    if (rate && slowBytes > 0) {
      // Each piece leaves no earlier than the cap allows, so the last byte arrives on time too.
      slowSince ??= Date.now();
      const due = slowSince + (slowBytes / rate) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      if (res.destroyed) return; // the client went away while we waited
    }
    await link.transmit(bytes.length);
    if (res.destroyed) return;
    entry.bytes += bytes.length;
    if (!res.write(bytes)) await drained(res);
  }
  res.end();
}

/**
 * The methods each control route answers. GET and HEAD only read; every other method changes
 * something, so GET never resets.
 */
const CONTROL_METHODS = new Map<string, readonly string[]>([
  ['/__control/faults', ['GET', 'HEAD', 'PUT', 'POST', 'DELETE']],
  ['/__control/stats', ['GET', 'HEAD', 'DELETE']],
  ['/__control/extra-results', ['GET', 'HEAD', 'PUT', 'POST', 'DELETE']],
  ['/__control/link', ['GET', 'HEAD', 'PUT', 'DELETE']],
  ['/__control/reset', ['POST']],
]);
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Whether a `Content-Type` is JSON, whatever its parameters. Changes to the control endpoint need it
 * because a cross-site form or text/plain POST is sent without a CORS preflight, and so could flip a
 * fault from any page; a JSON one needs a preflight, which fails here (control answers carry no CORS).
 */
function isJson(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]!.trim().toLowerCase() === 'application/json';
}

function refuse(res: ServerResponse, status: number, errorMessage: string): void {
  res.statusCode = status;
  res.end(JSON.stringify({ errorMessage }));
}

function itemsFrom(body: unknown): ItunesItem[] {
  return Array.isArray(body) ? (body.filter((item) => typeof item === 'object' && item) as ItunesItem[]) : [];
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
  const hostNames = new Set([...LOOPBACK_NAMES, ...(options.hostNames ?? []).map((name) => name.toLowerCase())]);
  const board = new FaultBoard(options.faults);
  const link = new SharedLink();
  const versions = new Map<string, number>();
  let served: ServedRequest[] = [];
  let extra: ItunesItem[] = [];

  function record(fields: Omit<ServedRequest, 'open' | 'startedAt' | 'endedAt'>, res?: ServerResponse): ServedRequest {
    const startedAt = Date.now();
    // A client may hang up during the round trip, before this: its `close` is past, so it never comes.
    const open = res !== undefined && !res.destroyed && res.socket !== null && !res.socket.destroyed;
    const entry: ServedRequest = { ...fields, open, startedAt, endedAt: open ? null : startedAt };
    if (open)
      res.once('close', () => {
        entry.open = false;
        entry.endedAt = Date.now();
      });
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
    // A faulted answer (a hostile document, a cut body) must never come back from a browser's cache.
    res.setHeader('Cache-Control', Object.keys(faults).length > 0 ? 'no-store' : 'public, max-age=3600');
    if (req.headers['if-none-match'] === resource.etag && !faults.ignoreRange) {
      res.statusCode = entry.status = 304;
      res.end();
      return;
    }
    const answer = planAnswer(
      { range: req.headers.range, ifRange: firstValue(req.headers['if-range']) },
      faults,
      resource,
    );
    res.statusCode = entry.status = answer.status;
    if (answer.contentRange) res.setHeader('Content-Range', answer.contentRange);
    if (answer.status === 416) {
      res.end();
      return;
    }
    if (answer.lengthKnown && !faults.noContentLength)
      res.setHeader('Content-Length', String(answer.end - answer.start));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await sendBody(res, entry, faults, link, repeatedBytes(resource, answer.start, answer.end));
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

  /** Carries out one accepted control request and returns what to answer. */
  function applyControl(route: string, method: string, body: unknown): unknown {
    const changes = !READ_METHODS.has(method);
    switch (route) {
      case '/__control/faults':
        if (changes) board.set(method === 'DELETE' ? {} : parseFaultSettings(body));
        return board.settings;
      case '/__control/stats':
        if (changes) served = [];
        return { requests: served };
      case '/__control/link':
        if (changes) link.set(method === 'DELETE' ? {} : parseLinkSettings(body));
        return link.settings;
      case '/__control/extra-results':
        if (changes) extra = method === 'DELETE' ? [] : itemsFrom(body);
        return extra;
      default: // '/__control/reset', the only other route CONTROL_METHODS knows
        board.set({});
        link.set({});
        served = [];
        extra = [];
        versions.clear();
        return {};
    }
  }

  async function control(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    const method = req.method ?? 'GET';
    const allowed = CONTROL_METHODS.get(route);
    if (!allowed) return refuse(res, 404, 'No such control endpoint');
    if (!allowed.includes(method)) {
      res.setHeader('Allow', allowed.join(', '));
      return refuse(res, 405, `${method} is not allowed here; use ${allowed.join(', ')}`);
    }
    if (!READ_METHODS.has(method) && !isJson(req.headers['content-type'])) {
      return refuse(res, 415, 'A control request that changes something must be sent as application/json');
    }
    let body: unknown;
    try {
      body = method === 'PUT' || method === 'POST' ? await readJson(req) : undefined;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      return refuse(res, 400, `The body is not JSON: ${error.message}`);
    }
    res.end(JSON.stringify(applyControl(route, method, body)));
  }

  async function handle(req: IncomingMessage, res: ServerResponse, next: NextHandler): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://catalog.invalid');
    if (basePath && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return next();
    const route = url.pathname.slice(basePath.length) || '/';
    if (!hostNames.has(hostNameOf(req.headers.host) ?? '')) {
      res.setHeader('Content-Type', 'application/json');
      return refuse(res, 403, 'The demo catalog answers only loopback and its configured name.');
    }
    const proto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
    const urls = { base: `${proto}://${req.headers.host ?? 'localhost'}${basePath}` };

    if (route.startsWith('/__control/')) return control(req, res, route);

    const isSearch = route === '/search' || route === '/lookup';
    const group = isSearch ? 'search' : route.startsWith('/artwork/') ? 'artwork' : 'previews';
    // Every request crosses the link, a preflight as much as a GET.
    await link.roundTrip();
    const faults = board.take(group, isSearch ? {} : faultsFromQuery(url.searchParams), req.method !== 'OPTIONS');
    setCors(res, faults);
    if (req.method === 'OPTIONS') {
      // Counted like any request: a preflight costs a round trip, and the benchmark counts them.
      record({ method: 'OPTIONS', path: route, query: url.search, range: null, status: 204, bytes: 0 });
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
        const dropAt = faults.dropAfterBytes;
        const sent = dropAt === undefined ? Buffer.from(body) : Buffer.from(body).subarray(0, dropAt);
        record({
          method: req.method ?? 'GET',
          path: route,
          query: url.search,
          range: null,
          status: 200,
          bytes: sent.length,
        });
        if (dropAt === undefined) {
          res.end(body);
        } else {
          // The connection drops mid-answer (before the headers when nothing is to be sent).
          if (sent.length > 0) await new Promise<void>((done) => res.write(sent, () => done()));
          res.destroy();
        }
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
    const sent = faults.serveAs ? hostileDocument(faults.serveAs) : resource;
    await sendResource(req, res, { path: route, query: url.search }, faults, sent);
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
