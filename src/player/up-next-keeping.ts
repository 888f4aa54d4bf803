/**
 * A play order as plain JSON, to keep Up Next across reloads: songs by the keys the caller gives
 * them, never the songs themselves, so a song deleted meanwhile can be dropped when it is read back.
 */
export interface KeptPlayOrder {
  /** Whether the round was shuffled when kept, so it can be put in order if shuffle is off now. */
  readonly shuffle: boolean;
  /** The list the person played from, by key. */
  readonly list: readonly string[];
  /** The round in play order: a song of `list` by its position there, an added song by its key. */
  readonly round: readonly KeptEntry[];
  /** Where in `round` the song playing is; -1 when none is. */
  readonly position: number;
}

export type KeptEntry = { readonly rank: number; readonly placed: boolean } | { readonly key: string };

/**
 * `value` as a kept play order, or null when it is not one (storage from another version, or edited
 * by hand): the caller starts empty then rather than play something the person never chose.
 */
export function readKept(value: unknown): KeptPlayOrder | null {
  if (!isRecord(value) || typeof value.shuffle !== 'boolean') return null;
  const { list, round, position } = value;
  if (!Array.isArray(list) || !list.every((key) => typeof key === 'string')) return null;
  if (!Array.isArray(round) || !round.every((entry) => isEntry(entry, list.length))) return null;
  const ranks = round.flatMap((entry: KeptEntry) => ('rank' in entry ? [entry.rank] : []));
  // One entry per song of the list: a second would make shuffle and Previous disagree on where it is.
  if (new Set(ranks).size !== ranks.length) return null;
  const inRound = Number.isInteger(position) && (position as number) >= 0 && (position as number) < round.length;
  if (round.length === 0 ? position !== -1 : !inRound) return null;
  return { shuffle: value.shuffle, list, round, position: position as number };
}

function isEntry(value: unknown, listLength: number): value is KeptEntry {
  if (!isRecord(value)) return false;
  if ('key' in value) return typeof value.key === 'string';
  const { rank, placed } = value;
  return (
    Number.isInteger(rank) && (rank as number) >= 0 && (rank as number) < listLength && typeof placed === 'boolean'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
