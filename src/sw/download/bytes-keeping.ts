import type { StoredBytes } from '../../shared/schema.ts';

/**
 * How WebKit refuses a Blob where IndexedDB keeps no files (a private window): `UnknownError: Error
 * preparing Blob/File data to be stored in object store`; other engines would say DataCloneError.
 */
const isBlobRefusal = (error: unknown): boolean =>
  error instanceof DOMException &&
  (error.name === 'DataCloneError' || (error.name === 'UnknownError' && /blob/i.test(error.message)));

/**
 * How bytes are kept in this browser's IndexedDB: as Blobs, or, once it refused one (WebKit's private
 * windows, its ephemeral profiles), as ArrayBuffers with their type.
 */
export class BytesKeeping {
  /** Whether this browser's IndexedDB refused a Blob: then bytes are stored as ArrayBuffers. Found once. */
  #blobsRefused = false;

  /** `blob` as this browser's IndexedDB can keep it. */
  async #storable(blob: Blob): Promise<StoredBytes> {
    return this.#blobsRefused ? { bytes: await blob.arrayBuffer(), type: blob.type } : blob;
  }

  /** Runs `write` with `blob` made storable; a first refusal of Blobs switches to bytes and writes again. */
  writing<T>(blob: Blob, write: (stored: StoredBytes) => Promise<T>): Promise<T> {
    return this.writingAll([blob], ([stored]) => write(stored!));
  }

  /** `writing` for several Blobs written together. */
  async writingAll<T>(blobs: readonly Blob[], write: (stored: StoredBytes[]) => Promise<T>): Promise<T> {
    const refusedBefore = this.#blobsRefused;
    const storable = (): Promise<StoredBytes[]> => Promise.all(blobs.map((blob) => this.#storable(blob)));
    try {
      return await write(await storable());
    } catch (error) {
      if (refusedBefore || !isBlobRefusal(error)) throw error;
      this.#blobsRefused = true;
      return write(await storable());
    }
  }
}
