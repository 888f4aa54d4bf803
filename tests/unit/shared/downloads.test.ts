import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/i18n/format.ts';
import { batchOf, isBatch } from '../../../src/shared/downloads.ts';
import { isPageToSw } from '../../../src/shared/messages.ts';

describe('sizes in words', () => {
  it('formats sizes the way people read them (in English, as Intl writes them)', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(960_044, 'en')).toBe('960 kB');
    expect(formatBytes(1_200_000, 'en')).toBe('1.2 MB');
    expect(formatBytes(67_108_864, 'en')).toBe('67.1 MB');
    expect(formatBytes(1_073_741_824, 'en')).toBe('1.07 GB');
  });
});

describe('a batch of songs asked for together', () => {
  it('keeps a long search’s words within what the worker takes, shortened and never dropped', () => {
    const term = 'love '.repeat(80).trim();
    const batch = batchOf(`search:${term}`, `Songs for “${term}”`);
    expect(isBatch(batch)).toBe(true);
    expect(isPageToSw({ type: 'start-download', track: {}, forceRange: false, batch })).toBe(true);
    expect(batch.name).toMatch(/^Songs for “love love .*…$/);
    expect(Array.from(batch.name)).toHaveLength(80);
  });

  it('cuts whole characters only, and leaves a short name as it is', () => {
    expect(batchOf('album:1', 'Harbour Lights')).toEqual({ id: 'album:1', name: 'Harbour Lights' });
    const emoji = batchOf('album:2', '🎵'.repeat(100)).name;
    expect(emoji).toBe(`${'🎵'.repeat(79)}…`);
  });
});
