import { createHash } from 'node:crypto';
import { composePreview, wavHeader, SAMPLE_RATE } from './audio.ts';
import { drawArtwork } from './artwork.ts';
import type { DemoSong } from './catalog-data.ts';
import type { ServeAs } from './faults.ts';

/** Something the demo catalog serves with ranges and validators. */
export interface Resource {
  readonly size: number;
  /** A strong ETag, quotes included. */
  readonly etag: string;
  readonly lastModified: Date;
  readonly contentType: string;
  /** The bytes from `start` up to, not including, `end`, in pieces of at most 64 KiB. */
  read(start: number, end: number): Iterable<Uint8Array>;
}

const PIECE = 64 * 1024;

function* slices(bytes: Buffer, start: number, end: number): Iterable<Uint8Array> {
  for (let at = start; at < end; at += PIECE) yield bytes.subarray(at, Math.min(end, at + PIECE));
}

function bufferResource(bytes: Buffer, contentType: string, lastModified: Date): Resource {
  const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}"`;
  return {
    size: bytes.length,
    etag,
    lastModified,
    contentType,
    read: (start, end) => slices(bytes, start, end),
  };
}

/**
 * The bytes from `start` up to `end` of the resource repeated end to end, so a fault can send more
 * than the file holds (`extraBytes`, `endless`); within the file they are the file's own bytes.
 */
export function* repeatedBytes(resource: Resource, start: number, end: number): Iterable<Uint8Array> {
  if (resource.size === 0) return; // nothing to repeat, and the loop below would never advance
  for (let at = start; at < end;) {
    const offset = at % resource.size;
    const stop = Math.min(resource.size, offset + (end - at));
    yield* resource.read(offset, stop);
    at += stop - offset;
  }
}

/** Keeps the most recently used generated files; a preview costs about 1 MB of memory. */
class Memo<T> {
  readonly #items = new Map<string, T>();
  constructor(readonly limit: number) {}
  get(key: string, make: () => T): T {
    let value = this.#items.get(key);
    if (value === undefined) value = make();
    this.#items.delete(key);
    this.#items.set(key, value);
    if (this.#items.size > this.limit) this.#items.delete(this.#items.keys().next().value!);
    return value;
  }
}

const previews = new Memo<Resource>(96);
const artworks = new Memo<Resource>(256);

/** The 30-second preview of a demo song; `version` > 0 gives a different body (the "mutate" fault). */
export function songPreview(song: DemoSong, version = 0): Resource {
  return previews.get(`${song.trackId}:${version}`, () =>
    bufferResource(
      composePreview(song.trackId * 31 + version * 7919),
      'audio/wav',
      new Date(Date.parse(song.album.releaseDate) + version * 1000),
    ),
  );
}

/** Album artwork, square, `size` pixels. */
export function albumArtwork(collectionId: number, size: number, version = 0): Resource {
  return artworks.get(`${collectionId}:${size}:${version}`, () =>
    bufferResource(drawArtwork(collectionId + version, size), 'image/png', new Date(Date.UTC(2024, 0, 1))),
  );
}

/**
 * A large synthetic preview of `mebibytes` MiB for benchmarks: a WAV whose body is quiet noise, made
 * on the fly in 64 KiB blocks and never stored. Noise, not a tone: it does not compress, as a real
 * preview's AAC does not, and Chromium's IndexedDB compresses the bytes it is given (measured: 8 MiB of
 * a tone stored in 18 ms, of noise in 40 ms), so a tone would flatter a download's writes. Each block starts with its own index (and the version),
 * so bytes written at the wrong offset never go unnoticed.
 */
export function syntheticPreview(mebibytes: number, version = 0): Resource {
  const size = mebibytes * 1024 * 1024;
  const noise = Buffer.alloc(PIECE);
  // xorshift32: the same noise at every run, so every file's SHA-256 stays the same.
  let state = 0x2545f491;
  for (let i = 0; i < PIECE / 2; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    noise.writeInt16LE(((state >>> 0) % 4096) - 2048, i * 2);
  }
  const header = wavHeader(size - 44, SAMPLE_RATE);
  function* read(start: number, end: number): Iterable<Uint8Array> {
    for (let blockStart = start - (start % PIECE); blockStart < end; blockStart += PIECE) {
      const block = Buffer.from(noise);
      block.writeUInt32LE(blockStart / PIECE, 0);
      block.writeUInt32LE(mebibytes * 1000 + version, 4);
      if (blockStart === 0) header.copy(block, 0);
      yield block.subarray(Math.max(0, start - blockStart), Math.min(PIECE, end - blockStart));
    }
  }
  return {
    size,
    etag: `"synthetic-${mebibytes}-v${version}"`,
    lastModified: new Date(Date.UTC(2025, 0, 1) + version * 1000),
    contentType: 'audio/wav',
    read,
  };
}

const HOSTILE_SCRIPT = '<script>document.title = "pwned:" + document.domain</script>';
const HOSTILE_DOCUMENTS: Record<ServeAs, Resource> = {
  html: bufferResource(
    Buffer.from(`<!doctype html><title>preview</title>${HOSTILE_SCRIPT}`),
    'text/html; charset=utf-8',
    new Date(Date.UTC(2024, 0, 1)),
  ),
  svg: bufferResource(
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${HOSTILE_SCRIPT}</svg>`),
    'image/svg+xml',
    new Date(Date.UTC(2024, 0, 1)),
  ),
};

/**
 * A document that runs a script if a browser ever renders it on our origin (the `serveAs` fault): the
 * app must neither store nor serve what a catalog sends as HTML or SVG in place of audio.
 */
export function hostileDocument(kind: ServeAs): Resource {
  return HOSTILE_DOCUMENTS[kind];
}
