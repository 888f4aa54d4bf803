import { describe, expect, it } from 'vitest';
import {
  errorForStatus,
  ifRangeValue,
  parseContentRange,
  readValidator,
  sameVersion,
} from '../../../src/sw/download/http.ts';

describe('parseContentRange', () => {
  it('reads a range with a total, or an unknown total', () => {
    expect(parseContentRange('bytes 0-262143/960044')).toEqual({ start: 0, end: 262143, total: 960044 });
    expect(parseContentRange('bytes 262144-524287/*')).toEqual({ start: 262144, end: 524287, total: null });
  });

  it('refuses ranges that cannot be right', () => {
    for (const header of [
      null,
      '',
      'bytes */960044',
      'bytes 10-5/100',
      'bytes 0-100/100',
      'items 0-1/2',
      'bytes 0-1',
    ]) {
      expect(parseContentRange(header), String(header)).toBeNull();
    }
  });
});

describe('validators', () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it('prefers a strong ETag and ignores weak ones', () => {
    expect(readValidator(headers({ ETag: '"abc"', 'Last-Modified': 'Fri, 12 Apr 2019 07:00:00 GMT' }))).toEqual({
      etag: '"abc"',
      lastModified: 'Fri, 12 Apr 2019 07:00:00 GMT',
    });
    expect(readValidator(headers({ ETag: 'W/"abc"' }))).toBeNull();
    expect(readValidator(headers({}))).toBeNull();
  });

  it('compares versions by ETag, else by Last-Modified', () => {
    const a = { etag: '"a"', lastModified: 'x' };
    expect(sameVersion(a, { etag: '"a"', lastModified: 'y' })).toBe(true);
    expect(sameVersion(a, { etag: '"b"', lastModified: 'x' })).toBe(false);
    expect(sameVersion({ etag: null, lastModified: 'x' }, { etag: null, lastModified: 'x' })).toBe(true);
    expect(sameVersion({ etag: null, lastModified: null }, { etag: null, lastModified: null })).toBe(false);
  });

  it('sends the ETag in If-Range, else the date', () => {
    expect(ifRangeValue({ etag: '"a"', lastModified: 'x' })).toBe('"a"');
    expect(ifRangeValue({ etag: null, lastModified: 'x' })).toBe('x');
    expect(ifRangeValue(null)).toBeNull();
  });
});

describe('errorForStatus', () => {
  it('says what a status means and whether it is worth retrying', () => {
    expect(errorForStatus(404)).toMatchObject({ transient: false, failure: { code: 'not-found' } });
    expect(errorForStatus(403)).toMatchObject({ transient: false, failure: { code: 'refused' } });
    expect(errorForStatus(429)).toMatchObject({ transient: true });
    expect(errorForStatus(503)).toMatchObject({ transient: true, failure: { code: 'server' } });
    expect(errorForStatus(404).message).toBe('The preview is no longer on the server (404).');
  });
});
