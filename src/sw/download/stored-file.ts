import { chunkSize, storedBlob, type ChunkRecord } from '../../shared/schema.ts';

/** Aborts a transaction whose outcome we no longer wait for, without an unhandled rejection. */
export function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  tx.abort();
}

/** Bytes a stored file takes from one chunk: `length` of them, after the chunk's first `skip`. */
export interface FilePart {
  readonly chunk: ChunkRecord;
  readonly skip: number;
  readonly length: number;
}

/**
 * The bytes stored without a gap from the start (chunks in key order, which is byte order), the
 * parts of chunks that make them, and the chunks that lie past the first gap. Chunks may overlap — a
 * background fetch of a resumed download can end after the next one began, with other segment
 * bounds — so each chunk gives only what the ones before it did not.
 */
export function contiguousPrefix(chunks: readonly ChunkRecord[]): {
  bytes: number;
  parts: FilePart[];
  beyond: ChunkRecord[];
} {
  let bytes = 0;
  const parts: FilePart[] = [];
  const beyond: ChunkRecord[] = [];
  for (const chunk of chunks) {
    const end = chunk.start + chunkSize(chunk);
    if (beyond.length > 0 || chunk.start > bytes) beyond.push(chunk);
    else if (end > bytes) {
      parts.push({ chunk, skip: bytes - chunk.start, length: end - bytes });
      bytes = end;
    }
  }
  return { bytes, parts, beyond };
}

/** A stored file as playback reads it: its size, its type, and its bytes from `start` to `end` (exclusive). */
export interface StoredFile {
  readonly size: number;
  readonly type: string;
  body(start: number, end: number): Blob | ReadableStream<Uint8Array>;
}

/** A file that is one Blob (a release before chunks were the file stored one). */
export const blobFile = (blob: Blob): StoredFile => ({
  size: blob.size,
  type: blob.type,
  body: (start, end) => blob.slice(start, end),
});

/**
 * The file its parts make, of `type`. Where every part is a Blob it is their Blob (handles: nothing
 * is read). Otherwise its bytes are read a chunk at a time as the answer is consumed, `readPiece`
 * fetching the bytes of a chunk that gives only its size: a file of any size costs one chunk of memory.
 */
export function partsFile(
  parts: readonly FilePart[],
  type: string,
  readPiece: (chunk: ChunkRecord) => Promise<ArrayBuffer>,
): StoredFile {
  const size = parts.reduce((total, part) => total + part.length, 0);
  if (parts.every((part) => 'data' in part.chunk)) {
    const blobs = parts.map(({ chunk, skip, length }) => {
      const blob = storedBlob((chunk as Extract<ChunkRecord, { data: unknown }>).data);
      return skip === 0 && length === blob.size ? blob : blob.slice(skip, skip + length);
    });
    return blobFile(new Blob(blobs, { type }));
  }
  const read = async ({ chunk, skip }: FilePart, from: number, to: number): Promise<Uint8Array> => {
    if ('data' in chunk) {
      return new Uint8Array(
        await storedBlob(chunk.data)
          .slice(skip + from, skip + to)
          .arrayBuffer(),
      );
    }
    return new Uint8Array(await readPiece(chunk), skip + from, to - from);
  };
  return {
    size,
    type,
    body(start, end) {
      // Each part's share of [start, end), in file order.
      const wanted: { part: FilePart; from: number; to: number }[] = [];
      let at = 0;
      for (const part of parts) {
        const from = Math.max(start, at) - at;
        const to = Math.min(end, at + part.length) - at;
        if (to > from) wanted.push({ part, from, to });
        at += part.length;
      }
      return new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            const next = wanted.shift();
            if (!next) return controller.close();
            controller.enqueue(await read(next.part, next.from, next.to));
          },
        },
        // Read a chunk only when the one before was taken: memory holds one chunk.
        { highWaterMark: 0 },
      );
    },
  };
}
