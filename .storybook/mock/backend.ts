/**
 * The stand-in, inside Storybook's preview: a `fetch` interceptor that answers the sauceFlex /V1
 * routes, the shop's coupon routes, the backend's product route and a token endpoint from the
 * stand-in's own fixtures and logic (demo/standin/catalog.ts, coupons.ts, envelope.ts, all
 * browser-safe), in the guide's `{code, message, timestamp, response}` envelope. No request leaves
 * the page; see urls.ts for the URL scheme and scenarios.
 *
 * Only same-origin URLs under `/mock-api/` are answered; everything else goes to the real fetch.
 * `resetMockBackend()` (before each story) rebuilds the data around the current clock and forgets
 * coupon issues, so stories do not leak into each other.
 */
import type { Broadcast } from '../../src/api/models.js';
import { Catalog, type ListQuery } from '../../demo/standin/catalog.js';
import { CouponStore } from '../../demo/standin/coupons.js';
import { ApiFailure, envelope } from '../../demo/standin/envelope.js';
import { analysisSeries, analysisTotals } from '../../demo/standin/analysis.js';
import { DEMO_MEMBER_ID, DEFAULT_SHOP_ORIGIN } from '../../demo/standin/fixtures.js';
import { liveEventFixtures } from '../../demo/smartstream/fixtures.js';
import { liveEventToBroadcast } from '../../src/server/sources/smartstream-map.js';
import { HANG_MEDIA_PREFIX, MOCK_API_PREFIX, PARTNER_ID, type Scenario } from './urls.js';

interface Parsed {
  scenario: Scenario;
  delay: number;
  only?: string[];
  issue?: string;
  /** The route after the scenario segment, without a leading slash. */
  route: string;
}

/** What the mock was asked, for debugging in the browser console (`__sfMock.calls`). */
export interface MockCall {
  method: string;
  url: string;
  scenario: Scenario;
  status: number | 'pending';
}

const state = {
  catalog: undefined as Catalog | undefined,
  coupons: undefined as CouponStore | undefined,
  calls: [] as MockCall[],
};

function catalog(): Catalog {
  state.catalog ??= new Catalog({ partnerId: PARTNER_ID, shopOrigin: DEFAULT_SHOP_ORIGIN, origin: () => location.origin, now: Date.now });
  return state.catalog;
}

function coupons(): CouponStore {
  state.coupons ??= new CouponStore({ partnerId: PARTNER_ID, now: Date.now });
  return state.coupons;
}

/** Fresh fixtures around the current clock; coupon issues and the call log forgotten. */
export function resetMockBackend(): void {
  state.catalog = undefined;
  state.coupons = undefined;
  state.calls = [];
}

/** The broadcasts the mock serves right now (the same objects the routes answer with). */
export function mockBroadcasts(): Broadcast[] {
  return catalog().broadcasts();
}

function parse(url: URL): Parsed | undefined {
  if (url.origin !== location.origin || !url.pathname.startsWith(MOCK_API_PREFIX)) return undefined;
  const rest = url.pathname.slice(MOCK_API_PREFIX.length);
  const slash = rest.indexOf('/');
  const head = slash < 0 ? rest : rest.slice(0, slash);
  const [scenario, ...options] = decodeURIComponent(head).split(';');
  const parsed: Parsed = { scenario: (scenario || 'ok') as Scenario, delay: 0, route: slash < 0 ? '' : rest.slice(slash + 1) };
  for (const option of options) {
    const [key, value = ''] = option.split('=');
    if (key === 'delay') parsed.delay = Number(value) || 0;
    if (key === 'only') parsed.only = value.split(',').filter(Boolean);
    if (key === 'issue') parsed.issue = value;
  }
  return parsed;
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

const ok = (response?: unknown): Response => json(envelope('SU0000', response, Date.now()));

const failure = (error: ApiFailure): Response =>
  json(envelope(error.code, error.response, Date.now(), error.publicMessage), error.status);

const serverError = (): Response => json(envelope('FA1011', undefined, Date.now()), 500);

const emptyPage = { totalCount: 0, count: 0, items: [] as unknown[] };

function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** Resolves after `ms` (never when `ms` is Infinity); rejects when the request is aborted. */
function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortError());
      },
      { once: true },
    );
  });
}

