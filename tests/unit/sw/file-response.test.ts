import { describe, expect, it } from 'vitest';
import { fileResponse } from '../../../src/sw/file-response.ts';
import { blobFile } from '../../../src/sw/download/stored-file.ts';

const song = blobFile(new Blob([new Uint8Array(1000)], { type: 'audio/x-m4a' }));

describe('answers from storage read Range as the demo catalog does', () => {
  it('answers a range with 206 and its Content-Range', async () => {
    const response = fileResponse(song, 'bytes=900-');
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe('bytes 900-999/1000');
    expect((await response.arrayBuffer()).byteLength).toBe(100);
  });

  it('sends the whole file for a range it may ignore (`bytes=5-3`), as RFC 9110 allows', () => {
    expect(fileResponse(song, 'bytes=5-3').status).toBe(200);
    expect(fileResponse(song, null).status).toBe(200);
  });

  it('says 416 for a start past the end', () => {
    const response = fileResponse(song, 'bytes=1000-');
    expect(response.status).toBe(416);
    expect(response.headers.get('Content-Range')).toBe('bytes */1000');
  });
});
