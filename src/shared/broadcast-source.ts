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
/** How long the loader's early answer waits for the element that asks next. */
const EARLY_MAX_AGE_MS = 30_000;
/** The loader's early requests (`prefetchBroadcast`), kept settled for the first element that asks. */
const early = new Map<string, { answer: Promise<Broadcast | null>; at: number }>();

export function loadBroadcast(key: ClientKey, broadcastId: string, options: { fresh?: boolean; signal?: AbortSignal } = {}): Promise<Broadcast | null> {
  const known = knownBroadcast(broadcastStore.getState().byId, broadcastId);
  if (known && !options.fresh) return Promise.resolve(known);
  const flightKey = `${key.apiBase}|${key.partnerId}|${broadcastId}`;
  // The loader asked already: its answer, a failure too (sent again at once, a refused request is refused again).
  const ahead = early.get(flightKey);
  early.delete(flightKey);
  if (ahead && !options.fresh && Date.now() - ahead.at < EARLY_MAX_AGE_MS) return options.signal ? abortable(ahead.answer, options.signal) : ahead.answer;
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

/** The loader's request, before the element's code is there: the element that asks next gets its answer. */
export function prefetchBroadcast(key: ClientKey, broadcastId: string): void {
  const answer = loadBroadcast(key, broadcastId);
  answer.catch(() => undefined);
  early.set(`${key.apiBase}|${key.partnerId}|${broadcastId}`, { answer, at: Date.now() });
}
