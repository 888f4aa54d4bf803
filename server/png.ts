import { deflateSync } from 'node:zlib';

/** One RGBA colour, each channel 0–255. */
export type Rgba = readonly [number, number, number, number];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * Encodes an RGBA image as a PNG file.
 * @param width pixels per row
 * @param height rows
 * @param pixel colour of the pixel centred at (x + 0.5, y + 0.5), in a unit square scaled to the image
 * @param samples supersampling per axis, for antialiased edges
 */
export function encodePng(width: number, height: number, pixel: (u: number, v: number) => Rgba, samples = 2): Buffer {
  const stride = width * 4 + 1;
  const raw = Buffer.alloc(stride * height);
  const weight = 1 / (samples * samples);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter type "none" for every row
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [pr, pg, pb, pa] = pixel((x + (sx + 0.5) / samples) / width, (y + (sy + 0.5) / samples) / height);
          r += pr * weight;
          g += pg * weight;
          b += pb * weight;
          a += pa * weight;
        }
      }
      const at = y * stride + 1 + x * 4;
      raw[at] = Math.round(r);
      raw[at + 1] = Math.round(g);
      raw[at + 2] = Math.round(b);
      raw[at + 3] = Math.round(a);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
