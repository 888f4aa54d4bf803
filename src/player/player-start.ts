import { connectMediaSession } from './media-session.ts';
import { player, type Player } from './player.ts';

/** The player as the app starts it: the order a reload left (paused), and the lock screen's controls. */
export function startPlayer(catalogOrigin: string): Player {
  player.restore(catalogOrigin);
  connectMediaSession(player);
  return player;
}
