import { describe, expect, it } from 'vitest';
import { describeProgress, formatBytes, percentDone } from '../../../src/shared/downloads.ts';

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
