/**
 * The reminders a shopper set, kept per broadcast in localStorage (`sf:reminders`) so a card shows
 * "알림 받는 중 / Reminder set" on the next visit too. Storage that is blocked or full keeps them in
 * memory for the page (storage-slot.ts). Bounded: a choice is dropped a day after the broadcast
 * ends, and at most the newest 100 are kept. Another tab's change arrives through the `storage` event.
 */
import { JsonSlot } from './storage-slot.js';
import { recordTable, type Records } from '../store/records.js';
import { reminderStore } from '../store/reminders.js';

export const REMINDERS_KEY = 'sf:reminders';
const MAX = 100;
const KEEP_AFTER_END_MS = 24 * 60 * 60 * 1000;
const ID = /^[\w.-]{1,100}$/;

const slot = new JsonSlot<{ v: 1; byId: Record<string, number> }>(REMINDERS_KEY);
let loaded = false;

/** Only well-formed, unexpired entries: the key is the whole site's, anything may be there. */
function parse(value: unknown, now: number): Records<number> {
  const byId = recordTable<number>();
  const raw = (value as { byId?: unknown } | undefined)?.byId;
  if (typeof raw !== 'object' || raw === null) return byId;
  const entries = Object.entries(raw as Record<string, unknown>)
    .filter((entry): entry is [string, number] => ID.test(entry[0]) && typeof entry[1] === 'number' && entry[1] > now)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX);
  for (const [id, until] of entries) byId[id] = until;
  return byId;
}

/** Read the stored choices into the store, once per page (and again when another tab changes them). */
export function loadReminders(now = Date.now()): void {
  if (loaded) return;
  loaded = true;
  reminderStore.setState({ byId: parse(slot.read(), now) });
  globalThis.addEventListener?.('storage', (event: StorageEvent) => {
    if (event.key === REMINDERS_KEY) reminderStore.setState({ byId: parse(slot.read(), Date.now()) });
  });
}

/** Set or clear one broadcast's reminder; `end` is the broadcast's planned end (ms). */
export function setReminder(broadcastId: string, on: boolean, end: number, now = Date.now()): void {
  loadReminders(now);
  const byId = recordTable(parse({ byId: reminderStore.getState().byId }, now));
  if (on) byId[broadcastId] = (Number.isFinite(end) ? end : now) + KEEP_AFTER_END_MS;
  else delete byId[broadcastId];
  const kept = parse({ byId }, now);
  reminderStore.setState({ byId: kept });
  slot.write({ v: 1, byId: { ...kept } });
}
