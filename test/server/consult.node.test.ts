/**
 * POST /sauceflex/consult against the LiveMinutes stand-in (seed liveminutes-api.txt): a signed-in
 * shopper gets their own join URL (a meeting hosted by the shop's consultant, the shopper added as a
 * participant under a hashed id), the same meeting again while it is open and a new one once it is
 * over; guests are refused before LiveMinutes is asked; a per-member rate limit; every failure of
 * LiveMinutes a clear error; the account's credentials, the host's URL and the meeting URL never in an
 * answer or a log. On several instances (Redis, or PostgreSQL) a press that reaches another instance
 * joins the same meeting; the shared store down is a 503 before LiveMinutes is asked.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLiveMinutes, type LiveMinutesStandin } from '../../demo/liveminutes/index.js';
import { demoResolveMember } from '../../demo/demo-member.js';
import { participantId } from '../../src/server/consult.js';
import type { Logger } from '../../src/server/log.js';
import { OTHER_ORIGIN, SHOP_ORIGIN, makeKeyPair, startPair, type Pair } from './helpers.js';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { startPostgres, startRedis, type Service } from '../support/services.js';

function recordingLogger(lines: string[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function consult(base: string, init: { member?: string; origin?: string; body?: string } = {}) {
  const headers: Record<string, string> = { origin: init.origin ?? SHOP_ORIGIN, 'content-type': 'application/json' };
  if (init.member) headers.cookie = `sf_demo_member=${encodeURIComponent(init.member)}`;
  const res = await fetch(`${base}/sauceflex/consult`, { method: 'POST', headers, body: init.body ?? '{"lang":"ko"}' });
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as Record<string, any> };
}

describe('consultation route (LiveMinutes)', () => {
  let lm: LiveMinutesStandin;
  let pair: Pair;
  const lines: string[] = [];

  before(async () => {
    lm = await startLiveMinutes();
    pair = await startPair({
      config: {
        liveMinutes: { apiBase: lm.origin, ...lm.account, hostId: 'consultant-1', hostNickname: '상담원' },
        consultRateLimit: { burst: 50, perMinute: 600 },
        upstreamTimeoutMs: 400,
      },
      hooks: { resolveMember: demoResolveMember, log: recordingLogger(lines) },
    });
  });
  afterEach(() => lm.reset());
  after(async () => {
    await pair.close();
    await lm.close();
  });

  /** Everything LiveMinutes handed out that is not the shopper's own join URL, plus the account. */
  function secretsIn(text: string): string[] {
    const found: string[] = [];
    if (text.includes(lm.account.authToken)) found.push('authToken');
    if (text.includes(lm.account.accountSid)) found.push('accountSid');
    if (/Basic [A-Za-z0-9+/=]{8,}/.test(text)) found.push('a Basic header');
    if (/hostUrl|meetingUrl|meetingKey/.test(text)) found.push('a meeting field');
    return found;
  }

  test('a member gets their own join URL: a meeting of the consultant, the member added under a hashed id', async () => {
    const { res, json, text } = await consult(pair.base, { member: 'member-7' });
    assert.equal(res.status, 200, text);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(json).sort(), ['joinUrl', 'reused']);
    assert.equal(json.reused, false);
    assert.match(json.joinUrl, new RegExp(`^${lm.origin}/e/LIVE[0-9A-F]{24}$`));
    const [meeting] = lm.meetings();
    assert.equal(meeting?.hostid, 'consultant-1');
    assert.deepEqual(meeting?.participants, [participantId('mobidoo', 'member-7')]);
    const calls = lm.calls();
    assert.deepEqual(calls.map((c) => c.method), ['createMeeting', 'addParticipant']);
    assert.ok(calls.every((c) => c.authorized && c.contentType.startsWith('application/x-www-form-urlencoded')), 'Basic auth, form parameters');
    assert.ok(!JSON.stringify(calls).includes('member-7'), 'the shop’s member id is not sent to LiveMinutes');
    assert.equal(calls[0]!.params.lang, 'ko');
    assert.deepEqual(secretsIn(text), []);
    // The URL opens the participant's page at LiveMinutes (the stand-in's).
    const page = await (await fetch(json.joinUrl)).text();
    assert.match(page, /data-role="participant"/);
  });

  test('pressing again while the meeting is open reuses it; once it is over, a new meeting', async () => {
    const first = await consult(pair.base, { member: 'member-8' });
    const again = await consult(pair.base, { member: 'member-8' });
    assert.equal(again.json.reused, true);
    assert.equal(again.json.joinUrl, first.json.joinUrl);
    assert.equal(lm.meetings().length, 1);
    lm.setMeetingStatus(lm.meetings()[0]!.meetingKey, '12');
    const later = await consult(pair.base, { member: 'member-8' });
    assert.equal(later.res.status, 200, later.text);
    assert.equal(later.json.reused, false);
    assert.notEqual(later.json.joinUrl, first.json.joinUrl);
    assert.equal(lm.meetings().length, 2);
    // Another member never gets this member's meeting.
    const other = await consult(pair.base, { member: 'member-9' });
    assert.notEqual(other.json.joinUrl, later.json.joinUrl);
    assert.equal(lm.meetings().length, 3);
  });

  test('a double press makes one meeting', async () => {
    const [a, b] = await Promise.all([consult(pair.base, { member: 'member-10' }), consult(pair.base, { member: 'member-10' })]);
    assert.equal(a.json.joinUrl, b.json.joinUrl);
    assert.equal(lm.meetings().length, 1);
  });

  test('guests are refused with login_required, before LiveMinutes is asked; bad requests too', async () => {
    const guest = await consult(pair.base);
    assert.equal(guest.res.status, 401);
    assert.equal(guest.json.error.code, 'login_required');
    assert.equal((await consult(pair.base, { member: 'member-1', origin: OTHER_ORIGIN })).res.status, 403, 'a foreign origin');
    const notJson = await consult(pair.base, { member: 'member-1', body: 'lang=ko' });
    assert.equal(notJson.res.status, 400);
    const get = await fetch(`${pair.base}/sauceflex/consult`, { headers: { origin: SHOP_ORIGIN } });
    assert.equal(get.status, 405);
    assert.equal(lm.calls().length, 0);
  });

  test('LiveMinutes failing: a clear error for each fault, never its body', async () => {
    const cases: [Parameters<LiveMinutesStandin['setFault']>[0], number, string][] = [
      [{ kind: 'serverError' }, 503, 'upstream_unavailable'],
      [{ kind: 'badGateway' }, 503, 'upstream_unavailable'],
      [{ kind: 'delay', delayMs: 1500 }, 503, 'upstream_unavailable'],
      [{ kind: 'resultZero' }, 502, 'upstream_refused'],
      [{ kind: 'resultZero', route: 'addParticipant' }, 502, 'upstream_refused'],
      [{ kind: 'malformed' }, 502, 'upstream_bad_response'],
      [{ kind: 'wrongShape', route: 'addParticipant' }, 502, 'upstream_bad_response'],
      [{ kind: 'hostileUrl' }, 502, 'upstream_bad_response'],
    ];
    let n = 0;
    for (const [fault, status, code] of cases) {
      lm.setFault(fault);
      const { res, json, text } = await consult(pair.base, { member: `member-fault-${n++}` });
      assert.equal(res.status, status, `${fault.kind}/${fault.route ?? '*'}: ${text}`);
      assert.equal(json.error.code, code, fault.kind);
      assert.match(json.error.message, /LiveMinutes/);
      if (status === 503) assert.ok(Number(res.headers.get('retry-after')) > 0);
      assert.doesNotMatch(text, /javascript:|resultcode|nginx/);
      lm.clearFaults();
    }
    const log = lines.join('\n');
    assert.match(log, /LiveMinutes refused the consultation .*"method":"addParticipant"/);
    assert.deepEqual(secretsIn(log).filter((s) => s !== 'a meeting field'), [], 'the log names no credential');
  });

  test('wrong credentials configured: 502 upstream_refused, the token in no answer or log', async () => {
    const wrong = await startPair({
      standinInstance: pair.standin,
      config: { liveMinutes: { apiBase: lm.origin, accountSid: lm.account.accountSid, authToken: 'wrong-token-0123456789', hostId: 'consultant-1' } },
      hooks: { resolveMember: demoResolveMember, log: recordingLogger(lines) },
    });
    try {
      const { res, json, text } = await consult(wrong.base, { member: 'member-1' });
      assert.equal(res.status, 502);
      assert.equal(json.error.code, 'upstream_refused');
      assert.equal(lm.calls()[0]?.authorized, false);
      assert.ok(!text.includes('wrong-token-0123456789') && !lines.join('\n').includes('wrong-token-0123456789'));
    } finally {
      await wrong.close();
    }
  });

  test('rate limited per member, whoever else asks', async () => {
    const limited = await startPair({
      standinInstance: pair.standin,
      config: { liveMinutes: { apiBase: lm.origin, ...lm.account, hostId: 'consultant-1' }, consultRateLimit: { burst: 2, perMinute: 1 } },
      hooks: { resolveMember: demoResolveMember },
    });
    try {
      assert.equal((await consult(limited.base, { member: 'busy' })).res.status, 200);
      assert.equal((await consult(limited.base, { member: 'busy' })).res.status, 200);
      const third = await consult(limited.base, { member: 'busy' });
      assert.equal(third.res.status, 429);
      assert.equal(third.json.error.code, 'rate_limited');
      assert.ok(Number(third.res.headers.get('retry-after')) > 0);
      // The same address, another member: not limited (the limit is the member's).
      assert.equal((await consult(limited.base, { member: 'calm' })).res.status, 200);
    } finally {
      await limited.close();
    }
  });

  test('without LiveMinutes configured: 503 consult_unavailable for members, 401 still for guests', async () => {
    const bare = await startPair({ standinInstance: pair.standin, hooks: { resolveMember: demoResolveMember } });
    try {
      const member = await consult(bare.base, { member: 'member-1' });
      assert.equal(member.res.status, 503);
      assert.equal(member.json.error.code, 'consult_unavailable');
      assert.equal((await consult(bare.base)).res.status, 401);
    } finally {
      await bare.close();
    }
  });
});

