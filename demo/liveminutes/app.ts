/**
 * A stand-in of the LiveMinutes API (seed liveminutes-api.txt): POST /createMeeting, /addParticipant,
 * /getParticipantUrl, /getMeetingUrl, /cancelMeeting, /cancelParticipant, /getMeetingStatus,
 * /getParticipantStatus, with HTTP Basic auth (AccountSid:AuthToken) and JSON answers carrying
 * `resultcode` 1 (success) or 0 (authentication failed, or any other failure, as the seed says).
 * Parameters come as a form (or JSON); the seed's limits are checked (hostid and puid ≤ 50 characters,
 * meetingKey required). The URLs it hands out open a small page of its own (`/e/<code>`, `/<code>`),
 * so the demo's consultation opens somewhere real. The account here is the stand-in's own, never the
 * seed's example credentials.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { faultRoutes } from '../fault-switch.js';
import { randomBytes } from 'node:crypto';
import { LIVEMINUTES_METHODS, liveMinutesFaults, type LiveMinutesFault, type LiveMinutesMethod } from './faults.js';

export const LIVEMINUTES_DEMO_ACCOUNT = { accountSid: 'standin-account', authToken: 'standin-auth-token-not-for-production' } as const;

export interface LiveMinutesStandinOptions {
  accountSid?: string;
  authToken?: string;
  origin?: () => string;
}

interface Meeting {
  meetingKey: string;
  hostid: string;
  title: string;
  /** The seed's idlastbookingstatus: 1 start, 8 in progress, 12 finish, 11 host quit. */
  status: string;
  meetingCode: string;
  hostCode: string;
  cancelled: boolean;
  participants: Map<string, { nickname: string; code: string; status: string }>;
}

export interface LiveMinutesCallRecord {
  method: string;
  /** Parameter names and values, except nothing secret is ever sent as a parameter. */
  params: Record<string, string>;
  authorized: boolean;
  contentType: string;
}

