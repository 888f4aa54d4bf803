import { describe, expect, it } from 'vitest';
import { ifRangeHolds, parseBoundedRange, parseRange } from '../../../server/range.ts';

describe('parseRange', () => {
  it('reads the three forms of a single byte range', () => {
    expect(parseRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
  });

  it('clamps an end past the resource', () => {
    expect(parseRange('bytes=500-5000', 1000)).toEqual({ start: 500, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('says unsatisfiable for a start at or past the end', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
  });

  it('ignores what it may ignore: no header, other units, several ranges, nonsense', () => {
    for (const header of [undefined, '', 'items=0-1', 'bytes=0-1,5-6', 'bytes=5-1', 'bytes=-', 'bytes=a-b']) {
      expect(parseRange(header, 1000), String(header)).toBeUndefined();
    }
  });
});

describe('parseBoundedRange', () => {
  it('reads S-E whatever S is, as a resource without an end has nothing to be past', () => {
    expect(parseBoundedRange('bytes=0-99')).toEqual({ start: 0, end: 99 });
    expect(parseBoundedRange('bytes=5000000000-5000000099')).toEqual({ start: 5000000000, end: 5000000099 });
  });

  it('leaves open, suffix, reversed, too large and other ranges to the whole body', () => {
    for (const header of [undefined, 'bytes=100-', 'bytes=-100', 'bytes=5-1', 'bytes=0-99999999999999999999']) {
      expect(parseBoundedRange(header), String(header)).toBeUndefined();
    }
  });
});

describe('ifRangeHolds', () => {
  const modified = new Date('2024-01-01T00:00:00Z');
  it('holds without the header, for the same strong ETag, or the same date', () => {
    expect(ifRangeHolds(undefined, '"a"', modified)).toBe(true);
    expect(ifRangeHolds('"a"', '"a"', modified)).toBe(true);
    expect(ifRangeHolds(modified.toUTCString(), '"a"', modified)).toBe(true);
  });
  it('fails for another ETag, a weak one, another date or garbage', () => {
    expect(ifRangeHolds('"b"', '"a"', modified)).toBe(false);
    expect(ifRangeHolds('W/"a"', '"a"', modified)).toBe(false);
    expect(ifRangeHolds(new Date('2024-01-02').toUTCString(), '"a"', modified)).toBe(false);
    expect(ifRangeHolds('yesterday', '"a"', modified)).toBe(false);
  });
});
