import { AsyncLocalStorage } from 'node:async_hooks';

/** One service worker's life: what it starts runs in its context, and ends with it. */
export interface WorkerLife {
  readonly id: number;
  alive: boolean;
  /** Aborts every request of this worker still open when it is stopped. */
  readonly stopped: AbortController;
}

/** A preview request as the host saw it asked, for the model's invariants. */
export interface PreviewRequest {
  readonly worker: number;
  readonly path: string;
  readonly mode: RequestMode;
  /** Whether the person's "Download only on Wi-Fi" was in force on a metered connection then. */
  readonly wifiOnlyMetered: boolean;
}

const life = new AsyncLocalStorage<WorkerLife>();

/** The origin the worker runs on: the catalog's origin is another, as in production. */
export const APP_ORIGIN = 'https://half-tunes.test';

/**
 * The network as a browser's worker meets it, over Node's real `fetch`: the device going offline
 * (every request fails, every open answer is cut, `offline` fires), CORS (a cross-origin answer
 * without `Access-Control-Allow-Origin` cannot be read, as in a browser; `no-cors` requests go
 * through), and a worker that is stopped (its open requests cut, nothing it asks goes out).
 */
export class Network {
  offline = false;
  /** Set by the test while "Download only on Wi-Fi" is in force on a metered connection. */
  wifiOnlyMetered = false;
  readonly previews: PreviewRequest[] = [];
  readonly #open = new Set<AbortController>();
  readonly #fetch = globalThis.fetch;
  #lives = 0;

  install(): void {
    globalThis.fetch = (input, init) => this.#request(input, init);
  }

  /** A new worker's life; `run` what it does inside it. */
  newWorker(): WorkerLife {
    return { id: ++this.#lives, alive: true, stopped: new AbortController() };
  }

  run<T>(worker: WorkerLife, work: () => T): T {
    return life.run(worker, work);
  }

  /** The browser stops the worker: whatever it had open is cut, and it asks nothing more. */
  stop(worker: WorkerLife): void {
    worker.alive = false;
    worker.stopped.abort(new TypeError('The worker was stopped.'));
  }

  /** Whether code running now belongs to a worker that was stopped (it would not run at all in a browser). */
  static stale(): boolean {
    const worker = life.getStore();
    return worker !== undefined && !worker.alive;
  }

  setOffline(offline: boolean): void {
    this.offline = offline;
    (navigator as { onLine: boolean }).onLine = !offline;
    if (offline) {
      for (const open of this.#open) open.abort(new TypeError('network error'));
      this.#open.clear();
    }
    dispatchEvent(new Event(offline ? 'offline' : 'online'));
  }

  async #request(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    const worker = life.getStore();
    const url = new URL(input instanceof Request ? input.url : input);
    if (!worker) return this.#fetch(input, init); // the test's own requests
    if (!worker.alive || this.offline) throw new TypeError('Failed to fetch');
    const mode = init.mode ?? 'cors';
    if (url.pathname.startsWith('/previews/')) {
      this.previews.push({ worker: worker.id, path: url.pathname, mode, wifiOnlyMetered: this.wifiOnlyMetered });
    }
    const cut = new AbortController();
    this.#open.add(cut);
    const signals = [cut.signal, worker.stopped.signal, ...(init.signal ? [init.signal] : [])];
    try {
      const response = await this.#fetch(input, { ...init, signal: AbortSignal.any(signals) });
      if (mode !== 'no-cors' && url.origin !== APP_ORIGIN && !response.headers.has('Access-Control-Allow-Origin')) {
        await response.body?.cancel().catch(() => undefined);
        throw new TypeError('Failed to fetch');
      }
      // Kept until the next cut: aborting an answer that already ended changes nothing.
      return response;
    } catch (error) {
      this.#open.delete(cut);
      if (init.signal?.aborted) throw init.signal.reason;
      throw error instanceof TypeError ? error : new TypeError('Failed to fetch');
    }
  }
}
