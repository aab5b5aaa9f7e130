/**
 * One broadcast by id for the elements that show one (card, player, product list): from the page's
 * broadcast store when known, else fetched once however many elements ask, and kept in the store.
 */
import type { Broadcast } from '../api/models.js';
import { clientFor, type ClientKey } from '../shared/clients.js';
import { broadcastStore, knownBroadcast, rememberBroadcasts } from '../store/broadcasts.js';
import { abortable } from './abortable.js';

const inFlight = new Map<string, Promise<Broadcast | null>>();

/** One broadcast, from the store when known (unless `fresh`), else fetched once however many ask. */
export function loadBroadcast(key: ClientKey, broadcastId: string, options: { fresh?: boolean; signal?: AbortSignal } = {}): Promise<Broadcast | null> {
  const known = knownBroadcast(broadcastStore.getState().byId, broadcastId);
  if (known && !options.fresh) return Promise.resolve(known);
  const flightKey = `${key.apiBase}|${key.partnerId}|${broadcastId}`;
  let pending = inFlight.get(flightKey);
  if (!pending) {
    // Not tied to one caller's signal: another element may still want the answer.
    pending = clientFor(key)
      .broadcast(broadcastId)
      .then((broadcast) => {
        if (broadcast) rememberBroadcasts([broadcast]);
        return broadcast;
      })
      .finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, pending);
  }
  return options.signal ? abortable(pending, options.signal) : pending;
}
