/**
 * How a broadcast shows to a shopper, derived from its `broadcastStateCode` and times. One mapping
 * for every element (card, schedule, player), so a state never reads differently in two places.
 */
import type { Broadcast } from '../api/models.js';
import { parseApiDate } from '../i18n/format.js';
import { safeUrl, withQuery } from './safe-url.js';

export { representative, broadcastThumbnail } from './thumbnails.js';

export type ShopperState =
  /** accepted, standby, ready: planned, not started. */
  | 'upcoming'
  /** onair. */
  | 'live'
  /** warning (connection lost mid-broadcast) or error: live, but interrupted. */
  | 'interrupted'
  /** converting: over; the replay is being prepared. */
  | 'converting'
  /** vod: watch again. */
  | 'replay'
  /** cancel: shown, marked, not clickable. */
  | 'cancelled'
  /** rehearsal, rehearsalonair: staff only, never listed for shoppers. */
  | 'hidden';

/** A state code the guide does not list falls back on the clock: before start, upcoming; after, converting. */
export function shopperState(broadcast: Pick<Broadcast, 'broadcastStateCode' | 'programmingStartDt'>, now = Date.now()): ShopperState {
  switch (broadcast.broadcastStateCode as string) {
    case 'accepted':
    case 'standby':
    case 'ready':
      return 'upcoming';
    case 'onair':
      return 'live';
    case 'warning':
    case 'error':
      return 'interrupted';
    case 'converting':
      return 'converting';
    case 'vod':
      return 'replay';
    case 'cancel':
      return 'cancelled';
    case 'rehearsal':
    case 'rehearsalonair':
      return 'hidden';
    default: {
      const start = parseApiDate(broadcast.programmingStartDt)?.getTime();
      return start !== undefined && start > now ? 'upcoming' : 'converting';
    }
  }
}

/** Seconds of a replay, whatever form the API sent (134.63 or "134.634667"). */
export function durationSeconds(broadcast: Broadcast): number | undefined {
  const value = Number(broadcast.totalDuration);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The sauceFlex player URL for a broadcast, with the viewer token as `accessToken` when there is one. */
export function playerUrl(broadcast: Broadcast, token: string | undefined): string | undefined {
  const base = safeUrl(broadcast.outputPath);
  if (!base) return undefined;
  return token ? withQuery(base, { accessToken: token }) : base;
}
