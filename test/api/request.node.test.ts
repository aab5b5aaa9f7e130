// The one HTTP path (src/api/request.ts) without a network: which calls are retried, how long the
// retry waits (the backoff, or the server's Retry-After within the ceiling), and what a plain JSON
// route's error answer carries.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError, NetworkError, TimeoutError } from '../../src/api/errors.js';
import { requestJson } from '../../src/api/json.js';
import { requestEnvelope, setRefused } from '../../src/api/request.js';

const URL_ = 'http://backend.test/route';

/** A fetch that answers from a list, one per call, and counts the calls. */
function scripted(...answers: (() => Response)[]) {
  const calls: RequestInit[] = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    calls.push(init);
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next();
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => () =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('request: retries', () => {
  test('a failed fetch to an origin the page\'s CSP refused is not retried; one already refused is not sent; another origin still is', async (t) => {
    t.after(() => setRefused(() => false));
    const offline = () => {
      throw new TypeError('Failed to fetch');
    };
    // The violation is reported as the first fetch fails: no second try.
    let known = false;
    setRefused((url) => known && url.startsWith('http://backend.test/'));
    const refusing = () => {
      known = true;
      return offline();
    };
    const refused = scripted(refusing, json({ ok: true }));
    await assert.rejects(requestJson({ url: URL_, fetch: refused.fetch, retry: { limit: 2, baseDelayMs: 0 } }), (e) => e instanceof NetworkError);
    assert.equal(refused.calls.length, 1);
    // Known refused already (the loader's early request met it): not sent at all, the same failure.
    const again = scripted(json({ ok: true }));
    await assert.rejects(requestJson({ url: URL_, fetch: again.fetch, retry: { limit: 2, baseDelayMs: 0 } }), (e) => e instanceof NetworkError);
    assert.equal(again.calls.length, 0);
    const other = scripted(offline, json({ ok: true }));
    const { body } = await requestJson({ url: 'http://other.test/route', fetch: other.fetch, retry: { limit: 2, baseDelayMs: 0 } });
    assert.deepEqual(body, { ok: true });
    assert.equal(other.calls.length, 2);
  });

  test('a GET after a 503 with Retry-After within the ceiling waits what the server asked', async () => {
    const { fetch, calls } = scripted(json({}, 503, { 'retry-after': '0' }), json({ ok: true }));
    const delays: number[] = [];
    const { body } = await requestJson({ url: URL_, fetch, retry: { limit: 2, baseDelayMs: 200, maxDelayMs: 1_000 }, onRetry: (_a, _e, ms) => delays.push(ms) });
    assert.deepEqual(body, { ok: true });
    assert.equal(calls.length, 2);
    assert.deepEqual(delays, [0]);
  });

  test('a Retry-After beyond the ceiling ends the retries at once', async () => {
    const { fetch, calls } = scripted(json({}, 429, { 'retry-after': '120' }), json({ ok: true }));
    await assert.rejects(requestJson({ url: URL_, fetch, retry: { limit: 2, maxDelayMs: 5_000 } }), (e) => e instanceof HttpError && e.status === 429);
    assert.equal(calls.length, 1);
  });

  test('without Retry-After the backoff applies (half to all of the step)', async () => {
    const { fetch } = scripted(json({ code: 'FA1011', message: 'x' }, 500), json({ code: 'SU0000', message: '', response: 1 }));
    const delays: number[] = [];
    const { response } = await requestEnvelope({ url: URL_, fetch, retry: { limit: 1, baseDelayMs: 40, maxDelayMs: 1_000 }, onRetry: (_a, _e, ms) => delays.push(ms) });
    assert.equal(response, 1);
    assert.equal(delays.length, 1);
    assert.ok(delays[0]! >= 20 && delays[0]! <= 40, `delay ${delays[0]}`);
  });

  test('writes are never retried, whatever the status', async () => {
    for (const method of ['POST', 'PATCH', 'DELETE'] as const) {
      const { fetch, calls } = scripted(json({}, 503), json({ ok: true }));
      await assert.rejects(requestJson({ method, url: URL_, fetch, body: {}, retry: { limit: 3, baseDelayMs: 1 } }), HttpError);
      assert.equal(calls.length, 1, method);
    }
  });

  test('the timeout aborts the request itself', async () => {
    let signal: AbortSignal | undefined;
    const fetch = ((_url: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }) as unknown as typeof globalThis.fetch;
    await assert.rejects(requestJson({ url: URL_, fetch, timeoutMs: 30, retry: { limit: 0 } }), TimeoutError);
    assert.equal(signal?.aborted, true);
  });
});

describe('request: plain JSON routes', () => {
  test('an error answer keeps its parsed body and status; credentials and headers are sent', async () => {
    const { fetch, calls } = scripted(json({ error: { code: 'unauthorized', message: 'no' } }, 401));
    const error = await requestJson({ method: 'POST', url: URL_, fetch, body: {}, credentials: 'include', headers: { authorization: 'Bearer s' } }).catch((e: unknown) => e);
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 401);
    assert.deepEqual(error.body, { error: { code: 'unauthorized', message: 'no' } });
    assert.equal(calls[0]!.credentials, 'include');
    assert.equal((calls[0]!.headers as Record<string, string>).authorization, 'Bearer s');
    assert.equal(calls[0]!.body, '{}');
  });

  test('a 2xx that is not JSON is an HttpError', async () => {
    const { fetch } = scripted(() => new Response('<html>', { status: 200 }));
    await assert.rejects(requestJson({ url: URL_, fetch }), (e) => e instanceof HttpError && e.status === 200);
  });
});
