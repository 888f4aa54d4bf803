import type { Player } from './player.ts';

/** Brings the player's code and starts it for the catalog's origin. */
export type StartPlayer = () => Promise<(catalogOrigin: string) => Player>;

/**
 * The player's code (its order, Up Next, the Media Session) comes with the first touch, key or click,
 * not with the first screen, which keeps that within its budget (tests/e2e/budget.spec.ts; Squoosh's
 * habit). Loaded at the first `pointerdown` or `keydown`, it is ready by the `click` that plays (a
 * WebKit `play()` must come in the click's own turn, not after an import), and from the worker's
 * precache it takes milliseconds.
 */
export class PlayerLoader {
  #start: StartPlayer;
  #loaded: Player | null = null;
  #loading: Promise<Player> | null = null;
  #origin = '';
  #listeners = new Set<(player: Player) => void>();

  constructor(start: StartPlayer) {
    this.#start = start;
  }

  /** The player, once its code is here; null before. */
  get loaded(): Player | null {
    return this.#loaded;
  }

  /**
   * Loads the player (once), and resolves with it. A load that failed is tried again at the next
   * call: a reload cuts short the load the Reload button's own touch began.
   */
  load(): Promise<Player> {
    this.#loading ??= this.#start()
      .then((startPlayer) => {
        const player = startPlayer(this.#origin);
        this.#loaded = player;
        for (const listener of this.#listeners) listener(player);
        this.#listeners.clear();
        return player;
      })
      .catch((error: unknown) => {
        this.#loading = null;
        throw error;
      });
    return this.#loading;
  }

  /**
   * Calls `use` with the player: at once where it is here (in the caller's turn), else once it is.
   * Where its code cannot come (the app's files gone with no worker to keep them), nothing plays, and
   * the next press tries again.
   */
  with(use: (player: Player) => void): void {
    if (this.#loaded) use(this.#loaded);
    else this.load().then(use, (error: unknown) => console.warn('The player could not load', error));
  }

  /** Calls `listener` once the player is here (at once if it is). */
  whenLoaded(listener: (player: Player) => void): void {
    if (this.#loaded) listener(this.#loaded);
    else this.#listeners.add(listener);
  }

  /**
   * Prepares the loader: `catalogOrigin` for the songs a reload left; loads at once where an order was
   * kept (the player bar shows it), else at the person's first touch or key. Such an early load is a
   * head start, not a need: when it fails (the page is leaving), the play that needs it loads again.
   */
  prepare(catalogOrigin: string, kept: boolean, events: EventTarget = globalThis): void {
    this.#origin = catalogOrigin;
    const early = (): void => {
      events.removeEventListener('pointerdown', early, { capture: true });
      events.removeEventListener('keydown', early, { capture: true });
      this.load().catch(() => undefined);
    };
    if (kept) {
      early();
      return;
    }
    events.addEventListener('pointerdown', early, { capture: true });
    events.addEventListener('keydown', early, { capture: true });
  }
}

const playerLoader = new PlayerLoader(async () => (await import('./player-start.ts')).startPlayer);

/** The player, once its code is here; null before. */
export const loadedPlayer = (): Player | null => playerLoader.loaded;

/** Calls `use` with the player: at once where it is here (in the caller's turn), else once it is. */
export const withPlayer = (use: (player: Player) => void): void => playerLoader.with(use);

/** Calls `listener` once the player is here (at once if it is). */
export const whenPlayerLoaded = (listener: (player: Player) => void): void => playerLoader.whenLoaded(listener);

/** Prepares the app's player loader (see `PlayerLoader.prepare`). */
export const preparePlayer = (catalogOrigin: string, kept: boolean): void => playerLoader.prepare(catalogOrigin, kept);
