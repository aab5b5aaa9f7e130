/**
 * `npm start`: the whole demo on 127.0.0.1 in one process — the demo shop (Vite dev server over
 * demo/, importing the widgets from src/), the local sauceFlex stand-in and our backend (token,
 * products, payments) pointed at it. A development RSA key pair is made in .dev/ on first run
 * (git-ignored); the stand-in verifies viewer tokens with its public half, as sauceFlex would with
 * the key a partner registers. Prints the URLs and stops everything on Ctrl-C.
 * Ports: SF_DEMO_PORT (5173), SF_STANDIN_PORT (8787), SF_PORT (8788); a busy port falls back to a
 * free one, and the pages learn the real URLs at request time. SF_STANDIN_LOG=1 prints the stand-in's
 * requests. Lit runs in its production build on every page (no dev-mode warning for shoppers).
 */
import { build, createServer, type Plugin } from 'vite';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin } from './standin/index.js';
import { startSmartStream } from './smartstream/index.js';
import { startLiveMinutes } from './liveminutes/index.js';
import { ensureDevKeys, startServer } from '../src/server/index.js';
import { demoAuthorizeStats, demoResolveMember } from './demo-member.js';
import { CHECKOUT_PATH, createDemoCheckout } from './shop-server.js';

const host = '127.0.0.1';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const demoRoot = fileURLToPath(new URL('.', import.meta.url));

/** The demo shop's own server reports payments with this; a real shop keeps its secret out of git. */
const DEMO_PAYMENTS_SECRET = 'demo-payments-secret-not-for-production';
const DEMO_NOTIFICATIONS_SECRET = 'demo-notifications-secret-not-for-production';

/** Filled once the servers are up; the demo pages' `%SF_…%` placeholders are replaced from it. */
const urls: Record<string, string> = {};

/** Replaces `%SF_API_BASE%`-style placeholders in the demo's HTML on every request. */
function demoUrls(): Plugin {
  return {
    name: 'sauceflex-demo-urls',
    // 'pre': before Vite lifts inline module scripts out of the page, so their placeholders are filled too.
    transformIndexHtml: { order: 'pre', handler: (html) => html.replace(/%(SF_[A-Z_]+)%/g, (whole, key: string) => urls[key] ?? whole) },
  };
}

const distDir = `${repoRoot}.dev/dist`;
const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.map': 'application/json', '.ts': 'text/plain; charset=utf-8' };

/**
 * The built bundles at /dist/, as a shop would host them: the embed pages (embed-*.html) load the
 * real IIFE and ES builds, not the dev server's modules.
 */
