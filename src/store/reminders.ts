/**
 * Which broadcasts the shopper asked to be reminded of, shared by every card on the page (a schedule's
 * card and a lone card of the same broadcast agree). Kept between visits by src/shared/reminders.ts.
 */
import { createStore } from 'zustand/vanilla';
import { ownRecord, recordTable, type Records } from './records.js';

export interface RemindersState {
  /** broadcastId → until when the choice is kept (epoch ms: the broadcast's end, plus a day). */
  byId: Records<number>;
}

export const reminderStore = createStore<RemindersState>()(() => ({ byId: recordTable<number>() }));

export function isReminded(state: RemindersState, broadcastId: string, now = Date.now()): boolean {
  const until = ownRecord(state.byId, broadcastId);
  return until !== undefined && until > now;
}