describe('consultation route on several instances', () => {
  let lm: LiveMinutesStandin;
  let redis: Service;
  let postgres: Service;
  let standin: Standin;
  const keys = makeKeyPair();

  before(async () => {
    [lm, redis, postgres, standin] = await Promise.all([startLiveMinutes(), startRedis(), startPostgres(), startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem })]);
  });
  afterEach(() => lm.reset());
  after(async () => {
    await Promise.all([lm?.close(), redis?.stop(), postgres?.stop(), standin?.close()]);
  });

  /** Two instances of the backend on one shared store, as behind a load balancer. */
  async function instances(shared: { redisUrl: string } | { databaseUrl: string }): Promise<[Pair, Pair]> {
    const config = { liveMinutes: { apiBase: lm.origin, ...lm.account, hostId: 'consultant-1' }, consultRateLimit: { burst: 50, perMinute: 600 }, ...shared };
    const start = () => startPair({ keys, standinInstance: standin, config, hooks: { resolveMember: demoResolveMember } });
    return [await start(), await start()];
  }

  for (const store of ['Redis', 'PostgreSQL'] as const) {
    test(`${store}: a second press that reaches the other instance joins the same meeting`, async () => {
      const [a, b] = await instances(store === 'Redis' ? { redisUrl: redis.url } : { databaseUrl: postgres.url });
      try {
        const first = await consult(a.base, { member: `member-${store}` });
        assert.equal(first.res.status, 200, first.text);
        const again = await consult(b.base, { member: `member-${store}` });
        assert.equal(again.res.status, 200, again.text);
        assert.equal(again.json.reused, true, 'the other instance found the meeting');
        assert.equal(again.json.joinUrl, first.json.joinUrl);
        assert.equal(lm.meetings().length, 1, 'one meeting for the shopper');
        // Once it is over, either instance opens a new one, and the other then finds that one.
        lm.setMeetingStatus(lm.meetings()[0]!.meetingKey, '12');
        const later = await consult(b.base, { member: `member-${store}` });
        assert.equal(later.json.reused, false);
        assert.equal((await consult(a.base, { member: `member-${store}` })).json.joinUrl, later.json.joinUrl);
        assert.equal(lm.meetings().length, 2);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  }

  test('the shared store down: 503 store_unavailable, and no meeting is opened at LiveMinutes', async () => {
    const own = await startRedis();
    const [a, b] = await instances({ redisUrl: own.url });
    try {
      await own.stop();
      const answer = await consult(a.base, { member: 'member-outage' });
      assert.equal(answer.res.status, 503, answer.text);
      assert.equal(answer.json.error.code, 'store_unavailable');
      assert.deepEqual(lm.calls(), [], 'LiveMinutes was not asked');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
