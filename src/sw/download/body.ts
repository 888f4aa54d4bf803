import { badAnswerError } from './http.ts';

/**
 * Runs `read` over `reader` until it returns: a `signal` that aborts cancels the body, and so does
 * whatever `read` throws (a full disk, a removed download: the rest of the body is not wanted either).
 */
async function reading(
  reader: ReadableStreamDefaultReader<Uint8Array> | ReadableStreamBYOBReader,
  signal: AbortSignal,
  read: () => Promise<number>,
): Promise<number> {
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await read();
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

/**
 * Reads a body to its end, handing each read to `onRead` and awaiting it before reading on (see
 * `reading` for what cancels it).
 * @returns the number of bytes read
 */
async function forEachRead(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onRead: (bytes: Uint8Array<ArrayBuffer>) => Promise<void> | void,
): Promise<number> {
  const reader = body.getReader();
  return reading(reader, signal, async () => {
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) return total;
      total += value.byteLength;
      await onRead(value as Uint8Array<ArrayBuffer>);
    }
  });
}

/**
 * Gathers a body's reads into Blobs of `chunkBytes` (a copy of each read, so the reader may reuse its
 * buffer at once) and hands each over with the byte it begins at: `onChunk` is awaited before reading
 * on, so memory holds one chunk whatever the size, unless it returns at once (the caller then holds
 * what it keeps). What is left when the body ends, or ends early, is the caller's to hand over
 * (`flush`) or drop.
 */
export class BlobChunks {
  #parts: Blob[] = [];
  #held = 0;

  /** @param at the byte of the file the first chunk begins at */
  constructor(
    private readonly chunkBytes: number,
    private readonly onChunk: (chunk: Blob, at: number) => Promise<void> | void,
    private at = 0,
  ) {}

  async add(bytes: Uint8Array): Promise<void> {
    this.#parts.push(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    this.#held += bytes.byteLength;
    // One read may bring several chunks (Chromium hands over up to 2 MiB at a time).
    while (this.#held >= this.chunkBytes) {
      const joined = new Blob(this.#parts);
      this.#held -= this.chunkBytes;
      this.#parts = this.#held > 0 ? [joined.slice(this.chunkBytes)] : [];
      await this.#handOver(joined.slice(0, this.chunkBytes));
    }
  }

  /** Hands over what is held, however little. */
  async flush(): Promise<void> {
    if (this.#held === 0) return;
    const rest = new Blob(this.#parts);
    [this.#parts, this.#held] = [[], 0];
    await this.#handOver(rest);
  }

  #handOver(chunk: Blob): Promise<void> | void {
    const at = this.at;
    this.at += chunk.size;
    return this.onChunk(chunk, at);
  }
}

/**
 * The body, failing with `tooLong()` as soon as it brings more than `maxBytes`: a host's answer is
 * never read past the size it promised (or the disk's budget), and the rest is never fetched.
 */
export function capped(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLong: () => Error,
): ReadableStream<Uint8Array> {
  let total = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes) throw tooLong();
        controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * The body of an answer to a range of `expected` bytes, as one Blob, read no further than the range:
 * shorter when the body ended early (the caller decides what a short body means), an error past it.
 */
export async function readRange(
  body: ReadableStream<Uint8Array>,
  expected: number,
  signal: AbortSignal,
): Promise<Blob> {
  let data = new Blob([]);
  const whole = new BlobChunks(expected, (chunk) => void (data = chunk));
  const tooLong = (): Error => badAnswerError(`more than the ${expected} bytes its range holds`);
  await readBody(body, { signal, maxBytes: expected, tooLong }, (bytes) => whole.add(bytes));
  await whole.flush();
  return data;
}

/** How much one read asks for where the browser lets the worker read into its own buffer. */
const READ_BYTES = 256 * 1024;

/**
 * Reads a body to its end, handing each read to `onRead` (its bytes valid only until `onRead`
 * resolves: copy what you keep) and awaiting it before reading on, never past `maxBytes`: more is
 * `tooLong()`, and the rest is never fetched. Where the browser allows it, every read goes into one
 * buffer of the worker's own (a BYOB reader), so a large file leaves no ArrayBuffer per read for the
 * garbage collector. A `signal` that aborts cancels the body.
 * @returns the number of bytes read
 */
export async function readBody(
  body: ReadableStream<Uint8Array>,
  { signal, maxBytes, tooLong }: { signal: AbortSignal; maxBytes: number; tooLong: () => Error },
  onRead: (bytes: Uint8Array) => Promise<void> | void,
): Promise<number> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = body.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream here: the browser's own chunks, checked the same way.
    return forEachRead(capped(body, maxBytes, tooLong), signal, onRead);
  }
  return reading(reader, signal, async () => {
    let total = 0;
    let buffer = new ArrayBuffer(READ_BYTES);
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      signal.throwIfAborted();
      if (done || !value) return total;
      total += value.byteLength;
      if (total > maxBytes) throw tooLong();
      await onRead(value);
      // The read handed the buffer back, filled: it is the next read's.
      buffer = value.buffer as ArrayBuffer;
    }
  });
}
