import { describe, expect, it } from 'vitest';
import { isPageToSw, isSwToPage, refusalOf } from '../../../src/shared/messages.ts';

describe('message guards', () => {
  it('accept the commands and events they know', () => {
    expect(isPageToSw({ type: 'SKIP_WAITING' })).toBe(true);
    expect(isPageToSw({ type: 'list-downloads' })).toBe(true);
    expect(isPageToSw({ type: 'hand-over-downloads' })).toBe(true);
    expect(isSwToPage({ type: 'storage-upgrade', blocked: true })).toBe(true);
    expect(isPageToSw({ type: 'download-conditions', wifiOnly: true, metered: false })).toBe(true);
    expect(isPageToSw({ type: 'download-conditions', wifiOnly: true, metered: false, online: false })).toBe(true);
    expect(isSwToPage({ type: 'command-refused', command: 'start-download' })).toBe(true);
    expect(isPageToSw({ type: 'delete-downloads', trackIds: [5, 6] })).toBe(true);
    expect(isSwToPage({ type: 'wifi-wait', waiting: true })).toBe(true);
    expect(isPageToSw({ type: 'pause-download', trackId: 5 })).toBe(true);
    expect(isPageToSw({ type: 'start-download', track: {}, forceRange: false })).toBe(true);
    expect(isSwToPage({ type: 'download-removed', trackId: 5 })).toBe(true);
    expect(isSwToPage({ type: 'downloads-finished', completed: 3, batch: null, notified: true })).toBe(true);
    expect(
      isSwToPage({ type: 'download-changed', download: { trackId: 5, status: 'paused', bytesReceived: 0, track: {} } }),
    ).toBe(true);
  });

  it('refuse anything else', () => {
    for (const data of [
      null,
      undefined,
      'SKIP_WAITING',
      42,
      {},
      { type: 'skip' },
      { type: 'pause-download' },
      { type: 'pause-download', trackId: -1 },
      { type: 'pause-download', trackId: '5' },
      { type: 'start-download', track: null, forceRange: false },
      { type: 'download-changed', download: { trackId: 5 } },
      { type: 'downloads-listed', downloads: [{}] },
      { type: 'storage-upgrade' },
      { type: 'download-conditions', wifiOnly: 'yes', metered: false },
      { type: 'download-conditions', wifiOnly: true },
      { type: 'wifi-wait' },
      { type: 'download-conditions', wifiOnly: true, metered: false, online: 'no' },
      { type: 'command-refused', command: 'x'.repeat(65) },
      { type: 'delete-downloads', trackIds: [5, '6'] },
      { type: 'delete-downloads' },
    ]) {
      expect(isPageToSw(data) || isSwToPage(data), JSON.stringify(data)).toBe(false);
    }
  });
});

describe('a refused command', () => {
  it('is answered with its type, so the page can say so in words', () => {
    expect(refusalOf({ type: 'start-download', track: null })).toEqual({
      type: 'command-refused',
      command: 'start-download',
    });
    expect(refusalOf('nonsense')).toEqual({ type: 'command-refused', command: '' });
    expect(isSwToPage(refusalOf({ type: 'x'.repeat(500) }))).toBe(true);
  });
});
