/**
 * The front-API client against the local sauceFlex stand-in, over a real cross-origin fetch from
 * Chromium: the five reads, paging, every failure the stand-in can be told to produce, timeouts
 * that really abort, retry counts as the stand-in saw them, and parameters refused unsent.
 */
import { expect } from '@open-wc/testing';
import {
  AbortedError,
  ApiError,
  HttpError,
  NetworkError,
  ParameterError,
  ResponseShapeError,
  TimeoutError,
  createClient,
  type ClientDefaults,
  type SauceflexError,
} from '../../src/api/index.js';
import { requestEnvelope } from '../../src/api/request.js';
import {
  clearFaults,
  resetStandin,
  setFault,
  standinApiBase,
  standinState,
  type StandinRoute,
} from '../support/standin-control.js';

const PARTNER = 'mobidoo';
const FAST_RETRY = { limit: 2, baseDelayMs: 10, maxDelayMs: 40 };

interface Call {
  url: string;
  signal: AbortSignal | undefined;
}

/** A fetch that records what the client sent (and the signal it sent it with). */
function recordingFetch() {
  const calls: Call[] = [];
  const f: typeof fetch = (input, init) => {
    calls.push({ url: String(input instanceof Request ? input.url : input), signal: init?.signal ?? undefined });
    return fetch(input, init);
  };
  return { calls, fetch: f };
}

function client(overrides: Partial<ClientDefaults> = {}) {
  return createClient({ apiBase: standinApiBase(), partnerId: PARTNER, timeoutMs: 3_000, retry: FAST_RETRY, ...overrides });
}

async function count(route: StandinRoute): Promise<number> {
  return (await standinState()).counts[route] ?? 0;
}

/** The rejection of `promise`, checked to be an instance of `type`. */
async function rejection<E extends SauceflexError>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(type);
    return error as E;
  }
  throw new Error(`expected a ${type.name}, but the call succeeded`);
}

const ids = (items: { broadcastId: string }[]) => items.map((b) => b.broadcastId);

describe('api client: reads against the stand-in', () => {
  beforeEach(async () => {
    await resetStandin();
  });

  it('latest: a validated page of broadcasts', async () => {
    const page = await client().latest({ searchType: '2', returnLimit: 5 });
    expect(page.items.length).to.be.greaterThan(0).and.at.most(5);
    expect(page.dropped).to.equal(0);
    expect(page.totalCount).to.be.a('number').and.at.least(page.items.length);
    expect(page.count).to.equal(page.items.length);
    for (const b of page.items) {
      expect(b.broadcastId).to.be.a('string').and.not.empty;
      expect(b.broadcastName).to.be.a('string');
      expect(Number.isNaN(Date.parse(b.programmingStartDt))).to.equal(false);
      expect(['live', 'catchup', 'vod']).to.include(b.broadcastTypeCode);
    }
  });

  it('latest: searchType narrows the kind of broadcast', async () => {
    const vod = await client().latest({ searchType: '1', returnLimit: 100 });
    for (const b of vod.items) expect(b.broadcastTypeCode).to.equal('vod');
    const live = await client().latest({ searchType: '3', returnLimit: 100 });
    for (const b of live.items) expect(b.broadcastTypeCode).to.equal('live');
  });

  it('schedule: a validated page of broadcasts to come', async () => {
    const page = await client().schedule({ returnLimit: 10 });
    expect(page.dropped).to.equal(0);
    expect(page.items.length).to.be.greaterThan(0).and.at.most(10);
    for (const b of page.items) expect(b.broadcastId).to.be.a('string').and.not.empty;
  });

  it('broadcast: one broadcast by id, and null for an id the API does not know', async () => {
    const api = client();
    const [first] = (await api.latest({ searchType: '2', returnLimit: 1 })).items;
    expect(first).to.exist;
    const one = await api.broadcast(first!.broadcastId);
    expect(one?.broadcastId).to.equal(first!.broadcastId);
    expect(one?.broadcastName).to.equal(first!.broadcastName);
    expect(await api.broadcast('lkmobidoo-00000000000000000000000000000000')).to.equal(null);
  });

  it('curations and curation: the list, then the broadcasts of one', async () => {
    const api = client();
    const list = await api.curations({ returnLimit: 100 });
    expect(list.dropped).to.equal(0);
    expect(list.items.length).to.be.greaterThan(0);
    for (const c of list.items) {
      expect(c.curationId).to.be.a('string').and.not.empty;
      expect(c.partnerId).to.equal(PARTNER);
      expect(c.isPublic).to.be.a('boolean');
    }
    const detail = await api.curation(list.items[0]!.curationId);
    expect(detail.dropped).to.equal(0);
    expect(detail.items).to.be.an('array');
    for (const b of detail.items) expect(b.broadcastId).to.be.a('string').and.not.empty;
  });

  it('sends Dates as ISO 8601 UTC and encodes path segments', async () => {
    const rec = recordingFetch();
    const start = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    const end = new Date(Date.now() + 365 * 86_400_000);
    await client({ fetch: rec.fetch }).latest({ searchType: '2', searchStartDt: start, searchEndDt: end, searchWord: '라이브 & 쇼핑' });
    const sent = new URL(rec.calls[0]!.url);
    expect(sent.searchParams.get('searchStartDt')).to.equal('2024-01-02T03:04:05.000Z');
    expect(sent.searchParams.get('searchEndDt')).to.equal(end.toISOString());
    expect(sent.searchParams.get('searchWord')).to.equal('라이브 & 쇼핑');
    expect(sent.searchParams.get('partnerId')).to.equal(PARTNER);

    const odd = client({ fetch: rec.fetch, retry: { limit: 0 } });
    await odd.broadcast('a/b?c#d').catch(() => undefined);
    expect(rec.calls[1]!.url).to.equal(`${standinApiBase()}/front/broadcast/${PARTNER}/a%2Fb%3Fc%23d`);
    await odd.extend({ partnerId: 'x y/z' }).curation('../etc').catch(() => undefined);
    expect(rec.calls[2]!.url).to.equal(`${standinApiBase()}/front/curation/x%20y%2Fz/..%2Fetc`);
  });
});

