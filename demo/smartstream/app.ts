/**
 * A stand-in of SmartSTREAM's Live API (../../shared seed smartstream-live-api.txt), the parts our
 * backend reads: `GET /v1/merchants/:merchant_id/live_events` (limit, page, sort, order → {count,
 * live_events}) and `GET /v1/merchants/:merchant_id/live_events/:id` (or `ref:<ref_id>`), with the
 * seed's error codes as JSON `{code, message}`: 400 BAD_REQUEST, 401 UNAUTHORIZED, 404
 * LIVE_EVENT_NOT_FOUND, 500 SERVER_ERROR.
 *
 * The seed does not say how a caller authenticates; this stand-in (and our backend) use
 * `Authorization: Bearer <api key>`. `count` is read as the total number of events. Control routes
 * under /__control switch faults and count requests; preview images are served under /images/.
 */
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { faultRoutes } from '../fault-switch.js';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { smartStreamFaults, type SmartStreamFault } from './faults.js';
import { DEFAULT_API_KEY, DEFAULT_MERCHANT_ID, hostileEventFixtures, liveEventFixtures, type LiveEvent } from './fixtures.js';

export interface SmartStreamStandinOptions {
  merchantId?: string;
  apiKey?: string;
  now?: () => number;
  /** The stand-in's own origin (for preview image URLs), known once it listens. */
  origin?: () => string;
}

export interface SmartStreamRequestRecord {
  path: string;
  query: Record<string, string>;
  /** Whether the right key came with it (never the key itself). */
  authorized: boolean;
}

/** Columns the list can be sorted by (the seed names `updated_at` as its example). */
const SORT_COLUMNS = ['created_at', 'updated_at', 'live_encode_start_at', 'name'] as const;

export function createSmartStreamApp(options: SmartStreamStandinOptions = {}) {
  const merchantId = options.merchantId ?? DEFAULT_MERCHANT_ID;
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const now = options.now ?? Date.now;
  const origin = options.origin ?? (() => 'http://127.0.0.1');
  const faults = smartStreamFaults();
  let requests: SmartStreamRequestRecord[] = [];
  let anchor = now();

  const events = (): LiveEvent[] => liveEventFixtures(anchor, origin(), merchantId);
  const error = (c: Context, status: ContentfulStatusCode, code: string, message: string) => c.json({ code, message }, status);

  /** Checks the key, records the request, and applies a fault; undefined means "answer normally". */
  async function guard(c: Context, route: 'list' | 'get'): Promise<Response | 'hostile' | undefined> {
    const authorized = c.req.header('authorization') === `Bearer ${apiKey}`;
    requests.push({ path: new URL(c.req.url).pathname, query: { ...c.req.query() }, authorized });
    const fault = faults.take(route);
    switch (fault?.kind) {
      case 'serverError':
        return error(c, 500, 'SERVER_ERROR', 'An unexpected error has occurred');
      case 'unauthorized':
        return error(c, 401, 'UNAUTHORIZED', 'Authentication failed');
      case 'badRequest':
        return error(c, 400, 'BAD_REQUEST', 'Invalid request parameters');
      case 'badGateway':
        return c.html('<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>', 502);
      case 'malformed':
        return c.body('{"count": 3, "live_events": [{"id": "ea74', 200, { 'content-type': 'application/json' });
      case 'wrongShape':
        return c.json({ count: 'many', live_events: 'none' });
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
        break;
    }
    if (!authorized) return error(c, 401, 'UNAUTHORIZED', 'Authentication failed');
    if (c.req.param('merchant_id') !== merchantId) return error(c, 401, 'UNAUTHORIZED', 'Authentication failed');
    return fault?.kind === 'hostile' ? 'hostile' : undefined;
  }

  const app = new Hono();

  app.get('/v1/merchants/:merchant_id/live_events', async (c) => {
    const refused = await guard(c, 'list');
    if (refused instanceof Response) return refused;
    const q = c.req.query();
    const limit = q.limit === undefined ? 30 : Number(q.limit);
    const page = q.page === undefined ? 1 : Number(q.page);
    const sort = q.sort ?? 'updated_at';
    const order = (q.order ?? 'ASC').toUpperCase();
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(page) || page < 1) {
      return error(c, 400, 'BAD_REQUEST', 'Invalid request parameters');
    }
    if (!(SORT_COLUMNS as readonly string[]).includes(sort) || (order !== 'ASC' && order !== 'DESC')) {
      return error(c, 400, 'BAD_REQUEST', 'Invalid request parameters');
    }
    if (refused === 'hostile') {
      const list = hostileEventFixtures(anchor, merchantId);
      return c.json({ count: list.length, live_events: page === 1 ? list : [] });
    }
    const sorted = [...events()].sort((a, b) => {
      const x = a[sort as keyof LiveEvent] as string | null;
      const y = b[sort as keyof LiveEvent] as string | null;
      // Events without the column go last whatever the order.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const by = sort === 'name' ? x.localeCompare(y) : Date.parse(x) - Date.parse(y);
      return order === 'ASC' ? by : -by;
    });
    return c.json({ count: sorted.length, live_events: sorted.slice((page - 1) * limit, page * limit) });
  });

  app.get('/v1/merchants/:merchant_id/live_events/:event', async (c) => {
    const refused = await guard(c, 'get');
    if (refused instanceof Response) return refused;
    const key = c.req.param('event');
    const event = events().find((e) => (key.startsWith('ref:') ? e.ref_id === key.slice(4) : e.id === key));
    if (!event) return error(c, 404, 'LIVE_EVENT_NOT_FOUND', 'The specified live event does not exist');
    return c.json(event);
  });

  // Preview images: a small SVG per event, so the demo's cards show a picture.
  app.get('/images/:file', (c) => {
    const id = /^preview_([0-9a-f]{32})_image\.svg$/.exec(c.req.param('file'))?.[1];
    const event = id && events().find((e) => e.id === id);
    if (!event) return c.body(null, 404);
    const hue = parseInt(event.id.slice(0, 2), 16) * 1.4;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180"><rect width="320" height="180" fill="hsl(${hue} 55% 45%)"/><text x="160" y="100" font-size="28" text-anchor="middle" fill="#fff" font-family="sans-serif">SmartSTREAM</text></svg>`;
    return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' });
  });

  // Browser tests drive the control routes from their own page's origin.
  app.use('/__control/*', cors({ origin: '*', allowMethods: ['GET', 'POST', 'PUT', 'DELETE'], allowHeaders: ['Content-Type'] }));
  faultRoutes(app, faults);
  app.get('/__control/requests', (c) => c.json({ requests }));
  app.post('/__control/reset', (c) => {
    reset();
    return c.json({ ok: true });
  });

  app.notFound((c) => error(c, 404, 'NOT_FOUND', 'No such route (stand-in)'));
  app.onError((err, c) => {
    console.error('smartstream stand-in: unexpected error', err);
    return error(c, 500, 'SERVER_ERROR', 'An unexpected error has occurred');
  });

  function reset(): void {
    faults.clear();
    requests = [];
    anchor = now();
  }

  return {
    app,
    fetch: (request: Request) => Promise.resolve(app.fetch(request)),
    merchantId,
    apiKey,
    setFault: (fault: SmartStreamFault) => faults.set(fault),
    clearFaults: () => faults.clear(),
    requests: () => requests.map((r) => ({ ...r })),
    /** The events as the stand-in holds them now (fixtures anchored at the last reset). */
    events,
    reset,
  };
}
