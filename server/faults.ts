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
  dropAfter: 'dropAfterBytes',
  ignoreRange: 'ignoreRange',
  mutate: 'mutate',
  noLength: 'noContentLength',
  noCors: 'noCors',
};

const BOOLEAN_KEYS = new Set<keyof Faults>(['ignoreRange', 'mutate', 'noContentLength', 'noCors']);

/** Reads per-request faults from a media URL's query (`?dropAfter=50000&noCors=1`). */
export function faultsFromQuery(params: URLSearchParams): Faults {
  const faults: Faults = {};
  for (const [param, key] of Object.entries(QUERY_KEYS)) {
    const value = params.get(param);
    if (value === null) continue;
    if (BOOLEAN_KEYS.has(key)) (faults as Record<string, boolean>)[key] = value !== '0' && value !== 'false';
    else if (/^\d+$/.test(value)) (faults as Record<string, number>)[key] = Number(value);
  }
  return faults;
}

/** Checks a JSON body sent to the control endpoint, keeping only known switches of the right type. */
export function parseFaultSettings(input: unknown): FaultSettings {
  const settings: FaultSettings = {};
  if (typeof input !== 'object' || input === null) return settings;
  for (const group of ['search', 'previews', 'artwork'] as const) {
    const raw = (input as Record<string, unknown>)[group];
    if (typeof raw !== 'object' || raw === null) continue;
    const faults: Faults = {};
    for (const key of [...Object.values(QUERY_KEYS), 'times'] as (keyof Faults)[]) {
      const value = (raw as Record<string, unknown>)[key];
      if (BOOLEAN_KEYS.has(key) && typeof value === 'boolean') (faults as Record<string, boolean>)[key] = value;
      if (!BOOLEAN_KEYS.has(key) && typeof value === 'number' && Number.isFinite(value) && value >= 0) {
        (faults as Record<string, number>)[key] = value;
      }
    }
    settings[group] = faults;
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

  /** The faults for one request of `group`, with per-request ones taking precedence. */
  take(group: keyof FaultSettings, perRequest: Faults = {}): Faults {
    const current = this.#settings[group];
    if (current?.times !== undefined) {
      current.times -= 1;
      if (current.times <= 0) this.#settings = { ...this.#settings, [group]: undefined };
    }
    const { times: _times, ...active } = current ?? {};
    return { ...active, ...perRequest };
  }
}
