import { IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';

/**
 * A disk that fills up, for fake-indexeddb (which has no quota): a write that would take the origin
 * past `quota` fails with QuotaExceededError and aborts its transaction, as browsers do; over the
 * quota every write fails, even one that would free more than it adds (Chromium refuses a
 * transaction that puts anything then). `navigator.storage.estimate()` tells the same figures.
 */
export class StorageQuota {
  /** The bytes the origin may keep; null: as good as unlimited. */
  quota: number | null = null;
  #database: RawDatabase | null = null;

  /** What the origin keeps now, by the sizes of its stored values. */
  usage(): number {
    let bytes = 0;
    for (const store of this.#database?.rawObjectStores.values() ?? []) {
      for (const record of store.records.values()) bytes += sizeOf(record.value);
    }
    return bytes;
  }

  /** Puts the quota in force for every database opened from now on, and in `navigator.storage`. */
  install(): void {
    const seen = (database: RawDatabase): void => void (this.#database = database);
    const refuses = (value: unknown): boolean => this.quota !== null && this.usage() + sizeOf(value) > this.quota;
    const put = FDBObjectStore.prototype.put;
    let patched = false;
    // The raw store's class is not exported: it is reached through the first store written to.
    FDBObjectStore.prototype.put = function (this: FakeStore, value: unknown, key?: IDBValidKey) {
      const raw = this._rawObjectStore;
      seen(raw.rawDatabase);
      if (!patched) {
        patched = true;
        const prototype = Object.getPrototypeOf(raw) as RawStore;
        const storeRecord = prototype.storeRecord;
        prototype.storeRecord = function (this: RawStore, record: { value: unknown }, ...rest: unknown[]) {
          seen(this.rawDatabase);
          if (refuses(record.value)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return storeRecord.call(this, record, ...rest);
        };
      }
      return put.call(this, value, key);
    } as typeof put;
    (navigator as { storage?: unknown }).storage = {
      estimate: async () => ({ quota: this.quota ?? 10 * 1024 ** 3, usage: this.usage() }),
    };
  }
}

/** The bytes a stored value takes, near enough: Blobs and buffers by size, the rest by its parts. */
function sizeOf(value: unknown): number {
  if (value instanceof Blob) return value.size;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).reduce((sum: number, part) => sum + sizeOf(part), 16);
  }
  return 8;
}

/** The parts of fake-indexeddb's internals the quota reads. */
interface RawStore {
  rawDatabase: RawDatabase;
  records: { values(): Iterable<{ value: unknown }> };
  storeRecord(record: { value: unknown }, ...rest: unknown[]): unknown;
}
interface RawDatabase {
  rawObjectStores: Map<string, RawStore>;
}
interface FakeStore {
  _rawObjectStore: RawStore;
}
