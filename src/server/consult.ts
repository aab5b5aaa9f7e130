/**
 * `POST {consult}`: a live 1:1 consultation for the signed-in shopper, on LiveMinutes (seed:
 * liveminutes-api.txt). The shop's account (AccountSid + AuthToken, HTTP Basic) creates a meeting hosted
 * by the shop's consultant (`hostId`), adds the shopper as a participant and answers only that
 * participant's join URL. A shopper who presses again while their meeting is still open gets the same
 * meeting back (getMeetingStatus, then getParticipantUrl); a finished one (status 12, or 11 host quit)
 * is replaced by a new one.
 *
 * What never leaves: the account's credentials, the host's URL (it opens the meeting as its host) and
 * the meeting URL; the shopper's own id is sent as a hash (`puid`), never as the shop's member id.
 * Calls are POSTs with form parameters; LiveMinutes says `resultcode: 1` for success and 0 for any
 * refusal (credentials included), so 0 is `upstream_refused` and is logged with the method name only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { HttpError, ResponseShapeError } from '../api/errors.js';
import { requestJson } from '../api/json.js';
import { HttpProblem } from './http.js';
import type { Logger } from './log.js';
import { serviceProblem } from './upstream.js';

export interface LiveMinutesConfig {
  /** Default `http://api.liveminutes.com` (the seed's resource URLs). */
  apiBase?: string;
  accountSid: string;
  authToken: string;
  /** The shop's consultant on LiveMinutes (the seed's `hostid`, ≤ 50 characters). */
  hostId: string;
  /** The host's name shown in the meeting. */
  hostNickname?: string;
  /** The meeting's title. Default "라이브 상담". */
  title?: string;
}

export interface ConsultMember {
  memberId: string;
  nickName?: string;
}

export interface ConsultAnswer {
  /** The shopper's own URL into the meeting (http(s) only). */
  joinUrl: string;
  /** True when an open meeting of this shopper's was reused. */
  reused: boolean;
}

/** Meeting status (the seed's idlastbookingstatus): over, so a new meeting is made. */
const CLOSED_STATUSES = new Set(['11', '12']);
const MAX_REMEMBERED = 10_000;
/** How long a shopper's meeting is remembered: a consultation is over long before (LiveMinutes' status decides sooner). */
export const MEETING_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * Which meeting each shopper (puid) has, so a second press joins it again. One process's memory by
 * default; with several instances it is shared (Redis, else PostgreSQL: src/server/stores/), so a press
 * that reaches another instance finds the same meeting instead of opening a second one.
 * A store that does not answer throws StoreUnavailableError (the route says 503).
 */
export interface MeetingMemory {
  get(puid: string): Promise<string | undefined>;
  /** Replaces the shopper's meeting (a finished one stays until then: its status says it is over). */
  set(puid: string, meetingKey: string): Promise<void>;
}

/** The newest MAX_REMEMBERED shoppers' meetings, in this process. */
export class MemoryMeetings implements MeetingMemory {
  readonly #meetings = new Map<string, string>();

  async get(puid: string): Promise<string | undefined> {
    return this.#meetings.get(puid);
  }

  async set(puid: string, meetingKey: string): Promise<void> {
    this.#meetings.delete(puid);
    this.#meetings.set(puid, meetingKey);
    while (this.#meetings.size > MAX_REMEMBERED) {
      const oldest = this.#meetings.keys().next().value;
      if (oldest === undefined) break;
      this.#meetings.delete(oldest);
    }
  }
}

export interface ConsultOptions {
  timeoutMs: number;
  log: Logger;
  fetch?: typeof fetch;
  /** Where shoppers' meetings are kept (default: this process's memory). */
  meetings?: MeetingMemory;
}

export class ConsultService {
  readonly #config: Required<Omit<LiveMinutesConfig, 'hostNickname'>> & { hostNickname?: string };
  readonly #authorization: string;
  readonly #partnerId: string;
  readonly #options: ConsultOptions;
  /** The shopper's (hashed id's) latest meeting key. */
  readonly #meetings: MeetingMemory;
  /** One call per shopper at a time: a double press shares the first one's answer. */
  readonly #inFlight = new Map<string, Promise<ConsultAnswer>>();

  constructor(config: LiveMinutesConfig, partnerId: string, options: ConsultOptions) {
    this.#config = { apiBase: 'http://api.liveminutes.com', title: '라이브 상담', ...config };
    this.#config.apiBase = this.#config.apiBase.replace(/\/+$/, '');
    this.#authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`, 'utf8').toString('base64')}`;
    this.#partnerId = partnerId;
    this.#options = options;
    this.#meetings = options.meetings ?? new MemoryMeetings();
  }

