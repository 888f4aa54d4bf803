import { encodePng, type Rgba } from './png.ts';
import { seededRandom } from './random.ts';

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/**
 * Draws album artwork from a seed: a two-colour gradient with a few rings and a disc, so every album
 * looks different and the same album always looks the same.
 */
export function drawArtwork(seed: number, size: number): Buffer {
  const random = seededRandom(seed);
  const hue = random() * 360;
  const from = hsl(hue, 0.65, 0.45);
  const to = hsl((hue + 40 + random() * 80) % 360, 0.7, 0.25);
  const accent = hsl((hue + 180) % 360, 0.8, 0.7);
  const cx = 0.3 + random() * 0.4;
  const cy = 0.3 + random() * 0.4;
  const rings = 2 + Math.floor(random() * 4);
  const radius = 0.12 + random() * 0.12;
  return encodePng(size, size, (u, v): Rgba => {
    const d = Math.hypot(u - cx, v - cy);
    if (d < radius) return [...accent, 255];
    const t = (u + v) / 2;
    const ring = Math.sin(d * rings * 2 * Math.PI * 3) > 0.85 ? 0.25 : 0;
    return [
      Math.round(from[0] + (to[0] - from[0]) * t + ring * (accent[0] - from[0])),
      Math.round(from[1] + (to[1] - from[1]) * t + ring * (accent[1] - from[1])),
      Math.round(from[2] + (to[2] - from[2]) * t + ring * (accent[2] - from[2])),
      255,
    ];
  });
}
