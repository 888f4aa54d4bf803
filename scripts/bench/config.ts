/** Where the bench serves the app and the demo catalog: on two origins, as production has Apple's previews. */
export const APP = 'http://127.0.0.1:4199';
export const CATALOG = 'http://127.0.0.1:4198';

export const MIB = 1024 * 1024;

/** A phone's link: what the tables call "phone link" (1.5 MB/s shared by every connection, 150 ms per request). */
export const PHONE_LINK = { bytesPerSecond: 1_500_000, latencyMs: 150 };

/** The size of every demo preview ("Love on the Harbour", the song the pause rows download, among them). */
export { PREVIEW_BYTES } from '../../server/audio.ts';

/**
 * How many trials a row runs: `usual`, unless `HALF_TUNES_BENCH_TRIALS` sets one count for every row
 * (to try the bench quickly; the figures of a shortened run are not the bench's).
 */
export function trials(usual: number): number {
  const asked = Number(process.env.HALF_TUNES_BENCH_TRIALS);
  return Number.isInteger(asked) && asked > 0 ? asked : usual;
}

/**
 * Whether the loopback rows include the synthetic preview of `mebibytes`: all of them, unless
 * `HALF_TUNES_BENCH_SIZES` lists some (`HALF_TUNES_BENCH_SIZES=64,256`).
 */
export function wantedSize(mebibytes: number): boolean {
  const listed = process.env.HALF_TUNES_BENCH_SIZES;
  return !listed || listed.split(',').map(Number).includes(mebibytes);
}
