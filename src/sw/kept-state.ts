/// <reference lib="webworker" />
import { readKept, writeKept, type KeptEntry } from '../shared/kept-state.ts';
import type { KeptFlag } from './download/conditions.ts';

/**
 * A yes or no of the worker's kept in Cache Storage (`src/shared/kept-state.ts`), for a worker the
 * browser starts with no page open (a background fetch's event, Background Sync).
 */
export function keptFlag(entry: KeptEntry): KeptFlag {
  return {
    load: async () => (await readKept(entry)) === '1',
    save: (value) => writeKept(entry, value ? '1' : '0'),
  };
}
