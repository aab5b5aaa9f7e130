/**
 * GET /sauceflex/stats/:broadcastId against the stand-in's analysis routes: who may read (the shop's hook,
 * a server's secret, nobody by default), the broadcast's own window and a fitting interval by default,
 * the admin token never in the answer, UTC instants, and clear errors for bad input, an unknown broadcast,
 * a malformed answer and sauceFlex down.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import { SHOP_ORIGIN, startPair, type Pair } from './helpers.js';

const STATS_SECRET = 'test-stats-secret-0123456789abcdef01';
const STAFF_COOKIE = 'shop_staff=1';

async function getStats(base: string, broadcastId: string, init: { query?: string; cookie?: string; bearer?: string } = {}) {
  const headers: Record<string, string> = { origin: SHOP_ORIGIN };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  const res = await fetch(`${base}/sauceflex/stats/${broadcastId}${init.query ? `?${init.query}` : ''}`, { headers });
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as Record<string, any> };
}

describe('stats route', () => {
  let pair: Pair;
  let ended: { broadcastId: string; broadcastStartDt: string; broadcastEndDt: string };
  let upcoming: { broadcastId: string };

  before(async () => {
    pair = await startPair({
      config: { statsSecret: STATS_SECRET },
      hooks: { authorizeStats: (request) => (request.headers.get('cookie') ?? '').includes(STAFF_COOKIE) },
    });
    const fixtures = broadcastFixtures(Date.now(), pair.standin.origin);
    ended = fixtures.find((b) => b.broadcastStateCode === 'vod' && b.broadcastEndDt) as typeof ended;
    upcoming = fixtures.find((b) => b.broadcastStateCode === 'standby' || b.broadcastStateCode === 'ready')!;
  });
  after(() => pair.close());

  test('a staff member (the shop hook) reads totals and a series over the broadcast’s own window', async () => {
    const { res, json, text } = await getStats(pair.base, ended.broadcastId, { cookie: STAFF_COOKIE });
    assert.equal(res.status, 200, text);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(res.headers.get('cache-control'), 'no-store', 'a sign-out must not be answered from a cache');
    assert.equal(json.broadcastId, ended.broadcastId);
    assert.equal(json.from, new Date(Date.parse(ended.broadcastStartDt) - 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'));
    assert.ok(['1m', '10m', '1h'].includes(json.interval));
    assert.ok(json.series.length > 2 && json.series.length <= 242, `${json.series.length} points`);
    for (const point of json.series) assert.match(point.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    // Someone watched, and the buckets add up to the totals of what can be summed.
    assert.ok(json.totals.uniqueVisitor > 0 && json.totals.playTime > 0);
    const likes = json.series.reduce((sum: number, p: { likeCount: number }) => sum + p.likeCount, 0);
    assert.equal(likes, json.totals.likeCount);
    assert.deepEqual(Object.keys(json.totals.age).sort(), ['10', '20', '30', '40', '50', 'etc', 'gte60']);
    assert.doesNotMatch(text, /accessToken|X-SauceFlex-Authorize/i);
  });

  test('another server reads with the stats secret; a wrong secret, no cookie and a foreign origin are refused', async () => {
    assert.equal((await getStats(pair.base, ended.broadcastId, { bearer: STATS_SECRET })).res.status, 200);
    const wrong = await getStats(pair.base, ended.broadcastId, { bearer: `${STATS_SECRET}x` });
    assert.equal(wrong.res.status, 403);
    assert.equal(wrong.json.error.code, 'stats_forbidden');
    assert.equal((await getStats(pair.base, ended.broadcastId)).res.status, 403);
    const foreign = await fetch(`${pair.base}/sauceflex/stats/${ended.broadcastId}`, { headers: { origin: 'http://evil.test', cookie: STAFF_COOKIE } });
    assert.equal(foreign.status, 403);
  });

  test('a range and interval of the caller’s, checked', async () => {
    const from = new Date(Date.parse(ended.broadcastStartDt)).toISOString();
    const to = new Date(Date.parse(ended.broadcastStartDt) + 30 * 60_000).toISOString();
    const ok = await getStats(pair.base, ended.broadcastId, { cookie: STAFF_COOKIE, query: `from=${from}&to=${to}&interval=1m` });
    assert.equal(ok.res.status, 200, ok.text);
    assert.equal(ok.json.interval, '1m');
    assert.equal(ok.json.series.length, 30);
    const cases: [string, string][] = [
      [`from=${to}&to=${from}`, 'invalid_range'],
      ['from=yesterday', 'invalid_range'],
      ['interval=5m', 'invalid_interval'],
      [`from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z&interval=1m`, 'invalid_interval'],
      [`from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z`, 'invalid_range'],
    ];
    for (const [query, code] of cases) {
      const { res, json } = await getStats(pair.base, ended.broadcastId, { cookie: STAFF_COOKIE, query });
      assert.equal(res.status, 400, query);
      assert.equal(json.error.code, code, query);
    }
    assert.equal((await getStats(pair.base, 'not%20an%20id', { cookie: STAFF_COOKIE })).json.error.code, 'invalid_broadcast_id');
  });

  test('an upcoming broadcast has zeros; an unknown one is a 404', async () => {
    const soon = await getStats(pair.base, upcoming.broadcastId, { cookie: STAFF_COOKIE });
    assert.equal(soon.res.status, 200, soon.text);
    assert.equal(soon.json.totals.uniqueVisitor, 0);
    const missing = await getStats(pair.base, 'lkmobidoo-0000000000000000000000000000dead', { cookie: STAFF_COOKIE });
    assert.equal(missing.res.status, 404);
    assert.equal(missing.json.error.code, 'broadcast_not_found');
  });

  test('a malformed answer is a 502, sauceFlex down a 503 with Retry-After', async () => {
    pair.standin.setFault({ route: 'analysis.series', kind: 'wrongShape', times: 1 });
    const shape = await getStats(pair.base, ended.broadcastId, { cookie: STAFF_COOKIE });
    assert.equal(shape.res.status, 502);
    assert.equal(shape.json.error.code, 'upstream_bad_response');
    pair.standin.clearFaults();
    pair.standin.setFault({ route: 'analysis.totals', kind: 'error500' });
    try {
      const down = await getStats(pair.base, ended.broadcastId, { cookie: STAFF_COOKIE });
      assert.equal(down.res.status, 503);
      assert.equal(down.json.error.code, 'upstream_unavailable');
      assert.ok(Number(down.res.headers.get('retry-after')) > 0);
    } finally {
      pair.standin.clearFaults();
    }
  });
});

describe('stats route without a hook or secret', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  test('nobody may read, and the answer says what to configure', async () => {
    const { res, json } = await getStats(pair.base, 'lkmobidoo-anything', { cookie: STAFF_COOKIE });
    assert.equal(res.status, 403);
    assert.match(json.error.message, /authorizeStats|SF_STATS_SECRET/);
  });
});
