/**
 * SmartSTREAM's live events as a schedule source (seed: smartstream-live-api.txt, "Retrieve Live Event
 * List"): `GET {apiBase}/merchants/:merchant_id/live_events?limit&page&sort=live_encode_start_at&order=ASC`
 * with the merchant's API key, mapped to broadcasts:
 *
 * | SmartSTREAM | broadcast |
 * |---|---|
 * | `id` | `broadcastId` `smartstream-<id>` (never mistaken for a sauceFlex id in the shared store) |
 * | `name`, `description` | `broadcastName`, `explanation` (text; long ones cut) |
 * | `encode_status` running / pending / canceled / error | `onair` / `ready` / `cancel` / `error` |
 * | `encode_status` stopped, stopping | left out: over, and SmartSTREAM gives no replay to open |
 * | `live_encode_start_at`, `…_end_at` (any offset) | `programmingStartDt`, `…EndDt` as UTC `…Z` |
 * | `preview.src` (http(s) only) | the representative `broadcastThumbnailList` entry |
 *
 * Nothing else is copied: `input_sources` (the RTMP ingest URLs: whoever has one can broadcast into the
 * event), profile and media ids never leave this module. An event without a usable id, name or start
 * (one that is not on air) is left out and logged by id; a page that is not `{count, live_events[]}`
 * is `upstream_bad_response`.
 */
import { HttpError, ResponseShapeError } from '../../api/errors.js';
import type { Broadcast, BroadcastStateCode, Page } from '../../api/models.js';
import { requestJson } from '../../api/request.js';
import { HttpProblem } from '../http.js';
import type { Logger } from '../log.js';
import { serviceProblem } from '../upstream.js';
import type { ScheduleSource, SourceQuery } from './source.js';

export interface SmartStreamConfig {
  /** e.g. `https://ovp-s-api.smartstream.ne.jp/v1` */
  apiBase: string;
  merchantId: string;
  /** Sent as `Authorization: Bearer …`; never logged or answered. */
  apiKey: string;
}

export const SMARTSTREAM_ID_PREFIX = 'smartstream-';
const NAME_MAX = 200;
const DESCRIPTION_MAX = 1000;
/** An instant with its offset, as the seed writes them (2018-03-14T14:42:04.632+09:00). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const EVENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** The most pages a caller may ask for (a nextKey is a page number). */
const MAX_PAGE = 1000;

const STATE: Record<string, BroadcastStateCode | null> = {
  encode_status_running: 'onair',
  encode_status_pending: 'ready',
  encode_status_canceled: 'cancel',
  encode_status_cancelled: 'cancel',
  encode_status_error: 'error',
  encode_status_stopped: null,
  encode_status_stopping: null,
};

export class SmartStreamSource implements ScheduleSource {
  readonly #config: SmartStreamConfig;
  readonly #options: { timeoutMs: number; now: () => number; log: Logger; fetch?: typeof fetch };

  constructor(config: SmartStreamConfig, options: { timeoutMs: number; now: () => number; log: Logger; fetch?: typeof fetch }) {
    this.#config = { ...config, apiBase: config.apiBase.replace(/\/+$/, '') };
    this.#options = options;
  }

  async list(query: SourceQuery, signal: AbortSignal): Promise<Page<Broadcast>> {
    const page = query.nextKey === undefined ? 1 : Number(query.nextKey);
    if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
      throw new HttpProblem(400, 'invalid_next_key', `nextKey must be a page number from 2 to ${MAX_PAGE}.`, { field: 'nextKey' });
    }
    const url = `${this.#config.apiBase}/merchants/${encodeURIComponent(this.#config.merchantId)}/live_events`;
    let body: unknown;
    try {
      ({ body } = await requestJson({
        url,
        query: { limit: query.limit, page, sort: 'live_encode_start_at', order: 'ASC' },
        headers: { authorization: `Bearer ${this.#config.apiKey}` },
        timeoutMs: this.#options.timeoutMs,
        signal,
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      }));
      const { count, live_events: events } = (body ?? {}) as { count?: unknown; live_events?: unknown };
      if (!Array.isArray(events)) throw new ResponseShapeError('GET', url, 'live_events', 'is not a list');
      const now = this.#options.now();
      const items: Broadcast[] = [];
      for (const [index, raw] of events.entries()) {
        const mapped = liveEventToBroadcast(raw, now);
        if (mapped) items.push(mapped);
        else if (mapped === undefined) this.#options.log.warn('SmartSTREAM live event left out: unusable fields', { index, id: idOf(raw) });
      }
      const total = typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
      // A full page may have more behind it; `count` (the total) says so exactly when it is there.
      const more = events.length >= query.limit && (total === undefined || page * query.limit < total) && page < MAX_PAGE;
      return { totalCount: total ?? items.length, count: items.length, nextKey: more ? String(page + 1) : null, items };
    } catch (error) {
      throw serviceProblem('SmartSTREAM', error, this.#options.log, 'live event list', {
        merchantId: this.#config.merchantId,
        page,
        ...(error instanceof HttpError ? { code: codeOf(error.body) } : {}),
      });
    }
  }
}

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

/** An event's id for a log line, only when it looks like one. */
function idOf(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && EVENT_ID.test(id) ? id : undefined;
}

/** SmartSTREAM's error code (UNAUTHORIZED, SERVER_ERROR, …) from an error body, for the log. */
function codeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : undefined;
}
