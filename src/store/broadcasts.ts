/**
 * Broadcasts by id, shared by every element on the page: a schedule that has loaded a broadcast
 * lets a player or a product list with the same `broadcast-id` render at once, and a broadcast
 * asked for by several elements is fetched once.
 */
import { createStore } from 'zustand/vanilla';
import type { Broadcast } from '../api/models.js';
import { clientFor, type ClientKey } from './clients.js';
import { abortable } from '../shared/abortable.js';
import { ownRecord, recordTable } from './records.js';

export interface BroadcastsState {
  byId: Record<string, Broadcast>;
}

export const broadcastStore = createStore<BroadcastsState>()(() => ({ byId: recordTable() }));

export function rememberBroadcasts(list: readonly Broadcast[]): void {
  if (list.length === 0) return;
  broadcastStore.setState((state) => {
    const byId = recordTable(state.byId);
    for (const item of list) byId[item.broadcastId] = item;
    return { byId };
  });
}

/** The broadcast stored under an id (own entries only: see records.ts). */
export function knownBroadcast(byId: Record<string, Broadcast>, broadcastId: string): Broadcast | undefined {
  return ownRecord(byId, broadcastId);
}

const inFlight = new Map<string, Promise<Broadcast | null>>();

/** One broadcast, from the store when known (unless `fresh`), else fetched once however many ask. */
export function loadBroadcast(key: ClientKey, broadcastId: string, options: { fresh?: boolean; signal?: AbortSignal } = {}): Promise<Broadcast | null> {
  const known = knownBroadcast(broadcastStore.getState().byId, broadcastId);
  if (known && !options.fresh) return Promise.resolve(known);
  const flightKey = `${key.apiBase}|${key.partnerId}|${broadcastId}`;
  let pending = inFlight.get(flightKey);
  if (!pending) {
    // Not tied to one caller's signal: another element may still want the answer.
    pending = clientFor(key).broadcast(broadcastId).then(
      (broadcast) => {
        if (broadcast) rememberBroadcasts([broadcast]);
        return broadcast;
      },
    ).finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, pending);
  }
  return options.signal ? abortable(pending, options.signal) : pending;
}
