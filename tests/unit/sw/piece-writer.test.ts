import { describe, expect, it } from 'vitest';
import { PieceWriter } from '../../../src/sw/download/range/piece-writer.ts';

const KIB = 1024;

/** A fake store whose writes copy their piece at once, as IndexedDB does, and finish only when the test says so. */
function slowSink() {
  const written: { at: number; size: number }[] = [];
  const copies: Uint8Array[] = [];
  const given: Uint8Array[] = [];
  const waiting: (() => void)[] = [];
  let failNext: Error | null = null;
  const write = (piece: Uint8Array<ArrayBuffer>, at: number): Promise<void> => {
    written.push({ at, size: piece.byteLength });
    copies.push(piece.slice());
    given.push(piece);
    return new Promise((resolve, reject) => {
      waiting.push(() => (failNext ? reject(failNext) : resolve()));
    });
  };
  return {
    written,
    copies,
    given,
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
  it('writes a piece each time its buffer fills: on a slow link, a piece of the minimum', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 1000, 256 * KIB, 8192 * KIB);
    await writer.add(bytes(100 * KIB));
    expect(sink.written).toEqual([]);
    await writer.add(bytes(200 * KIB));
    expect(sink.written).toEqual([{ at: 1000, size: 256 * KIB }]);
    await sink.finishWrite();
    await writer.add(bytes(212 * KIB));
    expect(sink.written).toEqual([
      { at: 1000, size: 256 * KIB },
      { at: 1000 + 256 * KIB, size: 256 * KIB },
    ]);
    const finished = writer.finish();
    await sink.finishWrite();
    await finished;
  });

  it('keeps one write in flight, and grows its pieces to the most when a buffer fills while it is', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0, 256 * KIB, 1024 * KIB);
    await writer.add(bytes(256 * KIB));
    expect(sink.written.map((w) => w.size)).toEqual([256 * KIB]);
    // A fast link: the next piece fills while the write is in flight, and grows.
    await writer.add(bytes(1024 * KIB));
    expect(sink.written).toHaveLength(1);
    await sink.finishWrite();
    await writer.add(bytes(KIB));
    expect(sink.written.map((w) => w.size)).toEqual([256 * KIB, 1024 * KIB]);
    const finished = writer.finish();
    for (let write = 0; write < 2; write++) await sink.finishWrite();
    await finished;
    expect(sink.written.map((w) => w.at)).toEqual([0, 256 * KIB, 1280 * KIB]);
  });

  it('makes reading wait once a full piece waits for the write in flight', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0, 256 * KIB, 256 * KIB);
    await writer.add(bytes(256 * KIB));
    // A second piece fills while the first is written…
    await writer.add(bytes(256 * KIB));
    let taken = false;
    // …and the next read waits for the oldest write: the bytes read and not written stay bounded.
    const adding = writer.add(bytes(KIB)).then(() => (taken = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(taken).toBe(false);
    await sink.finishWrite();
    await adding;
    expect(sink.written.map((w) => w.size)).toEqual([256 * KIB, 256 * KIB]);
  });

  it('fills one buffer again once a write has copied it: no buffer per piece', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0, 4, 4);
    for (const value of [1, 2, 3]) {
      await writer.add(new Uint8Array(4).fill(value));
      await sink.finishWrite();
    }
    expect(sink.copies.map((piece) => [...piece])).toEqual([
      [1, 1, 1, 1],
      [2, 2, 2, 2],
      [3, 3, 3, 3],
    ]);
    expect(new Set(sink.given.map((piece) => piece.buffer)).size).toBe(1);
  });

  it('copies what it takes: the reader may fill the same buffer again at once', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0, 4, 8);
    const reused = new Uint8Array(2);
    for (const value of [1, 2]) {
      reused.fill(value);
      await writer.add(reused);
    }
    expect(sink.copies.map((piece) => [...piece])).toEqual([[1, 1, 2, 2]]);
  });

  it('keeps what was read when the body stops early, however little, as a view of its buffer', async () => {
    const sink = slowSink();
    const writer = new PieceWriter(sink.write, 0);
    await writer.add(bytes(300 * KIB));
    await writer.add(bytes(5 * KIB));
    const stopping = writer.stop();
    await sink.finishWrite();
    await sink.finishWrite();
    await stopping;
    expect(sink.written).toEqual([
      { at: 0, size: 256 * KIB },
      { at: 256 * KIB, size: 49 * KIB },
    ]);
    // No buffer of its own size to leave for the collector: the store copies the part it is given.
    const last = sink.given[1]!;
    expect([last.byteOffset, last.buffer.byteLength]).toEqual([0, 256 * KIB]);
  });

  it('hands its largest buffer to the next body: one buffer for bodies in turn, none left behind', async () => {
    const sink = slowSink();
    const fill = async (writer: PieceWriter): Promise<void> => {
      await writer.add(bytes(4));
      // A fast link: the next piece fills while the first is written, and grows to the most.
      await writer.add(bytes(8));
      await sink.finishWrite();
      await writer.add(bytes(3));
    };
    const first = new PieceWriter(sink.write, 0, 4, 8);
    await fill(first);
    const stopping = first.stop();
    for (let write = 0; write < 2; write++) await sink.finishWrite();
    await stopping;
    const second = new PieceWriter(sink.write, 15, 4, 8);
    await fill(second);
    const finishing = second.finish();
    for (let write = 0; write < 2; write++) await sink.finishWrite();
    await finishing;
    expect(sink.written.map((w) => [w.at, w.size])).toEqual([
      [0, 4],
      [4, 8],
      [12, 3],
      [15, 4],
      [19, 8],
      [27, 3],
    ]);
    const largest = sink.given.filter((piece) => piece.buffer.byteLength === 8).map((piece) => piece.buffer);
    expect(largest).toHaveLength(4);
    expect(new Set(largest).size).toBe(1);
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
