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
import type { Broadcast, Page } from '../../api/models.js';
import { requestJson } from '../../api/json.js';
import { HttpProblem } from '../http.js';
import type { Logger } from '../log.js';
import { serviceProblem } from '../upstream.js';
import { EVENT_ID, liveEventToBroadcast, MAX_PAGE } from './smartstream-map.js';
import type { ScheduleSource, SourceQuery } from './source.js';

export interface SmartStreamConfig {
  /** e.g. `https://ovp-s-api.smartstream.ne.jp/v1` */
  apiBase: string;
  merchantId: string;
  /** Sent as `Authorization: Bearer …`; never logged or answered. */
  apiKey: string;
}

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
