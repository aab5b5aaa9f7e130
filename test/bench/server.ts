/**
 * The benchmarks' own loopback server (127.0.0.1, ephemeral ports); the stand-in is not used, so
 * the numbers do not move when it changes. It answers on two origins, as a shop page meets them:
 * `origin` is the shop's (its pages, its backend routes and the bundles), `apiOrigin` is sauceFlex's
 * (the read API and the pictures, CORS open), so the pictures do not queue behind the bundles for
 * the same six HTTP/1.1 connections. It serves:
 * - `/dist/*`: the built bundles (compressed as a CDN would: brotli or gzip, per Accept-Encoding);
 * - `/bench/*`: the benchmark pages and their plain-JS helpers (test/bench/browser/);
 * - `/shop.html?widgets=es|iife|none`: the bench shop page (test/bench/shop-page.html) with the ES
 *   entry, with the IIFE, or without widgets;
 * - `/media/preview/*` (demo/media/preview, never cached) and `/media/img/*.svg` (placeholders);
 * - the sauceFlex read API under `/V1` from demo/standin/fixtures.ts, and the shop's product,
 *   coupon and token routes under `/shop/*`;
 * - `/n/<count>/V1/front/broadcast/schedule`: <count> broadcasts in one page, for the render bench,
 *   and `POST /__bench/rename` to change one broadcast's name there.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Broadcast } from '../../src/api/models.js';
import { shopperState } from '../../src/shared/broadcast-view.js';
import {
  broadcastFixtures,
  broadcastIdAt,
  couponFixtures,
  couponRules,
  productFixtures,
  DEFAULT_PARTNER_ID,
} from '../../demo/standin/fixtures.js';
import { repoRoot } from './build.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.svg': 'image/svg+xml; charset=utf-8',
};

const benchDir = join(repoRoot, 'test/bench');
const browserDir = join(benchDir, 'browser');
const previewDir = join(repoRoot, 'demo/media/preview');
const hlsLight = createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs');

export interface BenchServer {
  origin: string;
  /** sauceFlex's side: the API under `/V1` and the media the fixtures name. */
  apiOrigin: string;
  /** Paths requested so far (tests of the bench itself, and debugging). */
  requests: string[];
  /** The id of the broadcast the shop page's player and product list show, and the coupon panel's. */
  ids: { preview: string; coupons: string };
  close(): Promise<void>;
}

interface Dataset {
  items: Broadcast[];
  body: string;
}

