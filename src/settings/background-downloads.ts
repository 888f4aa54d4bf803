const KEY = 'half-tunes:force-range-engine';

/**
 * Whether downloads use the Range-chunk engine even where Background Fetch exists: `?engine=range`
 * in the page URL (tests), or the person's setting.
 */
export function forceRangeEngine(): boolean {
  return new URLSearchParams(location.search).get('engine') === 'range' || localStorage.getItem(KEY) === '1';
}

/** The person's setting alone (the URL parameter aside). */
export function rangeEngineChosen(): boolean {
  return localStorage.getItem(KEY) === '1';
}

export function chooseRangeEngine(chosen: boolean): void {
  if (chosen) localStorage.setItem(KEY, '1');
  else localStorage.removeItem(KEY);
}
