import { describe, expect, it } from 'vitest';
import { capped } from '../../../src/sw/download/body.ts';
import { StorageBudget } from '../../../src/sw/download/budget.ts';
import {
  DownloadError,
  assertAudio,
  errorForStatus,
  exactRange,
  parseContentRange,
  readValidator,
  versionChanged,
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

  it('tells a changed file by ETag, else by Last-Modified, and says when it cannot tell', () => {
    const a = { etag: '"a"', lastModified: 'x' };
    expect(versionChanged(a, { etag: '"a"', lastModified: 'y' })).toBe(false);
    expect(versionChanged(a, { etag: '"b"', lastModified: 'x' })).toBe(true);
    // Another origin's background fetch record: its ETag hidden, its Last-Modified readable.
    expect(versionChanged(a, { etag: null, lastModified: 'x' })).toBe(false);
    expect(versionChanged(a, { etag: null, lastModified: 'z' })).toBe(true);
    expect(versionChanged({ etag: '"a"', lastModified: null }, { etag: null, lastModified: 'x' })).toBeNull();
    expect(versionChanged(a, null)).toBeNull();
    expect(versionChanged(null, a)).toBeNull();
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

describe('exactRange', () => {
  const answer = (headers: Record<string, string>) => new Response(null, { status: 206, headers });

  it('takes the range asked, or its part up to the last byte of the file', () => {
    expect(exactRange(answer({ 'Content-Range': 'bytes 0-262143/960044' }), 0, 262143)).toEqual({
      start: 0,
      end: 262143,
      total: 960044,
    });
    expect(
      exactRange(
        answer({ 'Content-Range': 'bytes 786432-960043/960044', 'Content-Length': '173612' }),
        786432,
        1048575,
      ),
    ).toEqual({ start: 786432, end: 960043, total: 960044 });
    expect(exactRange(answer({ 'Content-Range': 'bytes 0-99/*' }), 0, 262143).total).toBeNull();
  });

  it('refuses an answer that is more than asked, elsewhere, short of the file, or of another length', () => {
    for (const [headers, start, end] of [
      [{ 'Content-Range': 'bytes 0-960043/960044' }, 0, 262143], // the whole file for a chunk
      [{ 'Content-Range': 'bytes 10-262153/960044' }, 0, 262143], // elsewhere
      [{ 'Content-Range': 'bytes 0-99/960044' }, 0, 262143], // less, though the file goes on
      [{ 'Content-Range': 'bytes 0-262143/960044', 'Content-Length': '266240' }, 0, 262143], // a longer body
      [{}, 0, 262143], // no Content-Range at all
    ] as const) {
      expect(() => exactRange(answer(headers), start, end), JSON.stringify(headers)).toThrow(DownloadError);
    }
  });
});

describe('assertAudio', () => {
  it('takes the audio types previews come in and nothing else', () => {
    for (const type of [
      'audio/x-m4a',
      'audio/mp4',
      'audio/mpeg',
      'audio/aac',
      'audio/wav',
      'audio/ogg',
      'audio/webm',
    ]) {
      expect(() => assertAudio(type), type).not.toThrow();
    }
    for (const type of ['text/html', 'image/svg+xml', 'application/octet-stream', 'video/mp4', 'text/javascript']) {
      expect(() => assertAudio(type), type).toThrow(/This preview is not audio/);
    }
  });
});

describe('capped', () => {
  const stream = (...sizes: number[]) =>
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const size of sizes) controller.enqueue(new Uint8Array(size));
        controller.close();
      },
    });

  it('passes a body up to its bound and fails it past the bound, cancelling the rest', async () => {
    expect(
      (await new Response(capped(stream(100, 100), 200, () => new Error('too long'))).arrayBuffer()).byteLength,
    ).toBe(200);
    await expect(
      new Response(capped(stream(100, 101), 200, () => new Error('too long'))).arrayBuffer(),
    ).rejects.toThrow('too long');
  });
});

describe('StorageBudget', () => {
  it('fails a size that is no size, or more than stored plus available, with "Not enough storage"', () => {
    const budget = new StorageBudget(1000, 5000);
    expect(() => budget.assertFits(6000)).not.toThrow();
    for (const total of [6001, 1e15, Number.MAX_SAFE_INTEGER + 2, -1, 1.5, Number.NaN]) {
      expect(() => budget.assertFits(total), String(total)).toThrow(/Not enough storage/);
    }
  });
});