/** The viewer token this mock hands out: base64 of an (unsigned) JWT, as the shop backend would. */
export function viewerToken(viewer: 'member' | 'guest'): { token: string; expiresAt: number } {
  const now = Math.floor(Date.now() / 1000);
  const b64url = (value: unknown) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const claims =
    viewer === 'member'
      ? { partnerId: PARTNER_ID, memberId: DEMO_MEMBER_ID, nickName: '데모회원', memberType: '1', iat: now, exp: now + 3600 }
      : { partnerId: PARTNER_ID, memberId: 'guest-storybook', memberType: '0', iat: now, exp: now + 3600 };
  const jwt = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}.c3Rvcnlib29r`;
  return { token: btoa(jwt), expiresAt: claims.exp * 1000 };
}

/** The memberId inside a token this mock handed out; FA1007 for anything else. */
function memberOf(token: unknown): string | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  try {
    const jwt = atob(String(token));
    const payload = jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)))) as { memberId?: string };
    if (!claims.memberId) throw new Error('no memberId');
    return claims.memberId;
  } catch {
    throw new ApiFailure('FA1007');
  }
}

function listQuery(params: URLSearchParams): ListQuery {
  const query: ListQuery = {};
  for (const key of ['searchStartDt', 'searchEndDt', 'searchWord', 'searchType', 'returnLimit', 'nextKey'] as const) {
    const value = params.get(key);
    if (value !== null) query[key] = value;
  }
  return query;
}

async function answer(parsed: Parsed, request: Request, url: URL): Promise<Response> {
  const { route, scenario } = parsed;
  const method = request.method.toUpperCase();

  // ---- the shop backend's token endpoint ----
  const token = /^token\/(member|guest)$/.exec(route);
  if (token && method === 'POST') return json(viewerToken(token[1] as 'member' | 'guest'));

  if (scenario === 'loading') return new Promise<Response>(() => undefined);
  if (scenario === 'error') {
    // The consultation route's "LiveMinutes is down".
    if (route.startsWith('consult/')) return json({ error: { code: 'upstream_unavailable', message: 'LiveMinutes is not answering right now.' } }, 503);
    // The backend's product route answers plain JSON; everything else the guide's envelope.
    return route.startsWith('products/') ? json({ message: 'internal error' }, 500) : serverError();
  }
  const empty = scenario === 'empty';

  // ---- the shop backend's product route ----
  const product = /^products\/([^/]+)$/.exec(route);
  if (product && method === 'GET') {
    const found = empty ? undefined : catalog().product(decodeURIComponent(product[1]!));
    return found ? json(found) : json({ message: 'not found' }, 404);
  }

  // ---- the shop backend's stats route: the broadcast's own window, 1-minute points, as the backend picks ----
  const stats = /^stats\/([^/]+)$/.exec(route);
  if (stats && method === 'GET') {
    const broadcast = catalog().broadcast(decodeURIComponent(stats[1]!));
    if (!broadcast) return json({ error: { code: 'broadcast_not_found', message: 'No such broadcast.' } }, 404);
    const now = Date.now();
    const start = Date.parse(broadcast.broadcastStartDt ?? broadcast.programmingStartDt) - 10 * 60_000;
    const end = Math.min(now, (broadcast.broadcastEndDt ? Date.parse(broadcast.broadcastEndDt) : now) + 10 * 60_000);
    const q = { start, end, tzo: 0, type: undefined, interval: (end - start > 4 * 3_600_000 ? '10m' : '1m') as '1m' | '10m' };
    const subject = empty ? { ...broadcast, broadcastStartDt: null } : broadcast;
    return json({
      broadcastId: broadcast.broadcastId,
      broadcastName: broadcast.broadcastName,
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
      interval: q.interval,
      totals: analysisTotals(subject, q, now),
      series: analysisSeries(subject, q, now).map(({ date, ...counts }) => ({ ...counts, at: new Date(`${date.replace(' ', 'T')}Z`).toISOString() })),
    });
  }

  // ---- the backend's schedule source (SmartSTREAM), mapped as src/server/sources/smartstream.ts maps it ----
  if (route === 'schedule/smartstream' && method === 'GET') {
    const now = Date.now();
    const all = empty
      ? []
      : liveEventFixtures(now, location.origin)
          .map((event) => liveEventToBroadcast(event, now))
          .filter((b): b is Broadcast => !!b)
          .map((b, i) => ({ ...b, broadcastThumbnailList: [{ thumbnailUrl: `${location.origin}/media/img/smartstream-${i}.svg`, isRepresentative: true }] }))
          .sort((a, b) => Date.parse(a.programmingStartDt) - Date.parse(b.programmingStartDt));
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const page = Number(url.searchParams.get('nextKey') ?? 1);
    const items = all.slice((page - 1) * limit, page * limit);
    return json({ totalCount: all.length, count: items.length, nextKey: page * limit < all.length ? String(page + 1) : null, items });
  }

  // ---- the backend's consultation route: the member's join URL (a page of Storybook's own), or login_required ----
  const consult = /^consult\/(member|guest)$/.exec(route);
  if (consult && method === 'POST') {
    if (consult[1] === 'guest') return json({ error: { code: 'login_required', message: 'A live consultation needs a signed-in shopper.' } }, 401);
    return json({ joinUrl: `${location.origin}/media/img/consultation.svg`, reused: false });
  }

  // ---- the shop's coupon API ----
  if (route === 'shop/coupons' && (method === 'GET' || method === 'POST')) {
    const body = method === 'POST' ? ((await request.json().catch(() => ({}))) as { accessToken?: string; externalProductIds?: string[] }) : {};
    const accessToken = method === 'GET' ? (url.searchParams.get('accessToken') ?? undefined) : body.accessToken;
    const broadcastId = url.searchParams.get('broadcastId') ?? undefined;
    const memberId = memberOf(accessToken);
    let items = empty ? [] : coupons().list({ memberId, broadcastId, externalProductIds: body.externalProductIds });
    if (parsed.only) items = items.filter((coupon) => parsed.only!.includes(coupon.couponId));
    return json(envelope('SU0000', { totalCount: items.length, count: items.length, items }, Date.now()));
  }
  if (route === 'shop/coupons/issue' && method === 'POST') {
    const body = (await request.json().catch(() => ({}))) as { accessToken?: string; couponId?: string; broadcastId?: string };
    if (parsed.issue === 'hang') return new Promise<Response>(() => undefined);
    const memberId = memberOf(body.accessToken);
    if (!memberId || !body.couponId) throw new ApiFailure('FA1010', { validError: ['"accessToken" and "couponId" are required'] });
    return ok(coupons().issue(memberId, body.couponId, body.broadcastId));
  }

  // ---- sauceFlex /V1 ----
  const params = url.searchParams;
  if (route === 'V1/front/broadcast' && method === 'GET') {
    catalog().assertPartner(params.get('partnerId') ?? '');
    return ok(empty ? emptyPage : catalog().latest(listQuery(params)));
  }
  if (route === 'V1/front/broadcast/schedule' && method === 'GET') {
    catalog().assertPartner(params.get('partnerId') ?? '');
    return ok(empty ? emptyPage : catalog().schedule(listQuery(params)));
  }
  const one = /^V1\/front\/broadcast\/([^/]+)\/([^/]+)$/.exec(route);
  if (one && method === 'GET') {
    catalog().assertPartner(decodeURIComponent(one[1]!));
    return ok(empty ? { nextKey: null, ...emptyPage } : catalog().one(decodeURIComponent(one[2]!)));
  }
  const curations = /^V1\/front\/curation\/([^/]+)$/.exec(route);
  if (curations && method === 'GET') {
    catalog().assertPartner(decodeURIComponent(curations[1]!));
    return ok(empty ? emptyPage : catalog().curations(listQuery(params)));
  }
  const curation = /^V1\/front\/curation\/([^/]+)\/([^/]+)$/.exec(route);
  if (curation && method === 'GET') {
    catalog().assertPartner(decodeURIComponent(curation[1]!));
    return ok(empty ? emptyPage : catalog().curationBroadcasts(decodeURIComponent(curation[2]!), listQuery(params)));
  }

  // A route the stand-in does not have: say so loudly, a story is pointing somewhere wrong.
  console.error(`[storybook mock] no route for ${method} ${url.pathname}`);
  return json(envelope('FA1010', { validError: [`no mock route for ${method} ${route}`] }, Date.now()), 404);
}

let installed = false;

/** Patch `fetch` (and XHR, for the hanging playlist) once per preview. */
export function installMockBackend(): void {
  if (installed) return;
  installed = true;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const parsed = parse(url);
    if (!parsed) return realFetch(input, init);
    const call: MockCall = { method: request.method, url: url.pathname + url.search, scenario: parsed.scenario, status: 'pending' };
    state.calls.push(call);
    const signal = init?.signal ?? request.signal;
    if (parsed.delay) await wait(parsed.delay, signal);
    let response: Response;
    try {
      response = await Promise.race([answer(parsed, request, url), wait(Infinity, signal).then(() => never())]);
    } catch (error) {
      if (error instanceof ApiFailure) response = failure(error);
      else throw error;
    }
    call.status = response.status;
    return response;
  };

  // hls.js loads playlists with XHR: a request under /mock-media/hang/ is opened but never sent.
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const hanging = new WeakSet<XMLHttpRequest>();
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    const target = new URL(String(url), location.href);
    if (target.origin === location.origin && target.pathname.startsWith(HANG_MEDIA_PREFIX)) hanging.add(this);
    else hanging.delete(this);
    return (open as (...args: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    if (hanging.has(this)) return;
    return send.call(this, body);
  };

  (window as unknown as { __sfMock: unknown }).__sfMock = {
    get calls() {
      return state.calls;
    },
  };
}

function never(): never {
  throw abortError();
}
