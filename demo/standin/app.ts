/**
 * The stand-in's routes as one Hono app: the guide's /V1 API, the shop's coupon API sample, media,
 * and the /__control routes tests use. Every API route carries a route id (contract.ts) that the
 * request counters and the faults go by.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HttpBindings } from '@hono/node-server';
import type { Broadcast, PaymentReport } from '../../src/api/models.js';
import { FIXTURE_MODES, type Fault, type FixtureMode, type StandinRoute, type StandinState } from './contract.js';
import { Catalog, type ListQuery } from './catalog.js';
import { CouponStore } from './coupons.js';
import { ApiFailure, envelope } from './envelope.js';
import { analysisSeries, analysisTotals, readAnalysisQuery } from './analysis.js';
import { notificationList } from './notifications.js';
import {
  BAD_GATEWAY_HTML,
  ConnectionReset,
  DEFAULT_FAULT_DELAY_MS,
  FaultList,
  MALFORMED_BODY,
  parseFault,
  sleep,
  trickle,
  wrongShapeBody,
} from './faults.js';
import { DEFAULT_PARTNER_ID, DEFAULT_SHOP_ORIGIN, shortCodeAt } from './fixtures.js';
import { HostileData } from './hostile-data.js';
import { LiveStreams } from './live.js';
import { HLS_FILE, placeholderSvg, previewFile, MEDIA_CORS } from './media.js';
import { playerPage } from './player-page.js';
import { CANCEL_SCHEMA, PaymentStore, REPORT_SCHEMA, UPDATE_SCHEMA } from './payments.js';
import { AdminTokenStore, ViewerTokenVerifier, viewerValidationBody } from './tokens.js';
import { checkBody, checkQuery, readJson, type Schema } from './validate.js';

export interface StandinOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default 'mobidoo'. */
  partnerId?: string;
  /** Default { id: 'admin', password: 'sauceflex-demo' }. */
  admin?: { id: string; password: string };
  /** SPKI PEM of the partner's RSA public key, used to verify viewer JWTs (tokenType 0, coupons). */
  viewerPublicKey?: string;
  /** Admin accessToken lifetime, default 86400 (the guide's 24 hours). */
  accessTokenTtlSec?: number;
  /** Default 7 days. */
  refreshTokenTtlSec?: number;
  /** Clock in ms, default Date.now; tests move it to expire tokens and start broadcasts. */
  now?: () => number;
  /** One line per request to stdout, default false. */
  log?: boolean;
  /** Serve the coupons that exist to fail (CP-ALWAYS-FAILS), default true; the demo shop turns them off. */
  testCoupons?: boolean;
  /** Where product redirectUrls point (the demo shop), default 'http://127.0.0.1:5173'. */
  shopOrigin?: string;
}

export interface StandinApp {
  fetch(req: Request, env?: HttpBindings): Promise<Response>;
  /** The Hono app itself, for mounting elsewhere. */
  app: Hono<Env>;
  setViewerPublicKey(pem: string): Promise<void>;
  setFault(fault: Fault): void;
  clearFaults(): void;
  /** Switch the data routes between the guide's fixtures and the hostile corpus (hostile.ts). */
  setFixtureMode(mode: FixtureMode): void;
  fixtureMode(): FixtureMode;
  /** Back to the start: fixtures re-anchored at the current clock (and back to `normal`), tokens, payments, coupon issues, live streams, counters and faults cleared. */
  reset(): void;
  state(): StandinState;
}

type Env = { Bindings: Partial<HttpBindings>; Variables: { routeId?: StandinRoute } };

