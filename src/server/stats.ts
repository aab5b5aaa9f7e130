/**
 * `GET {stats}/:broadcastId`: a broadcast's figures for the partner's own pages — totals (viewers, views,
 * likes, chats, product clicks, orders, watch time, age bands) and a time series — read from the guide's two
 * analysis routes with the partner's admin token, which never leaves the server.
 *
 * The guide's examples send the parameters as a JSON body on GET, which `fetch` (and most HTTP stacks)
 * refuse; we send them in the query, in this one place (DESIGN.md, open questions). We always ask in UTC
 * (`tzo` 0), so the series' wall-clock `date`s are UTC and become ISO instants here; the browser shows them
 * in the viewer's zone.
 *
 * The range defaults to the broadcast's own: from ten minutes before it started to ten minutes after it
 * ended (or now, while live); the interval to the finest of 1m / 10m / 1h that gives at most 240 points.
 */
import { createClient, type SauceflexClient } from '../api/client.js';
import { ResponseShapeError } from '../api/errors.js';
import { AnalysisInterval, type AnalysisCounts, type AnalysisPoint, type Broadcast, type BroadcastAnalysis, type BroadcastStats } from '../api/models.js';
import { requestEnvelope } from '../api/request.js';
import type { AdminClient } from './admin-client.js';
import { HttpProblem } from './http.js';
import type { Logger } from './log.js';
import { upstreamProblem } from './upstream.js';

export const BROADCAST_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const MIN = 60_000;
const INTERVAL_MS: Record<AnalysisInterval, number> = { '1m': MIN, '10m': 10 * MIN, '1h': 60 * MIN };
/** The most points one answer may hold (sauceFlex's own limit is undocumented; a chart needs no more). */
export const MAX_POINTS = 240;
/** The longest range asked for (a month): beyond it even hourly points are too many to draw. */
const MAX_RANGE_MS = 31 * 24 * 60 * MIN;
const COUNTERS = ['chatCount', 'orderCount', 'likeCount', 'uniqueVisitor', 'productClickCount', 'pageView'] as const;

export interface StatsQuery {
  /** ISO instants; default: the broadcast's own window. */
  from?: string;
  to?: string;
  interval?: string;
}

export interface StatsServiceOptions {
  apiBase: string;
  partnerId: string;
  timeoutMs: number;
  now?: () => number;
  fetch?: typeof fetch;
  log: Logger;
}

export class StatsService {
  readonly #admin: AdminClient;
  readonly #o: StatsServiceOptions;
  readonly #now: () => number;
  readonly #front: SauceflexClient;

  constructor(admin: AdminClient, options: StatsServiceOptions) {
    this.#admin = admin;
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#front = createClient({ apiBase: options.apiBase, partnerId: options.partnerId, timeoutMs: options.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
  }

  async get(broadcastId: string, query: StatsQuery, signal?: AbortSignal): Promise<BroadcastStats> {
    if (!BROADCAST_ID.test(broadcastId)) {
      throw new HttpProblem(400, 'invalid_broadcast_id', 'broadcastId must be 1–100 letters, digits, ".", "_" or "-".', { field: 'broadcastId' });
    }
    const broadcast = await this.#front.broadcast(broadcastId, signal ? { signal } : {}).catch((error) => {
      throw this.#toProblem(error);
    });
    if (!broadcast) throw new HttpProblem(404, 'broadcast_not_found', `sauceFlex has no broadcast ${broadcastId}.`);
    const { from, to } = this.#range(broadcast, query);
    const interval = chooseInterval(from, to, query.interval);
    const params = { tzo: 0, searchStartDt: utcWallClock(from), searchEndDt: utcWallClock(to) };
    const base = `${this.#o.apiBase}/front/analysis/broadcast/${encodeURIComponent(this.#o.partnerId)}/${encodeURIComponent(broadcastId)}`;
    try {
      const [totals, points] = await Promise.all([
        this.#read(base, params, signal).then((response) => checkTotals(response, base)),
        this.#read(`${base}/timeSeries`, { ...params, interval }, signal).then((response) => checkSeries(response, `${base}/timeSeries`)),
      ]);
      const series = points.map(({ date, ...counts }) => ({ ...counts, at: new Date(`${date.replace(' ', 'T')}Z`).toISOString() }));
      return { broadcastId, broadcastName: broadcast.broadcastName, from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval, totals, series };
    } catch (error) {
      throw this.#toProblem(error);
    }
  }

  #read(url: string, query: Record<string, string | number>, signal?: AbortSignal): Promise<unknown> {
    return this.#admin.withToken(async (accessToken) => {
      const { response } = await requestEnvelope({
        method: 'GET',
        url,
        query,
        headers: { 'X-SauceFlex-Authorize': accessToken },
        timeoutMs: this.#o.timeoutMs,
        ...(signal ? { signal } : {}),
        ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
      });
      return response;
    });
  }

  #range(broadcast: Broadcast, query: StatsQuery): { from: number; to: number } {
    const started = Date.parse(broadcast.broadcastStartDt ?? broadcast.programmingStartDt);
    const ended = broadcast.broadcastEndDt ? Date.parse(broadcast.broadcastEndDt) : broadcast.broadcastStartDt ? this.#now() : Date.parse(broadcast.programmingEndDt);
    const from = query.from !== undefined ? instant(query.from, 'from') : started - 10 * MIN;
    const to = query.to !== undefined ? instant(query.to, 'to') : Math.min(ended + 10 * MIN, Math.max(this.#now(), from + MIN));
    if (!(to > from)) throw new HttpProblem(400, 'invalid_range', '"to" must come after "from".', { field: 'to' });
    if (to - from > MAX_RANGE_MS) throw new HttpProblem(400, 'invalid_range', 'Ask for 31 days at most.', { field: 'to' });
    return { from, to };
  }

  #toProblem(error: unknown): HttpProblem {
    return upstreamProblem(error, this.#o.log, 'stats read');
  }
}

