/**
 * `GET {notifications}/:broadcastId` — who asked to be reminded of a broadcast (or of every broadcast:
 * `all`), for the shop's own server to send its KakaoTalk, SMS or e-mail reminders. It reads the guide's
 * `GET /external/notification/{partnerId}/{broadcastId}` with the partner's admin token and pages the
 * answer (sauceFlex answers the whole list at once).
 *
 * Server to server only: the list holds non-members' names and phone numbers. `Authorization: Bearer
 * <SF_NOTIFICATIONS_SECRET>` compared in constant time; no CORS; a request that carries an `Origin`
 * (a browser's) is refused even with the secret, so the secret never gets worth putting in a page. Names
 * and phones are never logged.
 *
 * Paging is by key, not by offset: members are ordered by `regDt`, then `memberId`, and `cursor` names
 * the last one given, so a shopper who signs up between two pages neither repeats nor shifts anyone.
 */
import { ResponseShapeError } from '../api/errors.js';
import { requestEnvelope } from '../api/request.js';
import type { AdminClient } from './admin-client.js';
import { HttpProblem } from './http.js';
import type { Logger } from './log.js';
import { upstreamProblem } from './upstream.js';

/** One entry of the guide's notification list. */
export interface NotificationMember {
  memberId: string;
  /** Non-members only (a member's name is the shop's to know). */
  memberName: string | null;
  /** Non-members only. */
  phone: string | null;
  /** When they asked, ISO 8601. */
  regDt: string;
  /** The broadcast, or "all" for "every broadcast of this partner". */
  broadcastId: string;
  broadcastName?: string;
  programmingStartDt?: string;
  shortUrl?: string;
}

export interface NotificationPage {
  broadcastId: string;
  items: NotificationMember[];
  count: number;
  /** Everyone on the list now. */
  total: number;
  /** Pass as `cursor` for the next page; absent on the last. */
  nextCursor?: string;
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;
const BROADCAST_ID = /^[A-Za-z0-9_.-]{1,100}$/;
const MAX_FIELD = 200;

export interface NotificationServiceOptions {
  apiBase: string;
  partnerId: string;
  timeoutMs: number;
  fetch?: typeof fetch;
  log: Logger;
}

export class NotificationService {
  readonly #admin: AdminClient;
  readonly #o: NotificationServiceOptions;

  constructor(admin: AdminClient, options: NotificationServiceOptions) {
    this.#admin = admin;
    this.#o = options;
  }

  async page(broadcastId: string, query: { limit?: string | null; cursor?: string | null }, signal?: AbortSignal): Promise<NotificationPage> {
    if (!BROADCAST_ID.test(broadcastId)) {
      throw new HttpProblem(400, 'invalid_broadcast_id', 'broadcastId must be "all" or 1–100 letters, digits, ".", "_" or "-".', { field: 'broadcastId' });
    }
    const limit = readLimit(query.limit);
    const after = query.cursor ? readCursor(query.cursor) : undefined;
    const url = `${this.#o.apiBase}/external/notification/${encodeURIComponent(this.#o.partnerId)}/${encodeURIComponent(broadcastId)}`;
    let members: NotificationMember[];
    try {
      const response = await this.#admin.withToken(async (accessToken) => {
        const { response } = await requestEnvelope<unknown>({
          method: 'GET',
          url,
          headers: { 'X-SauceFlex-Authorize': accessToken },
          timeoutMs: this.#o.timeoutMs,
          ...(signal ? { signal } : {}),
          ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
        });
        return response;
      });
      members = checkMembers(response, url, this.#o.log);
    } catch (error) {
      throw upstreamProblem(error, this.#o.log, 'notification list read', { broadcastId });
    }
    members.sort(byKey);
    const start = after ? members.findIndex((member) => byKey(member, after) > 0) : 0;
    const from = start === -1 ? members.length : start;
    const items = members.slice(from, from + limit);
    const last = items.at(-1);
    const page: NotificationPage = { broadcastId, items, count: items.length, total: members.length };
    if (last && from + limit < members.length) page.nextCursor = writeCursor(last);
    return page;
  }
}

function readLimit(value: string | null | undefined): number {
  if (value === null || value === undefined) return DEFAULT_PAGE;
  const limit = Number(value);
  if (!/^\d+$/.test(value) || !(limit >= 1 && limit <= MAX_PAGE)) {
    throw new HttpProblem(400, 'invalid_limit', `limit must be a whole number from 1 to ${MAX_PAGE}.`, { field: 'limit' });
  }
  return limit;
}

type Key = Pick<NotificationMember, 'regDt' | 'memberId'>;

/** Oldest request first; the member id breaks ties. */
function byKey(a: Key, b: Key): number {
  return a.regDt < b.regDt ? -1 : a.regDt > b.regDt ? 1 : a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

/** An opaque cursor: base64url of the last member's key (btoa/atob: edge runtimes have no Buffer). */
function writeCursor(member: Key): string {
  const bytes = new TextEncoder().encode(JSON.stringify([member.regDt, member.memberId]));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function readCursor(cursor: string): Key {
  try {
    if (cursor.length > 600 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not a cursor');
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) return { regDt: value[0] as string, memberId: value[1] as string };
  } catch {
    // answered below
  }
  throw new HttpProblem(400, 'invalid_cursor', 'cursor must be the nextCursor of a previous page.', { field: 'cursor' });
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length <= MAX_FIELD ? value : undefined);
const nullableText = (value: unknown): string | null => text(value) ?? null;

/** The guide's list, each entry checked; a malformed entry is left out (and counted in the log, without its content). */
export function checkMembers(response: unknown, url: string, log: Logger): NotificationMember[] {
  if (!Array.isArray(response)) throw new ResponseShapeError('GET', url, 'response', 'expected a list of members');
  const members: NotificationMember[] = [];
  let dropped = 0;
  for (const entry of response) {
    const e = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const memberId = text(e.memberId);
    const regDt = text(e.regDt);
    const broadcastId = text(e.broadcastId);
    if (!memberId || !regDt || Number.isNaN(Date.parse(regDt)) || !broadcastId) {
      dropped++;
      continue;
    }
    const member: NotificationMember = { memberId, memberName: nullableText(e.memberName), phone: nullableText(e.phone), regDt, broadcastId };
    for (const key of ['broadcastName', 'programmingStartDt', 'shortUrl'] as const) {
      const value = text(e[key]);
      if (value !== undefined) member[key] = value;
    }
    members.push(member);
  }
  if (dropped) log.warn('notification list: entries left out for a missing memberId, regDt or broadcastId', { dropped });
  return members;
}