  /** The shopper's join URL, from their open meeting or a new one. */
  join(member: ConsultMember, lang: string | undefined): Promise<ConsultAnswer> {
    const puid = participantId(this.#partnerId, member.memberId);
    let flight = this.#inFlight.get(puid);
    if (!flight) {
      flight = this.#join(puid, member, lang).finally(() => this.#inFlight.delete(puid));
      this.#inFlight.set(puid, flight);
    }
    return flight;
  }

  async #join(puid: string, member: ConsultMember, lang: string | undefined): Promise<ConsultAnswer> {
    // Outside the LiveMinutes error mapping: a shared store that does not answer is a 503 of its own.
    const known = await this.#meetings.get(puid);
    try {
      if (known) {
        const status = await this.#call('getMeetingStatus', { meetingKey: known }, { allowRefusal: true });
        if (status && typeof status.status === 'string' && !CLOSED_STATUSES.has(status.status)) {
          const existing = await this.#call('getParticipantUrl', { meetingKey: known, puid }, { allowRefusal: true });
          const url = existing && joinUrl(existing.participantUrl);
          if (url) return { joinUrl: url, reused: true };
        }
      }
      const meetingKey = `sf${puid.slice(2, 18)}${randomBytes(4).toString('hex')}`;
      const created = await this.#call('createMeeting', {
        meetingKey,
        hostid: this.#config.hostId,
        title: this.#config.title,
        ...(lang ? { lang } : {}),
        ...(this.#config.hostNickname ? { hostnickname: this.#config.hostNickname } : {}),
      });
      const key = typeof created?.meetingKey === 'string' && created.meetingKey ? created.meetingKey : meetingKey;
      const added = await this.#call('addParticipant', { meetingKey: key, puid, ...(member.nickName ? { nickname: member.nickName } : {}) });
      const url = joinUrl(added?.participantUrl);
      if (!url) throw new ResponseShapeError('POST', `${this.#config.apiBase}/addParticipant`, 'participantUrl', 'is not an http(s) URL');
      // Not remembered (a shared store lost meanwhile): the shopper still joins; a next press opens a new meeting.
      await this.#meetings.set(puid, key).catch((error: unknown) =>
        this.#options.log.warn('consultation meeting not remembered', { error: String(error) }),
      );
      return { joinUrl: url, reused: false };
    } catch (error) {
      throw serviceProblem('LiveMinutes', error, this.#options.log, 'consultation', error instanceof LiveMinutesRefusal ? { method: error.liveMinutesMethod } : {});
    }
  }

  /**
   * One LiveMinutes method: POST with form parameters and Basic auth. `resultcode` 1 gives the body;
   * 0 is a refusal (thrown, or null with `allowRefusal` where "no such meeting" is an answer).
   */
  async #call(method: string, params: Record<string, string>, options: { allowRefusal?: boolean } = {}): Promise<Record<string, unknown> | null> {
    const { body } = await requestJson<unknown>({
      method: 'POST',
      url: `${this.#config.apiBase}/${method}`,
      body: new URLSearchParams(params),
      headers: { authorization: this.#authorization },
      timeoutMs: this.#options.timeoutMs,
      ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
    });
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ResponseShapeError('POST', `${this.#config.apiBase}/${method}`, 'body', 'is not a JSON object');
    }
    const result = (body as { resultcode?: unknown }).resultcode;
    if (result === 1 || result === '1') return body as Record<string, unknown>;
    if (result === 0 || result === '0') {
      if (options.allowRefusal) return null;
      throw new LiveMinutesRefusal(method, `${this.#config.apiBase}/${method}`);
    }
    throw new ResponseShapeError('POST', `${this.#config.apiBase}/${method}`, 'resultcode', 'is neither 1 nor 0');
  }

}

/** LiveMinutes answered `resultcode: 0`: credentials or parameters refused (it does not say which). */
class LiveMinutesRefusal extends HttpError {
  override name = 'LiveMinutesRefusal';
  /** The LiveMinutes method refused (createMeeting, addParticipant, …). */
  readonly liveMinutesMethod: string;
  constructor(method: string, url: string) {
    // A refusal of ours (our account, our parameters), mapped like a 4xx.
    super('POST', url, 400, `LiveMinutes ${method} answered resultcode 0`);
    this.liveMinutesMethod = method;
  }
}

/**
 * The participant id LiveMinutes sees (the seed's `puid`, ≤ 50 characters): a hash of partner and
 * member, so the shop's own member ids stay with the shop and one shopper is always the same puid.
 */
export function participantId(partnerId: string, memberId: string): string {
  return `m-${createHash('sha256').update(`${partnerId}\u0000${memberId}`).digest('hex').slice(0, 40)}`;
}

function joinUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Guests cannot consult: the element turns this into `sf-login-required`. */
export function loginRequired(): HttpProblem {
  return new HttpProblem(401, 'login_required', 'A live consultation needs a signed-in shopper.');
}
