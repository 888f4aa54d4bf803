import { describe, expect, it } from 'vitest';
import { batchOf, describeProgress, formatBytes, isBatch, percentDone } from '../../../src/shared/downloads.ts';
import { isPageToSw } from '../../../src/shared/messages.ts';

describe('progress words', () => {
  it('formats sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(960_044)).toBe('960 KB');
    expect(formatBytes(1_200_000)).toBe('1.2 MB');
    expect(formatBytes(67_108_864)).toBe('67.1 MB');
    expect(formatBytes(1_073_741_824)).toBe('1.07 GB');
  });

  it('shows a percentage with one decimal, never rounding up to done', () => {
    expect(describeProgress(504_000, 1_200_000)).toBe('42.0% of 1.2 MB');
    expect(percentDone(959_999, 960_000)).toBe(99.9);
    expect(percentDone(960_000, 960_000)).toBe(100);
  });

  it('shows bytes so far while the size is unknown', () => {
    expect(describeProgress(328_000, null)).toBe('328 KB so far');
    expect(percentDone(5, null)).toBeNull();
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
