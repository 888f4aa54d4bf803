import { CHUNK_BYTES } from '../../../shared/downloads.ts';

/**
 * The most one piece may hold: bytes that arrive while a write is in flight wait for it up to this,
 * then reading waits too (backpressure): the bytes read and not yet written never exceed it.
 */
export const MAX_PIECE_BYTES = 8 * 1024 * 1024;

/**
 * Writes a body to storage in pieces as it arrives, one write at a time. Bytes that arrive while a
 * write is in flight join the next piece, so pieces grow with the link's speed: on a phone's link
 * each piece is `CHUNK_BYTES` (what a crash can cost), on a fast one several MiB, since every write is
 * a transaction of its own (~20 ms; one per 256 KiB would cap the download at ~13 MiB/s).
 *
 * Memory stays flat at any size: the bytes are copied into one buffer, reused for every piece (a
 * piece leaves it as a Blob, which copies them), so no ArrayBuffer is left for the garbage collector
 * per read — a worker's collector runs rarely, and left alone the reads of a large file pile up. The
 * buffer grows with the link (twice the smallest piece at first) up to `MAX_PIECE_BYTES`.
 */
export class PieceWriter {
  #buffer: Uint8Array<ArrayBuffer> | null = null;
  #filled = 0;
  #writing: Promise<void> | null = null;
  #failure: { error: unknown } | null = null;

  /**
   * @param write stores one piece at byte `at` of the file
   * @param at the byte the first piece begins at
   */
  constructor(
    private readonly write: (piece: Blob, at: number) => Promise<void>,
    private at: number,
    private readonly minBytes = CHUNK_BYTES,
    private readonly maxBytes = MAX_PIECE_BYTES,
  ) {}

  /**
   * Takes bytes read from the body, copying them: the caller may reuse `bytes` at once. Resolves at
   * once, unless a whole piece already waits for the write in flight (then reading waits for it).
   * @throws what the last write threw (a full disk, a removed download)
   */
  async add(bytes: Uint8Array): Promise<void> {
    let from = 0;
    while (from < bytes.byteLength) {
      this.#throwIfFailed();
      // Twice the smallest piece to start with: a phone's link never needs more.
      const buffer = (this.#buffer ??= new Uint8Array(Math.min(this.maxBytes, 2 * this.minBytes)));
      if (this.#filled === buffer.byteLength) {
        // A fast link: the piece grows while the write is in flight, up to the most one may hold.
        if (this.#writing && buffer.byteLength < this.maxBytes) {
          this.#buffer = new Uint8Array(Math.min(this.maxBytes, 2 * buffer.byteLength));
          this.#buffer.set(buffer.subarray(0, this.#filled));
          continue;
        }
        // A whole piece waits for the write in flight: reading waits too.
        await this.#settled();
        this.#throwIfFailed();
        this.#flush();
        continue;
      }
      const taken = Math.min(bytes.byteLength - from, buffer.byteLength - this.#filled);
      buffer.set(bytes.subarray(from, from + taken), this.#filled);
      this.#filled += taken;
      from += taken;
      if (this.#filled >= this.minBytes && !this.#writing) this.#flush();
    }
    this.#throwIfFailed();
  }

  /** The body ended: writes what is left, however little, and waits for every write. */
  async finish(): Promise<void> {
    await this.#settled();
    this.#throwIfFailed();
    if (this.#filled > 0) this.#flush();
    await this.#settled();
    this.#throwIfFailed();
  }

  /**
   * The body stopped early (a pause, a lost connection): waits for the write in flight and keeps
   * what was read after it too, so a pause costs only what was still on its way. Never throws.
   */
  async stop(): Promise<void> {
    await this.#settled();
    if (this.#filled > 0 && !this.#failure) this.#flush();
    await this.#settled();
  }

  #flush(): void {
    if (!this.#buffer || this.#filled === 0) return;
    // The Blob copies the bytes: the buffer is free for the next piece at once.
    const piece = new Blob([this.#buffer.subarray(0, this.#filled)]);
    const at = this.at;
    this.at += piece.size;
    this.#filled = 0;
    this.#writing = this.write(piece, at).then(
      () => void (this.#writing = null),
      (error: unknown) => {
        this.#failure = { error };
        this.#writing = null;
      },
    );
  }

  async #settled(): Promise<void> {
    await this.#writing;
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }
}
