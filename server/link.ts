import { setTimeout as sleep } from 'node:timers/promises';

/** A network link between the catalog and its clients, as a phone has: one for every connection. */
export interface LinkSettings {
  /** The link's bandwidth, shared by every body being sent. */
  bytesPerSecond?: number;
  /** What every request waits before its answer begins (CORS preflights too): the round trip. */
  latencyMs?: number;
}

/** Reads link settings from a control body; anything that is not a positive number is left out. */
export function parseLinkSettings(body: unknown): LinkSettings {
  const settings: LinkSettings = {};
  if (typeof body !== 'object' || body === null) return settings;
  for (const key of ['bytesPerSecond', 'latencyMs'] as const) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) settings[key] = value;
  }
  return settings;
}

/**
 * Shapes every answer to one link: each request waits the round trip, and the bodies in flight share
 * the bandwidth, piece by piece in the order they ask (so ten downloads at once each get a tenth).
 */
export class SharedLink {
  /** @param now the clock, @param wait the sleep (a test passes its own) */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {}

  #settings: LinkSettings = {};
  /** When the link has sent every piece handed to it so far. */
  #busyUntil = 0;

  get settings(): LinkSettings {
    return this.#settings;
  }

  set(settings: LinkSettings): void {
    this.#settings = settings;
    this.#busyUntil = 0;
  }

  async roundTrip(): Promise<void> {
    if (this.#settings.latencyMs) await this.wait(this.#settings.latencyMs);
  }

  /** Resolves when `bytes` more have crossed the link after everything handed to it before. */
  async transmit(bytes: number): Promise<void> {
    const rate = this.#settings.bytesPerSecond;
    if (!rate) return;
    const now = this.now();
    this.#busyUntil = Math.max(now, this.#busyUntil) + (bytes / rate) * 1000;
    if (this.#busyUntil > now) await this.wait(this.#busyUntil - now);
  }
}
