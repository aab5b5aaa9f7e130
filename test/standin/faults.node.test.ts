// Every fault kind over a real socket, `times` counting down, '*' routes, the /__control routes
// (the contract in test/support/standin-control.ts) and the per-route request counters.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { adminToken, qs, startHarness, type Harness } from './harness.js';
import { clearFaults, resetStandin, setFault, standinState } from '../support/standin-control.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  // The shared control helpers find the stand-in through this variable.
  process.env.SF_STANDIN_ORIGIN = h.standin.origin;
});
after(() => h.close());
beforeEach(() => h.standin.reset());

const LATEST = '/V1/front/broadcast?partnerId=mobidoo';

describe('fault kinds', () => {
  test('error500: HTTP 500 with the FA1011 envelope', async () => {
    h.standin.setFault({ route: 'broadcast.latest', kind: 'error500' });
    const res = await h.call(LATEST);
    assert.equal(res.status, 500);
    assert.equal(res.json.code, 'FA1011');
    assert.equal(res.json.message, '서버 내부 에러가 발생하였습니다.');
  });

  test('html502: HTTP 502 with an HTML page, as a proxy sends', async () => {
    h.standin.setFault({ route: 'broadcast.schedule', kind: 'html502' });
    const res = await h.call('/V1/front/broadcast/schedule?partnerId=mobidoo');
    assert.equal(res.status, 502);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(res.text, /502 Bad Gateway/);
    assert.equal(res.json, undefined);
  });

  test('malformed: HTTP 200, JSON content type, a body that does not parse', async () => {
    h.standin.setFault({ route: 'curation.list', kind: 'malformed' });
    const res = await h.call('/V1/front/curation/mobidoo');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.throws(() => JSON.parse(res.text), SyntaxError);
  });

  test('wrongShape: HTTP 200, SU0000, but no items list and none of the promised fields', async () => {
    h.standin.setFault({ route: 'broadcast.latest', kind: 'wrongShape' });
    const res = await h.call(LATEST);
    assert.equal(res.status, 200);
    assert.equal(res.json.code, 'SU0000');
    assert.ok(!Array.isArray(res.json.response.items));
    assert.equal(res.json.response.totalCount, undefined);
  });

  test('expiredToken: FA1008 on a token route even with a good token; ignored (and not used up) elsewhere', async () => {
    const { accessToken } = await adminToken(h);
    const listed = (await h.call(LATEST)).json.response.items[0].productListDetail[0];
    h.standin.setFault({ route: '*', kind: 'expiredToken', times: 1 });
    const latest = await h.call(LATEST);
    assert.equal(latest.status, 200);
    assert.equal(latest.json.code, 'SU0000');
    const product = await h.call(`/V1/front/product/${listed.productId}`, { headers: { 'X-SauceFlex-Authorize': accessToken } });
    assert.equal(product.status, 401);
    assert.equal(product.json.code, 'FA1008');
    const again = await h.call(`/V1/front/product/${listed.productId}`, { headers: { 'X-SauceFlex-Authorize': accessToken } });
    assert.equal(again.json.code, 'SU0000');
  });

  test('delay: the normal answer, after delayMs', async () => {
    h.standin.setFault({ route: 'broadcast.latest', kind: 'delay', delayMs: 300 });
    const started = performance.now();
    const res = await h.call(LATEST);
    assert.ok(performance.now() - started >= 290);
    assert.equal(res.json.code, 'SU0000');
  });

  test('trickle: headers at once, the same body in many chunks spread over delayMs', async () => {
    const normal = await h.call(`${LATEST}&searchType=2`);
    h.standin.setFault({ route: 'broadcast.latest', kind: 'trickle', delayMs: 600 });
    const started = performance.now();
    const res = await fetch(`${h.standin.origin}${LATEST}&searchType=2`);
    const headersAt = performance.now() - started;
    const reader = res.body!.getReader();
    const chunks: Uint8Array[] = [];
    const arrivals: number[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      arrivals.push(performance.now() - started);
    }
    const total = performance.now() - started;
    assert.ok(headersAt < 300, `headers after ${headersAt} ms`);
    assert.ok(total >= 550, `body done after ${total} ms`);
    assert.ok(chunks.length >= 5, `${chunks.length} chunks`);
    assert.ok(arrivals.at(-1)! - arrivals[0]! >= 400, 'chunks spread out in time');
    const text = Buffer.concat(chunks).toString('utf8');
    assert.equal(JSON.parse(text).response.totalCount, normal.json.response.totalCount);
    assert.equal(res.headers.get('content-length'), String(Buffer.byteLength(text)));
  });

  test('reset: the connection drops, fetch rejects; the next request is answered', async () => {
    h.standin.setFault({ route: 'broadcast.latest', kind: 'reset', times: 1 });
    await assert.rejects(fetch(`${h.standin.origin}${LATEST}`), (error: Error) => {
      assert.equal(error.name, 'TypeError');
      assert.equal(error.message, 'fetch failed');
      return true;
    });
    const res = await h.call(LATEST);
    assert.equal(res.json.code, 'SU0000');
  });

  test('reset on a POST route drops it too, and nothing is recorded', async () => {
    h.standin.setFault({ route: 'payments.batch', kind: 'reset' });
    const payment = { orderCallBackId: randomUUID(), orderId: 'o1', payClickTime: '2026-03-02T00:00:00Z', productQuantity: '1', amount: '1000', memberId: 'm' };
    await assert.rejects(
      fetch(`${h.standin.apiBase}/front/product/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payments: [payment] }) }),
      TypeError,
    );
    assert.equal(h.standin.state().payments, 0);
  });

  test('media faults apply to the stream as well', async () => {
    h.standin.setFault({ route: 'media', kind: 'error500', times: 1 });
    assert.equal((await h.call('/media/preview/index.m3u8')).status, 500);
    assert.equal((await h.call('/media/preview/index.m3u8')).status, 200);
  });
});

describe('fault bookkeeping', () => {
  test('times counts down and clears itself', async () => {
    h.standin.setFault({ route: 'broadcast.latest', kind: 'error500', times: 2 });
    assert.equal((await h.call(LATEST)).status, 500);
    assert.equal((await h.call(LATEST)).status, 500);
    assert.equal((await h.call(LATEST)).status, 200);
  });

  test("'*' hits every route; a route fault replaces an earlier one on that route; clearFaults ends all", async () => {
    h.standin.setFault({ route: '*', kind: 'error500' });
    assert.equal((await h.call(LATEST)).status, 500);
    assert.equal((await h.call('/V1/front/curation/mobidoo')).status, 500);
    h.standin.setFault({ route: 'curation.list', kind: 'html502' });
    h.standin.setFault({ route: 'curation.list', kind: 'wrongShape' });
    const curations = await h.call('/V1/front/curation/mobidoo');
    assert.equal(curations.status, 200);
    assert.equal(curations.json.response.unexpected, true);
    h.standin.clearFaults();
    assert.equal((await h.call(LATEST)).status, 200);
  });

  test('a fault does not touch other routes', async () => {
    h.standin.setFault({ route: 'broadcast.schedule', kind: 'error500' });
    assert.equal((await h.call(LATEST)).status, 200);
  });

  test('a bad fault is refused: by setFault with a TypeError, over HTTP with a 400', async () => {
    assert.throws(() => h.standin.setFault({ route: 'nope' as 'media', kind: 'error500' }), TypeError);
    for (const body of [{ route: 'media', kind: 'explode' }, { route: 'media', kind: 'delay', delayMs: -1 }, { route: 'media', kind: 'reset', times: 0 }]) {
      const res = await h.call('/__control/faults', { method: 'POST', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(typeof res.json.error, 'string');
    }
  });
});

describe('control routes (the shared test helpers)', () => {
  test('setFault / clearFaults / resetStandin / standinState drive the stand-in over HTTP', async () => {
    const set = (await setFault({ route: 'broadcast.latest', kind: 'error500', times: 1 })) as { faults: unknown[] };
    assert.deepEqual(set.faults, [{ route: 'broadcast.latest', kind: 'error500', times: 1 }]);
    assert.equal((await h.call(LATEST)).status, 500);
    await setFault({ route: 'broadcast.latest', kind: 'error500' });
    assert.deepEqual(await clearFaults(), { faults: [] });
    assert.equal((await h.call(LATEST)).status, 200);

    const state = await standinState();
    assert.deepEqual(state, { counts: { 'broadcast.latest': 2 }, payments: 0 });
    await setFault({ route: 'media', kind: 'error500' });
    assert.deepEqual(await resetStandin(), { ok: true });
    assert.deepEqual(await standinState(), { counts: {}, payments: 0 });
    assert.equal((await h.call('/media/preview/index.m3u8')).status, 200, 'reset cleared the fault');
  });

  test('control routes answer any origin', async () => {
    const res = await fetch(`${h.standin.origin}/__control/state`, { headers: { origin: 'http://localhost:8000' } });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const preflight = await fetch(`${h.standin.origin}/__control/faults`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:8000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /DELETE/);
  });
});

describe('request counters', () => {
  test('each route id counts its requests, faulted or refused ones too; control, preflight, thumbnails and unknown routes do not count', async () => {
    const { accessToken, refreshToken } = await adminToken(h);
    const product = (await h.call(LATEST)).json.response.items[0].productListDetail[0].productId;
    const curationId = (await h.call('/V1/front/curation/mobidoo')).json.response.items[0].curationId;
    const broadcastId = (await h.call(`${LATEST}&returnLimit=1`)).json.response.items[0].broadcastId;
    h.standin.setFault({ route: 'broadcast.schedule', kind: 'error500', times: 1 });
    const payment = { orderCallBackId: randomUUID(), orderId: 'o1', payClickTime: '2026-03-02T00:00:00Z', productQuantity: '1', amount: '1000', memberId: 'm' };
    // One after another: the payment calls depend on each other.
    const calls = [
      () => h.call('/V1/front/broadcast/schedule?partnerId=mobidoo'),
      () => h.call(`/V1/front/broadcast/mobidoo/${broadcastId}`),
      () => h.call(`/V1/front/curation/mobidoo/${curationId}`),
      () => h.call(`/V1/front/product/${product}`, { headers: { 'X-SauceFlex-Authorize': accessToken } }),
      () => h.call('/V1/front/product/payments', { method: 'POST', body: { payments: [payment] } }),
      () => h.call(`/V1/front/product/payment${qs({ ...payment, orderCallBackId: randomUUID() })}`),
      () => h.call('/V1/front/product/payment', { method: 'PATCH', body: {} }),
      () => h.call(`/V1/front/product/payment${qs({ orderCallBackId: payment.orderCallBackId, orderId: 'o1', payCancelTime: '2026-03-02T01:00:00Z' })}`, { method: 'DELETE' }),
      () => h.call('/V1/internal/token/validation?accessToken=x&tokenType=1'),
      () => h.call('/shop/coupons'),
      () => h.call('/shop/coupons/issue', { method: 'POST', body: {} }),
      () => h.call('/media/preview/index.m3u8'),
      () => h.call('/media/img/broadcast-1.svg'),
      () => h.call('/V1/nowhere'),
      () => h.call('/__control/state'),
      () =>
        fetch(`${h.standin.apiBase}/front/product/payments`, {
          method: 'OPTIONS',
          headers: { origin: 'http://shop.test', 'access-control-request-method': 'POST' },
        }),
    ];
    for (const call of calls) await call();
    await h.call('/V1/token', { method: 'POST', body: { refreshToken } });
    const fresh = (await adminToken(h)).accessToken;
    await h.call(`/V1/token/${encodeURIComponent(fresh)}`, { method: 'DELETE' });

    const state = h.standin.state();
    assert.deepEqual(state.counts, {
      authorize: 2,
      'broadcast.latest': 2,
      'curation.list': 1,
      'broadcast.schedule': 1,
      'broadcast.one': 1,
      'curation.detail': 1,
      'product.get': 1,
      'payments.batch': 1,
      'payment.single': 1,
      'payment.update': 1,
      'payment.cancel': 1,
      'token.validation': 1,
      'coupons.list': 1,
      'coupons.issue': 1,
      media: 1,
      'token.refresh': 1,
      'token.delete': 1,
    });
    // Batch recorded one, single one, cancel removed the batch's.
    assert.equal(state.payments, 1);
  });
});
