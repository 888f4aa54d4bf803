import type { PinnedEngine } from '../shared/downloads.ts';

/** The person's "off" (kept under the key of the engine setting it was, so an earlier choice stays). */
const OFF_KEY = 'half-tunes:force-range-engine';

/**
 * Whether the person lets downloads go on when Half Tunes is closed (Settings; on unless turned off),
 * and the page's address does not pin the Range-chunk engine.
 */
export function backgroundDownloadsChosen(): boolean {
  return localStorage.getItem(OFF_KEY) !== '1' && pinnedEngine() !== 'range';
}

/** The person's setting alone (the address aside). */
export function backgroundDownloadsSetting(): boolean {
  return localStorage.getItem(OFF_KEY) !== '1';
}

export function chooseBackgroundDownloads(on: boolean): void {
  if (on) localStorage.removeItem(OFF_KEY);
  else localStorage.setItem(OFF_KEY, '1');
}

/**
 * The engine the page's address pins every download to, for tests and people: `?engine=range` (the
 * worker's own stream only) or `?engine=background-fetch` (Background Fetch even while on screen).
 */
export function pinnedEngine(): PinnedEngine | undefined {
  const asked = new URLSearchParams(location.search).get('engine');
  return asked === 'range' || asked === 'background-fetch' ? asked : undefined;
}
