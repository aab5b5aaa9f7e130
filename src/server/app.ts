/**
 * The thin backend as a web-standard app (`fetch(Request) → Response`, built on Hono), so it runs
 * on Node (see start.ts) and on edge runtimes alike:
 *
 * - `POST {token}`: a viewer token for the shopper (`resolveMember` hook; guests get memberType 0).
 *   Browser route: CORS for the configured origins only, per-client rate limit.
 * - `GET {products}/:productId`: product details read with the partner's admin token. Browser route.
 * - `POST|PATCH|DELETE {payments}`: report / update / cancel purchases. Server-to-server only:
 *   `Authorization: Bearer <paymentsSecret>`, no CORS.
 * - `GET {schedule}/:source`: a page of broadcasts from another platform (SmartSTREAM, or a shop's own
 *   `scheduleSources`), read server-side. Browser route.
 * - `POST {consult}`: a LiveMinutes join URL for the signed-in shopper (guests: 401 `login_required`),
 *   rate-limited per member as well as per client. Browser route.
 * - `GET {notifications}/:broadcastId`: who asked to be reminded of a broadcast (or `all`), paged.
 *   Server-to-server only: `Authorization: Bearer <notificationsSecret>`, no CORS, no browser Origin.
 * - `GET {health}`: `{ "status": "ok" }`.
 *
 * Routing is by method (a wrong method answers 405 with Allow); CORS and rate limiting are
 * middleware on the browser routes; every error is thrown and answered once, in `onError`, as JSON
 * `{ "error": { "code", "message" } }`; none carries a key, password, secret or token.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import type { KeyObject } from 'node:crypto';
import { AdminClient, type SharedAdminSession } from './admin-client.js';
import { ConfigError, DEFAULTS, DEFAULT_PATHS, parsePrivateKey, type ServerConfig, type ServerPaths } from './config.js';
import { CorsPolicy, HttpProblem, clientAddress, isHttps, jsonResponse, methodNotAllowed, problemResponse, readCookie, readJsonBody, secretMatches } from './http.js';
import { consoleLogger, describeError, type Logger } from './log.js';
import { FileOutbox, MemoryOutbox, type Outbox } from './outbox.js';
import { PaymentValidationError, PaymentsForwarder, mountPaymentsRoute, type PaymentOutcome } from './payments/index.js';
import { ProductService } from './products.js';
import { StatsService, type StatsQuery } from './stats.js';
import { ConsultService, loginRequired } from './consult.js';
import { NEXT_KEY, SOURCE_NAME, type ScheduleSource } from './sources/source.js';
import { SmartStreamSource } from './sources/smartstream.js';
import { NotificationService } from './notifications.js';
import { MemoryRateLimiter, unlimited, type RateLimiter } from './rate-limit.js';
import { StoreUnavailableError } from './stores/errors.js';
import { createPostgres, migrate } from './stores/postgres.js';
import { createRedis } from './stores/redis.js';
import { renderFragment } from './fragments.js';
import {
  GUEST_COOKIE,
  ViewerTokenMinter,
  guestClaims,
  newGuestId,
  readBodyGuestId,
  readGuestId,
  validateMember,
  type ResolveMember,
  type SignedViewerClaims,
} from './viewer-token.js';

export interface ServerHooks {
  /**
   * Who is asking for a token: the shop wires this to its own session. Return the member, or null
   * for a guest. Default: everyone is a guest. The demo uses `demoResolveMember` (demo/demo-member.ts).
   */
  resolveMember?: ResolveMember;
  /** Every final payments outcome, including retries that succeed (or are refused) long after the call. */
  onPaymentOutcome?: (outcome: PaymentOutcome) => void;
  /** Default: console, warnings and errors only. */
  log?: Logger;
  /** The rate limiter's client key where there is no socket (edge runtimes), e.g. from CF-Connecting-IP. */
  clientKey?: (request: Request, env: unknown) => string;
  /**
   * May this request read a broadcast's stats? Wire it to the shop's own staff session (the request
   * carries the shop's cookies). Without it, only a server holding `statsSecret` may.
   */
  authorizeStats?: (request: Request, broadcastId: string) => boolean | Promise<boolean>;
  /**
   * Schedule sources of the shop's own, by name (`GET {schedule}/<name>`), beside the built-in
   * `smartstream` (configured with `smartstream`). See sources/source.ts.
   */
  scheduleSources?: Record<string, ScheduleSource>;
}

