/**
 * The admin client and GET /sauceflex/products/:productId against the stand-in: one authorize or
 * refresh however many requests wait, re-authorization when a refresh is refused, a brief cache,
 * the admin token never in the answer, and clear errors when sauceFlex is down or refuses.
 */
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { productIdAt } from '../../demo/standin/fixtures.js';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { AdminClient } from '../../src/server/admin-client.js';
import { OTHER_ORIGIN, SHOP_ORIGIN, makeKeyPair, startPair, type Pair } from './helpers.js';

const keys = makeKeyPair();
const TTL = 3600;

/** A clock tests can move; `shift` ms are added to the real time. */
function movableClock() {
  const clock = { shift: 0, now: () => Date.now() + clock.shift };
  return clock;
}

async function getProduct(base: string, productId: string, origin: string | null = SHOP_ORIGIN) {
  const res = await fetch(`${base}/sauceflex/products/${productId}`, { headers: origin ? { origin } : {} });
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as Record<string, any> };
}

/** 20 products the stand-in has and 30 it does not: 50 distinct ids, so none share a call. */
const FIFTY = [...Array.from({ length: 20 }, (_, i) => productIdAt(i + 1)), ...Array.from({ length: 30 }, (_, i) => `mobidoo-missing-${i}`)];

describe('admin token: one authorize/refresh for many waiting requests', () => {
  let standin: Standin;
  let pair: Pair;
  const standinClock = movableClock();
  const serverClock = movableClock();

  before(async () => {
    standin = await startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem, now: standinClock.now, accessTokenTtlSec: TTL });
  });
  after(() => standin.close());
  beforeEach(async () => {
    standin.reset();
    standinClock.shift = 0;
    serverClock.shift = 0;
    pair = await startPair({ keys, standinInstance: standin, config: { productCacheTtlSec: 0 }, deps: { now: serverClock.now } });
    // Prime: the first product read authorizes once.
    assert.equal((await getProduct(pair.base, productIdAt(0))).res.status, 200);
    assert.equal(standin.state().counts.authorize, 1);
  });
  afterEach(() => pair.close());

  test('50 concurrent requests with a token sauceFlex says is expired (FA1008) → exactly one refresh', async () => {
    standinClock.shift = (TTL + 60) * 1000; // expired at sauceFlex; our clock has not noticed
    // Hold each product answer 1 s so the 50 are in flight with the old token before the first
    // FA1008 comes back (on loopback they would otherwise trickle in after the refresh).
    standin.setFault({ route: 'product.get', kind: 'delay', delayMs: 1000 });
    const answers = await Promise.all(FIFTY.map((id) => getProduct(pair.base, id)));
    assert.deepEqual(
      answers.map((a) => a.res.status),
      [...Array(20).fill(200), ...Array(30).fill(404)],
    );
    const counts = standin.state().counts;
    assert.equal(counts.authorize, 1, 'no second authorize');
    assert.equal(counts['token.refresh'], 1, 'one refresh for all 50');
    // Every request the old token reached was refused and retried once with the new one. (On an
    // idle machine that is all 50; on a loaded CI runner a few may arrive after the refresh.)
    const refused = pair.server.app.admin!.stats.rejectedTokens;
    assert.ok(refused >= 25, `at least half were in flight with the expired token (${refused})`);
    assert.equal(counts['product.get'], 1 + 50 + refused, 'priming + 50 + one retry per refused request');
    for (let i = 0; i < 20; i++) assert.equal(answers[i]!.json.productId, FIFTY[i]);
    assert.equal(answers[20]!.json.error.code, 'product_not_found');
  });

  test('50 concurrent requests when our own clock says the token ran out → one refresh ahead, no FA1008 at all', async () => {
    standinClock.shift = (TTL - 30) * 1000; // still valid at sauceFlex for 30 s
    serverClock.shift = (TTL - 30) * 1000; // inside our refresh-ahead window
    const answers = await Promise.all(FIFTY.map((id) => getProduct(pair.base, id)));
    assert.equal(answers.filter((a) => a.res.status === 200).length, 20);
    const counts = standin.state().counts;
    assert.equal(counts.authorize, 1);
    assert.equal(counts['token.refresh'], 1);
    assert.equal(counts['product.get'], 1 + 50, 'none refused');
    assert.equal(pair.server.app.admin!.stats.rejectedTokens, 0);
  });

  test('a refused refresh falls back to one authorize', async () => {
    standinClock.shift = (TTL + 60) * 1000;
    standin.setFault({ route: 'token.refresh', kind: 'expiredToken', times: 1 });
    standin.setFault({ route: 'product.get', kind: 'delay', delayMs: 1000 });
    const answers = await Promise.all(FIFTY.map((id) => getProduct(pair.base, id)));
    assert.equal(answers.filter((a) => a.res.status === 200).length, 20);
    const counts = standin.state().counts;
    assert.equal(counts['token.refresh'], 1);
    assert.equal(counts.authorize, 2, 'the priming one + one re-authorize');
    assert.equal(counts['product.get'], 1 + 50 + pair.server.app.admin!.stats.rejectedTokens);
  });

  test('an invalid token (FA1007: revoked elsewhere) → one re-authorize, no refresh', async () => {
    const admin = pair.server.app.admin!;
    const token = await admin.accessToken();
    // Revoke it at sauceFlex behind the client's back.
    const res = await fetch(`${standin.apiBase}/token/${encodeURIComponent(token)}`, { method: 'DELETE' });
    assert.equal(res.status, 200);
    const answers = await Promise.all(FIFTY.slice(0, 20).map((id) => getProduct(pair.base, id)));
    assert.ok(answers.every((a) => a.res.status === 200));
    const counts = standin.state().counts;
    assert.equal(counts.authorize, 2);
    assert.equal(counts['token.refresh'] ?? 0, 0);
  });
});

