/// <reference lib="webworker" />
import type { Moment } from './ladder.ts';

declare let self: ServiceWorkerGlobalScope;

/** What a page says of itself in `download-conditions`. */
export interface PageReport {
  readonly visible?: boolean;
  readonly background?: boolean;
}

/** The ids of the app's open windows, or null where the worker cannot tell (a test in Node). */
export type OpenWindows = () => Promise<readonly string[] | null>;

/** The app's windows as the browser lists them to the worker. */
export const openWindows: OpenWindows = async () => {
  if (!self.clients) return null;
  return (await self.clients.matchAll({ type: 'window' })).map((client) => client.id);
};

/**
 * What the worker knows of the app's open pages, for the engine a download takes (`engineFor`): each
 * page says whether it is on screen, on opening and on every change, and whether the person lets
 * downloads go on when Half Tunes is closed. A page that said nothing (of an older version) counts as
 * on screen: the worker's own stream is the safe choice there.
 */
export class OpenPages {
  readonly #reports = new Map<string, PageReport>();
  /** The person's choice, as the last page to say it said it. */
  #backgroundAllowed = false;

  constructor(private readonly windows: OpenWindows = openWindows) {}

  /** A page's report; `clientId` is its window's (empty when unknown). */
  report(clientId: string, report: PageReport): void {
    if (report.background !== undefined) this.#backgroundAllowed = report.background;
    if (clientId) this.#reports.set(clientId, report);
  }

  /** The pages now, for a launch. `except`: a page that is going away (it just said so). */
  async moment(backgroundFetch: boolean, except = ''): Promise<Moment> {
    const open = await this.windows();
    // Reports of windows that closed are forgotten; where the windows are unknown, every report counts.
    if (open) for (const id of this.#reports.keys()) if (!open.includes(id)) this.#reports.delete(id);
    const ids = (open ?? [...this.#reports.keys()]).filter((id) => id !== except);
    return {
      pageOpen: ids.length > 0,
      pageVisible: ids.some((id) => this.#reports.get(id)?.visible !== false),
      backgroundAllowed: this.#backgroundAllowed,
      backgroundFetch,
    };
  }
}