/** Everything is answered from memory; `distDir` is the folder `buildBundles()` wrote. */
export async function startBenchServer(options: { distDir: string; now?: () => number }): Promise<BenchServer> {
  const now = options.now ?? Date.now;
  const requests: string[] = [];
  const compressed = new Map<string, Buffer>();
  const datasets = new Map<number, Dataset>();
  let origin = '';
  let apiOrigin = '';

  // The shop page's data, made once the ports are known (thumbnail URLs point at sauceFlex's origin).
  let fixtures: { broadcasts: Broadcast[]; products: ReturnType<typeof productFixtures> } | undefined;
  const data = () => (fixtures ??= { broadcasts: broadcastFixtures(now(), apiOrigin), products: productFixtures(apiOrigin, { shopOrigin: origin }) });
  const ids = { preview: broadcastIdAt(0), coupons: broadcastIdAt(1) };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // Open to every page, as sauceFlex's API and pictures are (same-origin requests ignore it).
    res.setHeader('access-control-allow-origin', '*');
    handle(req, res).catch((error: unknown) => {
      console.error('bench server:', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const server: Server = createServer(listener);
  const apiServer: Server = createServer(listener);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    requests.push(path);

    if (path.startsWith('/dist/')) return serveFile(req, res, options.distDir, path.slice('/dist/'.length), 'public, max-age=3600', true);
    if (path.startsWith('/bench/')) return serveFile(req, res, browserDir, path.slice('/bench/'.length), 'no-store', false);
    if (path === '/hls/hls.light.min.mjs') return serveFile(req, res, dirname(hlsLight), 'hls.light.min.mjs', 'public, max-age=3600', true);
    if (path.startsWith('/media/preview/')) return serveFile(req, res, previewDir, path.slice('/media/preview/'.length), 'no-store', false);
    if (path.startsWith('/media/img/') && path.endsWith('.svg')) {
      return send(res, 200, placeholderSvg(path.slice('/media/img/'.length, -4)), TYPES['.svg']!, 'public, max-age=3600');
    }
    if (path === '/shop.html') {
      const widgets = url.searchParams.get('widgets');
      const variant = widgets === 'es' || widgets === 'iife' || widgets === 'ssr' || widgets === 'plain' ? widgets : 'none';
      return send(res, 200, await shopPage(variant), TYPES['.html']!, 'no-store');
    }
    if (path === '/' || path === '/favicon.ico') return send(res, 204, '', 'text/plain', 'no-store');

    // ---- render bench datasets ----
    const sized = /^\/n\/(\d+)\/V1\/front\/broadcast\/schedule$/.exec(path);
    if (sized) return json(res, datasetOf(Number(sized[1])).body);
    if (path === '/__bench/rename' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { n: number; index: number; name: string };
      const set = datasetOf(body.n);
      const item = set.items[body.index];
      if (!item) return json(res, JSON.stringify({ error: 'no such index' }), 404);
      item.broadcastName = body.name;
      set.body = envelopeOf(set.items);
      return json(res, JSON.stringify({ ok: true, broadcastId: item.broadcastId }));
    }

    // ---- the sauceFlex read API, for the shop page ----
    if (path === '/V1/front/broadcast/schedule') {
      const list = data()
        .broadcasts.filter((b) => ['upcoming', 'cancelled'].includes(shopperState(b, now())) && Date.parse(b.programmingStartDt) > now())
        .sort((a, b) => Date.parse(a.programmingStartDt) - Date.parse(b.programmingStartDt));
      return json(res, pageOf(list, url.searchParams));
    }
    if (path === '/V1/front/broadcast') {
      const type = url.searchParams.get('searchType') ?? '0';
      const list = data()
        .broadcasts.filter((b) => matchesSearchType(b, type))
        .sort((a, b) => Date.parse(b.programmingStartDt) - Date.parse(a.programmingStartDt));
      return json(res, pageOf(list, url.searchParams));
    }
    const one = /^\/V1\/front\/broadcast\/([^/]+)\/([^/]+)$/.exec(path);
    if (one) {
      const found = data().broadcasts.find((b) => b.broadcastId === one[2]);
      return json(res, envelopeOf(found ? [found] : []));
    }

    // ---- the shop's backend: product details, coupons, viewer token ----
    const product = /^\/shop\/products\/([^/]+)$/.exec(path);
    if (product) {
      const found = data().products.find((p) => p.productId === product[1]);
      return found ? json(res, JSON.stringify(found)) : json(res, JSON.stringify({ error: 'not found' }), 404);
    }
    if (path === '/shop/coupons') {
      const rules = couponRules();
      let filter: (id: string) => boolean;
      if (req.method === 'POST') {
        const body = JSON.parse((await readBody(req)) || '{}') as { externalProductIds?: string[] };
        const wanted = body.externalProductIds ?? [];
        filter = (id) => !rules[id]?.externalProductIds || rules[id]!.externalProductIds!.some((p) => wanted.includes(p));
      } else {
        const broadcastId = url.searchParams.get('broadcastId');
        filter = (id) => !broadcastId || !rules[id]?.broadcastIds || rules[id]!.broadcastIds!.includes(broadcastId);
      }
      const items = couponFixtures(now()).filter((c) => filter(c.couponId));
      return json(res, JSON.stringify({ code: 'SU0000', message: '성공하였습니다.', response: { totalCount: items.length, count: items.length, items } }));
    }
    if (path === '/shop/token' && req.method === 'POST') return json(res, JSON.stringify({ token: viewerToken(now()) }));

    send(res, 404, 'not found', 'text/plain', 'no-store');
  }

  function datasetOf(n: number): Dataset {
    let set = datasets.get(n);
    if (!set) {
      const items = scheduleBroadcasts(n, now(), origin);
      set = { items, body: envelopeOf(items) };
      datasets.set(n, set);
    }
    return set;
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, root: string, relative: string, cache: string, compress: boolean): Promise<void> {
    const file = normalize(join(root, relative));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'not found', 'text/plain', 'no-store');
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const accept = String(req.headers['accept-encoding'] ?? '');
    const encoding = !compress ? undefined : /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
    if (!encoding) return send(res, 200, readFileSync(file), type, cache);
    const key = `${encoding}:${file}`;
    let body = compressed.get(key);
    if (!body) {
      const raw = readFileSync(file);
      body =
        encoding === 'br'
          ? brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
          : gzipSync(raw, { level: 9 });
      compressed.set(key, body);
    }
    res.writeHead(200, { 'content-type': type, 'content-encoding': encoding, 'content-length': body.length, 'cache-control': cache, vary: 'accept-encoding' });
    res.end(body);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => apiServer.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  apiOrigin = `http://127.0.0.1:${(apiServer.address() as AddressInfo).port}`;

  /** The `<sf-schedule …>` tags of the shop page, each with its attributes. */
  const scheduleTags = /<sf-schedule ([^>]*)><\/sf-schedule>/g;
  const attributesOf = (text: string) => Object.fromEntries([...text.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((m) => [m[1]!, m[2] ?? '']));

  /** Each schedule of the page as @lit-labs/ssr renders it (src/ssr/), data embedded, for the ES entry to hydrate. */
  async function serverRendered(template: string): Promise<string> {
    const { renderSchedule, renderProductList } = await import('../../src/ssr/index.js');
    const parts = await Promise.all(
      [...template.matchAll(scheduleTags)].map(async (match) => {
        const a = attributesOf(match[1]!);
        const html = await renderSchedule({
          partnerId: DEFAULT_PARTNER_ID,
          apiBase: `${apiOrigin}/V1`,
          lang: 'ko',
          timeZone: 'Asia/Seoul',
          tokenEndpoint: `${origin}/shop/token`,
          type: a.type as never,
          layout: a.layout as never,
          limit: Number(a.limit),
          headingLevel: Number(a['heading-level']),
          noCountdown: 'no-countdown' in a,
        });
        return [match[0], html.replace('<sf-schedule ', `<sf-schedule id="${a.id}" `)] as const;
      }),
    );
    let page = template;
    for (const [tag, html] of parts) page = page.replace(tag, html);
    const list = /<sf-product-list broadcast-id="([^"]+)" layout="carousel"><\/sf-product-list>/.exec(page);
    if (list) page = page.replace(list[0], await renderProductList({ partnerId: DEFAULT_PARTNER_ID, apiBase: `${apiOrigin}/V1`, lang: 'ko', timeZone: 'Asia/Seoul', broadcastId: list[1]!, layout: 'carousel', productEndpoint: `${origin}/shop/products` }));
    return page;
  }

  /** The physical best: each schedule as plain HTML written by the server (no JavaScript at all), first picture eager and high priority. */
  async function plainSchedules(template: string): Promise<string> {
    const escape = (text: unknown) => String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    const day = new Intl.DateTimeFormat('ko-KR', { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'Asia/Seoul' });
    const time = new Intl.DateTimeFormat('ko-KR', { hour: 'numeric', minute: '2-digit', timeZone: 'Asia/Seoul' });
    let first = true;
    let page = template;
    for (const match of [...template.matchAll(scheduleTags)]) {
      const a = attributesOf(match[1]!);
      const query = a.type === 'upcoming' ? `/V1/front/broadcast/schedule?returnLimit=${a.limit}` : `/V1/front/broadcast?searchType=${({ live: '3', vod: '1' } as Record<string, string>)[a.type!] ?? '0'}&returnLimit=${a.limit}`;
      const items = ((await (await fetch(`${apiOrigin}${query}`)).json()) as { response: { items: Broadcast[] } }).response.items.filter((b) =>
        a.type === 'live' ? shopperState(b, now()) === 'live' : shopperState(b, now()) !== 'hidden',
      );
      const cards = items.map((b) => {
        const src = (b.broadcastThumbnailList?.[0] ?? b.thumbnailList?.[0])?.thumbnailUrl;
        const img = src ? `<img src="${escape(src)}" alt="" ${first ? 'loading="eager" fetchpriority="high"' : 'loading="lazy"'} decoding="async">` : '';
        first &&= !src;
        const start = new Date(b.programmingStartDt);
        return `<li><a class="card" href="${escape(b.outputPath)}"><div class="thumb">${img}<span class="badge">${escape(shopperState(b, now()))}</span></div><div class="body"><span class="title">${escape(b.broadcastName)}</span><span class="meta">${escape(`${day.format(start)} ${time.format(start)}`)}</span><span class="shop">${escape(b.shopName)}</span></div></a></li>`;
      });
      page = page.replace(match[0], `<div class="plain" id="${a.id}"><div class="header"></div><section class="group"><div class="day">${items.length ? escape(day.format(new Date(items[0]!.programmingStartDt))) : ''}</div><ul class="list">${cards.join('')}</ul></section></div>`);
    }
    return page;
  }

  async function shopPage(widgets: 'es' | 'iife' | 'none' | 'ssr' | 'plain'): Promise<string> {
    const script =
      widgets === 'iife'
        ? `<script src="${origin}/dist/sauceflex-widgets.iife.js" defer></script>`
        : `<script type="module" src="${origin}/dist/sauceflex-widgets.js"></script>`;
    const template = readFileSync(join(benchDir, 'shop-page.html'), 'utf8')
      .replaceAll('%WIDGET_SCRIPT%', script)
      .replaceAll('%ORIGIN%', origin)
      .replaceAll('%API_ORIGIN%', apiOrigin)
      .replaceAll('%PREVIEW_ID%', ids.preview)
      .replaceAll('%COUPON_BROADCAST_ID%', ids.coupons);
    // "Without widgets": the same page, widget tags and the script removed.
    if (widgets === 'none') return template.replace(/<!--widget-->[\s\S]*?<!--\/widget-->/g, '');
    // "Plain HTML": the schedules written by the server as plain HTML, every other widget and the script removed.
    if (widgets === 'plain') {
      const schedules = (await plainSchedules(template.replace(/<!--widget-->(<sf-schedule [\s\S]*?<\/sf-schedule>)<!--\/widget-->/g, '$1')))
        .replace('</head>', `<style>${readFileSync(join(browserDir, 'plain-schedule.css'), 'utf8')}</style></head>`);
      return schedules.replace(/<!--widget-->[\s\S]*?<!--\/widget-->/g, '');
    }
    const page = template.replace(/<!--\/?widget-->/g, '');
    return widgets === 'ssr' ? serverRendered(page) : page;
  }

  const close = (one: Server) =>
    new Promise<void>((resolve) => {
      one.closeAllConnections();
      one.close(() => resolve());
    });
  return {
    origin,
    apiOrigin,
    requests,
    ids,
    close: async () => void (await Promise.all([close(server), close(apiServer)])),
  };
}

// ---- data ----------------------------------------------------------------------------------------

/**
 * `n` broadcasts for the schedule: the fixtures a shopper can see in a schedule (upcoming and
 * cancelled ones; rehearsals are never listed), cloned with fresh ids and spaced 20 minutes apart
 * from half an hour from now, soonest first — as GET /front/broadcast/schedule answers.
 */
export function scheduleBroadcasts(n: number, now: number, origin: string): Broadcast[] {
  const sources = broadcastFixtures(now, origin).filter((b) => ['upcoming', 'cancelled'].includes(shopperState(b, now)));
  const start = Math.ceil(now / 300_000) * 300_000 + 30 * 60_000;
  return Array.from({ length: n }, (_, i) => {
    const source = sources[i % sources.length]!;
    const clone = structuredClone(source);
    const id = broadcastIdAt(10_000 + i);
    const begins = start + i * 20 * 60_000;
    const length = Date.parse(source.programmingEndDt) - Date.parse(source.programmingStartDt);
    Object.assign(clone, {
      broadcastId: id,
      roomId: id,
      programmingStartDt: new Date(begins).toISOString(),
      programmingEndDt: new Date(begins + length).toISOString(),
      outputPath: `${origin}/player/broadcast/${id}`,
    });
    return clone;
  });
}

function matchesSearchType(b: Broadcast, type: string): boolean {
  const state = b.broadcastStateCode;
  const ended = state === 'vod';
  switch (type) {
    case '3': // live now
      return state === 'onair' || state === 'warning';
    case '1': // VOD (replays and uploads)
      return ended;
    case '4': // catch-up
      return ended && b.broadcastTypeCode === 'catchup';
    case '2': // everything that started
      return ['onair', 'warning', 'vod', 'converting', 'error'].includes(state);
    default: // '0': live and catch-up
      return state === 'onair' || state === 'warning' || (ended && b.broadcastTypeCode === 'catchup');
  }
}

function envelopeOf(items: readonly Broadcast[], nextKey?: string): string {
  return JSON.stringify({
    code: 'SU0000',
    message: '성공하였습니다.',
    response: { totalCount: items.length, count: items.length, nextKey: nextKey ?? null, items },
  });
}

/** One page of `list` by `returnLimit`, with an offset as `nextKey` (the shop page never pages). */
function pageOf(list: readonly Broadcast[], query: URLSearchParams): string {
  const limit = Math.min(100, Math.max(1, Number(query.get('returnLimit') ?? 10) || 10));
  const start = Number(Buffer.from(query.get('nextKey') ?? '', 'base64').toString() || 0) || 0;
  const items = list.slice(start, start + limit);
  const more = start + items.length < list.length;
  const body = JSON.parse(envelopeOf(items, more ? Buffer.from(String(start + items.length)).toString('base64') : undefined)) as {
    response: { totalCount: number };
  };
  body.response.totalCount = list.length;
  return JSON.stringify(body);
}

/** A viewer token as the shop's backend hands it over (base64 of a JWT); unsigned, the widgets only decode it. */
function viewerToken(now: number): string {
  const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const iat = Math.floor(now / 1000);
  const claims = { partnerId: DEFAULT_PARTNER_ID, memberId: 'bench-guest', nickName: 'guest', memberType: '0', iat, exp: iat + 3600 };
  return Buffer.from(`${b64url({ typ: 'JWT', alg: 'RS256' })}.${b64url(claims)}.${Buffer.from('bench').toString('base64url')}`).toString('base64');
}

/** A small picture per name, so thumbnails cost about what a real one costs to decode, no more. */
function placeholderSvg(name: string): string {
  let hue = 0;
  for (const ch of name) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400" viewBox="0 0 300 400"><rect width="300" height="400" fill="hsl(${hue} 60% 70%)"/><circle cx="150" cy="170" r="70" fill="hsl(${(hue + 40) % 360} 60% 55%)"/><text x="150" y="330" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#222">${name.replace(/[^\w-]/g, '')}</text></svg>`;
}

function json(res: ServerResponse, body: string, status = 200): void {
  send(res, status, body, TYPES['.json']!, 'no-store');
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, cache: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}
