import { describe, expect, it } from 'vitest';
import { PieceWriter } from '../../../src/sw/download/range/piece-writer.ts';

const KIB = 1024;

/** A fake store whose writes finish only when the test says so. */
function slowSink() {
  const written: { at: number; size: number }[] = [];
  const waiting: (() => void)[] = [];
  let failNext: Error | null = null;
  const write = (piece: Blob, at: number): Promise<void> =>
    new Promise((resolve, reject) => {
      written.push({ at, size: piece.size });
      waiting.push(() => (failNext ? reject(failNext) : resolve()));
    });
  return {
    written,
    write,
    /** Lets the oldest write in flight finish. */
    finishWrite: async () => {
      waiting.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    failWrites: (error: Error) => (failNext = error),
  };
}

const bytes = (size: number) => new Uint8Array(size);

describe('PieceWriter', () => {
  it('writes a piece once it holds the minimum, and gathers what arrives during the write into the next', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 1000, 256 * KIB, 8192 * KIB);
    await writer.add(bytes(100 * KIB));
    expect(sink.written).toEqual([]);
    await writer.add(bytes(200 * KIB));
    expect(sink.written).toEqual([{ at: 1000, size: 300 * KIB }]);
    // A fast link: five reads come while the first write is in flight, and go as one piece.
    for (let read = 0; read < 5; read++) await writer.add(bytes(256 * KIB));
    expect(sink.written).toHaveLength(1);
    await sink.finishWrite();
    await writer.add(bytes(10 * KIB));
    expect(sink.written).toEqual([
      { at: 1000, size: 300 * KIB },
      { at: 1000 + 300 * KIB, size: 1290 * KIB },
    ]);
    const finished = writer.finish();
    await sink.finishWrite();
    await finished;
  });

  it('makes reading wait once a whole piece waits for the write in flight', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0, 256 * KIB, 1024 * KIB);
    await writer.add(bytes(256 * KIB));
    // A whole piece fills while the first is written…
    await writer.add(bytes(1024 * KIB));
    let taken = false;
    // …and the next read waits for that write: the bytes read and not written stay bounded.
    const adding = writer.add(bytes(KIB)).then(() => (taken = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(taken).toBe(false);
    await sink.finishWrite();
    await adding;
    expect(sink.written.map((w) => w.size)).toEqual([256 * KIB, 1024 * KIB]);
  });

  it('copies what it takes: the reader may fill the same buffer again at once', async () => {
    const sink = slowSink();
    const stored: Uint8Array[] = [];
    const writer = new PieceWriter(
      async (piece, at) => {
        stored.push(new Uint8Array(await piece.arrayBuffer()));
        return sink.write(piece, at);
      },
      0,
      4,
      8,
    );
    const reused = new Uint8Array(4);
    for (const value of [1, 2]) {
      reused.fill(value);
      await writer.add(reused);
    }
    const finished = writer.finish();
    for (let write = 0; write < 2; write++) await sink.finishWrite();
    await finished;
    expect(stored.map((piece) => [...piece])).toEqual([
      [1, 1, 1, 1],
      [2, 2, 2, 2],
    ]);
  });

  it('keeps what was read when the body stops early, however little', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0);
    await writer.add(bytes(300 * KIB));
    await writer.add(bytes(5 * KIB));
    const stopping = writer.stop();
    await sink.finishWrite();
    await sink.finishWrite();
    await stopping;
    expect(sink.written).toEqual([
      { at: 0, size: 300 * KIB },
      { at: 300 * KIB, size: 5 * KIB },
    ]);
  });

  it('fails the next read with the write that failed, and writes nothing more', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0);
    const full = new Error('disk full');
    sink.failWrites(full);
    await writer.add(bytes(300 * KIB));
    await writer.add(bytes(10 * KIB));
    await sink.finishWrite();
    await expect(writer.add(bytes(10 * KIB))).rejects.toBe(full);
    await writer.stop();
    expect(sink.written).toHaveLength(1);
  });
});
