import type { DownloadRecord } from '../../../src/shared/downloads.ts';
import type { DownloadSink, FilePatch } from '../../../src/sw/download/engine.ts';
import type { ByteFields, Segment } from '../../../src/sw/download/store.ts';

/**
 * A download's storage in memory, as an engine sees it: what it wrote, in what order, with no
 * IndexedDB. Engines are tested against it alone.
 */
export class FakeSink implements DownloadSink {
  readonly chunks = new Map<number, Uint8Array>();
  /** Every progress the engine reported: bytes stored plus bytes pending. */
  readonly progressed: number[] = [];

  constructor(public record: DownloadRecord) {}

  /** Copies the bytes at once, as the store does: the engine may fill its buffer again when this returns. */
  appendChunk(
    _trackId: number,
    start: number,
    bytes: Uint8Array<ArrayBuffer>,
    fields: ByteFields,
  ): Promise<DownloadRecord> {
    this.chunks.set(start, bytes.slice());
    this.record = { ...this.record, ...fields };
    return Promise.resolve(this.record);
  }

  async addSegment(_trackId: number, start: number, data: Blob): Promise<DownloadRecord> {
    const replaced = this.chunks.get(start)?.byteLength ?? 0;
    this.chunks.set(start, new Uint8Array(await data.arrayBuffer()));
    this.record = { ...this.record, bytesReceived: this.record.bytesReceived + data.size - replaced };
    return this.record;
  }

  async addSegments(trackId: number, segments: readonly Segment[]): Promise<DownloadRecord> {
    for (const { start, data } of segments) await this.addSegment(trackId, start, data);
    return this.record;
  }

  async storedSpans(): Promise<{ start: number; size: number }[]> {
    return [...this.chunks].map(([start, bytes]) => ({ start, size: bytes.byteLength }));
  }

  async resume(): Promise<DownloadRecord> {
    let at = 0;
    for (const start of [...this.chunks.keys()].sort((a, b) => a - b)) {
      if (start > at) this.chunks.delete(start);
      else at = Math.max(at, start + this.chunks.get(start)!.byteLength);
    }
    this.record = { ...this.record, bytesReceived: at };
    return this.record;
  }

  async update(_trackId: number, patch: FilePatch): Promise<DownloadRecord> {
    this.record = { ...this.record, ...patch };
    return this.record;
  }

  progress(record: DownloadRecord, pending: number): void {
    this.progressed.push(record.bytesReceived + pending);
  }

  /** The stored bytes joined in order; throws at a gap or an overlap. */
  joined(): Uint8Array {
    const starts = [...this.chunks.keys()].sort((a, b) => a - b);
    const size = starts.reduce((at, start) => {
      if (start !== at) throw new Error(`a gap or an overlap at ${at} (next chunk at ${start})`);
      return at + this.chunks.get(start)!.byteLength;
    }, 0);
    const whole = new Uint8Array(size);
    for (const start of starts) whole.set(this.chunks.get(start)!, start);
    return whole;
  }
}