/** Replaceable parts (a shared outbox or limiter for several instances; a fake clock or fetch in tests). */
export interface ServerDeps {
  outbox?: Outbox;
  /** The admin session shared between instances (default: from SF_REDIS_URL, else SF_DATABASE_URL). */
  adminSession?: SharedAdminSession;
  rateLimiter?: RateLimiter;
  /** The consultation route's per-member limiter (default from `consultRateLimit`). */
  consultRateLimiter?: RateLimiter;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface ServerApp {
  /** The web-standard entry: Node passes its bindings as `env` (the socket address for rate limiting). */
  fetch(request: Request, env?: unknown): Promise<Response>;
  readonly hono: Hono;
  /** Resolves once the signing key is imported and the stores are open; rejects if either fails. */
  readonly ready: Promise<void>;
  /**
   * Begin delivering the payments outbox. `startServer` calls it once the port is bound, so a
   * process that cannot listen delivers nothing; an app mounted elsewhere calls it after `ready`.
   */
  start(): void;
  /** The typed payments API for Node code in the same process. */
  readonly payments: PaymentsForwarder;
  /** Null when no admin credentials are configured. */
  readonly admin: AdminClient | null;
  readonly minter: ViewerTokenMinter;
  readonly paths: ServerPaths;
  /** Stop timers, let a delivery round finish (briefly), sync and close the outbox, revoke the admin token. */
  close(): Promise<void>;
}

const TOKEN_BODY_MAX = 4 * 1024;
const GUEST_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** Check a programmatic configuration; throws `ConfigError` naming each bad field. */
export function checkConfig(config: ServerConfig): ServerConfig & { privateKey: KeyObject } {
  const problems: { variable: string; message: string }[] = [];
  if (typeof config.partnerId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(config.partnerId)) {
    problems.push({ variable: 'partnerId', message: 'is required: letters, digits, _ and - (1–64 characters)' });
  }
  try {
    const url = new URL(config.apiBase);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    problems.push({ variable: 'apiBase', message: 'must be an http(s) URL such as https://api.sauceFlex.com/V1' });
  }
  if (!Array.isArray(config.allowedOrigins) || config.allowedOrigins.some((o) => typeof o !== 'string' || o.includes('*'))) {
    problems.push({ variable: 'allowedOrigins', message: 'must list exact origins (no wildcard)' });
  }
  if (config.paymentsSecret !== undefined && config.paymentsSecret.length < 24) {
    problems.push({ variable: 'paymentsSecret', message: 'must be at least 24 characters' });
  }
  let privateKey: KeyObject | undefined;
  try {
    privateKey = parsePrivateKey(config.privateKey, 'privateKey');
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else problems.push({ variable: 'privateKey', message: 'could not be read' });
  }
  if (problems.length) throw new ConfigError(problems);
  return { ...config, apiBase: config.apiBase.replace(/\/+$/, ''), privateKey: privateKey! };
}

export function createServerApp(configInput: ServerConfig, hooks: ServerHooks = {}, deps: ServerDeps = {}): ServerApp {
  const config = checkConfig(configInput);
  const log = hooks.log ?? consoleLogger('warn');
  const now = deps.now ?? Date.now;
  const paths: ServerPaths = { ...DEFAULT_PATHS, ...config.paths };
  const trustedProxyHops = config.trustedProxyHops ?? 0;
  const timeoutMs = config.upstreamTimeoutMs ?? DEFAULTS.upstreamTimeoutMs;

  const minter = new ViewerTokenMinter({ privateKey: config.privateKey, ttlSec: config.tokenTtlSec ?? DEFAULTS.tokenTtlSec, now });

  // Several instances: Redis holds the rate limiter's buckets and the admin session (with its lock).
  const redis = config.redisUrl ? createRedis(config.redisUrl, { log: (message) => log.warn(message) }) : null;
  const rateLimit = config.rateLimit ?? DEFAULTS.rateLimit;
  const limiter: RateLimiter =
    deps.rateLimiter ?? (rateLimit === false ? unlimited : redis ? redis.rateLimiter(rateLimit) : new MemoryRateLimiter({ ...rateLimit, now }));

  // Several instances: PostgreSQL holds the outbox, the results and (without Redis) the admin session.
  const postgres = config.databaseUrl ? createPostgres(config.databaseUrl, { log: (message) => log.warn(message) }) : null;
  const adminName = `${config.partnerId}:${config.admin?.id ?? ''}`;
  const adminSession = deps.adminSession ?? redis?.adminSession(adminName) ?? postgres?.adminSession(adminName);

  const admin = config.admin
    ? new AdminClient({
        ...(adminSession ? { shared: adminSession } : {}),
        apiBase: config.apiBase,
        partnerId: config.partnerId,
        id: config.admin.id,
        password: config.admin.password,
        ...(config.admin.lifeTimeDays !== undefined ? { lifeTimeDays: config.admin.lifeTimeDays } : {}),
        timeoutMs,
        now,
        log,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      })
    : null;
  const products = admin
    ? new ProductService(admin, { ttlMs: (config.productCacheTtlSec ?? DEFAULTS.productCacheTtlSec) * 1000, budgetMs: config.browserBudgetMs ?? DEFAULTS.browserBudgetMs, now, log })
    : null;

  const stats = admin
    ? new StatsService(admin, { apiBase: config.apiBase, partnerId: config.partnerId, timeoutMs, now, log, ...(deps.fetch ? { fetch: deps.fetch } : {}) })
    : null;

  const upstreamDeps = { timeoutMs, now, log, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  const sources = new Map<string, ScheduleSource>();
  if (config.smartstream) sources.set('smartstream', new SmartStreamSource(config.smartstream, upstreamDeps));
  for (const [name, source] of Object.entries(hooks.scheduleSources ?? {})) {
    if (!SOURCE_NAME.test(name)) throw new ConfigError([{ variable: `scheduleSources.${name}`, message: 'a source name is lower-case letters, digits and - (1–32)' }]);
    sources.set(name, source);
  }
  // Several instances: a shopper's meeting is found again whichever instance the next press reaches.
  const meetings = redis?.meetings ?? postgres?.meetings;
  const consult = config.liveMinutes ? new ConsultService(config.liveMinutes, config.partnerId, { ...upstreamDeps, ...(meetings ? { meetings } : {}) }) : null;
  const consultRate = config.consultRateLimit ?? DEFAULTS.consultRateLimit;
  const consultLimiter: RateLimiter =
    deps.consultRateLimiter ?? (redis ? redis.rateLimiter(consultRate) : new MemoryRateLimiter({ ...consultRate, now }));
  const notifications = admin
    ? new NotificationService(admin, { apiBase: config.apiBase, partnerId: config.partnerId, timeoutMs, log, ...(deps.fetch ? { fetch: deps.fetch } : {}) })
    : null;

  const outboxSetting = config.outbox ?? { kind: 'file', file: DEFAULTS.outboxFile };
  const outbox =
    deps.outbox ??
    postgres?.outbox ??
    (outboxSetting.kind === 'memory'
      ? new MemoryOutbox()
      : new FileOutbox(outboxSetting.file, { onWarning: (message) => log.warn(message) }));
  const payments = new PaymentsForwarder({
    apiBase: config.apiBase,
    outbox,
    timeoutMs,
    backoff: config.paymentsBackoff ?? DEFAULTS.paymentsBackoff,
    waitMs: config.paymentsWaitMs ?? DEFAULTS.paymentsWaitMs,
    // A shared outbox gets work from other instances (and from ones that died): look for it regularly.
    ...(postgres || config.paymentsPollMs ? { pollMs: config.paymentsPollMs ?? DEFAULTS.paymentsPollMs } : {}),
    now,
    log,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(hooks.onPaymentOutcome ? { onOutcome: hooks.onPaymentOutcome } : {}),
  });

  const resolveMember: ResolveMember = hooks.resolveMember ?? (() => null);
  const clientKey = hooks.clientKey ?? ((request: Request, env: unknown) => clientAddress(request, env, trustedProxyHops));

  /**
   * CORS for a browser route: preflights answered here; a foreign Origin refused with 403 before
   * any work; the listed origins get their allowance (with credentials) on every answer, errors too.
   */
  const cors = (methods: string[]): MiddlewareHandler => {
    const policy = new CorsPolicy(config.allowedOrigins, methods);
    return async (c, next) => {
      if (c.req.method === 'OPTIONS') return policy.preflight(c.req.raw);
      policy.check(c.req.raw);
      await next();
      for (const [name, value] of Object.entries(policy.headersFor(c.req.header('origin') ?? null))) c.res.headers.set(name, value);
    };
  };

  /** A per-client token bucket per route; 429 with Retry-After when it is empty. */
  const rateLimited =
    (route: string): MiddlewareHandler =>
    async (c, next) => {
      const decision = await limiter.take(`${route}:${clientKey(c.req.raw, c.env)}`);
      if (!decision.allowed) {
        throw new HttpProblem(429, 'rate_limited', 'Too many requests from this client; wait and try again.', {
          headers: { 'retry-after': String(decision.retryAfterSec) },
        });
      }
      await next();
    };

  /**
   * A browser route answers within `budgetMs` whatever sauceFlex or a hook does: 503 with
   * Retry-After instead of a shopper's page waiting on retries of a slow upstream.
   */
  const budgetMs = config.browserBudgetMs ?? DEFAULTS.browserBudgetMs;
  const withinBudget: MiddlewareHandler = async (_c, next) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const over = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new HttpProblem(503, 'upstream_unavailable', 'This took too long; try again shortly.', { headers: { 'retry-after': '5' } })),
        budgetMs,
      );
    });
    try {
      await Promise.race([next(), over]);
    } finally {
      clearTimeout(timer);
    }
  };

  const wrongMethod = (allow: string) => () => {
    throw methodNotAllowed(allow);
  };

  const hono = new Hono();

  // --- viewer token ------------------------------------------------------------------------
  /** The shop's `resolveMember` hook: its own HTTP problems pass through; anything else it throws is a logged 500. */
  const lookUpMember = async (request: Request, body: unknown) => {
    try {
      return await resolveMember(request, { body });
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      log.error('resolveMember threw', { error: describeError(error) });
      throw new HttpProblem(500, 'member_lookup_failed', 'The shopper could not be looked up.');
    }
  };

  hono.use(paths.token, cors(['POST']));
  hono.post(paths.token, withinBudget, rateLimited('token'), async (c) => {
    const request = c.req.raw;
    const body = await readJsonBody(request, { maxBytes: TOKEN_BODY_MAX, requireObject: true });

    const member = await lookUpMember(request, body);

    let claims: SignedViewerClaims;
    const headers: Record<string, string> = { 'cache-control': 'no-store', pragma: 'no-cache' };
    if (member === null || member === undefined) {
      // Storage consent from the widgets (README, "Cookies and storage"): the cookie is set only when
      // granted (or when an older client says nothing), removed when denied; meanwhile the page keeps
      // its guest id in memory and sends it back.
      const consent = (body as { consent?: unknown } | undefined)?.consent;
      const mayStore = consent === undefined || consent === 'granted';
      const cookieId = readGuestId(request);
      const guestId = cookieId ?? readBodyGuestId(body) ?? newGuestId();
      const secure = isHttps(request, trustedProxyHops) ? '; Secure' : '';
      if (mayStore && !cookieId) {
        headers['set-cookie'] = `${GUEST_COOKIE}=${guestId}; Path=/; Max-Age=${GUEST_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure}`;
      } else if (consent === 'denied' && readCookie(request, GUEST_COOKIE) !== undefined) {
        headers['set-cookie'] = `${GUEST_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
      }
      claims = guestClaims(config.partnerId, guestId);
    } else {
      claims = validateMember(member, config.partnerId, { maskAll: config.maskNickNames ?? false });
    }
    const minted = await minter.mint(claims);
    return jsonResponse({ token: minted.token, expiresAt: minted.expiresAt }, 200, headers);
  });
  hono.all(paths.token, wrongMethod('POST, OPTIONS'));

  // --- product details -------------------------------------------------------------------------
  const productPath = `${paths.products}/:productId`;
  hono.use(productPath, cors(['GET']));
  hono.get(productPath, withinBudget, rateLimited('products'), async (c) => {
    if (!products) throw new HttpProblem(503, 'products_unavailable', 'Product details are not available on this server.');
    const { product, maxAgeSec } = await products.get(c.req.param('productId') ?? '');
    return jsonResponse(product, 200, { 'cache-control': `private, max-age=${maxAgeSec}` });
  });
  hono.all(productPath, wrongMethod('GET, OPTIONS'));

  // --- broadcast stats (the partner's own pages, or another server) ----------------------------
  const statsPath = `${paths.stats}/:broadcastId`;
  hono.use(statsPath, cors(['GET']));
  hono.get(statsPath, withinBudget, rateLimited('stats'), async (c) => {
    const broadcastId = c.req.param('broadcastId') ?? '';
    if (!stats) throw new HttpProblem(503, 'stats_unavailable', 'Stats need the partner admin login (SF_ADMIN_ID, SF_ADMIN_PASSWORD) on this server.');
    await authorizeStatsRequest(c.req.raw, broadcastId);
    const q = new URL(c.req.url).searchParams;
    const query: StatsQuery = {};
    for (const key of ['from', 'to', 'interval'] as const) {
      const value = q.get(key);
      if (value !== null) query[key] = value;
    }
    // Who may see them depends on the shop's session: a cached answer must not outlive a sign-out.
    return jsonResponse(await stats.get(broadcastId, query, c.req.raw.signal), 200, { 'cache-control': 'no-store' });
  });
  hono.all(statsPath, wrongMethod('GET, OPTIONS'));

  /** A server with the stats secret, or whoever the shop's own hook lets in; nobody by default. */
  async function authorizeStatsRequest(request: Request, broadcastId: string): Promise<void> {
    const auth = request.headers.get('authorization') ?? '';
    if (config.statsSecret && /^Bearer [^\s]+$/.test(auth) && (await secretMatches(auth.slice(7), config.statsSecret))) return;
    if (!hooks.authorizeStats && !config.statsSecret) {
      throw new HttpProblem(403, 'stats_forbidden', 'Nobody may read stats here: give the server an authorizeStats hook or SF_STATS_SECRET.');
    }
    let allowed = false;
    try {
      allowed = (await hooks.authorizeStats?.(request, broadcastId)) === true;
    } catch (error) {
      log.error('authorizeStats threw', { error: describeError(error) });
    }
    if (!allowed) throw new HttpProblem(403, 'stats_forbidden', 'This request may not read stats.');
  }

  // --- schedule sources (other platforms' live events as broadcasts) ---------------------------
  const schedulePath = `${paths.schedule}/:source`;
  hono.use(schedulePath, cors(['GET']));
  hono.get(schedulePath, withinBudget, rateLimited('schedule'), async (c) => {
    const name = c.req.param('source') ?? '';
    const source = SOURCE_NAME.test(name) ? sources.get(name) : undefined;
    if (!source) throw new HttpProblem(404, 'source_not_found', `No schedule source "${name.slice(0, 32)}" on this server.`, { field: 'source' });
    const q = new URL(c.req.url).searchParams;
    const limitText = q.get('limit') ?? '10';
    const limit = Number(limitText);
    if (!/^\d{1,3}$/.test(limitText) || limit < 1 || limit > 100) throw new HttpProblem(400, 'invalid_limit', 'limit must be a whole number from 1 to 100.', { field: 'limit' });
    const nextKey = q.get('nextKey') ?? undefined;
    if (nextKey !== undefined && !NEXT_KEY.test(nextKey)) throw new HttpProblem(400, 'invalid_next_key', 'nextKey is not one this server gave.', { field: 'nextKey' });
    const page = await source.list({ limit, ...(nextKey !== undefined ? { nextKey } : {}) }, c.req.raw.signal);
    // Public listings, read by every shopper: a short cache spares the platform.
    return jsonResponse(page, 200, { 'cache-control': 'public, max-age=15' });
  });
  hono.all(schedulePath, wrongMethod('GET, OPTIONS'));

  // --- live consultation (LiveMinutes) ---------------------------------------------------------
  hono.use(paths.consult, cors(['POST']));
  hono.post(paths.consult, withinBudget, rateLimited('consult'), async (c) => {
    const request = c.req.raw;
    const body = (await readJsonBody(request, { maxBytes: TOKEN_BODY_MAX, requireObject: true })) as { lang?: unknown } | undefined;
    const member = await lookUpMember(request, body);
    if (member === null || member === undefined) throw loginRequired();
    const claims = validateMember(member, config.partnerId, { maskAll: config.maskNickNames ?? false });
    // Each press may create a meeting on the shop's account: per member, whatever address it comes from.
    const decision = await consultLimiter.take(`consult-member:${claims.memberId}`);
    if (!decision.allowed) {
      throw new HttpProblem(429, 'rate_limited', 'Too many consultation requests; wait and try again.', { headers: { 'retry-after': String(decision.retryAfterSec) } });
    }
    if (!consult) throw new HttpProblem(503, 'consult_unavailable', 'Live consultation is not set up on this server.');
    const lang = body?.lang === 'en' || body?.lang === 'ko' ? body.lang : undefined;
    const answer = await consult.join({ memberId: claims.memberId, nickName: claims.nickName }, lang);
    return jsonResponse(answer, 200, { 'cache-control': 'no-store' });
  });
  hono.all(paths.consult, wrongMethod('POST, OPTIONS'));
  // --- the notification list (server to server: names and phone numbers) ------------------------
  const notificationsPath = `${paths.notifications}/:broadcastId`;
  hono.get(notificationsPath, async (c) => {
    const request = c.req.raw;
    // A browser's request (it always sends Origin on a cross-origin fetch) never reads this list.
    if (request.headers.has('origin')) throw new HttpProblem(403, 'server_only', 'The notification list is for the shop\'s server, not a browser.');
    if (!config.notificationsSecret) throw new HttpProblem(404, 'not_found', 'No such route.');
    const auth = request.headers.get('authorization') ?? '';
    if (!(await secretMatches(/^Bearer [^\s]+$/.test(auth) ? auth.slice(7) : undefined, config.notificationsSecret))) {
      throw new HttpProblem(401, 'unauthorized', 'Send the notifications secret as Authorization: Bearer <secret>.', {
        headers: { 'www-authenticate': 'Bearer realm="sauceflex-notifications"' },
      });
    }
    if (!notifications) throw new HttpProblem(503, 'notifications_unavailable', 'The notification list needs the partner admin login (SF_ADMIN_ID, SF_ADMIN_PASSWORD) on this server.');
    const q = new URL(c.req.url).searchParams;
    const page = await notifications.page(c.req.param('broadcastId') ?? '', { limit: q.get('limit'), cursor: q.get('cursor') }, request.signal);
    return jsonResponse(page, 200, { 'cache-control': 'no-store' });
  });
  hono.all(notificationsPath, wrongMethod('GET'));

  // --- payments (server to server) -------------------------------------------------------------
  mountPaymentsRoute(hono, paths.payments, config.paymentsSecret, payments);

  // --- health ----------------------------------------------------------------------------------
  // Server-rendered elements: the partner's schedule (a card, a product list) as HTML with Declarative
  // Shadow DOM and its data embedded, for a shop's server to put in its page (src/ssr/). Loaded on first use.
  const fragmentPath = `${paths.fragments}/:element`;
  hono.use(fragmentPath, cors(['GET']));
  hono.get(fragmentPath, withinBudget, rateLimited('fragments'), async (c) => {
    const html = await renderFragment(c.req.param('element') ?? '', new URL(c.req.url).searchParams, { partnerId: config.partnerId, apiBase: config.apiBase }, c.req.raw.signal);
    return new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=30' } });
  });
  hono.all(fragmentPath, wrongMethod('GET, OPTIONS'));

  hono.get(paths.health, () => jsonResponse({ status: 'ok' }, 200, { 'cache-control': 'no-store' }));

  hono.notFound(() => problemResponse(new HttpProblem(404, 'not_found', 'No such route.')));
  hono.onError((error, c) => problemResponse(toProblem(error, `${c.req.method} ${c.req.path}`)));

  /** The one mapping from a thrown error to an answer; anything unexpected is logged and hidden. */
  function toProblem(error: unknown, where: string): HttpProblem {
    if (error instanceof HttpProblem) return error;
    if (error instanceof PaymentValidationError) return new HttpProblem(400, 'invalid_payment', error.message, { field: error.field });
    if (error instanceof StoreUnavailableError) {
      // PostgreSQL or Redis is down: nothing was acknowledged, so the caller retries later.
      log.error(`${where}: ${error.message}`, { error: describeError(error.cause) });
      return new HttpProblem(503, 'store_unavailable', `${error.store} is not answering; nothing was stored, try again shortly.`, {
        headers: { 'retry-after': '5' },
      });
    }
    log.error(`${where} failed`, { error: describeError(error) });
    return new HttpProblem(500, 'internal_error', 'Something went wrong on the server.');
  }

  const ready = Promise.all([
    minter.ready(),
    postgres ? migrate(postgres.pool).then(() => outbox.size()) : outbox.size(),
    redis?.connect(),
  ]).then(() => {});
  ready.catch(() => {}); // the caller (startServer) reports it

  let closing: Promise<void> | null = null;
  return {
    fetch: (request, env) => Promise.resolve(hono.fetch(request, env)),
    hono,
    ready,
    payments,
    admin,
    minter,
    paths,
    start: () => payments.start(),
    close() {
      closing ??= (async () => {
        await Promise.allSettled([payments.close(), admin?.close() ?? Promise.resolve(), limiter.close?.(), consultLimiter.close?.()]);
        await Promise.allSettled([postgres?.close(), redis?.close()]);
      })();
      return closing;
    },
  };
}
