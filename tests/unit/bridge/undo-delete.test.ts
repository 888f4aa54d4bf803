import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UNDO_DELETE_MS, UndoDelete } from '../../../src/bridge/undo-delete.ts';
import type { Track } from '../../../src/shared/catalog.ts';

const track = (id: number): Track =>
  ({ id, name: `Song ${id}`, artist: 'A', album: 'Harbour Lights', previewUrl: '' }) as unknown as Track;

describe('deleting with a few seconds to undo', () => {
  let committed: number[];
  let undo: UndoDelete;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('addEventListener', () => undefined);
    vi.stubGlobal('removeEventListener', () => undefined);
    committed = [];
    undo = new UndoDelete(
      (trackId) => committed.push(trackId),
      () => undefined,
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('gives an album deleted together one Undo, which brings every song back', () => {
    undo.delete(track(9));
    undo.deleteTogether([track(1), track(2)], { key: 'album:7', name: 'Harbour Lights' });
    expect(undo.groups.map(({ key, name, tracks }) => [key, name, tracks.map((t) => t.id)])).toEqual([
      ['song:9', 'Song 9', [9]],
      ['album:7', 'Harbour Lights', [1, 2]],
    ]);
    undo.undoGroup('album:7');
    expect(undo.groups.map((deleted) => deleted.key)).toEqual(['song:9']);
    vi.advanceTimersByTime(UNDO_DELETE_MS);
    expect(committed).toEqual([9]);
  });

  it('deletes every song of the album for good once the time is over', () => {
    undo.deleteTogether([track(1), track(2)], { key: 'album:7', name: 'Harbour Lights' });
    vi.advanceTimersByTime(UNDO_DELETE_MS - 1);
    expect(committed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(committed).toEqual([1, 2]);
    expect(undo.groups).toEqual([]);
  });
});
