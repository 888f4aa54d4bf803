import type { View } from '../controllers/route-controller.ts';

/**
 * Each view's element, loaded the first time it is shown (Squoosh's habit): the first screen, the
 * search, carries no code of the library, the album, Settings or the player bar, which keeps it within
 * its budget of gzipped JavaScript with a language's messages added (tests/e2e/budget.spec.ts).
 */
const VIEWS: Record<View, { tag: string; load: () => Promise<unknown> }> = {
  search: { tag: 'ht-search', load: () => import('./ht-search.ts') },
  downloads: { tag: 'ht-library', load: () => import('./ht-library.ts') },
  album: { tag: 'ht-album', load: () => import('./ht-album.ts') },
  song: { tag: 'ht-song', load: () => import('./ht-song.ts') },
  settings: { tag: 'ht-settings', load: () => import('./ht-settings.ts') },
};

/** Loads `view`'s element; resolves once it is defined, so its methods can be called. */
export async function loadView(view: View): Promise<void> {
  const { tag, load } = VIEWS[view];
  await load();
  await customElements.whenDefined(tag);
}

/** The player bar, loaded once something plays. */
export const loadPlayerBar = (): Promise<unknown> => import('./ht-player.ts');
