import type { StoredFile } from '../../../src/sw/download/stored-file.ts';

/** The bytes of a stored file from `start` to `end` (exclusive), read as its answer would be. */
export async function fileBytes(file: StoredFile | undefined, start = 0, end = file?.size ?? 0): Promise<number[]> {
  if (!file) throw new Error('no file is stored');
  return [...new Uint8Array(await new Response(file.body(start, end)).arrayBuffer())];
}
