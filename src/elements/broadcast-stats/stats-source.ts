/**
 * A broadcast's stats from the shop's backend: GET `${statsEndpoint}/${broadcastId}` (the backend reads
 * sauceFlex's analysis routes with the partner's admin token and decides who may see them, with the
 * shop's own cookies: hence `credentials: 'include'`). What comes back is checked before it is drawn.
 */
import { HttpError, ResponseShapeError } from '../../api/errors.js';
import type { BroadcastStats, StatsPoint } from '../../api/models.js';
import { requestJson } from '../../api/json.js';

const COUNTERS = ['chatCount', 'orderCount', 'likeCount', 'uniqueVisitor', 'productClickCount', 'pageView'] as const;

export interface StatsRequest {
  endpoint: string;
  broadcastId: string;
  from?: string | undefined;
  to?: string | undefined;
  interval?: string | undefined;
}

/** The backend said no (403): the viewer is not allowed to see these figures. */
export class StatsForbiddenError extends Error {
  override name = 'StatsForbiddenError';
}

export async function loadStats(request: StatsRequest, signal: AbortSignal): Promise<BroadcastStats> {
  const base = new URL(request.endpoint, globalThis.location?.href ?? 'http://localhost/').toString().replace(/\/+$/, '');
  const url = `${base}/${encodeURIComponent(request.broadcastId)}`;
  try {
    const { body } = await requestJson<unknown>({
      url,
      query: { from: request.from, to: request.to, interval: request.interval },
      credentials: 'include',
      signal,
    });
    return checkStats(body, url);
  } catch (error) {
    if (error instanceof HttpError && (error.status === 401 || error.status === 403)) throw new StatsForbiddenError(error.message);
    throw error;
  }
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function checkStats(body: unknown, url: string): BroadcastStats {
  const fail = (path: string, problem: string) => new ResponseShapeError('GET', url, path, problem);
  if (typeof body !== 'object' || body === null) throw fail('body', 'expected stats');
  const stats = body as BroadcastStats;
  if (typeof stats.broadcastName !== 'string' || Number.isNaN(Date.parse(stats.from)) || Number.isNaN(Date.parse(stats.to))) {
    throw fail('body', 'expected a broadcast name and a range');
  }
  const totals = stats.totals as unknown as Record<string, unknown> | undefined;
  for (const key of [...COUNTERS, 'playTime', 'avgPlayTime'] as const) if (!isCount(totals?.[key])) throw fail(`totals.${key}`, 'expected a count');
  if (!Array.isArray(stats.series)) throw fail('series', 'expected a list of points');
  // A point of the wrong shape is left out rather than drawn as a spike or a gap of NaN.
  const series = stats.series.filter((point): point is StatsPoint => !Number.isNaN(Date.parse(point?.at)) && COUNTERS.every((key) => isCount(point[key])));
  const age = Object.fromEntries(
    Object.entries(stats.totals.age ?? {}).filter(([, band]) => isCount(band?.uniqueVisitor) && isCount(band?.pageView)),
  );
  return { ...stats, totals: { ...stats.totals, age }, series };
}
