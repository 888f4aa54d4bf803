import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DownloadSink, FilePatch } from '../../../src/sw/download/engine.ts';

const ROOT = join(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The files of `src/` whose code (comments aside) matches `pattern`. */
function filesCalling(pattern: RegExp): string[] {
  return sourceFiles(join(ROOT, 'src'))
    .filter((path) => pattern.test(readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')))
    .map((path) => relative(ROOT, path));
}

describe('one writer of a download’s state', () => {
  it('only steps.ts writes a status (setState) or creates a download (put)', () => {
    expect(filesCalling(/\.setState\(/)).toEqual(['src/sw/download/steps.ts']);
    expect(filesCalling(/(?<![.\w])store\.put\(/)).toEqual(['src/sw/download/steps.ts']);
    // Under them, only the store (and the schema's upgrades) puts a download record into IndexedDB.
    expect(filesCalling(/objectStore\('downloads'\)\.put\(|put\('downloads'|tx\.store\.put\(/)).toEqual([
      'src/sw/download/store.ts',
    ]);
  });

  it('engines can write facts of their file, never a status or an engine', () => {
    expectTypeOf<'status' extends keyof FilePatch ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<'engine' extends keyof FilePatch ? true : false>().toEqualTypeOf<false>();
    expectTypeOf<Parameters<DownloadSink['update']>[1]>().toEqualTypeOf<FilePatch>();
  });
});
