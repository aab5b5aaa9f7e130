/**
 * Broadcasts by id, shared by every element on the page: a schedule that has loaded a broadcast
 * lets a player or a product list with the same `broadcast-id` render at once. Loading is
 * src/shared/broadcast-source.ts.
 */
import { createStore } from 'zustand/vanilla';
import type { Broadcast } from '../api/models.js';
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
