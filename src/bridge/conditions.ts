const KEY = 'half-tunes:wifi-only';

/** The parts of the Network Information API we read; only some browsers have it, fewer tell `type`. */
interface NetworkInformationLike extends EventTarget {
  readonly type?: string;
  readonly saveData?: boolean;
}

const connection = (): NetworkInformationLike | undefined =>
  (navigator as Navigator & { connection?: NetworkInformationLike }).connection;

/** Whether the browser says which kind of network it is on: where it cannot, Wi-Fi only is not offered. */
export function connectionTypeKnown(): boolean {
  return typeof connection()?.type === 'string';
}

/** A mobile network, or the person asked for less data (Save-Data). */
export function onMeteredConnection(): boolean {
  const info = connection();
  return info?.type === 'cellular' || info?.saveData === true;
}

/** The person's "Download only on Wi-Fi" (off unless chosen). */
export function wifiOnlyChosen(): boolean {
  return localStorage.getItem(KEY) === '1';
}

export function chooseWifiOnly(chosen: boolean): void {
  if (chosen) localStorage.setItem(KEY, '1');
  else localStorage.removeItem(KEY);
}

/** Calls `changed` whenever the connection changes (Wi-Fi to mobile, Save-Data turned on). */
export function watchConnection(changed: () => void): void {
  connection()?.addEventListener('change', changed);
}
