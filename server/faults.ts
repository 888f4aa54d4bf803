/** The hostile documents the `serveAs` fault can put in place of a preview. */
export const SERVE_AS_KINDS = ['html', 'svg'] as const;
export type ServeAs = (typeof SERVE_AS_KINDS)[number];

/**
 * Fault switches of the demo catalog. Each can be set for the whole server (start options or the
 * control endpoint) and, on preview and artwork URLs, per request as a query parameter.
 */
export interface Faults {
  /** Answer this status instead (403 comes with an empty body, as the real service's rate limit). */
  status?: number;
  /** Wait this long before answering. */
  latencyMs?: number;
  /** Cap the body's speed. */
  bytesPerSecond?: number;
  /** Send this many body bytes at full speed before `bytesPerSecond` caps the rest. */
  fastBytes?: number;
  /** Cut the connection after sending this many body bytes. */
  dropAfterBytes?: number;
  /** Answer 200 with the whole body whatever `Range` asked for. */
  ignoreRange?: boolean;
  /** Give the resource a new ETag and a different body on every request. */
  mutate?: boolean;
  /** Send no `Content-Length` (the body goes chunked). */
  noContentLength?: boolean;
  /** Send no CORS headers at all, so a cross-origin page cannot read the answer. */
  noCors?: boolean;
  /** Answer a small scripted HTML or SVG document instead of the file, served as the file is (ranges, validators). */
  serveAs?: ServeAs;
  /** Answer `bytes=S-E` from S to the end of the file: a truthful 206 larger than asked. */
  rangeEndIgnored?: boolean;
  /** Send this many bytes more than a 206's `Content-Range` states (`Content-Length` counts them). */
  extraBytes?: number;
  /** Make the resource endless: any `bytes=S-E` is a 206 `bytes S-E/*`, anything else a 200 that never ends. */
  endless?: boolean;
  /** Claim this total in every `Content-Range` (206 and 416) instead of the real size. */
  claimTotal?: number;
  /**
   * Answer a Range from S with at most this many bytes (`bytes S-(S+n-1)/…`), an open-ended `bytes=S-`
   * too, as a host that sends a file in parts: with `endless`, a 206 whose total is `*`.
   */
  answerBytes?: number;
  /** Apply to this many more requests only, then clear (server-level faults only). */
  times?: number;
}

/** Server-level faults, by the group of routes they apply to. */
export interface FaultSettings {
  /** `/search` and `/lookup`. */
  search?: Faults;
  /** Previews (`/previews/…`). */
  previews?: Faults;
  /** Artwork (`/artwork/…`). */
  artwork?: Faults;
}

const QUERY_KEYS: Record<string, keyof Faults> = {
  status: 'status',
  latency: 'latencyMs',
  bandwidth: 'bytesPerSecond',
  fast: 'fastBytes',
  dropAfter: 'dropAfterBytes',
  ignoreRange: 'ignoreRange',
  mutate: 'mutate',
  noLength: 'noContentLength',
  noCors: 'noCors',
  serveAs: 'serveAs',
  rangeEndIgnored: 'rangeEndIgnored',
  extraBytes: 'extraBytes',
  endless: 'endless',
  claimTotal: 'claimTotal',
  answerBytes: 'answerBytes',
};

const BOOLEAN_KEYS = new Set<keyof Faults>([
  'ignoreRange',
  'mutate',
  'noContentLength',
  'noCors',
  'rangeEndIgnored',
  'endless',
]);

/** Switches that take one of a few words; any other value is ignored, as a malformed number is. */
const WORD_KEYS = new Map<keyof Faults, readonly string[]>([['serveAs', SERVE_AS_KINDS]]);

type SwitchValue = boolean | number | string;

/** `value` if it has the type of switch `key`, else `undefined`: a bad value is dropped, not an error. */
function checked(key: keyof Faults, value: unknown): SwitchValue | undefined {
  if (BOOLEAN_KEYS.has(key)) return typeof value === 'boolean' ? value : undefined;
  const words = WORD_KEYS.get(key);
  if (words) return typeof value === 'string' && words.includes(value) ? value : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** What a query parameter's text stands for: any boolean but `0`/`false` is on, numbers are plain digits. */
function fromText(key: keyof Faults, text: string): unknown {
  if (BOOLEAN_KEYS.has(key)) return text !== '0' && text !== 'false';
  if (WORD_KEYS.has(key)) return text;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Reads per-request faults from a media URL's query (`?dropAfter=50000&noCors=1&serveAs=html`). */
export function faultsFromQuery(params: URLSearchParams): Faults {
  const faults: Record<string, SwitchValue> = {};
  for (const [param, key] of Object.entries(QUERY_KEYS)) {
    const text = params.get(param);
    const value = text === null ? undefined : checked(key, fromText(key, text));
    if (value !== undefined) faults[key] = value;
  }
  return faults as Faults;
}

/** Checks a JSON body sent to the control endpoint, keeping only known switches of the right type. */
export function parseFaultSettings(input: unknown): FaultSettings {
  const settings: FaultSettings = {};
  if (typeof input !== 'object' || input === null) return settings;
  for (const group of ['search', 'previews', 'artwork'] as const) {
    const raw = (input as Record<string, unknown>)[group];
    if (typeof raw !== 'object' || raw === null) continue;
    const faults: Record<string, SwitchValue> = {};
    for (const key of [...Object.values(QUERY_KEYS), 'times'] as (keyof Faults)[]) {
      const value = checked(key, (raw as Record<string, unknown>)[key]);
      if (value !== undefined) faults[key] = value;
    }
    settings[group] = faults as Faults;
  }
  return settings;
}

/** Holds the server-level faults and hands them out, counting down `times`. */
export class FaultBoard {
  #settings: FaultSettings;

  constructor(initial: FaultSettings = {}) {
    this.#settings = structuredClone(initial);
  }

  get settings(): FaultSettings {
    return structuredClone(this.#settings);
  }

  set(settings: FaultSettings): void {
    this.#settings = structuredClone(settings);
  }

  /**
   * The faults for one request of `group`, with per-request ones taking precedence. A CORS preflight
   * (`counted` false) sees them without using up `times`: it is the browser asking, not the request.
   */
  take(group: keyof FaultSettings, perRequest: Faults = {}, counted = true): Faults {
    const current = this.#settings[group];
    if (counted && current?.times !== undefined) {
      current.times -= 1;
      if (current.times <= 0) this.#settings = { ...this.#settings, [group]: undefined };
    }
    const { times: _times, ...active } = current ?? {};
    return { ...active, ...perRequest };
  }
}
