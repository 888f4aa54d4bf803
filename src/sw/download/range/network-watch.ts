/// <reference lib="webworker" />

declare let self: ServiceWorkerGlobalScope;

/** No byte for this long on an open answer: the connection is dead though no error says so. */
const STALL_MS = 30_000;

/** What watches one answer for a lost network (`watchNetwork`). */
export interface NetworkWatch {
  readonly signal: AbortSignal;
  onBytes(): void;
  lost(): boolean;
  stop(): void;
}

/**
 * Watches one answer's body for a lost network: the browser going offline (an open stream may go on
 * flowing from buffers, or stall, rather than fail) or no byte for `STALL_MS`. `signal` aborts the
 * request then; `lost()` says whether that is why the body ended.
 */
export function watchNetwork(paused: AbortSignal): NetworkWatch {
  const cut = new AbortController();
  let timer = setTimeout(() => cut.abort(), STALL_MS);
  const onOffline = (): void => cut.abort();
  self.addEventListener('offline', onOffline);
  return {
    signal: AbortSignal.any([paused, cut.signal]),
    onBytes() {
      clearTimeout(timer);
      if (!navigator.onLine) cut.abort();
      else timer = setTimeout(() => cut.abort(), STALL_MS);
    },
    lost: () => cut.signal.aborted && !paused.aborted,
    stop() {
      clearTimeout(timer);
      self.removeEventListener('offline', onOffline);
    },
  };
}
