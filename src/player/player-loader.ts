import type { Player } from './player.ts';

/**
 * The player's code (its order, Up Next, the Media Session) comes with the first touch, key or click,
 * not with the first screen, which keeps that within its budget (tests/e2e/budget.spec.ts; Squoosh's
 * habit). Loaded at the first `pointerdown` or `keydown`, it is ready by the `click` that plays (a
 * WebKit `play()` must come in the click's own turn, not after an import), and from the worker's
 * precache it takes milliseconds.
 */
let loaded: Player | null = null;
let loading: Promise<Player> | null = null;
let origin = '';
const listeners = new Set<(player: Player) => void>();

/** The player, once its code is here; null before. */
export const loadedPlayer = (): Player | null => loaded;

/** Loads the player (once), and resolves with it. */
export function loadPlayer(): Promise<Player> {
  loading ??= import('./player-start.ts').then(({ startPlayer }) => {
    loaded = startPlayer(origin);
    for (const listener of listeners) listener(loaded);
    listeners.clear();
    return loaded;
  });
  return loading;
}

/** Calls `use` with the player: at once where it is here (in the caller's turn), else once it is. */
export function withPlayer(use: (player: Player) => void): void {
  if (loaded) use(loaded);
  else void loadPlayer().then(use);
}

/** Calls `listener` once the player is here (at once if it is). */
export function whenPlayerLoaded(listener: (player: Player) => void): void {
  if (loaded) listener(loaded);
  else listeners.add(listener);
}

/**
 * Prepares the loader: `catalogOrigin` for the songs a reload left; loads at once where an order was
 * kept (the player bar shows it), else at the person's first touch or key.
 */
export function preparePlayer(catalogOrigin: string, kept: boolean): void {
  origin = catalogOrigin;
  if (kept) {
    void loadPlayer();
    return;
  }
  const early = (): void => {
    removeEventListener('pointerdown', early, true);
    removeEventListener('keydown', early, true);
    void loadPlayer();
  };
  addEventListener('pointerdown', early, true);
  addEventListener('keydown', early, true);
}