const LIST_SCHEMA: Schema = {
  partnerId: { type: 'string', required: true },
  searchStartDt: { type: 'string', isoDate: true },
  searchEndDt: { type: 'string', isoDate: true },
  searchWord: { type: 'string' },
  returnLimit: { type: 'integer', min: 1, max: 100 },
  nextKey: { type: 'string' },
};
const LATEST_SCHEMA: Schema = { ...LIST_SCHEMA, searchType: { type: 'string', oneOf: ['0', '1', '2', '3', '4'] } };
/** The guide's curation tables list partnerId among the query parameters too; tolerated, the path decides. */
const CURATION_SCHEMA: Schema = {
  partnerId: { type: 'string' },
  returnLimit: { type: 'integer', min: 1, max: 100 },
  nextKey: { type: 'string' },
};
const CURATION_DETAIL_SCHEMA: Schema = { ...CURATION_SCHEMA, curationId: { type: 'string' } };

export function createStandinApp(options: StandinOptions & { origin: () => string }): StandinApp {
  const now = options.now ?? Date.now;
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  const admin = new AdminTokenStore({
    partnerId,
    admin: options.admin ?? { id: 'admin', password: 'sauceflex-demo' },
    accessTtlSec: options.accessTokenTtlSec ?? 86400,
    refreshTtlSec: options.refreshTokenTtlSec ?? 7 * 86400,
    now,
  });
  const viewer = new ViewerTokenVerifier({ partnerId, now });
  const catalog = new Catalog({ partnerId, shopOrigin: options.shopOrigin ?? DEFAULT_SHOP_ORIGIN, origin: options.origin, now });
  const payments = new PaymentStore();
  const coupons = new CouponStore({ partnerId, now, testCoupons: options.testCoupons });
  const faults = new FaultList();
  const hostile = new HostileData({ partnerId, origin: options.origin, now });
  const live = new LiveStreams(now);
  let fixtureMode: FixtureMode = 'normal';
  const isHostile = () => fixtureMode === 'hostile';
  let counts: Partial<Record<StandinRoute, number>> = {};

  const ok = (c: Context, response?: unknown) => c.json(envelope('SU0000', response, now()));

  /** Counts the request under its route id and applies a fault if one matches. */
  const route = (id: StandinRoute) =>
    createMiddleware<Env>(async (c, next) => {
      c.set('routeId', id);
      counts[id] = (counts[id] ?? 0) + 1;
      const fault = faults.take(id, new URL(c.req.url).pathname);
      if (!fault) return next();
      const ms = fault.delayMs ?? DEFAULT_FAULT_DELAY_MS;
      switch (fault.kind) {
        case 'error500':
          return c.json(envelope('FA1011', undefined, now()), 500);
        case 'html502':
          return c.html(BAD_GATEWAY_HTML, 502);
        case 'malformed':
          return c.body(MALFORMED_BODY, 200, { 'content-type': 'application/json; charset=utf-8' });
        case 'wrongShape':
          return c.json(wrongShapeBody(now()));
        case 'expiredToken':
          return c.json(envelope('FA1008', undefined, now()), 401);
        case 'notFound':
          return id === 'media'
            ? c.body(null, 404, MEDIA_CORS)
            : c.json({ code: 'NOT_FOUND', message: '요청한 경로가 없습니다. (stand-in fault)', timestamp: now() }, 404);
        case 'reset':
          // Destroy the socket under the request: the client sees a reset, not an answer.
          c.env?.incoming?.socket?.destroy();
          throw new ConnectionReset();
        case 'delay':
          await sleep(ms);
          return next();
        case 'trickle':
          await next();
          c.res = await trickle(c.res, ms);
          return;
      }
    });

  const app = new Hono<Env>();

  if (options.log) {
    app.use('*', async (c, next) => {
      const started = Date.now();
      await next();
      // Path only: query strings carry passwords and tokens.
      console.log(`${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${Date.now() - started}ms${c.get('routeId') ? ` [${c.get('routeId')}]` : ''}`);
    });
  }

  // Widgets call from any shop's origin; preflights are answered here, never counted or faulted.
  app.use(
    '*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Accept', 'X-SauceFlex-Authorize', 'Range'],
      exposeHeaders: ['Content-Length', 'Content-Range', 'Accept-Ranges'],
      maxAge: 600,
    }),
  );

  // ---- authorize and tokens ----

  app.get('/V1/authorize', route('authorize'), (c) => {
    const q = checkQuery(new URL(c.req.url).searchParams, {
      partnerId: { type: 'string', required: true },
      id: { type: 'string', required: true },
      password: { type: 'string', required: true },
      lifeTime: { type: 'number', min: 0 },
    });
    return ok(c, admin.authorize(q.partnerId!, q.id!, q.password!, q.lifeTime !== undefined ? Number(q.lifeTime) : 0));
  });

  app.post('/V1/token', route('token.refresh'), async (c) => {
    const body = checkBody(await readJson(c.req.raw), { refreshToken: { type: 'string', required: true } });
    return ok(c, admin.refresh(body.refreshToken as string));
  });

  app.delete('/V1/token/:accessToken', route('token.delete'), (c) => {
    checkQuery(new URL(c.req.url).searchParams, {});
    admin.remove(c.req.param('accessToken'));
    return ok(c);
  });

  app.get('/V1/internal/token/validation', route('token.validation'), async (c) => {
    const q = checkQuery(new URL(c.req.url).searchParams, {
      accessToken: { type: 'string', required: true },
      tokenType: { type: 'string', required: true, oneOf: ['0', '1'] },
    });
    if (q.tokenType === '1') return ok(c, admin.describe(q.accessToken!));
    return ok(c, viewerValidationBody(q.accessToken!, await viewer.verify(q.accessToken!)));
  });

  // ---- broadcasts and curations ----

  const listQuery = (c: Context, schema: Schema): ListQuery & { partnerId?: string } => {
    const q = checkQuery(new URL(c.req.url).searchParams, schema);
    if (q.searchStartDt && q.searchEndDt && Date.parse(q.searchEndDt) < Date.parse(q.searchStartDt)) {
      throw new ApiFailure('FA1010', { validError: ['"searchEndDt" must be greater than or equal to "ref:searchStartDt"'] });
    }
    return q;
  };

  app.get('/V1/front/broadcast', route('broadcast.latest'), (c) => {
    const q = listQuery(c, LATEST_SCHEMA);
    catalog.assertPartner(q.partnerId!);
    return ok(c, isHostile() ? hostile.page(q) : catalog.latest(q));
  });

  app.get('/V1/front/broadcast/schedule', route('broadcast.schedule'), (c) => {
    const q = listQuery(c, LIST_SCHEMA);
    catalog.assertPartner(q.partnerId!);
    return ok(c, isHostile() ? hostile.page(q) : catalog.schedule(q));
  });

  app.get('/V1/front/broadcast/:partnerId/:broadcastId', route('broadcast.one'), (c) => {
    checkQuery(new URL(c.req.url).searchParams, {});
    catalog.assertPartner(c.req.param('partnerId'));
    return ok(c, isHostile() ? hostile.one(c.req.param('broadcastId')) : catalog.one(c.req.param('broadcastId')));
  });

  app.get('/V1/front/curation/:partnerId', route('curation.list'), (c) => {
    const q = listQuery(c, CURATION_SCHEMA);
    catalog.assertPartner(c.req.param('partnerId'));
    return ok(c, isHostile() ? hostile.curations() : catalog.curations(q));
  });

  app.get('/V1/front/curation/:partnerId/:curationId', route('curation.detail'), (c) => {
    const q = listQuery(c, CURATION_DETAIL_SCHEMA);
    catalog.assertPartner(c.req.param('partnerId'));
    return ok(c, isHostile() ? hostile.page(q) : catalog.curationBroadcasts(c.req.param('curationId'), q));
  });

  // ---- payments (no auth header, as the guide) ----
  // Before /front/product/:productId, which would otherwise take GET /front/product/payment.

  app.post('/V1/front/product/payments', route('payments.batch'), async (c) => {
    return ok(c, payments.batch(await readJson(c.req.raw)));
  });

  app.get('/V1/front/product/payment', route('payment.single'), (c) => {
    const report = checkQuery(new URL(c.req.url).searchParams, REPORT_SCHEMA) as unknown as PaymentReport;
    const code = payments.register(report);
    if (code !== 'SU0000') throw new ApiFailure(code);
    return ok(c);
  });

  app.patch('/V1/front/product/payment', route('payment.update'), async (c) => {
    const body = checkBody(await readJson(c.req.raw), UPDATE_SCHEMA) as Record<string, string>;
    payments.update(body);
    return ok(c);
  });

  app.delete('/V1/front/product/payment', route('payment.cancel'), (c) => {
    const q = checkQuery(new URL(c.req.url).searchParams, CANCEL_SCHEMA);
    payments.cancel(q.orderCallBackId!, q.orderId!, q.payCancelTime!);
    return ok(c);
  });

  // ---- product (admin token) ----

  app.get('/V1/front/product/:productId', route('product.get'), (c) => {
    admin.check(adminHeader(c.req.header('x-sauceflex-authorize')));
    checkQuery(new URL(c.req.url).searchParams, {});
    const product = isHostile() ? hostile.product(c.req.param('productId')) : catalog.product(c.req.param('productId'));
    if (!product) throw new ApiFailure('FA1026');
    return ok(c, product);
  });

  // ---- analysis (admin token; the guide's JSON body on GET arrives as the query) ----

  const analysed = (c: Context, series: boolean) => {
    admin.check(adminHeader(c.req.header('x-sauceflex-authorize')));
    const q = readAnalysisQuery(new URL(c.req.url).searchParams, series);
    if (c.req.param('partnerId') !== partnerId) throw new ApiFailure('FA1012');
    const broadcast = catalog.broadcast(c.req.param('broadcastId') ?? '');
    // An id that never broadcast has nothing counted: zeros, as an aggregation over nothing.
    const subject = broadcast ?? ({ broadcastId: c.req.param('broadcastId'), broadcastStartDt: null } as unknown as Broadcast);
    return ok(c, series ? analysisSeries(subject, q, now()) : analysisTotals(subject, q, now()));
  };
  app.get('/V1/front/analysis/broadcast/:partnerId/:broadcastId', route('analysis.totals'), (c) => analysed(c, false));
  app.get('/V1/front/analysis/broadcast/:partnerId/:broadcastId/timeSeries', route('analysis.series'), (c) => analysed(c, true));

  // ---- who asked to be reminded (admin token) ----

  app.get('/V1/external/notification/:partnerId/:broadcastId', route('notification.members'), (c) => {
    admin.check(adminHeader(c.req.header('x-sauceflex-authorize')));
    checkQuery(new URL(c.req.url).searchParams, {});
    if (c.req.param('partnerId') !== partnerId) throw new ApiFailure('FA1012');
    const broadcastId = c.req.param('broadcastId') ?? '';
    if (!/^[\w.-]{1,100}$/.test(broadcastId)) throw new ApiFailure('FA1010', { validError: ['"broadcastId" is not a broadcast id'] });
    return ok(c, notificationList(partnerId, broadcastId, catalog.broadcast(broadcastId), now()));
  });

  // ---- the shop's coupon API (sample) ----

  /** The member behind an optional viewer token; FA1007/FA1008 when one is sent and does not hold. */
  const memberOf = async (token: string | undefined) => (token === undefined ? undefined : (await viewer.verify(token)).memberId);
  const couponList = (c: Context, items: unknown[]) =>
    c.json(envelope('SU0000', { totalCount: items.length, count: items.length, items }));

  app.get('/shop/coupons', route('coupons.list'), async (c) => {
    const q = checkQuery(new URL(c.req.url).searchParams, {
      accessToken: { type: 'string' },
      broadcastId: { type: 'string' },
    });
    const memberId = await memberOf(q.accessToken);
    return couponList(c, isHostile() ? hostile.coupons() : coupons.list({ memberId, broadcastId: q.broadcastId }));
  });

  app.post('/shop/coupons', route('coupons.list'), async (c) => {
    const body = checkBody(await readJson(c.req.raw), {
      accessToken: { type: 'string' },
      externalProductIds: { type: 'array', of: 'string' },
    });
    const memberId = await memberOf(body.accessToken as string | undefined);
    return couponList(c, isHostile() ? hostile.coupons() : coupons.list({ memberId, externalProductIds: body.externalProductIds as string[] | undefined }));
  });

  app.post('/shop/coupons/issue', route('coupons.issue'), async (c) => {
    const body = checkBody(await readJson(c.req.raw), {
      accessToken: { type: 'string', required: true },
      couponId: { type: 'string', required: true },
      broadcastId: { type: 'string' },
    });
    const memberId = (await memberOf(body.accessToken as string))!;
    if (isHostile()) return c.json(envelope('SU0000', hostile.issued(body.couponId as string)));
    return c.json(envelope('SU0000', coupons.issue(memberId, body.couponId as string, body.broadcastId as string | undefined)));
  });

  // ---- media, player, short links ----

  app.get('/media/preview/*', route('media'), async (c) => {
    const relative = decodeURIComponent(new URL(c.req.url).pathname.slice('/media/preview/'.length));
    const res = await previewFile(relative, c.req.header('range'));
    return res ?? c.notFound();
  });

  // The preview stream again under a path of its own (`/media/session/<name>/index.m3u8`): its
  // segments have URLs no other player shares, so no browser cache serves them and a path-scoped
  // fault can name one segment of one player.
  app.get('/media/session/:name/*', route('media'), async (c) => {
    const prefix = `/media/session/${encodeURIComponent(c.req.param('name'))}/`;
    const pathname = new URL(c.req.url).pathname;
    if (!pathname.startsWith(prefix)) return c.notFound();
    const res = await previewFile(decodeURIComponent(pathname.slice(prefix.length)), c.req.header('range'));
    return res ?? c.notFound();
  });

  // The live stream (live.ts): a sliding-window playlist over the preview's segments that closes.
  app.get('/media/live/*', route('media'), async (c) => {
    const url = new URL(c.req.url);
    const relative = decodeURIComponent(url.pathname.slice('/media/live/'.length));
    if (relative === 'index.m3u8') {
      return c.body(await live.playlist(url.searchParams), 200, {
        ...MEDIA_CORS,
        'content-type': 'application/vnd.apple.mpegurl',
        // A live playlist changes with every reload: nothing may cache it.
        'cache-control': 'no-store',
      });
    }
    if (relative.endsWith('.m3u8')) return c.notFound();
    const res = await previewFile(relative, c.req.header('range'));
    return res ?? c.notFound();
  });

  // Thumbnails carry no route id: a page full of them would drown the `media` counter, which tests
  // read to tell whether the player has fetched the stream yet.
  app.get('/media/img/:file', (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.svg')) return c.notFound();
    return c.body(placeholderSvg(file.slice(0, -4)), 200, {
      ...MEDIA_CORS,
      'content-type': 'image/svg+xml; charset=utf-8',
      'cache-control': 'public, max-age=86400',
    });
  });

  app.get('/player/broadcast/:broadcastId', route('player'), (c) => {
    const broadcast = isHostile() ? hostile.broadcast(c.req.param('broadcastId')) : catalog.broadcast(c.req.param('broadcastId'));
    if (!broadcast) return c.html('<!doctype html><title>sauceFlex</title><p>방송을 찾을 수 없습니다.</p>', 404);
    const url = new URL(c.req.url);
    const q = url.searchParams;
    return c.html(playerPage(broadcast, { tokenPassed: Boolean(q.get('accessToken') || q.get('token')), hostile: isHostile(), hlsUrl: `${url.origin}/player/assets/hls.mjs`, productOf: (id) => catalog.product(id) }));
  });

  // hls.js for the player page, in browsers without native HLS (as sauceFlex's page bundles its own player).
  app.get('/player/assets/hls.mjs', async (c) => {
    return c.body(new Uint8Array(await HLS_FILE()), 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=86400', ...MEDIA_CORS });
  });

  app.get('/s/:code', (c) => {
    const index = catalog.broadcasts().findIndex((_, i) => shortCodeAt(i) === c.req.param('code'));
    const target = catalog.broadcasts()[index];
    return target?.outputPath ? c.redirect(target.outputPath, 302) : c.notFound();
  });

  // ---- control ----

  app.post('/__control/faults', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'body must be JSON' }, 400);
    }
    const fault = parseFault(body);
    if (typeof fault === 'string') return c.json({ error: fault }, 400);
    faults.set(fault);
    return c.json({ faults: faults.list() });
  });
  /** Extra to the contract: the faults set, and how many requests one was applied to since the last reset. */
  app.get('/__control/faults', (c) => c.json({ faults: faults.list(), applied: faults.applied }));
  app.delete('/__control/faults', (c) => {
    faults.clear();
    return c.json({ faults: [] });
  });
  app.post('/__control/reset', (c) => {
    reset();
    return c.json({ ok: true });
  });
  app.get('/__control/state', (c) => c.json(state()));
  /** Extra to the contract: which data the routes answer with, `normal` or `hostile` (hostile.ts). */
  app.get('/__control/fixtures', (c) => c.json({ mode: fixtureMode }));
  app.put('/__control/fixtures', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { mode?: unknown } | undefined;
    if (!FIXTURE_MODES.includes(body?.mode as FixtureMode)) return c.json({ error: `body must be {mode: ${FIXTURE_MODES.map((m) => `'${m}'`).join(' | ')}}` }, 400);
    fixtureMode = body!.mode as FixtureMode;
    return c.json({ mode: fixtureMode });
  });
  /** Extra to the contract: what sauceFlex has recorded, for the demo's payments page and loop tests. */
  app.get('/__control/payments', (c) => c.json({ payments: payments.list() }));
  /** Extra to the contract: lets a browser test register the partner's public key. */
  app.put('/__control/viewer-key', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { publicKey?: unknown };
    if (typeof body.publicKey !== 'string') return c.json({ error: 'body must be {publicKey: "<SPKI PEM>"}' }, 400);
    try {
      await viewer.setPublicKey(body.publicKey);
    } catch (error) {
      return c.json({ error: `not an RSA SPKI public key: ${error instanceof Error ? error.message : String(error)}` }, 400);
    }
    return c.json({ ok: true });
  });

  // ---- answers for everything else ----

  app.notFound((c) => c.json({ code: 'NOT_FOUND', message: '요청한 경로가 없습니다. (stand-in)', timestamp: now() }, 404));

  app.onError((error, c) => {
    if (error instanceof ConnectionReset) throw error;
    if (error instanceof ApiFailure) {
      return c.json(envelope(error.code, error.response, now(), error.publicMessage), error.status as ContentfulStatusCode);
    }
    console.error('stand-in: unexpected error', error);
    return c.json(envelope('FA1011', undefined, now()), 500);
  });

  function reset(): void {
    catalog.reset();
    admin.reset();
    payments.reset();
    coupons.reset();
    faults.clear();
    faults.resetCount();
    hostile.reset();
    live.reset();
    fixtureMode = 'normal';
    counts = {};
  }

  function state(): StandinState {
    return { counts: { ...counts }, payments: payments.active };
  }

  return {
    app,
    fetch: async (req, env) => app.fetch(req, env ?? {}),
    setViewerPublicKey: (pem) => viewer.setPublicKey(pem),
    setFault: (fault) => {
      const parsed = parseFault(fault);
      if (typeof parsed === 'string') throw new TypeError(`stand-in: bad fault: ${parsed}`);
      faults.set(parsed);
    },
    clearFaults: () => faults.clear(),
    setFixtureMode: (mode) => {
      if (!FIXTURE_MODES.includes(mode)) throw new TypeError(`stand-in: fixture mode must be one of ${FIXTURE_MODES.join(', ')}`);
      fixtureMode = mode;
    },
    fixtureMode: () => fixtureMode,
    reset,
    state,
  };
}

/** The header as sent; the guide's own curl example wraps the token in quotes, so they are stripped. */
function adminHeader(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && v.length > 1 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}
