/**
 * Backend abuse, against `startServer` (src/server) and the stand-in on loopback: oversized bodies,
 * wrong content types, bad JSON, header injection (CRLF in header values and in cookies, smuggling
 * shapes), forged origins, bursts past the rate limit, payments without or with a wrong secret. Each
 * gets the right 4xx with a clear message (never a secret in it), nothing reaches sauceFlex that
 * should not, and the server stays up. Then a bounded load (autocannon at concurrency 32 for 12 s)
 * ends with zero errors and steady memory.
 *
 * Counts are printed at the end: abusive requests sent, load requests served.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { demoResolveMember } from '../../demo/demo-member.js';
import type { Logger } from '../../src/server/log.js';
import { productIdAt } from '../../demo/standin/fixtures.js';
import { PAYMENTS_SECRET, SHOP_ORIGIN, makeKeyPair, report, startPair, type KeyPair, type Pair } from '../server/helpers.js';
import { mb, runLoad, settledMemory } from './load.js';

const keys: KeyPair = makeKeyPair();
const tally = { abusive: 0, loadRequests: 0, loadOk: 0, loadErrors: 0 };
const crashes: string[] = [];
const onCrash = (error: unknown) => void crashes.push(String(error));

/** A logger that keeps every line (all levels), to check nothing failed unexpectedly and nothing secret was said. */
function keepingLogger(lines: string[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The answer as the route gives it, checked for the one error shape. */
async function problem(res: Response, status: number, code: string | RegExp, what: string): Promise<Record<string, any>> {
  tally.abusive++;
  const text = await res.text();
  assert.equal(res.status, status, `${what}: HTTP ${res.status} ${text.slice(0, 200)}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/, `${what}: JSON`);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', what);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  if (typeof code === 'string') assert.equal(body.error.code, code, what);
  else assert.match(body.error.code, code, what);
  assert.ok(body.error.message.length > 10 && body.error.message.length < 300, `${what}: a clear message (${body.error.message})`);
  for (const secret of [PAYMENTS_SECRET, 'sauceflex-demo', 'PRIVATE KEY']) assert.ok(!text.includes(secret), `${what}: a secret in the answer`);
  return body;
}

/** Bytes over a raw socket (for what fetch refuses to send); resolves with the status line and headers. */
function raw(port: number, request: string | Buffer): Promise<{ status: number; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const done = () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, head: data.split('\r\n\r\n')[0] ?? '' });
    };
    socket.setTimeout(5_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (data.includes('\r\n\r\n')) socket.end();
    });
    socket.on('close', done);
    socket.on('error', (error) => (data ? done() : reject(error)));
    socket.write(request);
  });
}

const postToken = (base: string, init: { body?: BodyInit; type?: string | null; origin?: string | null; cookie?: string; method?: string; headers?: Record<string, string> } = {}) => {
  const headers: Record<string, string> = { ...init.headers };
  if (init.type !== null) headers['content-type'] = init.type ?? 'application/json';
  if (init.origin !== null) headers.origin = init.origin ?? SHOP_ORIGIN;
  if (init.cookie) headers.cookie = init.cookie;
  return fetch(`${base}/sauceflex/token`, { method: init.method ?? 'POST', headers, body: init.body ?? '{}', ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
};

const pay = (base: string, body: BodyInit | null, headers: Record<string, string> = {}, method = 'POST', path = '/sauceflex/payments') =>
  fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${PAYMENTS_SECRET}`, ...headers }, ...(body === null ? {} : { body }) });

before(() => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
});
after(() => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  console.log(
    `[backend abuse] ${tally.abusive} abusive requests answered with the right 4xx; load: ${tally.loadRequests} requests served (${tally.loadOk} 2xx), ${tally.loadErrors} errors`,
  );
});

