import type { Plugin } from 'vite';
import { encodePng, type Rgba } from '../server/png.ts';
import { APP_ICON } from '../src/shared/app-icon.ts';

const BRAND: Rgba = [91, 46, 196, 255];
const BRAND_DARK: Rgba = [52, 22, 122, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Inside the app's glyph: a half note (hollow head, stem) over a small download arrow. */
function inGlyph(u: number, v: number): boolean {
  // Note head: a tilted ellipse ring.
  const x = u - 0.42;
  const y = v - 0.62;
  const rx = x * Math.cos(-0.45) - y * Math.sin(-0.45);
  const ry = x * Math.sin(-0.45) + y * Math.cos(-0.45);
  const outer = (rx / 0.13) ** 2 + (ry / 0.09) ** 2 <= 1;
  const inner = (rx / 0.085) ** 2 + (ry / 0.045) ** 2 <= 1;
  const stem = u >= 0.52 && u <= 0.56 && v >= 0.2 && v <= 0.6;
  const arrowShaft = u >= 0.69 && u <= 0.73 && v >= 0.22 && v <= 0.42;
  const arrowHead = v >= 0.4 && v <= 0.5 && Math.abs(u - 0.71) <= (0.5 - v) * 0.9;
  return (outer && !inner) || stem || arrowShaft || arrowHead;
}

/**
 * Draws the app icon. `maskable` fills the whole square and keeps the glyph inside the 80 % safe
 * zone; the plain icon is a rounded square on transparency.
 */
export function drawAppIcon(size: number, maskable: boolean): Buffer {
  return encodePng(
    size,
    size,
    (u, v) => {
      const scale = maskable ? 0.7 : 1;
      const gu = 0.5 + (u - 0.5) / scale;
      const gv = 0.5 + (v - 0.5) / scale;
      if (!maskable) {
        const corner = 0.2;
        const dx = Math.max(corner - u, u - (1 - corner), 0);
        const dy = Math.max(corner - v, v - (1 - corner), 0);
        if (Math.hypot(dx, dy) > corner) return CLEAR;
      }
      if (inGlyph(gu, gv)) return WHITE;
      const t = (u + v) / 2;
      return [
        Math.round(BRAND[0] + (BRAND_DARK[0] - BRAND[0]) * t),
        Math.round(BRAND[1] + (BRAND_DARK[1] - BRAND[1]) * t),
        Math.round(BRAND[2] + (BRAND_DARK[2] - BRAND[2]) * t),
        255,
      ];
    },
    3,
  );
}

/** The icons the manifest and index.html name, drawn at build time so no binary sits in git. */
export const APP_ICONS = [
  { fileName: APP_ICON.path.slice(1), size: APP_ICON.size, maskable: false },
  { fileName: 'icons/icon-512.png', size: 512, maskable: false },
  { fileName: 'icons/maskable-512.png', size: 512, maskable: true },
  { fileName: 'icons/apple-touch-icon.png', size: 180, maskable: true },
  { fileName: 'icons/favicon-48.png', size: 48, maskable: false },
] as const;

/** Emits the app icons into the build. */
export function appIcons(): Plugin {
  return {
    name: 'half-tunes-app-icons',
    apply: 'build',
    generateBundle() {
      for (const icon of APP_ICONS) {
        this.emitFile({ type: 'asset', fileName: icon.fileName, source: drawAppIcon(icon.size, icon.maskable) });
      }
    },
  };
}
