import { describe, expect, it } from 'vitest';
import { readInChunks } from '../../../src/sw/download/body.ts';

const CHUNK = 1024;

/** A body that hands over `reads` as they are, one per read. */
function bodyOf(...reads: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const read of reads) controller.enqueue(read);
      controller.close();
    },
  });
}

const bytes = (length: number, from = 0): Uint8Array => Uint8Array.from({ length }, (_, i) => (from + i) % 251);

describe('readInChunks', () => {
  it('hands over every whole chunk of a read that brings several (memory holds one chunk)', async () => {
    const chunks: Uint8Array[] = [];
    const pendingSeen: number[] = [];
    const read = await readInChunks(
      bodyOf(bytes(5.5 * CHUNK), bytes(CHUNK, 5.5 * CHUNK)),
      CHUNK,
      async (chunk) => void chunks.push(new Uint8Array(await chunk.arrayBuffer())),
      (pending) => pendingSeen.push(pending),
      new AbortController().signal,
    );
    expect(read).toBe(6.5 * CHUNK);
    expect(chunks.map((chunk) => chunk.byteLength)).toEqual([CHUNK, CHUNK, CHUNK, CHUNK, CHUNK, CHUNK, CHUNK / 2]);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes(6.5 * CHUNK)));
    // What is left over after a read is less than a chunk.
    expect(pendingSeen).toEqual([5.5 * CHUNK, 1.5 * CHUNK]);
  });

  it('stops reading and cancels the body when storing a chunk fails', async () => {
    let canceled: unknown = null;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(bytes(CHUNK)),
      cancel: (reason) => void (canceled = reason),
    });
    const full = new Error('full');
    await expect(
      readInChunks(
        body,
        CHUNK,
        () => Promise.reject(full),
        () => undefined,
        new AbortController().signal,
      ),
    ).rejects.toBe(full);
    expect(canceled).toBe(full);
  });
});
