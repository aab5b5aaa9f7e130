/**
 * SmartSTREAM's live event → our broadcast, the pure half of the SmartSTREAM source (smartstream.ts has
 * the table): no I/O and no Node API, so Storybook's in-browser mock maps the stand-in's fixtures with it too.
 */
import type { Broadcast, BroadcastStateCode } from '../../api/models.js';

export const SMARTSTREAM_ID_PREFIX = 'smartstream-';
const NAME_MAX = 200;
const DESCRIPTION_MAX = 1000;
/** An instant with its offset, as the seed writes them (2018-03-14T14:42:04.632+09:00). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
export const EVENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The most pages a caller may ask for (a nextKey is a page number). */
export const MAX_PAGE = 1000;

const STATE: Record<string, BroadcastStateCode | null> = {
  encode_status_running: 'onair',
  encode_status_pending: 'ready',
  encode_status_canceled: 'cancel',
  encode_status_cancelled: 'cancel',
  encode_status_error: 'error',
  encode_status_stopped: null,
  encode_status_stopping: null,
};

/**
 * One live event as a broadcast: `null` when it is deliberately not shown (over), `undefined` when it
 * cannot be shown (missing or wrong fields). Only the fields listed in the module's table are read.
 */
export function liveEventToBroadcast(raw: unknown, now: number): Broadcast | null | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const event = raw as Record<string, unknown>;
  if (typeof event.id !== 'string' || !EVENT_ID.test(event.id)) return undefined;
  if (typeof event.name !== 'string' || event.name.trim() === '') return undefined;
  const status = typeof event.encode_status === 'string' ? event.encode_status : undefined;
  const start = utc(event.live_encode_start_at);
  const end = utc(event.live_encode_end_at);
  let state: BroadcastStateCode | null | undefined = status !== undefined && Object.hasOwn(STATE, status) ? STATE[status] : undefined;
  if (state === null) return null;
  if (state === undefined) {
    // A status the seed does not list: planned if it starts ahead, otherwise not shown.
    if (!start || Date.parse(start) <= now) return null;
    state = 'ready';
  }
  // On air without a start time: it started by now, at the latest.
  const startDt = start ?? (state === 'onair' ? (utc(event.updated_at) ?? new Date(now).toISOString()) : undefined);
  if (!startDt) return undefined;
  const thumbnail = httpUrl((event.preview as { src?: unknown } | null | undefined)?.src);
  const broadcast: Broadcast = {
    broadcastId: `${SMARTSTREAM_ID_PREFIX}${event.id}`,
    broadcastName: cut(event.name.trim(), NAME_MAX),
    broadcastTypeCode: 'live',
    broadcastStateCode: state,
    programmingStartDt: startDt,
    programmingEndDt: end ?? startDt,
  };
  if (typeof event.description === 'string' && event.description.trim()) broadcast.explanation = cut(event.description.trim(), DESCRIPTION_MAX);
  if (state === 'onair') broadcast.broadcastStartDt = startDt;
  if (thumbnail) broadcast.broadcastThumbnailList = [{ thumbnailUrl: thumbnail, isRepresentative: true }];
  return broadcast;
}

/** An instant with an offset as UTC ISO 8601 (…Z); anything else is unknown. */
function utc(value: unknown): string | undefined {
  if (typeof value !== 'string' || !INSTANT.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

