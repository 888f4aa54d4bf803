import { describe, expect, it } from 'vitest';
import {
  MAX_REFETCH_AFTER_PAUSE,
  SEGMENT_SECONDS,
  backgroundFetchId,
  missingSegments,
  lotId,
  planLot,
  segmentBytes,
  segmentBytesAt,
} from '../../../src/shared/background-fetch.ts';

const KIB = 1024;
const MIB = 1024 * KIB;

describe('segment sizes', () => {
  it('are the whole file for a preview (one request), and 2 MiB for a file larger than two of them', () => {
    expect(segmentBytes(960_044)).toBe(960_044);
    expect(segmentBytes(4 * MIB)).toBe(4 * MIB);
    expect(segmentBytes(4 * MIB + 1)).toBe(2 * MIB);
    expect(segmentBytes(256 * MIB)).toBe(2 * MIB);
    expect(segmentBytes(1024 * MIB)).toBe(2 * MIB);
  });

  it('bound what a pause throws away to 4 MiB (two requests in flight)', () => {
    expect(MAX_REFETCH_AFTER_PAUSE).toBe(4 * MIB);
  });

  it('grow with a measured link: what it brings in SEGMENT_SECONDS, in whole MiB, from 2 MiB to 32 MiB', () => {
    expect(segmentBytesAt(null)).toBe(2 * MIB);
    expect(segmentBytesAt(1_500_000)).toBe(2 * MIB);
    expect(segmentBytesAt(100 * MIB)).toBe(Math.floor(100 * SEGMENT_SECONDS) * MIB);
    expect(segmentBytesAt(180 * MIB)).toBe(27 * MIB);
    expect(segmentBytesAt(10_000 * MIB)).toBe(32 * MIB);
  });

  it('keep the 4 MiB bound of a pause on links under 20 MiB/s (the bench’s pause runs at 20 MB/s)', () => {
    expect(2 * segmentBytesAt(20 * MIB - 1)).toBe(MAX_REFETCH_AFTER_PAUSE);
    expect(2 * segmentBytesAt(20_000_000)).toBe(MAX_REFETCH_AFTER_PAUSE);
    expect(2 * segmentBytesAt(20 * MIB)).toBeGreaterThan(MAX_REFETCH_AFTER_PAUSE);
  });

  it('on a measured link, split even a file that two segments would hold (two requests at a time)', () => {
    expect(segmentBytes(64 * MIB, 250 * MIB)).toBe(32 * MIB);
    expect(segmentBytes(960_044, null)).toBe(960_044);
  });
});

describe('missingSegments', () => {
  it('covers a whole file when nothing is stored: a preview in one request, a large file in 2 MiB ones', () => {
    expect(missingSegments(960_044, [])).toEqual([{ start: 0, end: 960_043 }]);
    expect(missingSegments(5 * MIB, [])).toEqual([
      { start: 0, end: 2 * MIB - 1 },
      { start: 2 * MIB, end: 4 * MIB - 1 },
      { start: 4 * MIB, end: 5 * MIB - 1 },
    ]);
  });

  it('asks only for the gaps, whatever order the stored spans come in', () => {
    const stored = [
      { start: 524_288, size: 262_144 },
      { start: 0, size: 262_144 },
    ];
    expect(missingSegments(960_044, stored)).toEqual([
      { start: 262_144, end: 524_287 },
      { start: 786_432, end: 960_043 },
    ]);
    // After the size probe's first 256 KiB, the rest of a preview is one request.
    expect(missingSegments(960_044, [{ start: 0, size: 262_144 }])).toEqual([{ start: 262_144, end: 960_043 }]);
  });

  it('handles spans of other sizes (chunks of another engine) and overlaps', () => {
    const stored = [
      { start: 0, size: 100 },
      { start: 50, size: 100 },
      { start: 400, size: 600 },
    ];
    expect(missingSegments(1000, stored)).toEqual([{ start: 150, end: 399 }]);
  });

  it('are sized by the measured link where there is one', () => {
    const rest = missingSegments(64 * MIB, [{ start: 0, size: 16 * MIB + 256 * KIB }], 180 * MIB);
    expect(rest).toEqual([
      { start: 16 * MIB + 256 * KIB, end: 43 * MIB + 256 * KIB - 1 },
      { start: 43 * MIB + 256 * KIB, end: 64 * MIB - 1 },
    ]);
  });

  it('is empty once every byte is stored', () => {
    expect(missingSegments(1000, [{ start: 0, size: 1000 }])).toEqual([]);
  });
});

describe('background fetch ids', () => {
  it('name the track and the attempt', () => {
    expect(backgroundFetchId(90010101, 7)).toBe('track:90010101:7');
  });
});

describe('a lot: one background fetch for the rest of several downloads', () => {
  const url = (n: number): string => `https://audio-ssl.itunes.apple.com/${n}.m4a`;

  it('asks each download for what it lacks, and the whole file where the size is unknown', () => {
    const { requests, downloadTotal } = planLot([
      { trackId: 1, url: url(1), stored: 262_144, total: 960_044 },
      { trackId: 2, url: url(2), stored: 0, total: 5 * MIB },
    ]);
    expect(requests).toEqual([
      { url: url(1), segment: { start: 262_144, end: 960_043 } },
      { url: url(2), segment: { start: 0, end: 2 * MIB - 1 } },
      { url: url(2), segment: { start: 2 * MIB, end: 4 * MIB - 1 } },
      { url: url(2), segment: { start: 4 * MIB, end: 5 * MIB - 1 } },
    ]);
    expect(downloadTotal).toBe(960_044 - 262_144 + 5 * MIB);
    const unknown = planLot([{ trackId: 3, url: url(3), stored: 0, total: null }]);
    expect(unknown).toEqual({ requests: [{ url: url(3), segment: null }], downloadTotal: 0 });
  });

  it('asks once what two downloads share (one preview URL, the same bytes), and nothing of a whole file', () => {
    const { requests } = planLot([
      { trackId: 1, url: url(1), stored: 0, total: null },
      { trackId: 2, url: url(1), stored: 0, total: null },
      { trackId: 3, url: url(3), stored: 960_044, total: 960_044 },
    ]);
    expect(requests).toEqual([{ url: url(1), segment: null }]);
    expect(lotId(42)).toBe('lot:42');
  });
});