describe('backend abuse: the right 4xx, a clear message, the server stays up', () => {
  let pair: Pair;
  const logs: string[] = [];

  before(async () => {
    pair = await startPair({ keys, hooks: { resolveMember: demoResolveMember, log: keepingLogger(logs) } });
  });
  after(async () => {
    // Still up and still right after all of it.
    const health = await fetch(`${pair.base}/sauceflex/health`);
    assert.equal(health.status, 200);
    const token = await postToken(pair.base);
    assert.equal(token.status, 200);
    assert.deepEqual(crashes, [], 'nothing crashed the process');
    assert.deepEqual(logs.filter((line) => line.startsWith('error')), [], 'no unexpected server error was logged');
    await pair.close();
  });

  test('oversized bodies: 413 before the body is read (declared) and while it streams (chunked)', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(5_000) });
    await problem(await postToken(pair.base, { body: big }), 413, 'payload_too_large', 'token, declared');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(`${i ? ',' : '{"pad":['}"${'y'.repeat(1_000)}"`));
        controller.enqueue(new TextEncoder().encode(']}'));
        controller.close();
      },
    });
    await problem(await postToken(pair.base, { body: stream }), 413, 'payload_too_large', 'token, chunked');
    await problem(await pay(pair.base, JSON.stringify({ payments: [], pad: 'z'.repeat(600 * 1024) })), 413, 'payload_too_large', 'payments');
    // Headers beyond Node's limit (16 KB): refused by the HTTP parser itself.
    const huge = await raw(pair.server.port, `GET /sauceflex/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    tally.abusive++;
    assert.equal(huge.status, 431);
  });

  test('wrong content types: 415 naming the one to use', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/json', 'application/jsonp', 'application/xml']) {
      const body = await problem(await postToken(pair.base, { type }), 415, 'unsupported_media_type', `token ${type}`);
      assert.match(body.error.message, /application\/json/);
      await problem(await pay(pair.base, JSON.stringify({ payments: [report(1)] }), { 'content-type': type }), 415, 'unsupported_media_type', `payments ${type}`);
    }
    await problem(await postToken(pair.base, { type: null, body: '{"a":1}' }), 415, 'unsupported_media_type', 'no content type');
  });

  test('bad JSON: broken, not an object, deeply nested, invalid UTF-8, prototype keys: 400', async () => {
    const bodies: (string | Uint8Array<ArrayBuffer>)[] = ['{', '{"a":}', 'nul', '{"a":1}}', "{'a':1}", '[]', '"text"', '1', 'null', '['.repeat(2_000) + ']'.repeat(2_000), new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) as Uint8Array<ArrayBuffer>];
    for (const body of bodies) {
      await problem(await postToken(pair.base, { body }), 400, 'invalid_json', `token ${String(body).slice(0, 20)}`);
      await problem(await pay(pair.base, body), 400, 'invalid_json', `payments ${String(body).slice(0, 20)}`);
    }
    // Prototype keys are data, not a way into the server's objects.
    const polluting = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"payments":"no"}';
    await problem(await pay(pair.base, polluting), 400, 'invalid_payment', 'payments __proto__');
    assert.equal(await postToken(pair.base, { body: polluting }).then((r) => r.status), 200);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('wrong methods: 405 with Allow', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${pair.base}/sauceflex/token`, { method, headers: { origin: SHOP_ORIGIN } });
      await problem(res, 405, 'method_not_allowed', `token ${method}`);
      assert.match(res.headers.get('allow') ?? '', /POST/);
    }
    await problem(await fetch(`${pair.base}/sauceflex/products/x`, { method: 'POST' }), 405, 'method_not_allowed', 'products POST');
    await problem(await pay(pair.base, null, {}, 'GET'), 405, 'method_not_allowed', 'payments GET');
  });

  test('forged origins: 403 without any CORS allowance; the real origin in other spellings still works', async () => {
    const forged = [
      'http://evil.test',
      'null',
      'http://shop.test:5173.evil.test',
      'http://shop.test:5173@evil.test',
      'https://shop.test:5173',
      'http://shop.test:5174',
      'http://shop.test',
      'file://',
      // Read by the URL parser as shop.test:5173 with a path: not what any browser sends.
      'http://shop.test:5173\\@evil.test',
      'http://shop.test:5173/',
      'http://SHOP.test:5173',
    ];
    for (const origin of forged) {
      const res = await postToken(pair.base, { origin });
      await problem(res, 403, 'origin_not_allowed', `token from ${origin}`);
      assert.equal(res.headers.get('access-control-allow-origin'), null, origin);
      const preflight = await fetch(`${pair.base}/sauceflex/token`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      await problem(preflight, 403, 'origin_not_allowed', `preflight from ${origin}`);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      await problem(await fetch(`${pair.base}/sauceflex/products/${productIdAt(0)}`, { headers: { origin } }), 403, 'origin_not_allowed', `products from ${origin}`);
    }
    // Payments never answer CORS, whatever the origin.
    const res = await pay(pair.base, JSON.stringify({ payments: 'x' }), { origin: SHOP_ORIGIN });
    await problem(res, 400, 'invalid_payment', 'payments with an origin');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    // Only the origin exactly as a browser serializes it.
    const real = await postToken(pair.base, { origin: SHOP_ORIGIN });
    assert.equal(real.status, 200);
    assert.equal(real.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
  });

  test('product ids that try to leave the route: 400, never forwarded', async () => {
    const before = pair.standin.state().counts['product.get'] ?? 0;
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%00', 'a%20b', 'x'.repeat(101), '%3Cscript%3E', '%0D%0ASet-Cookie:%20a=1', '..']) {
      const res = await fetch(`${pair.base}/sauceflex/products/${id}`, { headers: { origin: SHOP_ORIGIN } });
      tally.abusive++;
      assert.ok([400, 404].includes(res.status), `${id}: ${res.status}`);
      assert.equal(res.headers.get('set-cookie'), null);
    }
    assert.equal(pair.standin.state().counts['product.get'] ?? 0, before, 'nothing reached sauceFlex');
  });

  test('header injection: CR/LF and NUL in header values are refused by the parser; injected cookies reach no header', async () => {
    const port = pair.server.port;
    const head = (extra: string) => `POST /sauceflex/token HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${SHOP_ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n${extra}\r\n{}`;
    for (const [what, extra] of [
      ['a bare CR in a value', 'X-Test: a\rb\r\n'],
      ['a NUL in a value', 'X-Test: a\u0000b\r\n'],
      ['an obsolete folded line', 'X-Test: a\r\n b\r\n'],
      ['Content-Length and Transfer-Encoding together', 'Transfer-Encoding: chunked\r\n'],
      ['two different Content-Lengths', 'Content-Length: 5\r\n'],
      ['a space before the colon', 'X-Test : a\r\n'],
    ] as const) {
      const res = await raw(port, head(extra));
      tally.abusive++;
      assert.equal(res.status, 400, `${what}: ${res.head.split('\r\n')[0]}`);
    }
    // A member id or a guest id carrying CRLF (percent-encoded in the cookie): refused or ignored, never echoed.
    const member = await postToken(pair.base, { cookie: 'sf_demo_member=evil%0D%0ASet-Cookie%3A%20owned%3D1' });
    await problem(member, 400, 'invalid_member_id', 'CRLF in the member cookie');
    const guest = await postToken(pair.base, { cookie: 'sf_guest=abc%0D%0ASet-Cookie%3A%20owned%3D1' });
    assert.equal(guest.status, 200);
    const setCookie = guest.headers.get('set-cookie') ?? '';
    assert.doesNotMatch(setCookie, /owned|abc/, 'the bad guest id was not reused');
    for (const [name, value] of guest.headers) assert.doesNotMatch(`${name}: ${value}`, /owned/);
    const json = await postToken(pair.base, { cookie: `sf_demo_member=${encodeURIComponent('{"memberId":"a\\r\\nb"}')}` });
    await problem(json, 400, 'invalid_member_id', 'CRLF in the member JSON');
    // A lying Host or X-Forwarded-* changes nothing (no proxy is trusted).
    const spoofed = await postToken(pair.base, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '1.2.3.4', 'x-forwarded-host': 'evil.test' } });
    assert.equal(spoofed.status, 200);
    assert.doesNotMatch(spoofed.headers.get('set-cookie') ?? '', /Secure/, 'an untrusted X-Forwarded-Proto is ignored');
  });

  test('payments without the secret, or with a wrong one: 401 with WWW-Authenticate; nothing stored or sent', async () => {
    const before = pair.standin.state().counts['payments.batch'] ?? 0;
    const body = JSON.stringify({ payments: [report(1, 0xabc)] });
    const variants: Record<string, string | undefined> = {
      none: undefined,
      wrong: 'Bearer wrong-secret-wrong-secret-wrong',
      'secret plus a character': `Bearer ${PAYMENTS_SECRET}x`,
      'a prefix of the secret': `Bearer ${PAYMENTS_SECRET.slice(0, -1)}`,
      'lower-case scheme': `bearer ${PAYMENTS_SECRET}`,
      'two spaces': `Bearer  ${PAYMENTS_SECRET}`,
      basic: `Basic ${Buffer.from(`x:${PAYMENTS_SECRET}`).toString('base64')}`,
      empty: 'Bearer ',
      'secret with a trailing CR-less junk': `Bearer ${PAYMENTS_SECRET} extra`,
    };
    for (const [what, authorization] of Object.entries(variants)) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (authorization !== undefined) headers.authorization = authorization;
      const res = await fetch(`${pair.base}/sauceflex/payments`, { method: 'POST', headers, body });
      await problem(res, 401, 'unauthorized', `payments, ${what}`);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /);
    }
    // The secret in the query string is not the secret.
    await problem(await fetch(`${pair.base}/sauceflex/payments?secret=${PAYMENTS_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 401, 'unauthorized', 'secret in the query');
    // With the secret, bad reports are 400s naming the field, before anything is stored.
    for (const [what, payments] of [
      ['not a list', 'x'],
      ['empty', []],
      ['1001 reports', Array.from({ length: 1001 }, (_, i) => report(i, 0xabd))],
      ['CRLF in orderId', [{ ...report(1, 0xabe), orderId: 'a\r\nb' }]],
      ['a bad time', [{ ...report(1, 0xabe), payClickTime: 'yesterday' }]],
      ['a negative amount', [{ ...report(1, 0xabe), amount: '-1' }]],
      ['an id with spaces', [{ ...report(1, 0xabe), orderCallBackId: 'a b' }]],
      ['the same id twice', [report(2, 0xabe), report(2, 0xabe)]],
    ] as const) {
      const res = await pay(pair.base, JSON.stringify({ payments }));
      await problem(res, 400, 'invalid_payment', `payments, ${what}`);
    }
    assert.equal(pair.standin.state().counts['payments.batch'] ?? 0, before, 'nothing reached sauceFlex');
    assert.equal(await pair.server.app.payments.pending(), 0, 'nothing stored');
  });
});

describe('bursts past the rate limit', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair({ keys, config: { rateLimit: { burst: 20, perMinute: 60 } }, hooks: { resolveMember: demoResolveMember } });
  });
  after(() => pair.close());

  test('60 requests at once: 20 tokens, 40 × 429 with Retry-After; forged X-Forwarded-For does not buy a new budget; the server stays up', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => postToken(pair.base, { headers: { 'x-forwarded-for': `10.0.0.${i}` } })),
    );
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 20);
    assert.equal(statuses.filter((s) => s === 429).length, 40);
    for (const res of answers.filter((r) => r.status === 429)) {
      const body = await problem(res, 429, 'rate_limited', 'burst');
      assert.match(body.error.message, /wait/i);
      assert.ok(Number(res.headers.get('retry-after')) >= 1);
    }
    await Promise.all(answers.filter((r) => r.status === 200).map((r) => r.text()));
    // Another route has its own budget; the health check has none.
    assert.equal((await fetch(`${pair.base}/sauceflex/products/${productIdAt(0)}`, { headers: { origin: SHOP_ORIGIN } })).status, 200);
    assert.equal((await fetch(`${pair.base}/sauceflex/health`)).status, 200);
    assert.deepEqual(crashes, []);
  });
});

describe('a bounded load on loopback', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair({ keys, config: { rateLimit: false }, hooks: { resolveMember: demoResolveMember } });
  });
  after(() => pair.close());

  test('12 s at concurrency 32 over the browser routes: zero errors, every answer expected, steady memory', { timeout: 90_000 }, async () => {
    const options = { origin: pair.base, shopOrigin: SHOP_ORIGIN, productId: productIdAt(0), connections: 32 };
    // Warm up (JIT, the product cache, the admin token), then measure from a collected heap.
    await runLoad({ ...options, durationSec: 2 });
    const before = await settledMemory();
    const load = await runLoad({ ...options, durationSec: Number(process.env.SF_LOAD_SECONDS ?? 12) });
    const after = await settledMemory();
    tally.loadRequests += load.requests;
    tally.loadOk += load.ok;
    tally.loadErrors += load.errors + load.timeouts;
    const growth = { heapMb: mb(after.heapUsed - before.heapUsed), rssMb: mb(after.rss - before.rss) };
    console.log(`[load] ${JSON.stringify({ ...load, memoryBefore: { heapMb: mb(before.heapUsed), rssMb: mb(before.rss) }, growth })}`);
    assert.equal(load.errors, 0, 'connection errors');
    assert.equal(load.timeouts, 0, 'timeouts');
    assert.equal(load.unexpectedStatus, 0, `unexpected statuses: ${JSON.stringify(load.statuses)}`);
    assert.ok(load.requests > 1_000, `only ${load.requests} requests`);
    // A fifth of the mix is the refused foreign origin.
    assert.ok(Math.abs((load.statuses['403'] ?? 0) / load.requests - 0.2) < 0.05, JSON.stringify(load.statuses));
    // Steady: what is left after a full collection does not grow with the requests served.
    assert.ok(growth.heapMb < 24, `heap grew by ${growth.heapMb} MB over ${load.requests} requests`);
    assert.ok(growth.rssMb < 96, `RSS grew by ${growth.rssMb} MB over ${load.requests} requests`);
    assert.equal((await fetch(`${pair.base}/sauceflex/health`)).status, 200);
  });
});
