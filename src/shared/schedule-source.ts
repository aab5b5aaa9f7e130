/**
 * The schedule's request, in one place for the two that make it: `<sf-schedule>` and the loader,
 * which starts the first page as soon as it sees the tag, while the element's code is still on its
 * way (no waterfall: code and data travel together). The element takes that answer instead of asking
 * again when its query is the same.
 */
import type { Broadcast, Page } from '../api/models.js';
import { clientFor } from './clients.js';
import { abortable } from './abortable.js';

export const SCHEDULE_TYPES = ['upcoming', 'live', 'vod', 'catchup', 'latest', 'all'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

/** `searchType` of GET /front/broadcast for each type; `upcoming` reads /front/broadcast/schedule. */
export const SEARCH_TYPE = { live: '3', vod: '1', catchup: '4', latest: '0', all: '2' } as const;

/** The API's ceiling for `returnLimit`. */
export const MAX_PAGE_SIZE = 100;
/** An answer fetched ahead is used only this fresh. */
const EARLY_MAX_AGE_MS = 30_000;

export interface ScheduleQuery {
  apiBase: string;
  partnerId: string;
  type: ScheduleType;
  /** Broadcasts per page, 1–100. */
  pageSize: number;
  search?: string;
  curationId?: string;
}

/** What the element's attributes mean, whatever was written in them. */
export function scheduleQuery(options: { apiBase: string; partnerId: string; type?: unknown; limit?: unknown; search?: unknown; curationId?: unknown }): ScheduleQuery {
  const limit = Math.trunc(Number(options.limit ?? 10));
  const type = (SCHEDULE_TYPES as readonly unknown[]).includes(options.type) ? (options.type as ScheduleType) : 'upcoming';
  const search = typeof options.search === 'string' ? options.search.trim() || undefined : undefined;
  const curationId = typeof options.curationId === 'string' && options.curationId ? options.curationId : undefined;
  return {
    apiBase: options.apiBase,
    partnerId: options.partnerId,
    type,
    pageSize: Number.isFinite(limit) ? Math.min(MAX_PAGE_SIZE, Math.max(1, limit)) : 10,
    search,
    curationId,
  };
}

/** One page of the schedule: `returnLimit` broadcasts after `nextKey`. */
export function fetchSchedulePage(query: ScheduleQuery, params: { returnLimit: number; nextKey?: string }, signal?: AbortSignal): Promise<Page<Broadcast>> {
  const client = clientFor(query);
  if (query.curationId) return client.curation(query.curationId, { ...params, signal });
  if (query.type === 'upcoming') return client.schedule({ ...params, searchWord: query.search, signal });
  return client.latest({ ...params, searchType: SEARCH_TYPE[query.type], searchWord: query.search, signal });
}

const early = new Map<string, { at: number; answer: Promise<Page<Broadcast>> }>();
const keyOf = (query: ScheduleQuery) => JSON.stringify([query.apiBase, query.partnerId, query.type, query.pageSize, query.search, query.curationId]);

/** Start the first page now (the loader, before the element's code arrives); the element takes it. */
export function prefetchSchedule(query: ScheduleQuery): Promise<Page<Broadcast>> {
  const key = keyOf(query);
  const known = early.get(key);
  if (known) return known.answer;
  const answer = fetchSchedulePage(query, { returnLimit: query.pageSize });
  // Whoever takes it hears of a failure; an answer nobody takes must not be an unhandled rejection.
  answer.catch(() => undefined);
  early.set(key, { at: Date.now(), answer });
  return answer;
}

/** The first page: the one fetched ahead for this query if it is fresh (taken once), else a new request. */
export function firstSchedulePage(query: ScheduleQuery, signal: AbortSignal): Promise<Page<Broadcast>> {
  const key = keyOf(query);
  const ahead = early.get(key);
  early.delete(key);
  if (ahead && Date.now() - ahead.at < EARLY_MAX_AGE_MS) return abortable(ahead.answer, signal);
  return fetchSchedulePage(query, { returnLimit: query.pageSize }, signal);
}