describe('api client: paging', () => {
  beforeEach(async () => {
    await resetStandin();
  });

  it('pages.latest follows nextKey through every page: count equals totalCount, no duplicates', async () => {
    const api = client();
    const seen: string[] = [];
    let pages = 0;
    let totalCount = -1;
    for await (const page of api.pages.latest({ searchType: '2', returnLimit: 2 })) {
      pages++;
      totalCount = page.totalCount;
      expect(page.items.length).to.be.at.most(2);
      seen.push(...ids(page.items));
    }
    expect(seen.length).to.equal(totalCount);
    expect(new Set(seen).size).to.equal(seen.length);
    expect(pages).to.equal(Math.max(1, Math.ceil(totalCount / 2)));
    expect(totalCount, 'the fixtures should need more than one page of 2').to.be.greaterThan(2);
  });

  it('pages.schedule and items.schedule agree with one big page', async () => {
    const api = client();
    const all = await api.schedule({ returnLimit: 100 });
    const paged: string[] = [];
    for await (const page of api.pages.schedule({ returnLimit: 1 })) paged.push(...ids(page.items));
    expect(paged).to.deep.equal(ids(all.items));
    expect(paged.length).to.equal(all.totalCount);
    const items: string[] = [];
    for await (const b of api.items.schedule({ returnLimit: 3 })) items.push(b.broadcastId);
    expect(items).to.deep.equal(ids(all.items));
  });

  it('pages.curations and pages.curation walk every page', async () => {
    const api = client();
    const curations: string[] = [];
    let total = -1;
    for await (const page of api.pages.curations({ returnLimit: 1 })) {
      total = page.totalCount;
      curations.push(...page.items.map((c) => c.curationId));
    }
    expect(curations.length).to.equal(total);
    expect(new Set(curations).size).to.equal(curations.length);

    const one = await api.curation(curations[0]!, { returnLimit: 100 });
    const paged: string[] = [];
    for await (const page of api.pages.curation(curations[0]!, { returnLimit: 1 })) paged.push(...ids(page.items));
    expect(paged).to.deep.equal(ids(one.items));
  });

  it('stops on a repeated nextKey instead of looping', async () => {
    let n = 0;
    const looping: typeof fetch = async () => {
      n++;
      const body = { code: 'SU0000', message: 'ok', response: { totalCount: 9, count: 0, nextKey: n % 2 ? 'A' : 'B', items: [] } };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const pages = [];
    for await (const page of client({ fetch: looping }).pages.latest()) pages.push(page);
    expect(pages.map((p) => p.nextKey)).to.deep.equal(['A', 'B', 'A']);
    expect(n).to.equal(3);
  });

  it('a caller signal ends the walk between pages without another request', async () => {
    const rec = recordingFetch();
    const controller = new AbortController();
    const walk = client({ fetch: rec.fetch }).pages.latest({ searchType: '2', returnLimit: 1, signal: controller.signal });
    const first = await walk.next();
    expect(first.done).to.equal(false);
    controller.abort();
    await rejection(walk.next(), AbortedError);
    expect(rec.calls.length).to.equal(1);
  });
});

describe('api client: errors from the API', () => {
  beforeEach(async () => {
    await resetStandin();
  });

  it('FA1010 with validError for a refused parameter, and no retry (one request)', async () => {
    const before = await count('broadcast.latest');
    // The client refuses returnLimit 0 itself, so send it through the raw envelope layer.
    const error = await rejection(
      requestEnvelope({ url: `${standinApiBase()}/front/broadcast`, query: { partnerId: PARTNER, returnLimit: 0 }, retry: FAST_RETRY }),
      ApiError,
    );
    expect(error.code).to.equal('FA1010');
    expect(error.status).to.equal(400);
    expect(error.validError.length).to.be.greaterThan(0);
    expect(error.validError.join(' ')).to.contain('returnLimit');
    expect((await count('broadcast.latest')) - before).to.equal(1);
  });

  it('FA1010 for an unknown query parameter', async () => {
    const error = await rejection(
      requestEnvelope({ url: `${standinApiBase()}/front/broadcast/schedule`, query: { partnerId: PARTNER, bogus: 1 }, retry: FAST_RETRY }),
      ApiError,
    );
    expect(error.code).to.equal('FA1010');
    expect(error.validError.join(' ')).to.contain('bogus');
  });

  it('FA1012 for a partner that does not exist', async () => {
    const api = client({ partnerId: 'no-such-partner' });
    expect((await rejection(api.latest(), ApiError)).code).to.equal('FA1012');
    expect((await rejection(api.schedule(), ApiError)).code).to.equal('FA1012');
    expect((await rejection(api.curations(), ApiError)).code).to.equal('FA1012');
  });

  it('FA1018 for a curation that does not exist', async () => {
    const error = await rejection(client().curation('no-such-curation'), ApiError);
    expect(error.code).to.equal('FA1018');
    expect(error.message).to.contain('GET').and.contain('/front/curation/mobidoo/no-such-curation');
  });
});

describe('api client: faults, timeouts and retries', () => {
  beforeEach(async () => {
    await resetStandin();
  });
  afterEach(async () => {
    await clearFaults();
  });

  it('retries a 500 and succeeds on the third attempt (the stand-in counts 3)', async () => {
    await setFault({ route: 'broadcast.schedule', kind: 'error500', times: 2 });
    const retries: number[] = [];
    const before = await count('broadcast.schedule');
    const page = await client({ onRetry: (attempt) => retries.push(attempt) }).schedule();
    expect(page.items.length).to.be.greaterThan(0);
    expect(retries).to.deep.equal([1, 2]);
    expect((await count('broadcast.schedule')) - before).to.equal(3);
  });

  it('a 500 that persists fails with ApiError after limit + 1 attempts', async () => {
    await setFault({ route: 'broadcast.latest', kind: 'error500' });
    const before = await count('broadcast.latest');
    const error = await rejection(client().latest(), ApiError);
    expect(error.code).to.equal('FA1011');
    expect(error.status).to.equal(500);
    expect((await count('broadcast.latest')) - before).to.equal(FAST_RETRY.limit + 1);
  });

  it('no retry for a business refusal (FA1018, FA1012), whatever its HTTP status: one request', async () => {
    const before = await count('curation.detail');
    const retries: number[] = [];
    await rejection(client({ onRetry: (a) => retries.push(a) }).curation('no-such-curation'), ApiError);
    expect(retries).to.deep.equal([]);
    expect((await count('curation.detail')) - before).to.equal(1);
    const beforeLatest = await count('broadcast.latest');
    await rejection(client({ partnerId: 'no-such-partner', onRetry: (a) => retries.push(a) }).latest(), ApiError);
    expect(retries).to.deep.equal([]);
    expect((await count('broadcast.latest')) - beforeLatest).to.equal(1);
  });

  it('a slow answer past timeoutMs is a TimeoutError, and the request is really aborted', async () => {
    await setFault({ route: 'broadcast.latest', kind: 'delay', delayMs: 3_000 });
    const rec = recordingFetch();
    const started = performance.now();
    const error = await rejection(client({ fetch: rec.fetch, timeoutMs: 150, retry: { limit: 0 } }).latest(), TimeoutError);
    const elapsed = performance.now() - started;
    expect(error.timeoutMs).to.equal(150);
    expect(elapsed).to.be.below(1_500);
    expect(rec.calls.length).to.equal(1);
    expect(rec.calls[0]!.signal?.aborted, 'the fetch was aborted, not left running').to.equal(true);
  });

  it('a timeout is retried: limit + 1 attempts, each aborted', async () => {
    await setFault({ route: 'broadcast.schedule', kind: 'delay', delayMs: 3_000 });
    const rec = recordingFetch();
    const before = await count('broadcast.schedule');
    await rejection(client({ fetch: rec.fetch, timeoutMs: 100, retry: { limit: 1, baseDelayMs: 10 } }).schedule(), TimeoutError);
    expect(rec.calls.length).to.equal(2);
    expect(rec.calls.every((c) => c.signal?.aborted)).to.equal(true);
    expect((await count('broadcast.schedule')) - before).to.equal(2);
  });

  it('a body that trickles past timeoutMs is cut off with a TimeoutError', async () => {
    await setFault({ route: 'broadcast.latest', kind: 'trickle', delayMs: 3_000 });
    const started = performance.now();
    await rejection(client({ timeoutMs: 300, retry: { limit: 0 } }).latest(), TimeoutError);
    expect(performance.now() - started).to.be.below(1_500);
  });

  it('a dropped connection is a NetworkError, retried', async () => {
    await setFault({ route: 'curation.list', kind: 'reset' });
    const before = await count('curation.list');
    const retries: string[] = [];
    const rec = recordingFetch();
    const error = await rejection(client({ fetch: rec.fetch, onRetry: (_a, e) => retries.push(e.kind) }).curations(), NetworkError);
    expect(error.kind).to.equal('network');
    expect(retries).to.deep.equal(['network', 'network']);
    expect(rec.calls.length).to.equal(FAST_RETRY.limit + 1);
    // Chromium itself resends a request once when a reused keep-alive connection drops before any
    // answer, so the stand-in may see more requests than the client made (never fewer).
    expect((await count('curation.list')) - before).to.be.at.least(FAST_RETRY.limit + 1);
  });

  it('a dropped connection once, then an answer: succeeds', async () => {
    await setFault({ route: 'curation.list', kind: 'reset', times: 1 });
    const page = await client().curations();
    expect(page.items.length).to.be.greaterThan(0);
  });

  it('a body that is not JSON is an HttpError (not retried: the status was 200)', async () => {
    await setFault({ route: 'broadcast.latest', kind: 'malformed' });
    const before = await count('broadcast.latest');
    const error = await rejection(client().latest(), HttpError);
    expect(error.status).to.equal(200);
    expect((await count('broadcast.latest')) - before).to.equal(1);
  });

  it("a proxy's HTML 502 is an HttpError with status 502, retried", async () => {
    await setFault({ route: 'broadcast.one', kind: 'html502' });
    const before = await count('broadcast.one');
    const error = await rejection(client().broadcast('lkmobidoo-anything'), HttpError);
    expect(error.status).to.equal(502);
    expect(error.bodySnippet.toLowerCase()).to.contain('<');
    expect((await count('broadcast.one')) - before).to.equal(FAST_RETRY.limit + 1);
  });

  it('SU0000 with the wrong shape is a ResponseShapeError naming the path', async () => {
    for (const route of ['broadcast.latest', 'broadcast.schedule', 'curation.list'] as const) {
      await setFault({ route, kind: 'wrongShape' });
    }
    const api = client();
    for (const call of [() => api.latest(), () => api.schedule(), () => api.curations()]) {
      const error = await rejection(call(), ResponseShapeError);
      expect(error.path).to.equal('response.items');
      expect(error.message).to.contain(error.path);
    }
  });

  it('a caller AbortSignal during a slow answer: AbortedError at once, no retry', async () => {
    await setFault({ route: 'broadcast.latest', kind: 'delay', delayMs: 3_000 });
    const controller = new AbortController();
    const retries: number[] = [];
    const rec = recordingFetch();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);
    await rejection(client({ fetch: rec.fetch, onRetry: (a) => retries.push(a) }).latest({ signal: controller.signal }), AbortedError);
    expect(performance.now() - started).to.be.below(1_500);
    expect(retries).to.deep.equal([]);
    expect(rec.calls.length).to.equal(1);
    expect(rec.calls[0]!.signal?.aborted).to.equal(true);
  });

  it('a caller AbortSignal during the backoff: AbortedError, no further attempt', async () => {
    await setFault({ route: 'broadcast.latest', kind: 'error500' });
    const controller = new AbortController();
    const rec = recordingFetch();
    const before = await count('broadcast.latest');
    const api = client({
      fetch: rec.fetch,
      retry: { limit: 5, baseDelayMs: 200, maxDelayMs: 200 },
      onRetry: () => controller.abort(),
    });
    await rejection(api.latest({ signal: controller.signal }), AbortedError);
    expect(rec.calls.length).to.equal(1);
    expect((await count('broadcast.latest')) - before).to.equal(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const rec = recordingFetch();
    await rejection(client({ fetch: rec.fetch }).schedule({ signal: AbortSignal.abort() }), AbortedError);
    expect(rec.calls.length).to.equal(0);
  });
});

describe('api client: parameters refused before sending', () => {
  beforeEach(async () => {
    await resetStandin();
  });

  const refused: [string, string, (api: ReturnType<typeof client>) => Promise<unknown>][] = [
    ['returnLimit', 'returnLimit 0', (api) => api.latest({ returnLimit: 0 })],
    ['returnLimit', 'returnLimit 101', (api) => api.schedule({ returnLimit: 101 })],
    ['returnLimit', 'returnLimit 2.5', (api) => api.curations({ returnLimit: 2.5 })],
    ['returnLimit', 'returnLimit NaN', (api) => api.curation('c', { returnLimit: Number.NaN })],
    ['searchType', "searchType '5'", (api) => api.latest({ searchType: '5' as never })],
    ['searchType', 'searchType 3 (a number)', (api) => api.latest({ searchType: 3 as never })],
    ['searchStartDt', 'an invalid Date', (api) => api.latest({ searchStartDt: new Date('nope') })],
    ['searchEndDt', 'a date that is not ISO 8601', (api) => api.schedule({ searchEndDt: '12/01/2024' })],
    ['searchStartDt', 'February 30th', (api) => api.schedule({ searchStartDt: '2024-02-30' })],
    ['searchStartDt', 'start after end', (api) => api.latest({ searchStartDt: '2024-03-02', searchEndDt: new Date('2024-03-01') })],
    ['broadcastId', 'an empty broadcastId', (api) => api.broadcast('')],
    ['broadcastId', 'a broadcastId of ".."', (api) => api.broadcast('..')],
    ['curationId', 'a blank curationId', (api) => api.curation('  ')],
    ['apiBase', 'an apiBase that is not http(s)', (api) => api.extend({ apiBase: 'javascript:alert(1)' }).latest()],
    ['apiBase', 'a relative apiBase', (api) => api.extend({ apiBase: '/V1' }).schedule()],
    ['partnerId', 'an empty partnerId', (api) => api.extend({ partnerId: '' }).curations()],
    ['timeoutMs', 'a negative timeout', (api) => api.broadcast('b', { timeoutMs: -1 })],
  ];

  for (const [parameter, label, call] of refused) {
    it(`refuses ${label}`, async () => {
      const rec = recordingFetch();
      const before = await standinState();
      const error = await rejection(call(client({ fetch: rec.fetch })), ParameterError);
      expect(error.parameter).to.equal(parameter);
      expect(rec.calls.length).to.equal(0);
      expect((await standinState()).counts).to.deep.equal(before.counts);
    });
  }

  it('paging refuses the same way, at the first step', async () => {
    const rec = recordingFetch();
    await rejection(client({ fetch: rec.fetch }).pages.latest({ returnLimit: 500 }).next(), ParameterError);
    expect(rec.calls.length).to.equal(0);
  });
});
