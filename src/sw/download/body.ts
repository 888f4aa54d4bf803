import { badAnswerError } from './http.ts';

/**
 * Reads a body to its end, handing each read to `onRead` and awaiting it before reading on. A
 * `signal` that aborts cancels the body; should `onRead` throw (a full disk, a removed download), the
 * rest of the body is not wanted either.
 * @returns the number of bytes read
 */
export async function forEachRead(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onRead: (bytes: Uint8Array<ArrayBuffer>) => Promise<void> | void,
): Promise<number> {
  const reader = body.getReader();
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) return total;
      total += value.byteLength;
      await onRead(value as Uint8Array<ArrayBuffer>);
    }
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}

/**
 * Reads a response body and hands over a Blob every `chunkBytes` bytes (and the rest at the end).
 * Each hand-over is awaited before reading on, so memory holds one chunk whatever the file size.
 * @param onBytes bytes read but not yet handed over, for progress
 * @returns the number of bytes read
 */
export async function readInChunks(
  body: ReadableStream<Uint8Array>,
  chunkBytes: number,
  onChunk: (chunk: Blob) => Promise<void>,
  onBytes: (pending: number) => void,
  signal: AbortSignal,
): Promise<number> {
  let parts: BlobPart[] = [];
  let pending = 0;
  const total = await forEachRead(body, signal, async (bytes) => {
    parts.push(bytes);
    pending += bytes.byteLength;
    onBytes(pending);
    // One read may bring several chunks (Chromium hands over up to 2 MiB at a time).
    while (pending >= chunkBytes) {
      const joined = new Blob(parts);
      await onChunk(joined.slice(0, chunkBytes));
      pending -= chunkBytes;
      parts = pending > 0 ? [joined.slice(chunkBytes)] : [];
    }
  });
  if (pending > 0) await onChunk(new Blob(parts));
  return total;
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
 * @param onBytes bytes read so far, for progress
 */
export async function readRange(
  body: ReadableStream<Uint8Array>,
  expected: number,
  onBytes: (pending: number) => void,
  signal: AbortSignal,
): Promise<Blob> {
  let data = new Blob([]);
  const bounded = capped(body, expected, () => badAnswerError(`more than the ${expected} bytes its range holds`));
  await readInChunks(bounded, Number.MAX_SAFE_INTEGER, async (chunk) => void (data = chunk), onBytes, signal);
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
  const onAbort = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  let total = 0;
  let buffer = new ArrayBuffer(READ_BYTES);
  try {
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
  } catch (error) {
    await reader.cancel(error).catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}
