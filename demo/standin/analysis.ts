/**
 * The guide's two analysis routes (GET /front/analysis/broadcast/{partnerId}/{broadcastId} and
 * …/timeSeries): believable, deterministic figures for the fixtures' broadcasts. Audience follows a
 * curve over the broadcast's real start and end (a rise, a peak about a third in, a long tail), with
 * noise seeded by the broadcast id, so the same question always gets the same answer.
 *
 * The guide sends these parameters as a JSON body on GET, which browsers and `fetch` refuse; like our
 * backend, the stand-in takes them in the query. Times in `searchStartDt` / `searchEndDt` are local to
 * `tzo` (minutes behind UTC, as JavaScript's getTimezoneOffset: Korea is -540), and so are the
 * `date`s of the series ("2022-08-08 17:50:00").
 */
import type { AnalysisCounts, Broadcast } from '../../src/api/models.js';
import { ApiFailure } from './envelope.js';
import { generator } from './fixtures.js';
import { checkQuery, type Schema } from './validate.js';

export const ANALYSIS_INTERVALS = { '1m': 60_000, '10m': 600_000, '1h': 3_600_000 } as const;
export type AnalysisInterval = keyof typeof ANALYSIS_INTERVALS;

/** The most points one series answer holds (a month by the minute would be 43,200). */
export const MAX_SERIES_POINTS = 2_000;

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;

const common: Schema = {
  tzo: { type: 'integer', required: true, min: -840, max: 720 },
  searchStartDt: { type: 'string', required: true, pattern: LOCAL_TIME },
  searchEndDt: { type: 'string', required: true, pattern: LOCAL_TIME },
  broadcastTypeCode: { type: 'string', oneOf: ['live', 'vod'] },
};

export interface AnalysisQuery {
  /** UTC milliseconds. */
  start: number;
  end: number;
  tzo: number;
  type: 'live' | 'vod' | undefined;
  interval?: AnalysisInterval;
}

export function readAnalysisQuery(params: URLSearchParams, series: boolean): AnalysisQuery {
  const schema: Schema = series ? { ...common, interval: { type: 'string', required: true, oneOf: Object.keys(ANALYSIS_INTERVALS) } } : common;
  const q = checkQuery(params, schema);
  const tzo = Number(q.tzo);
  // Local wall-clock time + tzo minutes = UTC.
  const toUtc = (local: string) => Date.parse(`${local.length === 16 ? `${local}:00` : local}Z`) + tzo * 60_000;
  const start = toUtc(q.searchStartDt!);
  const end = toUtc(q.searchEndDt!);
  if (Number.isNaN(start) || Number.isNaN(end)) throw new ApiFailure('FA1010', { validError: ['"searchStartDt" must be a valid date'] });
  if (end <= start) throw new ApiFailure('FA1010', { validError: ['"searchEndDt" must be greater than "ref:searchStartDt"'] });
  const interval = q.interval as AnalysisInterval | undefined;
  if (interval && (end - start) / ANALYSIS_INTERVALS[interval] > MAX_SERIES_POINTS) {
    throw new ApiFailure('FA1010', { validError: [`"interval" ${interval} gives more than ${MAX_SERIES_POINTS} points for this range`] });
  }
  return { start, end, tzo, type: q.broadcastTypeCode as 'live' | 'vod' | undefined, ...(interval ? { interval } : {}) };
}

/** The guide's counters, per minute or summed. */
type Counts = AnalysisCounts;

const MIN = 60_000;

/** When the broadcast really ran (live) and how its audience is spread over that time. */
function window(broadcast: Broadcast, now: number): { from: number; to: number } | undefined {
  if (!broadcast.broadcastStartDt) return undefined;
  const from = Date.parse(broadcast.broadcastStartDt);
  const to = broadcast.broadcastEndDt ? Date.parse(broadcast.broadcastEndDt) : now;
  return to > from ? { from, to } : undefined;
}

/** Viewers per minute at `t`: rises over 10 minutes, peaks a third in, decays to a quarter by the end. */
function audienceAt(t: number, from: number, to: number, peak: number): number {
  if (t < from || t >= to) return 0;
  const x = (t - from) / (to - from);
  const rise = Math.min(1, (t - from) / (10 * MIN));
  const shape = x < 1 / 3 ? 0.6 + 1.2 * x : 1 - 1.1 * (x - 1 / 3);
  return peak * rise * Math.max(0.25, shape);
}

