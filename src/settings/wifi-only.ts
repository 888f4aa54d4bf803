const KEY = 'half-tunes:wifi-only';

/** The person's "Download only on Wi-Fi" (off unless chosen). */
export function wifiOnlyChosen(): boolean {
  return localStorage.getItem(KEY) === '1';
}

export function chooseWifiOnly(chosen: boolean): void {
  if (chosen) localStorage.setItem(KEY, '1');
  else localStorage.removeItem(KEY);
}