describe('product route', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair({ keys });
  });
  after(() => pair.close());
  beforeEach(() => pair.standin.clearFaults());

  test('answers the product, cached briefly, without any admin token in headers or body', async () => {
    const id = productIdAt(3);
    const first = await getProduct(pair.base, id);
    assert.equal(first.res.status, 200);
    assert.equal(first.json.productId, id);
    assert.equal(typeof first.json.productName, 'string');
    assert.equal(first.res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.match(first.res.headers.get('cache-control') ?? '', /^private, max-age=\d+$/);
    for (const [name] of first.res.headers) assert.doesNotMatch(name, /sauceflex-authorize/i);
    const adminToken = await pair.server.app.admin!.accessToken();
    assert.ok(!first.text.includes(adminToken), 'the admin token is not in the body');

    const before = pair.standin.state().counts['product.get'];
    const second = await getProduct(pair.base, id);
    assert.equal(second.res.status, 200);
    assert.equal(pair.standin.state().counts['product.get'], before, 'served from the cache');
  });

  test('concurrent requests for one product share one upstream call', async () => {
    const id = productIdAt(5);
    const before = pair.standin.state().counts['product.get'] ?? 0;
    const answers = await Promise.all(Array.from({ length: 10 }, () => getProduct(pair.base, id)));
    assert.ok(answers.every((a) => a.res.status === 200));
    assert.equal(pair.standin.state().counts['product.get'], before + 1);
  });

  test('unknown product 404, malformed id 400, foreign origin 403, wrong method 405', async () => {
    const missing = await getProduct(pair.base, 'mobidoo-nope');
    assert.equal(missing.res.status, 404);
    assert.equal(missing.json.error.code, 'product_not_found');
    const bad = await getProduct(pair.base, 'a%20b');
    assert.equal(bad.res.status, 400);
    assert.equal(bad.json.error.code, 'invalid_product_id');
    const foreign = await getProduct(pair.base, productIdAt(1), OTHER_ORIGIN);
    assert.equal(foreign.res.status, 403);
    const post = await fetch(`${pair.base}/sauceflex/products/${productIdAt(1)}`, { method: 'POST', headers: { origin: SHOP_ORIGIN } });
    assert.equal(post.status, 405);
  });

  test('sauceFlex down: 503 with Retry-After after the envelope core\'s retries', async () => {
    pair.standin.setFault({ route: 'product.get', kind: 'error500', times: 3 });
    const down = await getProduct(pair.base, productIdAt(7));
    assert.equal(down.res.status, 503);
    assert.equal(down.json.error.code, 'upstream_unavailable');
    assert.equal(down.res.headers.get('retry-after'), '5');
    // Two faults used up by retries is not enough: the third attempt was refused too; now it recovers.
    assert.equal((await getProduct(pair.base, productIdAt(7))).res.status, 200);
  });

  test('a connection reset or an HTML 502 from a proxy: 503, not a crash', async () => {
    pair.standin.setFault({ route: 'product.get', kind: 'reset' });
    assert.equal((await getProduct(pair.base, productIdAt(8))).res.status, 503);
    pair.standin.setFault({ route: 'product.get', kind: 'html502' });
    assert.equal((await getProduct(pair.base, productIdAt(8))).res.status, 503);
    pair.standin.setFault({ route: 'product.get', kind: 'wrongShape', times: 1 });
    const odd = await getProduct(pair.base, productIdAt(9));
    assert.equal(odd.res.status, 502);
    assert.equal(odd.json.error.code, 'upstream_bad_response');
  });
});

