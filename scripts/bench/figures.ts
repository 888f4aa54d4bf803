/** How the tables write their figures. */

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Seconds against plain's: `0.78 s (1.29×)`. */
export const ratio = (seconds: number, plain: number): string =>
  `${seconds.toFixed(2)} s (${(seconds / plain).toFixed(2)}×)`;

/** The lowest and highest of `seconds`: `0.80–0.95 s`. */
export const range = (seconds: number[]): string =>
  `${Math.min(...seconds).toFixed(2)}–${Math.max(...seconds).toFixed(2)} s`;
