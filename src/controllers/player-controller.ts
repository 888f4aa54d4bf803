import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { player, type Player } from '../player/player.ts';

/** Re-renders a Lit host whenever the player's state changes. */
export class PlayerController implements ReactiveController {
  readonly player: Player = player;
  readonly #onChange = (): void => this.host.requestUpdate();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    player.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    player.removeEventListener('change', this.#onChange);
  }
}
