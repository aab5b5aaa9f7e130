// Browser tests in one engine (SF_BROWSER: chromium, firefox or webkit; test/run-browsers.ts runs all three,
// one after another), TypeScript through esbuild, the local sauceFlex stand-in and
// our backend (src/server) started here on ephemeral loopback ports and announced to every test page
// as `__SF_TEST__`. A second backend signs 5-second tokens, for the session's refresh-ahead test.
// Run through `node --import tsx` (see package.json) so this file can import the TypeScript stand-in.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandin } from '../demo/standin/index.ts';
import { startSmartStream } from '../demo/smartstream/index.ts';
import { startLiveMinutes } from '../demo/liveminutes/index.ts';
import { ensureDevKeys, startServer } from '../src/server/index.ts';
import { demoAuthorizeStats, demoResolveMember } from '../demo/demo-member.ts';
import { CHECKOUT_PATH, createDemoCheckout } from '../demo/shop-server.ts';
import { freePort, isEngine, startEngine } from './support/engines.ts';
import { countReporter } from './support/count-reporter.ts';

const engineName = process.env.SF_BROWSER ?? 'chromium';
if (!isEngine(engineName)) throw new Error(`SF_BROWSER must be chromium, firefox or webkit, not ${engineName}`);
const engine = await startEngine(engineName);

// Chosen up front so the backend can allow exactly the test pages' origin.
const pagePort = await freePort();
/** Known only to this process and the backend: the browser reaches payments through the shop's checkout route. */
const PAYMENTS_SECRET = `test-${crypto.randomUUID()}`;
const keysDir = mkdtempSync(join(tmpdir(), 'sf-wtr-keys-'));
const keys = ensureDevKeys(keysDir);
const standin = await startStandin({ host: '127.0.0.1', port: 0, viewerPublicKey: keys.publicKeyPem });
// The other platforms' stand-ins (SmartSTREAM live events as a schedule source, LiveMinutes consultations).
const smartstream = await startSmartStream({ host: '127.0.0.1', port: 0 });
const liveminutes = await startLiveMinutes({ host: '127.0.0.1', port: 0 });

function backend(tokenTtlSec) {
  return startServer({
    config: {
      partnerId: 'mobidoo',
      apiBase: standin.apiBase,
      privateKey: keys.privateKeyPem,
      allowedOrigins: [`http://127.0.0.1:${pagePort}`],
      tokenTtlSec,
      admin: { id: 'admin', password: 'sauceflex-demo' },
      outbox: { kind: 'memory' },
      paymentsSecret: PAYMENTS_SECRET,
      rateLimit: { burst: 500, perMinute: 6000 },
      smartstream: { apiBase: smartstream.apiBase, merchantId: smartstream.merchantId, apiKey: smartstream.apiKey },
      liveMinutes: { apiBase: liveminutes.origin, ...liveminutes.account, hostId: 'consultant-1', hostNickname: '상담원' },
      consultRateLimit: { burst: 200, perMinute: 6000 },
      host: '127.0.0.1',
      port: 0,
    },
    hooks: { resolveMember: demoResolveMember, authorizeStats: demoAuthorizeStats },
  });
}
const server = await backend(600);
const shortLivedServer = await backend(5);
const checkout = createDemoCheckout({
  backendOrigin: () => server.origin,
  paymentsSecret: PAYMENTS_SECRET,
  standinOrigin: () => standin.origin,
  shopOrigin: () => `http://127.0.0.1:${pagePort}`,
});
const stopAll = async () => {
  await Promise.allSettled([server.close(), shortLivedServer.close(), standin.close(), smartstream.close(), liveminutes.close(), engine.stop()]);
  rmSync(keysDir, { recursive: true, force: true });
};


export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  files: [
    'test/**/*.test.ts',
    '!test/**/*.node.test.ts',
  ],
  hostname: '127.0.0.1',
  port: pagePort,
  nodeResolve: { exportConditions: ['production'] },
  // Test files share one stand-in (its faults, counters and reset): one file at a time.
  concurrency: 1,
  testsFinishTimeout: 180_000,
  // No retries: a test that fails once fails the suite.
  testFramework: { config: { timeout: 10_000 } },
  middleware: [
    // The demo shop's own server route (POST /demo-shop/checkout), as `npm start` mounts it.
    async (ctx, next) => {
      if (ctx.path !== CHECKOUT_PATH) return next();
      ctx.respond = false;
      await checkout(ctx.req, ctx.res);
    },
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [engine.launcher],
  reporters: [defaultReporter(), countReporter(process.env.SF_RESULTS_FILE)],
  // Firefox's first start here takes about 24 s.
  browserStartTimeout: 120_000,
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="ko">
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.__SF_TEST__ = ${JSON.stringify({
      engine: engineName,
      standinOrigin: standin.origin,
      apiBase: standin.apiBase,
      backendOrigin: server.origin,
      tokenEndpoint: `${server.origin}/sauceflex/token`,
      productEndpoint: `${server.origin}/sauceflex/products`,
      statsEndpoint: `${server.origin}/sauceflex/stats`,
      scheduleSourceEndpoint: `${server.origin}/sauceflex/schedule/smartstream`,
      smartstreamOrigin: smartstream.origin,
      consultEndpoint: `${server.origin}/sauceflex/consult`,
      liveminutesOrigin: liveminutes.origin,
      shortTokenEndpoint: `${shortLivedServer.origin}/sauceflex/token`,
      checkoutEndpoint: CHECKOUT_PATH,
    })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  async serverStop() {
    await stopAll();
  },
};