function builtBundles(): Plugin {
  return {
    name: 'sauceflex-demo-dist',
    configureServer(server) {
      server.middlewares.use('/dist', (req, res, next) => {
        const path = normalize(join(distDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
        if (!path.startsWith(distDir) || !existsSync(path) || !statSync(path).isFile()) return next();
        res.setHeader('content-type', TYPES[extname(path)] ?? 'application/octet-stream');
        res.setHeader('cache-control', 'no-cache');
        createReadStream(path).pipe(res);
      });
    },
  };
}

/** Build the library (ES + IIFE) into .dev/dist; the same build as `npm run build`, without types. */
async function buildBundles(): Promise<void> {
  const configFile = `${repoRoot}vite.config.ts`;
  await build({ configFile, root: repoRoot, logLevel: 'warn', build: { outDir: distDir, sourcemap: false } });
  await build({ configFile, root: repoRoot, mode: 'iife', logLevel: 'warn', build: { outDir: distDir, sourcemap: false } });
}

/** The demo shop's server route that reports payments (see shop-server.ts). */
function demoCheckout(): Plugin {
  const checkout = createDemoCheckout({
    backendOrigin: () => urls.SF_BACKEND_ORIGIN ?? '',
    paymentsSecret: DEMO_PAYMENTS_SECRET,
    standinOrigin: () => urls.SF_STANDIN_ORIGIN ?? '',
    shopOrigin: () => urls.SF_SHOP_ORIGIN ?? '',
  });
  return {
    name: 'sauceflex-demo-checkout',
    configureServer(server) {
      server.middlewares.use(CHECKOUT_PATH, (req, res) => void checkout(req, res));
    },
  };
}

async function main() {
  const vite = await createServer({
    configFile: false,
    root: demoRoot,
    publicDir: false,
    logLevel: 'warn',
    plugins: [demoUrls(), demoCheckout(), builtBundles()],
    // Shoppers' pages get Lit's production build, as a shop's bundle would (no "Lit is in dev mode").
    resolve: { conditions: ['module', 'browser', 'production'] },
    server: {
      host,
      port: Number(process.env.SF_DEMO_PORT ?? 5173),
      strictPort: false,
      fs: { allow: [repoRoot] },
    },
  });
  await vite.listen();
  console.log('  building the bundles for the embed pages…');
  await buildBundles();
  const shopOrigin = vite.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? `http://${host}:5173`;

  const keys = ensureDevKeys(`${repoRoot}.dev`);
  const standin = await startStandin({
    host,
    port: await freePortOr(Number(process.env.SF_STANDIN_PORT ?? 8787)),
    shopOrigin,
    viewerPublicKey: keys.publicKeyPem,
    // The URLs above stay on screen: one line per request only when asked for.
    log: process.env.SF_STANDIN_LOG === '1',
    // The always-failing coupon is for Storybook and the tests, not for the shop's shoppers.
    testCoupons: false,
  });
  // The other platforms a live-commerce shop combines with its shows: stand-ins of their APIs.
  const smartstream = await startSmartStream({ host, port: 0 });
  const liveminutes = await startLiveMinutes({ host, port: 0 });
  const backend = await startServer({
    config: {
      partnerId: 'mobidoo',
      apiBase: standin.apiBase,
      privateKey: keys.privateKeyPem,
      allowedOrigins: [shopOrigin],
      admin: { id: 'admin', password: 'sauceflex-demo' },
      paymentsSecret: DEMO_PAYMENTS_SECRET,
      smartstream: { apiBase: smartstream.apiBase, merchantId: smartstream.merchantId, apiKey: smartstream.apiKey },
      liveMinutes: { apiBase: liveminutes.origin, ...liveminutes.account, hostId: 'demo-consultant', hostNickname: '상담원' },
      notificationsSecret: DEMO_NOTIFICATIONS_SECRET,
      outbox: { kind: 'file', file: `${repoRoot}.dev/payments-outbox.jsonl` },
      host,
      port: await freePortOr(Number(process.env.SF_PORT ?? 8788)),
    },
    hooks: { resolveMember: demoResolveMember, authorizeStats: demoAuthorizeStats },
  });
  Object.assign(urls, {
    SF_API_BASE: standin.apiBase,
    SF_STANDIN_ORIGIN: standin.origin,
    SF_SHOP_ORIGIN: shopOrigin,
    SF_BACKEND_ORIGIN: backend.origin,
    SF_TOKEN_ENDPOINT: `${backend.origin}/sauceflex/token`,
    SF_PRODUCT_ENDPOINT: `${backend.origin}/sauceflex/products`,
    SF_STATS_ENDPOINT: `${backend.origin}/sauceflex/stats`,
    SF_SCHEDULE_ENDPOINT: `${backend.origin}/sauceflex/schedule`,
    SF_CONSULT_ENDPOINT: `${backend.origin}/sauceflex/consult`,
  });

  console.log(`
  sauceflex-widgets demo
    shop page          ${shopOrigin}/
    embed examples     ${shopOrigin}/embed-iife.html  embed-esm.html  embed-cms.html  theme.html
    partner stats      ${shopOrigin}/stats.html  (sign in with the demo login first)
    backend            ${backend.origin}/sauceflex/token
    who asked to be reminded (the shop's server, never a browser):
      curl -H 'Authorization: Bearer ${DEMO_NOTIFICATIONS_SECRET}' ${backend.origin}/sauceflex/notifications/all
    sauceFlex stand-in ${standin.apiBase}   (partner "mobidoo")
    SmartSTREAM        ${smartstream.apiBase}   LiveMinutes ${liveminutes.origin}   (stand-ins)
  Ctrl-C stops everything. SF_STANDIN_LOG=1 npm start prints the stand-in's requests.
`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await Promise.allSettled([vite.close(), backend.close()]);
    await Promise.allSettled([standin.close(), smartstream.close(), liveminutes.close()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The preferred port when it is free, else 0 (the OS picks). */
async function freePortOr(preferred: number): Promise<number> {
  const { createServer: createNetServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createNetServer()
      .once('error', () => resolve(0))
      .once('listening', () => probe.close(() => resolve(preferred)))
      .listen(preferred, host);
  });
}

main().catch((error: unknown) => {
  console.error('demo: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
