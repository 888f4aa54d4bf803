import { CHUNK_BYTES } from '../../../shared/downloads.ts';

/**
 * The most one piece may hold: bytes that arrive while a write is in flight wait for it up to this,
 * then reading waits too. Two pieces (one being written, one filling) bound the worker's memory.
 */
export const MAX_PIECE_BYTES = 8 * 1024 * 1024;

/**
 * Writes a body to storage in pieces as it arrives, one write at a time. Bytes that arrive while a
 * write is in flight join the next piece, so pieces grow with the link's speed: on a phone's link
 * each piece is `CHUNK_BYTES` (what a crash can cost), on a fast one several MiB, since every write is
 * a transaction of its own (~20 ms; one per 256 KiB would cap the download at ~13 MiB/s).
 */
export class PieceWriter {
  #parts: BlobPart[] = [];
  #pending = 0;
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
   * Takes bytes read from the body. Resolves at once, unless a whole piece already waits for the
   * write in flight (then reading waits for it: memory stays bounded).
   * @throws what the last write threw (a full disk, a removed download)
   */
  async add(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    this.#throwIfFailed();
    this.#parts.push(bytes);
    this.#pending += bytes.byteLength;
    if (this.#pending >= this.maxBytes) await this.#settled();
    this.#throwIfFailed();
    if (this.#pending >= this.minBytes && !this.#writing) this.#flush();
  }

  /** The body ended: writes what is left, however little, and waits for every write. */
  async finish(): Promise<void> {
    await this.#settled();
    this.#throwIfFailed();
    if (this.#pending > 0) this.#flush();
    await this.#settled();
    this.#throwIfFailed();
  }

  /**
   * The body stopped early (a pause, a lost connection): waits for the write in flight and keeps
   * what was read after it too, so a pause costs only what was still on its way. Never throws.
   */
  async stop(): Promise<void> {
    await this.#settled();
    if (this.#pending > 0 && !this.#failure) this.#flush();
    await this.#settled();
  }

  #flush(): void {
    const piece = new Blob(this.#parts);
    const at = this.at;
    this.at += piece.size;
    this.#parts = [];
    this.#pending = 0;
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
