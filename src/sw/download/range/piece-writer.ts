import { CHUNK_BYTES } from '../../../shared/downloads.ts';

/**
 * The most one piece may hold, and so the most of a body the worker's memory holds: bytes that arrive
 * while the last write is in flight wait in it up to this, then reading waits too (backpressure).
 */
export const MAX_PIECE_BYTES = 8 * 1024 * 1024;

/** A buffer of the most, left by a body that ended, for the next one to fill. */
let spare: Uint8Array<ArrayBuffer> | null = null;

/** A buffer of `size` bytes: the spare one where it has that size. */
function takeLargest(size: number): Uint8Array<ArrayBuffer> {
  const taken = spare?.byteLength === size ? spare : new Uint8Array(size);
  if (taken === spare) spare = null;
  return taken;
}

/** Keeps `buffer`, of the most, for the next body, unless one waits already (bodies filled side by side). */
function giveBack(buffer: Uint8Array<ArrayBuffer>, largest: number): void {
  if (buffer.byteLength === largest && spare?.byteLength !== largest) spare = buffer;
}

/**
 * Writes a body to storage in pieces as it arrives, one write in flight at a time: the next piece
 * fills while the last is written. (Two in flight gained nothing measurable on loopback, and a pause
 * at 50 % of 64 MiB at 20 MB/s then fetched 448–832 KiB again in 2 runs of 3, over the 256 KiB a
 * pause may cost; one: 64–256 KiB.) A piece is a full buffer: on a phone's link `CHUNK_BYTES` (what a
 * crash can cost). Where a buffer fills while the last write is still in flight, the link is faster
 * than the disk, and the buffer grows to `MAX_PIECE_BYTES`: every write is a transaction of its own
 * (a few ms each; one per 256 KiB would cap a download at some 50 MiB/s). A full buffer then waits
 * for that write, and reading waits too (backpressure).
 *
 * Memory stays flat at any size: `write` copies a piece before it returns (IndexedDB clones what it
 * is given there and then), so one buffer takes every piece, and no ArrayBuffer is left per read or
 * per piece for the garbage collector — a worker's collector runs rarely, and left alone the reads of
 * a large file pile up. Nor per body: a buffer of the most is handed from one body to the next
 * (`takeLargest`, `giveBack`), where each new one had left the last for the collector (with the page
 * closed, one row of each of two bench runs peaked at 16.3–17.3 MiB of ArrayBuffers: two buffers' worth).
 */
export class PieceWriter {
  #buffer: Uint8Array<ArrayBuffer> | null = null;
  #filled = 0;
  /** The write in flight; it never rejects (its failure is kept in `#failure`). */
  #writing: Promise<void> | null = null;
  #failure: { error: unknown } | null = null;

  /**
   * @param write stores one piece at byte `at` of the file, copying its bytes before it returns (the
   *   last piece of a body may be a view of part of its buffer)
   * @param at the byte the first piece begins at
   */
  constructor(
    private readonly write: (piece: Uint8Array<ArrayBuffer>, at: number) => Promise<void>,
    private at: number,
    private readonly minBytes = CHUNK_BYTES,
    private readonly maxBytes = MAX_PIECE_BYTES,
  ) {}

  /**
   * Takes bytes read from the body, copying them: the caller may reuse `bytes` at once. Resolves at
   * once, unless a full piece already waits for the write in flight (then reading waits for it).
   * @throws what the last write threw (a full disk, a removed download)
   */
  async add(bytes: Uint8Array): Promise<void> {
    let from = 0;
    while (from < bytes.byteLength) {
      this.#throwIfFailed();
      const buffer = (this.#buffer ??= this.#newBuffer(Math.min(this.minBytes, this.maxBytes)));
      if (this.#filled === buffer.byteLength) {
        if (this.#writing && buffer.byteLength < this.maxBytes) {
          // The link is faster than the disk: pieces take the most they may from here on. (Straight
          // to it: every buffer left behind is an ArrayBuffer for the collector, however briefly.)
          this.#buffer = this.#newBuffer(this.maxBytes);
          this.#buffer.set(buffer);
          continue;
        }
        // A full piece waits for the write in flight: reading waits too.
        await this.#writing;
        this.#throwIfFailed();
        this.#flush();
        continue;
      }
      const taken = Math.min(bytes.byteLength - from, buffer.byteLength - this.#filled);
      buffer.set(bytes.subarray(from, from + taken), this.#filled);
      this.#filled += taken;
      from += taken;
      if (this.#filled === buffer.byteLength && !this.#writing) this.#flush();
    }
    this.#throwIfFailed();
  }

  /** The body ended: writes what is left, however little, and waits for every write. */
  async finish(): Promise<void> {
    await this.#writing;
    this.#throwIfFailed();
    this.#flushLast();
    await this.#writing;
    this.#throwIfFailed();
  }

  /**
   * The body stopped early (a pause, a lost connection): waits for the write in flight and keeps
   * what was read after it too, so a pause costs only what was still on its way. Never throws.
   */
  async stop(): Promise<void> {
    await this.#writing;
    if (!this.#failure) this.#flushLast();
    else this.#release();
    await this.#writing;
  }

  /**
   * Writes the last piece, however little it holds (`write` copies only the bytes of its view), and
   * gives the buffer up for the next body.
   */
  #flushLast(): void {
    this.#flush();
    this.#release();
  }

  #newBuffer(size: number): Uint8Array<ArrayBuffer> {
    return size === this.maxBytes ? takeLargest(size) : new Uint8Array(size);
  }

  #release(): void {
    if (this.#buffer) giveBack(this.#buffer, this.maxBytes);
    this.#buffer = null;
    this.#filled = 0;
  }

  #flush(): void {
    if (!this.#buffer || this.#filled === 0) return;
    const at = this.at;
    // `write` copies the piece before it returns: the buffer is free for the next one at once.
    const written = this.write(this.#buffer.subarray(0, this.#filled), at);
    this.at += this.#filled;
    this.#filled = 0;
    const writing: Promise<void> = written.then(
      () => this.#settle(writing),
      (error: unknown) => {
        this.#failure ??= { error };
        this.#settle(writing);
      },
    );
    this.#writing = writing;
  }

  #settle(write: Promise<void>): void {
    if (this.#writing === write) this.#writing = null;
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }
}
