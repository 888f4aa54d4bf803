import { isTrack } from '../shared/catalog.ts';
import { PlayOrder, type PlayModes } from './play-order.ts';
import type { PlayerItem } from './player.ts';
import { UP_NEXT_KEY } from './up-next-key.ts';

/** The most songs kept: a list bigger than a person queues by hand costs storage, not music. */
const MAX_KEPT_ITEMS = 500;

const keyOf = ({ track, offline }: PlayerItem): string => `${offline ? 'stored' : 'stream'}:${track.id}`;

/** Keeps `order` for the next visit; if storage refuses, it lasts for this page. */
export function saveUpNext(order: PlayOrder<PlayerItem>): void {
  try {
    const items: Record<string, PlayerItem> = {};
    for (const item of [...order.played, ...(order.current ? [order.current] : []), ...order.upNext, ...order.list]) {
      items[keyOf(item)] = item;
    }
    if (Object.keys(items).length > MAX_KEPT_ITEMS) {
      localStorage.removeItem(UP_NEXT_KEY);
      return;
    }
    localStorage.setItem(UP_NEXT_KEY, JSON.stringify({ order: order.toKept(keyOf), items }));
  } catch {
    // Storage refused: nothing to tell the person, the order still plays until the page closes.
  }
}

/**
 * The order kept last time, each song checked as any catalog data is (`isTrack`): what does not read
 * back as a song is dropped, and nothing readable gives an empty order.
 */
export function restoreUpNext(modes: PlayModes, random: () => number, catalogOrigin: string): PlayOrder<PlayerItem> {
  try {
    const kept = JSON.parse(localStorage.getItem(UP_NEXT_KEY) ?? 'null') as { order?: unknown; items?: unknown } | null;
    const items = kept?.items;
    const lookup = (key: string): PlayerItem | undefined => {
      if (typeof items !== 'object' || items === null || !Object.hasOwn(items, key)) return undefined;
      const item = (items as Record<string, unknown>)[key] as { track?: unknown; offline?: unknown } | null;
      if (!item || typeof item.offline !== 'boolean' || !isTrack(item.track, catalogOrigin)) return undefined;
      const restored = { track: item.track, offline: item.offline };
      return keyOf(restored) === key ? restored : undefined;
    };
    return PlayOrder.fromKept(kept?.order, lookup, modes, random);
  } catch {
    return PlayOrder.empty(modes, random);
  }
}
