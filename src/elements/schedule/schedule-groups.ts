/** Pure helpers of `<sf-schedule>`: its broadcasts grouped by calendar day (which it shows: src/shared/schedule-fill.ts). */
import type { Broadcast } from '../../api/models.js';
import { dayKey, parseApiDate } from '../../i18n/format.js';
import { shopperState } from '../../shared/broadcast-view.js';

export { SCHEDULE_TYPES, SEARCH_TYPE, type ScheduleType } from '../../shared/schedule-source.js';

export interface DayGroup {
  key: string;
  /** Any moment of that day, for its label. */
  date: Date;
  items: Broadcast[];
}

/**
 * Consecutive broadcasts on the same calendar day (in `timeZone`) share a group; the API's order is
 * kept (soonest first for the schedule, newest first for replays). Undated items join their neighbours.
 */
export function groupByDay(items: readonly Broadcast[], timeZone?: string): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const item of items) {
    const date = parseApiDate(item.programmingStartDt);
    const key = date ? dayKeyOf(item, date, timeZone) : (groups.at(-1)?.key ?? 'unknown');
    const last = groups.at(-1);
    if (last && last.key === key) last.items.push(item);
    else groups.push({ key, date: date ?? new Date(Number.NaN), items: [item] });
  }
  return groups;
}

/** Each broadcast object's day, per time zone: every render ("more", a refresh) groups all shown again. */
const dayKeys = new WeakMap<Broadcast, { timeZone?: string; key: string }>();

function dayKeyOf(item: Broadcast, date: Date, timeZone?: string): string {
  const known = dayKeys.get(item);
  if (known && known.timeZone === timeZone) return known.key;
  const key = dayKey(date, timeZone);
  dayKeys.set(item, { timeZone, key });
  return key;
}

/** The soonest start still ahead among upcoming broadcasts, for the countdown. */
export function nextStart(items: readonly Broadcast[], now: number): string | undefined {
  let best: { at: number; iso: string } | undefined;
  for (const item of items) {
    if (shopperState(item, now) !== 'upcoming') continue;
    const at = parseApiDate(item.programmingStartDt)?.getTime();
    if (at !== undefined && at > now && (!best || at < best.at)) best = { at, iso: item.programmingStartDt };
  }
  return best?.iso;
}

/**
 * Each broadcast object's JSON, written once: a refresh of 1,000 compares 1,000 fresh texts, not 2,000.
 * Broadcasts are never changed in place (the cards' redraw by identity relies on that too).
 */
const texts = new WeakMap<Broadcast, string>();

function serialized(item: Broadcast): string {
  let text = texts.get(item);
  if (text === undefined) texts.set(item, (text = JSON.stringify(item)));
  return text;
}

/** Fresh first items replace the old ones; later pages already loaded stay after them, without duplicates. */
export function mergeRefreshed(old: readonly Broadcast[], fresh: readonly Broadcast[], refreshedCount: number): Broadcast[] {
  const seen = new Set(fresh.map((item) => item.broadcastId));
  // A broadcast that did not change keeps its object, so its card is not drawn again (Lit compares by identity).
  const before = new Map(old.map((item) => [item.broadcastId, item]));
  const kept = fresh.map((item) => {
    const previous = before.get(item.broadcastId);
    if (!previous) return item;
    const text = JSON.stringify(item);
    if (serialized(previous) !== text) return item;
    // The kept object stands for this text from now on: the next refresh compares against it unwritten.
    texts.set(previous, text);
    return previous;
  });
  return [...kept, ...old.slice(refreshedCount).filter((item) => !seen.has(item.broadcastId))];
}
