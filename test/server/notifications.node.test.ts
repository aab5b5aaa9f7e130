/**
 * GET /sauceflex/notifications/:broadcastId against the stand-in's notification list: only a server with
 * the secret reads it (never a browser, never without the secret, off when no secret is configured); the
 * pages cover everyone exactly once in a stable order, even when someone signs up between two pages; bad
 * input gets a clear 400; sauceFlex down or malformed is a 503 / 502; names and phones never reach the log.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import { notificationList } from '../../demo/standin/notifications.js';
import { SHOP_ORIGIN, startPair, type Pair } from './helpers.js';
import type { Logger } from '../../src/server/log.js';

const SECRET = 'test-notifications-secret-0123456789ab';

async function getList(base: string, broadcastId: string, init: { query?: string; bearer?: string | null; origin?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.bearer !== null) headers.authorization = `Bearer ${init.bearer ?? SECRET}`;
  if (init.origin) headers.origin = init.origin;
  const res = await fetch(`${base}/sauceflex/notifications/${broadcastId}${init.query ? `?${init.query}` : ''}`, { headers });
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as Record<string, any> };
}

describe('notification list route', () => {
  let pair: Pair;
  let upcoming: { broadcastId: string; broadcastName: string };
  let expected: number;
  const logged: string[] = [];
  const log: Logger = {
    debug: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`),
    info: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`),
    warn: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`),
    error: (message, fields) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`),
  };
  /** When set, the stand-in's answer gets this entry added (someone signing up between two pages). */
  let lateSignUp: Record<string, unknown> | undefined;

  before(async () => {
    pair = await startPair({
      config: { notificationsSecret: SECRET },
      hooks: { log },
      deps: {
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (!lateSignUp || !String(input instanceof Request ? input.url : input).includes('/external/notification/')) return res;
          const body = (await res.json()) as { response: unknown[] };
          body.response.push(lateSignUp);
          return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
        },
      },
    });
    const fixtures = broadcastFixtures(Date.now(), pair.standin.origin);
    // The upcoming broadcast with the longest list, so paging has several pages.
    const lists = fixtures.map((b) => ({ b, n: notificationList('mobidoo', b.broadcastId, b, Date.now()).length }));
    const best = lists.sort((a, b) => b.n - a.n)[0]!;
    upcoming = best.b;
    expected = best.n;
    assert.ok(expected >= 5, `fixture has ${expected} entries`);
  });
  after(() => pair.close());

  test('the secret reads every entry once, over pages, oldest request first, non-members with name and phone', async () => {
    const seen: Record<string, any>[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { res, json, text } = await getList(pair.base, upcoming.broadcastId, { query: `limit=2${cursor ? `&cursor=${cursor}` : ''}` });
      assert.equal(res.status, 200, text);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('access-control-allow-origin'), null, 'never CORS');
      assert.ok(json.items.length <= 2);
      assert.equal(json.total, expected);
      seen.push(...json.items);
      cursor = json.nextCursor;
      pages++;
      assert.doesNotMatch(text, /accessToken|X-SauceFlex-Authorize/i);
    } while (cursor && pages < 20);
    assert.equal(pages, Math.ceil(expected / 2));
    assert.equal(seen.length, expected);
    assert.equal(new Set(seen.map((m) => m.memberId)).size, expected, 'nobody twice');
    const keys = seen.map((m) => `${m.regDt}|${m.memberId}`);
    assert.deepEqual(keys, [...keys].sort(), 'oldest first, then by id');
    const guests = seen.filter((m) => m.memberName !== null);
    assert.ok(guests.length >= 1, 'the fixture has non-members');
    for (const guest of guests) assert.match(guest.phone, /^010-\d{4}-\d{4}$/);
    for (const member of seen.filter((m) => m.memberName === null)) assert.equal(member.phone, null);
    assert.ok(seen.every((m) => m.broadcastId === upcoming.broadcastId && m.broadcastName === upcoming.broadcastName));
    // Names and phone numbers never reach the log.
    for (const guest of guests) assert.ok(!logged.join('\n').includes(guest.phone) && !logged.join('\n').includes(guest.memberName));
  });

  test('someone who signs up between two pages neither repeats nor hides anyone', async () => {
    const first = await getList(pair.base, upcoming.broadcastId, { query: 'limit=3' });
    assert.equal(first.res.status, 200);
    // Registered "now": sorts after everyone already listed, so it lands on a later page.
    lateSignUp = { partnerId: 'mobidoo', broadcastId: upcoming.broadcastId, memberId: 'aaa-late', memberName: null, phone: null, regDt: new Date().toISOString() };
    try {
      const rest: Record<string, any>[] = [];
      let cursor: string | undefined = first.json.nextCursor;
      while (cursor) {
        const page = await getList(pair.base, upcoming.broadcastId, { query: `limit=3&cursor=${cursor}` });
        rest.push(...page.json.items);
        cursor = page.json.nextCursor;
      }
      const ids = [...first.json.items, ...rest].map((m: { memberId: string }) => m.memberId);
      assert.equal(ids.length, expected + 1);
      assert.equal(new Set(ids).size, expected + 1);
      assert.equal(ids.at(-1), 'aaa-late');
    } finally {
      lateSignUp = undefined;
    }
  });

  test('"all" lists those who asked for every broadcast; a past broadcast has nobody', async () => {
    const all = await getList(pair.base, 'all');
    assert.equal(all.res.status, 200, all.text);
    assert.ok(all.json.items.length >= 1);
    assert.ok(all.json.items.every((m: { broadcastId: string }) => m.broadcastId === 'all'));
    assert.equal(all.json.nextCursor, undefined);
    const vod = broadcastFixtures(Date.now(), pair.standin.origin).find((b) => b.broadcastStateCode === 'vod')!;
    const none = await getList(pair.base, vod.broadcastId);
    assert.deepEqual([none.res.status, none.json.items, none.json.total], [200, [], 0]);
  });

  test('no secret, a wrong one, and any browser (an Origin) are refused', async () => {
    const none = await getList(pair.base, 'all', { bearer: null });
    assert.equal(none.res.status, 401);
    assert.match(none.res.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal((await getList(pair.base, 'all', { bearer: `${SECRET}x` })).res.status, 401);
    const browser = await getList(pair.base, 'all', { origin: SHOP_ORIGIN });
    assert.equal(browser.res.status, 403, 'even the shop’s own origin, even with the secret');
    assert.equal(browser.json.error.code, 'server_only');
    const preflight = await fetch(`${pair.base}/sauceflex/notifications/all`, { method: 'OPTIONS', headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'GET' } });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
    await preflight.body?.cancel();
  });

  test('bad input gets a clear 400', async () => {
    const cases: [string, string, string][] = [
      [upcoming.broadcastId, 'limit=0', 'invalid_limit'],
      [upcoming.broadcastId, 'limit=501', 'invalid_limit'],
      [upcoming.broadcastId, 'limit=ten', 'invalid_limit'],
      [upcoming.broadcastId, 'cursor=not-a-cursor', 'invalid_cursor'],
      [upcoming.broadcastId, `cursor=${Buffer.from('{"x":1}').toString('base64url')}`, 'invalid_cursor'],
      ['not%20an%20id', '', 'invalid_broadcast_id'],
    ];
    for (const [id, query, code] of cases) {
      const { res, json } = await getList(pair.base, id, { query });
      assert.equal(res.status, 400, `${id}?${query}`);
      assert.equal(json.error.code, code, `${id}?${query}`);
    }
  });

  test('sauceFlex down is a 503 with Retry-After; a malformed answer a 502', async () => {
    pair.standin.setFault({ route: 'notification.members', kind: 'error500' });
    try {
      const down = await getList(pair.base, 'all');
      assert.equal(down.res.status, 503);
      assert.ok(Number(down.res.headers.get('retry-after')) > 0);
    } finally {
      pair.standin.clearFaults();
    }
    pair.standin.setFault({ route: 'notification.members', kind: 'wrongShape', times: 1 });
    const shape = await getList(pair.base, 'all');
    assert.equal(shape.res.status, 502);
    assert.equal(shape.json.error.code, 'upstream_bad_response');
  });

  test('the stand-in itself wants the admin token', async () => {
    const res = await fetch(`${pair.standin.apiBase}/external/notification/mobidoo/all`);
    const body = (await res.json()) as { code: string };
    assert.equal(res.status, 401);
    assert.match(body.code, /^FA100[78]$/);
  });
});

describe('notification list route without a secret', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  test('is off: 404, even with a bearer', async () => {
    const { res } = await getList(pair.base, 'all', { bearer: SECRET });
    assert.equal(res.status, 404);
  });
});
