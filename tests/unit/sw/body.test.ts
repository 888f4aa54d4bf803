import { describe, expect, it } from 'vitest';
import { BlobChunks, readBody, readRange } from '../../../src/sw/download/body.ts';

const CHUNK = 1024;
const never = new AbortController().signal;
const tooLong = (): Error => new Error('too long');

/** A body that hands over `reads` as they are, one per read; `bytes`: a byte stream (a BYOB reader reads it). */
function bodyOf(reads: Uint8Array[], type?: 'bytes'): ReadableStream<Uint8Array> {
  const start = (controller: { enqueue: (chunk: Uint8Array<ArrayBuffer>) => void; close: () => void }): void => {
    for (const read of reads) controller.enqueue(read as Uint8Array<ArrayBuffer>);
    controller.close();
  };
  return type === 'bytes' ? new ReadableStream({ type, start }) : new ReadableStream({ start });
}

const bytes = (length: number, from = 0): Uint8Array => Uint8Array.from({ length }, (_, i) => (from + i) % 251);

describe('BlobChunks', () => {
  for (const type of [undefined, 'bytes'] as const) {
    it(`hands over every whole chunk of a read that brings several, at the byte each begins (${type ?? 'default'} stream)`, async () => {
      const chunks: { at: number; bytes: Uint8Array }[] = [];
      const held: number[] = [];
      let [added, handed] = [0, 0];
      const gathered = new BlobChunks(
        CHUNK,
        async (chunk, at) => {
          handed += chunk.size;
          chunks.push({ at, bytes: new Uint8Array(await chunk.arrayBuffer()) });
        },
        100,
      );
      const read = await readBody(
        bodyOf([bytes(5.5 * CHUNK), bytes(CHUNK, 5.5 * CHUNK)], type),
        { signal: never, maxBytes: 7 * CHUNK, tooLong },
        async (read) => {
          added += read.byteLength;
          await gathered.add(read);
          held.push(added - handed);
        },
      );
      await gathered.flush();
      expect(read).toBe(6.5 * CHUNK);
      expect(chunks.map((chunk) => chunk.bytes.byteLength)).toEqual([...Array<number>(6).fill(CHUNK), CHUNK / 2]);
      expect(chunks.map((chunk) => chunk.at)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => 100 + i * CHUNK));
      expect(Buffer.concat(chunks.map((chunk) => chunk.bytes))).toEqual(Buffer.from(bytes(6.5 * CHUNK)));
      // Memory holds less than a chunk between reads.
      expect(Math.max(...held)).toBeLessThan(CHUNK);
    });
  }

  it('stops reading and cancels the body when storing a chunk fails', async () => {
    let canceled: unknown = null;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(bytes(CHUNK)),
      cancel: (reason) => void (canceled = reason),
    });
    const full = new Error('full');
    const gathered = new BlobChunks(CHUNK, () => Promise.reject(full));
    await expect(
      readBody(body, { signal: never, maxBytes: 100 * CHUNK, tooLong }, (read) => gathered.add(read)),
    ).rejects.toBe(full);
    expect(canceled).toBe(full);
  });
});

describe('readRange', () => {
  it('reads a range whole as one Blob, a short body as far as it goes', async () => {
    const whole = await readRange(bodyOf([bytes(CHUNK), bytes(CHUNK, CHUNK)]), 2 * CHUNK, never);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes(2 * CHUNK));
    const short = await readRange(bodyOf([bytes(CHUNK)], 'bytes'), 2 * CHUNK, never);
    expect(short.size).toBe(CHUNK);
  });

  it('fails a body that brings more than its range', async () => {
    await expect(readRange(bodyOf([bytes(CHUNK), bytes(CHUNK)], 'bytes'), CHUNK + 1, never)).rejects.toThrow(
      /more than the 1025 bytes/,
    );
  });
});
