/**
 * Which broadcasts of a schedule a shopper sees, and paging on until there are enough of them. The
 * API pages before this filter (rehearsals are never shown; a live schedule drops what is not on
 * air), so one page of `limit` may show fewer. `<sf-schedule>` and the server renderer (src/ssr/)
 * both fill the first view this way, so a server-rendered schedule shows what a client-rendered one
 * would, and the skeleton's `limit` cards are what the content holds.
 */
import type { Broadcast, Page } from '../api/models.js';
import { shopperState } from './broadcast-view.js';
import type { ScheduleType } from './schedule-source.js';

/** Pages fetched at most to fill one view of a filtered schedule (a source of hundreds of replays, say). */
const MAX_FILL_PAGES = 10;

/** What is shown: the broadcasts so far and the key of the next page. */
export interface Shown {
  items: Broadcast[];
  nextKey?: string;
}

/** What a shopper may see: never rehearsals; for `live`, only what is on air now. */
export function visibleBroadcasts(items: readonly Broadcast[], type: ScheduleType, now: number): Broadcast[] {
  return items.filter((item) => {
    const state = shopperState(item, now);
    if (state === 'hidden') return false;
    if (type === 'live') return state === 'live' || state === 'interrupted';
    return true;
  });
}

/** Pages on from `shown.nextKey` until `wanted` broadcasts are showable or the source is exhausted. */
export async function fillSchedule(shown: Shown, wanted: number, type: ScheduleType, nextPage: (nextKey: string) => Promise<Page<Broadcast>>): Promise<Shown> {
  let { items, nextKey } = shown;
  for (let pages = 0; nextKey && pages < MAX_FILL_PAGES && visibleBroadcasts(items, type, Date.now()).length < wanted; pages++) {
    const page = await nextPage(nextKey);
    const known = new Set(items.map((item) => item.broadcastId));
    items = [...items, ...page.items.filter((item) => !known.has(item.broadcastId))];
    nextKey = page.nextKey ?? undefined;
  }
  return { items, nextKey };
}
