/**
 * Backends sharing Redis (SF_REDIS_URL) against the stand-in: one token bucket per client for
 * every instance (30 through two instances, not 30 + 30), atomic under concurrent takes; one admin
 * session for all, renewed by one instance at a time (one authorize, and after sauceFlex rejects the
 * token, one new authorize); and Redis down: the browser routes answer 503 while payments go on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { productIdAt } from '../../demo/standin/fixtures.js';
import { createRedis, type RedisStore } from '../../src/server/stores/redis.js';
import { startRedis, type Service } from '../support/services.js';
import { PAYMENTS_SECRET, SHOP_ORIGIN, makeKeyPair, postToken, report, startPair, type Pair } from './helpers.js';

const keys = makeKeyPair();

let standin: Standin;
let redis: Service;
before(async () => {
  [standin, redis] = await Promise.all([startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem }), startRedis()]);
});
after(async () => {
  await Promise.all([standin?.close(), redis?.stop()]);
});

describe('the rate limiter in Redis', () => {
  let store: RedisStore;
  before(async () => {
    store = createRedis(redis.url, { prefix: 'sf-test:' });
    await store.connect();
  });
  after(() => store?.close());

  test('200 concurrent takes through two limiters on one key: exactly the burst is allowed', async () => {
    const other = createRedis(redis.url, { prefix: 'sf-test:' });
    await other.connect();
    try {
      const [a, b] = [store.rateLimiter({ burst: 50, perMinute: 1 }), other.rateLimiter({ burst: 50, perMinute: 1 })];
      const decisions = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).take('atomic:1.2.3.4')));
      assert.equal(decisions.filter((d) => d.allowed).length, 50);
      const refused = decisions.find((d) => !d.allowed)!;
      assert.ok(refused.retryAfterSec >= 1 && refused.retryAfterSec <= 60, `Retry-After ${refused.retryAfterSec}`);
      assert.ok((await a.take('atomic:other-client')).allowed, 'other clients have their own bucket');
    } finally {
      await other.close();
    }
  });

  test('the bucket refills with time (Redis clock) and is forgotten once it would be full', async () => {
    const limiter = store.rateLimiter({ burst: 2, perMinute: 600 }); // one token per 100 ms
    assert.ok((await limiter.take('refill')).allowed);
    assert.ok((await limiter.take('refill')).allowed);
    assert.equal((await limiter.take('refill')).allowed, false);
    const deadline = Date.now() + 2_000;
    let allowed = false;
    while (!allowed && Date.now() < deadline) allowed = (await limiter.take('refill')).allowed;
    assert.ok(allowed, 'a token came back within 2 s');
    const ttl = await store.client.pttl('sf-test:rl:refill');
    assert.ok(ttl > 0 && ttl <= 1_200, `expires in ${ttl} ms`);
  });
});

describe('two instances on one Redis', () => {
  let a: Pair;
  let b: Pair;
  before(async () => {
    const config = { redisUrl: redis.url, rateLimit: { burst: 30, perMinute: 1 }, productCacheTtlSec: 0 };
    a = await startPair({ keys, standinInstance: standin, config });
    b = await startPair({ keys, standinInstance: standin, config });
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  test('one client gets 30 token requests through both instances together, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const { res } = await postToken(i % 2 ? a.base : b.base);
      statuses.push(res.status);
      retryAfter = res.headers.get('retry-after');
    }
    assert.equal(statuses.filter((s) => s === 200).length, 30);
    assert.deepEqual(statuses.slice(30), Array(10).fill(429));
    assert.ok(Number(retryAfter) >= 1, `Retry-After ${retryAfter}`);
  });

  test('one admin session: concurrent reads through both authorize once; a rejected token is renewed once for all', async () => {
    const before = standin.state().counts.authorize ?? 0;
    const read = (p: Pair, n: number) => fetch(`${p.base}/sauceflex/products/${productIdAt(n)}`, { headers: { origin: SHOP_ORIGIN } }).then((r) => r.status);
    assert.deepEqual(await Promise.all([read(a, 1), read(b, 2), read(a, 3), read(b, 4)]), [200, 200, 200, 200]);
    assert.equal((standin.state().counts.authorize ?? 0) - before, 1);

    // sauceFlex forgets the token (FA1007 on the next use): one instance authorizes again, the other takes its pair.
    standin.setFault({ route: 'product.get', kind: 'expiredToken', times: 2 });
    assert.deepEqual(await Promise.all([read(a, 5), read(b, 6)]), [200, 200]);
    const renewals = (standin.state().counts.authorize ?? 0) + (standin.state().counts['token.refresh'] ?? 0) - before - 1;
    assert.equal(renewals, 1, 'one renewal for both instances');
  });
});

test('Redis down: the token route answers 503 store_unavailable; payments (not in Redis) go on', async () => {
  const own = await startRedis();
  const pair = await startPair({ keys, standinInstance: standin, config: { redisUrl: own.url, rateLimit: { burst: 30, perMinute: 120 } } });
  try {
    assert.equal((await postToken(pair.base)).res.status, 200);
    await own.stop();
    const { res, json } = await postToken(pair.base);
    assert.equal(res.status, 503);
    assert.equal(json?.error.code, 'store_unavailable');
    const paid = await fetch(`${pair.base}/sauceflex/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PAYMENTS_SECRET}` },
      body: JSON.stringify({ payments: [report(1, 0x71)] }),
    });
    assert.equal(paid.status, 200);
  } finally {
    await pair.close();
    await own.stop();
  }
});
