import { afterEach, describe, expect, it, vi } from 'vitest';
import { restoreModes, saveModes } from '../../../src/player/player-modes.ts';

const KEY = 'half-tunes:player-modes';

/** A `localStorage` over a Map; `refuse` makes it throw as a blocked site's does. */
function fakeStorage(refuse = false): Map<string, string> {
  const kept = new Map<string, string>();
  const refused = (): never => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => (refuse ? refused() : (kept.get(key) ?? null)),
    setItem: (key: string, value: string) => (refuse ? refused() : void kept.set(key, value)),
  });
  return kept;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('player modes', () => {
  it('are kept under the key and in the form earlier versions wrote, and read back', () => {
    const kept = fakeStorage();
    saveModes({ shuffle: true, repeat: 'one' });
    expect(kept.get(KEY)).toBe('{"shuffle":true,"repeat":"one"}');
    expect(restoreModes()).toEqual({ shuffle: true, repeat: 'one' });
  });

  it('read back as off when nothing, something unknown or unreadable is kept', () => {
    const kept = fakeStorage();
    expect(restoreModes()).toEqual({ shuffle: false, repeat: 'off' });
    kept.set(KEY, '{"shuffle":"yes","repeat":"twice"}');
    expect(restoreModes()).toEqual({ shuffle: false, repeat: 'off' });
    kept.set(KEY, '{"repeat":"all"}');
    expect(restoreModes()).toEqual({ shuffle: false, repeat: 'all' });
    for (const unreadable of ['null', '{shuffle', '']) {
      kept.set(KEY, unreadable);
      expect(restoreModes()).toEqual({ shuffle: false, repeat: 'off' });
    }
  });

  it('are off, and saving them does not throw, when storage is refused', () => {
    fakeStorage(true);
    expect(restoreModes()).toEqual({ shuffle: false, repeat: 'off' });
    expect(() => saveModes({ shuffle: true, repeat: 'all' })).not.toThrow();
  });
});
