import { storedBlob, storedSize, type ChunkRecord } from '../../shared/schema.ts';

/** Aborts a transaction whose outcome we no longer wait for, without an unhandled rejection. */
export function abortQuietly(tx: { abort(): void; done: Promise<void> }): void {
  tx.done.catch(() => undefined);
  tx.abort();
}

/**
 * The bytes stored without a gap from the start (chunks in key order, which is byte order), the
 * pieces of Blob that make them, and the chunks that lie past the first gap. Chunks may overlap — a
 * background fetch of a resumed download can end after the next one began, with other segment
 * bounds — so each chunk gives only what the ones before it did not.
 */
export function contiguousPrefix(chunks: readonly ChunkRecord[]): {
  bytes: number;
  parts: Blob[];
  beyond: ChunkRecord[];
} {
  let bytes = 0;
  const parts: Blob[] = [];
  const beyond: ChunkRecord[] = [];
  for (const chunk of chunks) {
    const end = chunk.start + storedSize(chunk.data);
    if (beyond.length > 0 || chunk.start > bytes) beyond.push(chunk);
    else if (end > bytes) {
      const data = storedBlob(chunk.data);
      parts.push(chunk.start === bytes ? data : data.slice(bytes - chunk.start));
      bytes = end;
    }
  }
  return { bytes, parts, beyond };
}