function instant(value: string, field: string): number {
  const at = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(at)) {
    throw new HttpProblem(400, 'invalid_range', `"${field}" must be an ISO 8601 date and time.`, { field });
  }
  return at;
}

/** The asked interval if it keeps to MAX_POINTS, else the finest that does. */
export function chooseInterval(from: number, to: number, asked?: string): AnalysisInterval {
  const fits = (interval: AnalysisInterval) => Math.ceil((to - from) / INTERVAL_MS[interval]) <= MAX_POINTS;
  if (asked !== undefined) {
    if (!Object.values(AnalysisInterval).includes(asked as AnalysisInterval)) {
      throw new HttpProblem(400, 'invalid_interval', 'interval must be 1m, 10m or 1h.', { field: 'interval' });
    }
    if (!fits(asked as AnalysisInterval)) throw new HttpProblem(400, 'invalid_interval', `interval ${asked} gives more than ${MAX_POINTS} points for this range.`, { field: 'interval' });
    return asked as AnalysisInterval;
  }
  return (['1m', '10m', '1h'] as const).find(fits) ?? '1h';
}

/** "2026-11-28T09:05:00" for tzo 0: sauceFlex's wall-clock form, seconds precision. */
function utcWallClock(at: number): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().slice(0, 19);
}

function count(value: unknown, url: string, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ResponseShapeError('GET', url, path, `expected a count, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value;
}

function checkCounts(value: Record<string, unknown>, url: string, path: string): AnalysisCounts {
  const counts = {} as AnalysisCounts;
  for (const key of COUNTERS) counts[key] = count(value[key], url, `${path}.${key}`);
  return counts;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkTotals(response: unknown, url: string): BroadcastAnalysis {
  if (!isObject(response)) throw new ResponseShapeError('GET', url, 'response', 'expected an object of counts');
  const age: BroadcastAnalysis['age'] = {};
  if (isObject(response.age)) {
    for (const [band, value] of Object.entries(response.age)) {
      // Only the guide's bands; anything else (or a band of the wrong shape) is left out.
      if (!/^(10|20|30|40|50|gte60|etc)$/.test(band) || !isObject(value)) continue;
      age[band] = { uniqueVisitor: count(value.uniqueVisitor, url, `response.age.${band}.uniqueVisitor`), pageView: count(value.pageView, url, `response.age.${band}.pageView`) };
    }
  }
  return {
    ...checkCounts(response, url, 'response'),
    playTime: count(response.playTime, url, 'response.playTime'),
    avgPlayTime: count(response.avgPlayTime, url, 'response.avgPlayTime'),
    avgProductClickCount: count(response.avgProductClickCount, url, 'response.avgProductClickCount'),
    age,
  };
}

export function checkSeries(response: unknown, url: string): AnalysisPoint[] {
  if (!Array.isArray(response)) throw new ResponseShapeError('GET', url, 'response', 'expected a list of points');
  if (response.length > MAX_POINTS + 2) throw new ResponseShapeError('GET', url, 'response', `more than ${MAX_POINTS} points`);
  return response.map((point, index) => {
    const path = `response[${index}]`;
    if (!isObject(point)) throw new ResponseShapeError('GET', url, path, 'expected a point');
    if (typeof point.date !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(point.date)) {
      throw new ResponseShapeError('GET', url, `${path}.date`, 'expected "YYYY-MM-DD HH:mm:ss"');
    }
    return { date: point.date, ...checkCounts(point, url, path) };
  });
}