/** Counts for one minute starting at `t`. */
function minute(broadcast: Broadcast, t: number, now: number, type: 'live' | 'vod' | undefined): Counts {
  const zero = { chatCount: 0, orderCount: 0, likeCount: 0, uniqueVisitor: 0, productClickCount: 0, pageView: 0 };
  const span = window(broadcast, now);
  if (!span || t >= now) return zero;
  const random = generator(`${broadcast.broadcastId}:${Math.floor(t / MIN)}`);
  const peak = 40 + Math.floor(generator(broadcast.broadcastId)() * 160);
  // Replays keep a trickle of viewers after the live ended.
  const live = type !== 'vod' ? audienceAt(t, span.from, span.to, peak) : 0;
  const vod = type !== 'live' && broadcast.broadcastEndDt && t >= span.to ? peak * 0.04 : 0;
  const viewers = Math.round((live + vod) * (0.85 + 0.3 * random()));
  if (viewers === 0) return zero;
  return {
    uniqueVisitor: viewers,
    pageView: Math.round(viewers * (1.08 + 0.1 * random())),
    chatCount: Math.round(viewers * 0.04 * random()),
    likeCount: Math.round(viewers * 0.3 * random()),
    productClickCount: Math.round(viewers * 0.03 * (0.5 + random())),
    orderCount: random() < viewers / 400 ? 1 : 0,
  };
}

function add(into: Counts, more: Counts): void {
  for (const key of Object.keys(into) as (keyof Counts)[]) into[key] += more[key];
}

/** A viewer stays several minutes: the minutes' viewers add up to watch time, not to unique people. */
function asReported(counts: Counts): Counts {
  return { ...counts, uniqueVisitor: Math.round(counts.uniqueVisitor * 0.35), pageView: Math.round(counts.pageView * 0.38) };
}

function sum(broadcast: Broadcast, from: number, to: number, now: number, type: AnalysisQuery['type']): Counts {
  const total = { chatCount: 0, orderCount: 0, likeCount: 0, uniqueVisitor: 0, productClickCount: 0, pageView: 0 };
  const span = window(broadcast, now);
  if (!span) return total;
  // Only minutes where something can happen: the live window, plus the replay tail up to now.
  const first = Math.max(from, span.from);
  const last = Math.min(to, type === 'live' ? span.to : now);
  for (let t = Math.floor(first / MIN) * MIN; t < last; t += MIN) add(total, minute(broadcast, t, now, type));
  return total;
}

/** Age bands as the guide names them; most viewers are guests (etc). */
const AGE_SHARE = { '10': 0.01, '20': 0.05, '30': 0.07, '40': 0.05, '50': 0.02, gte60: 0.005 } as const;

export function analysisTotals(broadcast: Broadcast, q: AnalysisQuery, now: number) {
  const perMinute = sum(broadcast, q.start, q.end, now, q.type);
  const playTime = perMinute.uniqueVisitor * 60;
  const total = asReported(perMinute);
  const age: Record<string, { uniqueVisitor: number; pageView: number }> = {};
  let restVisitors = total.uniqueVisitor;
  let restViews = total.pageView;
  for (const [band, share] of Object.entries(AGE_SHARE)) {
    const uniqueVisitor = Math.floor(total.uniqueVisitor * share);
    const pageView = Math.floor(total.pageView * share);
    age[band] = { uniqueVisitor, pageView };
    restVisitors -= uniqueVisitor;
    restViews -= pageView;
  }
  age.etc = { uniqueVisitor: restVisitors, pageView: restViews };
  const per = (value: number) => (total.uniqueVisitor ? Math.round((value / total.uniqueVisitor) * 100) / 100 : 0);
  return { ...total, playTime, avgPlayTime: per(playTime), avgProductClickCount: per(total.productClickCount), age };
}

/** "2022-08-08 17:50:00" in the caller's zone. */
function localStamp(utc: number, tzo: number): string {
  return new Date(utc - tzo * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function analysisSeries(broadcast: Broadcast, q: AnalysisQuery, now: number) {
  const step = ANALYSIS_INTERVALS[q.interval ?? '10m'];
  const points = [];
  // Buckets aligned to the interval in the caller's zone, as the guide's sample (17:50, 18:00, …).
  const offset = -q.tzo * 60_000;
  for (let t = Math.floor((q.start + offset) / step) * step - offset; t < q.end; t += step) {
    points.push({ date: localStamp(t, q.tzo), ...asReported(sum(broadcast, Math.max(t, q.start), Math.min(t + step, q.end), now, q.type)) });
  }
  return points;
}