export function createLiveMinutesApp(options: LiveMinutesStandinOptions = {}) {
  const accountSid = options.accountSid ?? LIVEMINUTES_DEMO_ACCOUNT.accountSid;
  const authToken = options.authToken ?? LIVEMINUTES_DEMO_ACCOUNT.authToken;
  const origin = options.origin ?? (() => 'http://127.0.0.1');
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const faults = liveMinutesFaults();
  let meetings = new Map<string, Meeting>();
  let calls: LiveMinutesCallRecord[] = [];
  const code = () => randomBytes(12).toString('hex').toUpperCase().slice(0, 24);

  const fail = (c: Context) => c.json({ resultcode: 0 });

  async function readParams(c: Context): Promise<Record<string, string>> {
    const type = c.req.header('content-type') ?? '';
    const out: Record<string, string> = {};
    if (type.includes('application/json')) {
      const body = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
      for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
    } else {
      const form = new URLSearchParams(await c.req.text());
      for (const [k, v] of form) out[k] = v;
    }
    return out;
  }

  const app = new Hono();

  for (const method of LIVEMINUTES_METHODS) {
    app.post(`/${method}`, async (c) => {
      const params = await readParams(c);
      const authorized = c.req.header('authorization') === expectedAuth;
      calls.push({ method, params, authorized, contentType: c.req.header('content-type') ?? '' });
      const fault = faults.take(method);
      switch (fault?.kind) {
        case 'serverError':
          return c.body(null, 500);
        case 'badGateway':
          return c.html('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', 502);
        case 'resultZero':
          return fail(c);
        case 'malformed':
          return c.body('{"resultcode":1,"participantUrl":"http:\\/\\/live', 200, { 'content-type': 'application/json' });
        case 'wrongShape':
          return c.json({ resultcode: 1 });
        case 'delay':
          await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
          break;
      }
      if (!authorized) return fail(c);
      const answer = handle(method, params);
      if (!answer) return fail(c);
      if (fault?.kind === 'hostileUrl') {
        for (const key of ['participantUrl', 'meetingUrl', 'hostUrl']) if (key in answer) answer[key] = 'javascript:window.__sfTrap&&window.__sfTrap()';
      }
      return c.json({ resultcode: 1, ...answer });
    });
  }

  /** The seed's methods; undefined is `resultcode: 0`. */
  function handle(method: LiveMinutesMethod, p: Record<string, string>): Record<string, unknown> | undefined {
    const key = p.meetingKey;
    if (key === undefined || key.length > 100) return undefined;
    const meeting = meetings.get(key);
    const puidOk = (puid: string | undefined): puid is string => typeof puid === 'string' && puid.length > 0 && puid.length <= 50;
    switch (method) {
      case 'createMeeting': {
        if (meeting || !p.hostid || p.hostid.length > 50) return undefined;
        const created: Meeting = { meetingKey: key, hostid: p.hostid, title: p.title ?? '', status: '1', meetingCode: code().slice(0, 6), hostCode: `LIVE${code()}`, cancelled: false, participants: new Map() };
        meetings.set(key, created);
        return { meetingKey: key, meetingUrl: `${origin()}/${created.meetingCode}`, hostUrl: `${origin()}/e/${created.hostCode}` };
      }
      case 'addParticipant': {
        if (!meeting || meeting.cancelled || !puidOk(p.puid)) return undefined;
        const existing = meeting.participants.get(p.puid);
        const participant = existing ?? { nickname: p.nickname ?? '', code: `LIVE${code()}`, status: '2' };
        meeting.participants.set(p.puid, participant);
        return { meetingKey: key, participantUrl: `${origin()}/e/${participant.code}` };
      }
      case 'getParticipantUrl': {
        const participant = puidOk(p.puid) ? meeting?.participants.get(p.puid) : undefined;
        return participant && !meeting!.cancelled ? { participantUrl: `${origin()}/e/${participant.code}` } : undefined;
      }
      case 'getMeetingUrl':
        return meeting && !meeting.cancelled ? { meetingUrl: `${origin()}/${meeting.meetingCode}` } : undefined;
      case 'cancelMeeting':
        if (!meeting) return undefined;
        meeting.cancelled = true;
        return { meetingKey: key };
      case 'cancelParticipant':
        if (!meeting || !puidOk(p.puid) || !meeting.participants.delete(p.puid)) return undefined;
        return { meetingKey: key };
      case 'getMeetingStatus':
        return meeting ? { status: meeting.cancelled ? '12' : meeting.status } : undefined;
      case 'getParticipantStatus': {
        const participant = puidOk(p.puid) ? meeting?.participants.get(p.puid) : undefined;
        return participant ? { status: participant.status } : undefined;
      }
    }
  }

  // The page behind a join URL: where a shopper lands in the demo.
  app.get('/e/:code', (c) => {
    const wanted = c.req.param('code');
    for (const meeting of meetings.values()) {
      const host = meeting.hostCode === wanted;
      const guest = [...meeting.participants.values()].find((p) => p.code === wanted);
      if (!host && !guest) continue;
      const who = host ? 'host' : 'participant';
      return c.html(`<!doctype html><html lang="ko"><meta charset="utf-8"><title>LiveMinutes stand-in</title>
<body style="font-family:sans-serif;margin:2rem"><h1>LiveMinutes (stand-in)</h1>
<p data-meeting="${meeting.meetingKey}" data-role="${who}">상담에 입장했습니다 / You joined the consultation as ${who}.</p></body></html>`);
    }
    return c.html('<!doctype html><title>Not found</title><p>No such meeting link.</p>', 404);
  });

  // Browser tests drive the control routes from their own page's origin.
  app.use('/__control/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: ['Content-Type'] }));
  faultRoutes(app, faults);
  /** Set a meeting's status (e.g. '12' finished), as the consultant ending it would. */
  app.put('/__control/meetings/:key/status', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { status?: unknown };
    const meeting = meetings.get(c.req.param('key'));
    if (!meeting || typeof body.status !== 'string') return c.json({ error: 'unknown meeting or body not {status}' }, 400);
    meeting.status = body.status;
    return c.json({ ok: true });
  });
  app.get('/__control/calls', (c) => c.json({ calls }));
  app.post('/__control/reset', (c) => {
    reset();
    return c.json({ ok: true });
  });
  app.notFound((c) => c.json({ resultcode: 0 }, 404));

  function reset(): void {
    faults.clear();
    meetings = new Map();
    calls = [];
  }

  return {
    app,
    fetch: (request: Request) => Promise.resolve(app.fetch(request)),
    account: { accountSid, authToken },
    setFault: (fault: LiveMinutesFault) => faults.set(fault),
    clearFaults: () => faults.clear(),
    calls: () => calls.map((call) => ({ ...call, params: { ...call.params } })),
    /** Meetings as `{meetingKey, status, participants: puid[]}` for assertions. */
    meetings: () => [...meetings.values()].map((m) => ({ meetingKey: m.meetingKey, hostid: m.hostid, status: m.cancelled ? '12' : m.status, participants: [...m.participants.keys()] })),
    setMeetingStatus: (meetingKey: string, status: string) => {
      const meeting = meetings.get(meetingKey);
      if (!meeting) throw new TypeError(`liveminutes stand-in: no meeting ${meetingKey}`);
      meeting.status = status;
    },
    reset,
  };
}
