import type { Track } from '../shared/catalog.ts';

/** How long "Delete" can be undone before the song is gone. */
export const UNDO_DELETE_MS = 6000;

/**
 * "Delete" with a few seconds to undo it: the song is hidden at once and deleted when the time is
 * over, or at once when the page goes away (the person meant to delete). The time stands still while
 * the person is at an Undo button.
 */
/** What one Undo brings back: a song, or an album's songs deleted together (`name` the album's). */
export interface Deleted {
  readonly key: string;
  readonly name: string;
  readonly tracks: readonly Track[];
}

export class UndoDelete {
  /** Songs the person deleted, kept until the undo time is over; `group` where deleted with others. */
  readonly #deleting = new Map<
    number,
    { track: Track; group: { key: string; name: string } | null; timer: ReturnType<typeof setTimeout> | undefined }
  >();
  /** While the person is at an Undo button, the undo time stands still. */
  #held = false;

  /**
   * @param commit deletes the song for good; called at once on `pagehide`, so it must not wait
   * @param changed called whenever what is being deleted changes
   */
  constructor(
    private readonly commit: (trackId: number) => void,
    private readonly changed: () => void,
  ) {}

  has(trackId: number): boolean {
    return this.#deleting.has(trackId);
  }

  /** The songs deleted within the undo time, oldest first. */
  get tracks(): Track[] {
    return [...this.#deleting.values()].map(({ track }) => track);
  }

  /** The deletions one Undo each brings back, oldest first: a song, or songs deleted together. */
  get groups(): Deleted[] {
    const groups = new Map<string, { key: string; name: string; tracks: Track[] }>();
    for (const { track, group } of this.#deleting.values()) {
      const key = group?.key ?? `song:${track.id}`;
      const found = groups.get(key) ?? { key, name: group?.name ?? track.name, tracks: [] };
      found.tracks.push(track);
      groups.set(key, found);
    }
    return [...groups.values()];
  }

  /** Deletes `tracks` together (an album): one Undo brings them all back. */
  deleteTogether(tracks: readonly Track[], group: { key: string; name: string }): void {
    for (const track of tracks) this.delete(track, group);
  }

  delete(track: Track, group: { key: string; name: string } | null = null): void {
    if (this.#deleting.has(track.id)) return;
    const timer = this.#held ? undefined : setTimeout(() => this.#commit(track.id), UNDO_DELETE_MS);
    this.#deleting.set(track.id, { track, group, timer });
    if (this.#deleting.size === 1) addEventListener('pagehide', this.#commitAll);
    this.changed();
  }

  /** Keeps a deleted song after all. */
  undo(trackId: number): void {
    clearTimeout(this.#deleting.get(trackId)?.timer);
    if (!this.#deleting.delete(trackId)) return;
    if (this.#deleting.size === 0) this.#held = false;
    this.changed();
  }

  /** Keeps every song of a deletion (`Deleted.key`) after all. */
  undoGroup(key: string): void {
    for (const deleted of this.groups) if (deleted.key === key) for (const track of deleted.tracks) this.undo(track.id);
  }

  /**
   * Stops the undo time while the person is at an Undo button (focus or pointer), and starts it
   * again, in full, when they leave.
   */
  hold(held: boolean): void {
    if (held === this.#held) return;
    this.#held = held;
    for (const [trackId, entry] of this.#deleting) {
      clearTimeout(entry.timer);
      entry.timer = held ? undefined : setTimeout(() => this.#commit(trackId), UNDO_DELETE_MS);
    }
  }

  #commit(trackId: number): void {
    clearTimeout(this.#deleting.get(trackId)?.timer);
    this.#deleting.delete(trackId);
    if (this.#deleting.size === 0) {
      removeEventListener('pagehide', this.#commitAll);
      this.#held = false;
    }
    this.commit(trackId);
    this.changed();
  }

  /** The page goes away within the undo time: the person meant to delete. */
  readonly #commitAll = (): void => {
    for (const trackId of [...this.#deleting.keys()]) this.#commit(trackId);
  };
}