describe('product route misconfigured', () => {
  test('no admin credentials: 503 products_unavailable', async () => {
    const pair = await startPair({ keys, config: { admin: undefined } });
    try {
      const answer = await getProduct(pair.base, productIdAt(1));
      assert.equal(answer.res.status, 503);
      assert.equal(answer.json.error.code, 'products_unavailable');
      assert.equal(pair.standin.state().counts.authorize ?? 0, 0);
    } finally {
      await pair.close();
    }
  });

  test('a wrong admin password: 502, and the password appears nowhere in the answer', async () => {
    const password = 'wrong-password-Zq81';
    const pair = await startPair({ keys, config: { admin: { id: 'admin', password } } });
    try {
      const answer = await getProduct(pair.base, productIdAt(1));
      assert.equal(answer.res.status, 502);
      assert.equal(answer.json.error.code, 'upstream_refused');
      assert.ok(!answer.text.includes(password));
      assert.equal(pair.standin.state().counts.authorize, 1, 'a refused login is not retried');
    } finally {
      await pair.close();
    }
  });
});

describe('AdminClient', () => {
  test('errors carry redacted URLs (no password, no token)', async () => {
    const standin = await startStandin({ port: 0 });
    try {
      const password = 'Secret-Pw-991';
      const client = new AdminClient({ apiBase: standin.apiBase, partnerId: 'mobidoo', id: 'admin', password });
      await assert.rejects(client.accessToken(), (error: Error) => {
        assert.match(error.message, /FA1006/);
        assert.ok(!error.message.includes(password));
        return true;
      });
      await client.close();
    } finally {
      await standin.close();
    }
  });

  test('close() revokes the access token at sauceFlex (DELETE /token/{accessToken})', async () => {
    const standin = await startStandin({ port: 0 });
    try {
      const client = new AdminClient({ apiBase: standin.apiBase, partnerId: 'mobidoo', id: 'admin', password: 'sauceflex-demo' });
      const token = await client.accessToken();
      await client.close();
      assert.equal(standin.state().counts['token.delete'], 1);
      const check = await fetch(`${standin.apiBase}/internal/token/validation?tokenType=1&accessToken=${encodeURIComponent(token)}`);
      assert.equal(((await check.json()) as { code: string }).code, 'FA1007');
    } finally {
      await standin.close();
    }
  });
});
