/**
 * Under a strict Content Security Policy, sent as a header, in Chromium, Firefox ESR and WebKit: each way of
 * embedding (classic script, ES modules, nonce + 'strict-dynamic', Trusted Types) renders every element
 * and the player plays; with one directive missing the element says which one instead of stalling.
 * The built bundles (dist/ when it is newer than the sources, else a fresh build in a temporary
 * folder), the stand-in (API, stream, images) and the backend (viewer token) run on loopback ports of
 * their own, so every policy names three real origins.
 *
 * What the page logged and what the policy refused are read in the page itself (a probe script served by
 * the test, allowed by each policy like the page's own scripts: it wraps console and fetch and listens for
 * `securitypolicyviolation`), so the same checks hold in WebKit, whose WebDriver cannot read the console;
 * Chromium and Firefox also have the browser's own console checked. Trusted Types variants run where the
 * engine has `window.trustedTypes` (all three here: Chromium, Firefox ESR 153, WebKitGTK 2.50), and are
 * skipped elsewhere with the reason in the title.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { buildBundles, repoRoot } from '../bench/build.js';
import { launchEngine, requestedEngines, type EnginePage } from '../support/engine-page.js';
import { freePort, type Engine } from '../support/engines.js';
import { startStandin } from '../../demo/standin/index.js';
import { ensureDevKeys, startServer } from '../../src/server/index.js';

const PLAYER_BROADCAST = 'lkmobidoo-dea8acf0d9a8f6ce1fa3083aef40d010';
const COUPON_BROADCAST = 'lkmobidoo-68d8473b264a8a252da59bcaa590533a';
const NONCE = 'c3BpY3ktbm9uY2U';

/** dist/ when both builds are newer than everything they are built from; otherwise a build of our own. */
async function libraryDir(cleanup: (fn: () => void) => void): Promise<string> {
  const dist = join(repoRoot, 'dist');
  const newest = (path: string): number =>
    statSync(path).isDirectory() ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name)))) : statSync(path).mtimeMs;
  const sources = Math.max(...['src', 'build', 'vite.config.ts', 'package-lock.json'].map((p) => newest(join(repoRoot, p))));
  const built = ['sauceflex-widgets.js', 'sauceflex-widgets.iife.js'].map((file) => join(dist, file));
  if (built.every((file) => existsSync(file) && statSync(file).mtimeMs > sources)) return dist;
  const outDir = mkdtempSync(join(tmpdir(), 'sf-csp-build-'));
  cleanup(() => rmSync(outDir, { recursive: true, force: true }));
  await buildBundles(outDir);
  return outDir;
}

interface Origins {
  page: string;
  standin: string;
  backend: string;
}

interface Variant {
  name: string;
  /** The Content-Security-Policy header. */
  csp: string;
  /** The page's <head> scripts and <body>. */
  head: string;
  body: string;
  /** Needs Trusted Types in the browser. */
  trustedTypes?: boolean;
  check(page: EnginePage, engine: Engine): Promise<void>;
}

/** Directive by directive, the least each embedding needs (the README's table). */
function policy(o: Origins, script: string, overrides: Record<string, string> = {}): string {
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': script,
    'connect-src': `${o.standin} ${o.backend}`,
    'img-src': o.standin,
    // The page's own stylesheet; the elements need none (Lit adopts constructed stylesheets).
    'style-src': o.page,
    'media-src': `${o.standin} blob:`,
    'base-uri': "'none'",
    'object-src': "'none'",
    ...overrides,
  };
  return Object.entries(directives)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name} ${value}`.trim())
    .join('; ');
}

function config(o: Origins): string {
  return `<sf-config partner-id="mobidoo" api-base="${o.standin}/V1" token-endpoint="${o.backend}/sauceflex/token"
    coupon-endpoint="${o.standin}/shop/coupons" lang="en"></sf-config>`;
}

const everyElement = (o: Origins) => `${config(o)}
  <sf-preview-player autoplay src="${o.standin}/media/preview/index.m3u8"></sf-preview-player>
  <sf-countdown to="2030-01-01T00:00:00Z"></sf-countdown>
  <sf-schedule type="upcoming" limit="3"></sf-schedule>
  <sf-product-list broadcast-id="${PLAYER_BROADCAST}"></sf-product-list>
  <sf-coupon-panel broadcast-id="${COUPON_BROADCAST}"></sf-coupon-panel>`;

const classicScript = (nonce = '') => `<script src="/dist/sauceflex-widgets.iife.js" defer${nonce ? ` nonce="${nonce}"` : ''}></script>`;
/** The test's probe (see PROBE), first in <head>, allowed as the page's own scripts are. */
const probeScript = (nonce = '') => `<script src="/probe.js"${nonce ? ` nonce="${nonce}"` : ''}></script>`;

interface ElementShot {
  tag: string;
  id: string;
  defined: boolean;
  busy: boolean;
  /** Its role=alert text. */
  alert: string;
  /** Cards or coupons it lists. */
  items: number;
  text: string;
  playedTo: number;
  engine?: string;
  state: string | null;
}

/** In the page: what each element shows. A string, so tsx's helpers never reach the browser. */
const SNAPSHOT = `[...document.querySelectorAll('body *')]
  .filter((el) => el.localName.startsWith('sf-') && el.localName !== 'sf-config')
  .map((el) => {
    const root = el.shadowRoot;
    const all = (selector) => [...(root ? root.querySelectorAll(selector) : [])];
    const video = root && root.querySelector('video');
    return {
      tag: el.localName,
      id: el.id,
      defined: el.matches(':defined'),
      busy: all('[aria-busy="true"]').length > 0,
      alert: all('[role="alert"]').map((node) => node.textContent.trim()).join(' '),
      items: all('li[data-broadcast-id], sf-broadcast-card, sf-product-card, [part~="coupon"], [part~="item"]').length,
      text: (root ? root.textContent : '').trim().slice(0, 200),
      playedTo: video ? video.currentTime : -1,
      engine: el.activeEngine,
      state: el.getAttribute('state'),
    };
  })`;

function snapshot(page: EnginePage): Promise<ElementShot[]> {
  return page.evaluate(SNAPSHOT) as Promise<ElementShot[]>;
}
type Snapshot = ElementShot[];

async function until(page: EnginePage, what: string, ok: (shot: Snapshot) => boolean, timeout = 30_000): Promise<Snapshot> {
  const deadline = Date.now() + timeout;
  let shot = await snapshot(page);
  while (!ok(shot)) {
    if (Date.now() > deadline) assert.fail(`${what}; the page shows ${JSON.stringify(shot, null, 1)}`);
    // Polling the page's state (not a timed guess): each round asks the browser again.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))');
    shot = await snapshot(page);
  }
  return shot;
}

const rendered = (shot: Snapshot[number]): boolean => {
  if (!shot.defined || shot.busy || shot.alert) return false;
  switch (shot.tag) {
    case 'sf-preview-player':
      return shot.playedTo > 0.3 && shot.state === 'playing';
    case 'sf-schedule':
    case 'sf-product-list':
      return shot.items > 0;
    default:
      return shot.text !== '';
  }
};

function allRender(page: EnginePage): Promise<Snapshot> {
  return until(page, 'every element renders and the player plays', (shot) => shot.length === 5 && shot.every(rendered));
}

function variants(o: Origins): Variant[] {
  const self = `${o.page}`;
  const otherLit = `<script src="/other-lit.js"></script>`;
  return [
    { name: 'classic script', csp: policy(o, self), head: probeScript() + classicScript(), body: everyElement(o), check: (page) => allRender(page).then(() => {}) },
    { name: 'ES modules (an external module script)', csp: policy(o, self), head: probeScript() + `<script type="module" src="/app.js"></script>`, body: everyElement(o), check: (page) => allRender(page).then(() => {}) },
    {
      name: "nonce + 'strict-dynamic' (no host allow-list)",
      csp: policy(o, `'nonce-${NONCE}' 'strict-dynamic'`),
      head: probeScript(NONCE) + classicScript(NONCE),
      body: everyElement(o),
      check: (page) => allRender(page).then(() => {}),
    },
    {
      name: 'Trusted Types: trusted-types lit-html',
      csp: `${policy(o, self)}; require-trusted-types-for 'script'; trusted-types lit-html`,
      head: probeScript() + classicScript(),
      body: everyElement(o),
      trustedTypes: true,
      check: (page) => allRender(page).then(() => {}),
    },
    {
      name: "Trusted Types: a second lit-html policy on the page, with 'allow-duplicates'",
      csp: `${policy(o, self)}; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'`,
      head: probeScript() + otherLit + classicScript(),
      body: everyElement(o),
      trustedTypes: true,
      check: (page) => allRender(page).then(() => {}),
    },
    {
      name: "missing: trusted-types without 'allow-duplicates' when another lit-html policy exists",
      csp: `${policy(o, self)}; require-trusted-types-for 'script'; trusted-types lit-html`,
      head: probeScript() + otherLit + classicScript(),
      body: everyElement(o),
      trustedTypes: true,
      check: async (page) => {
        await until(page, "every element names 'allow-duplicates'", (shot) => shot.length === 5 && shot.every((s) => s.alert.includes("'allow-duplicates' in trusted-types")));
      },
    },
    {
      name: "missing: trusted-types 'none' (no policy may be created, Lit's neither)",
      csp: `${policy(o, self)}; require-trusted-types-for 'script'; trusted-types 'none'`,
      head: probeScript() + classicScript(),
      body: everyElement(o),
      trustedTypes: true,
      check: async (page) => {
        await until(page, 'every element names lit-html in trusted-types', (shot) => shot.length === 5 && shot.every((s) => s.alert.includes('lit-html in trusted-types')));
      },
    },
    {
      name: 'missing: connect-src without the backend origin (the viewer token)',
      csp: policy(o, self, { 'connect-src': o.standin }),
      head: probeScript() + classicScript(),
      body: `${config(o)}<sf-coupon-panel broadcast-id="${COUPON_BROADCAST}"></sf-coupon-panel>`,
      check: async (page) => {
        await until(page, `the coupon panel names connect-src ${o.backend}`, (shot) => shot.length === 1 && shot[0]!.alert.includes(`connect-src ${o.backend}`), 8_000);
      },
    },
    {
      name: 'missing: connect-src without the API origin',
      csp: policy(o, self, { 'connect-src': o.backend }),
      head: probeScript() + classicScript(),
      body: `${config(o)}<sf-schedule type="upcoming" limit="3"></sf-schedule><sf-product-list broadcast-id="${PLAYER_BROADCAST}"></sf-product-list>`,
      check: async (page) => {
        await until(page, `the data elements name connect-src ${o.standin}`, (shot) => shot.length === 2 && shot.every((s) => s.alert.includes(`connect-src ${o.standin}`)));
        // A refused request is not retried like a network failure (which the HTTP path tries 3 times).
        const fetches = (await page.evaluate('window.__sfProbe.fetches')) as Record<string, number>;
        const refused = Object.entries(fetches).filter(([url]) => url.startsWith(o.standin));
        assert.ok(refused.length >= 2, `both elements asked the API: ${JSON.stringify(fetches)}`);
        assert.deepEqual(refused.filter(([, n]) => n !== 1), [], `each refused request was tried once: ${JSON.stringify(fetches)}`);
      },
    },
    {
      name: 'missing: media-src without blob:',
      csp: policy(o, self, { 'media-src': o.standin }),
      head: probeScript() + classicScript(),
      body: `${config(o)}
        <sf-preview-player id="auto" autoplay src="${o.standin}/media/preview/index.m3u8"></sf-preview-player>
        <sf-preview-player id="hlsjs" engine="hlsjs" autoplay src="${o.standin}/media/preview/index.m3u8?hlsjs"></sf-preview-player>`,
      check: async (page, engine) => {
        const names = (s: Snapshot[number]) => s.state === 'error' && s.alert.includes('media-src blob:');
        const plays = (s: Snapshot[number]) => s.playedTo > 0.3;
        // Chromium and WebKit refuse the MediaSource's blob: URL; Firefox does not apply media-src to
        // MediaSource URLs, so hls.js plays there either way. Where it is refused, auto falls back to the
        // browser's own HLS if it has one (Chromium), else says what to add (WebKitGTK has no native HLS).
        const refusesBlob = engine !== 'firefox';
        const nativeHls = (await page.evaluate("document.createElement('video').canPlayType('application/vnd.apple.mpegurl') !== ''")) as boolean;
        const auto = (s: Snapshot[number]) => (!refusesBlob ? plays(s) : nativeHls ? s.engine === 'native' && plays(s) : names(s));
        const hlsjs = (s: Snapshot[number]) => (refusesBlob ? names(s) : plays(s));
        await until(page, `auto: ${!refusesBlob ? 'plays' : nativeHls ? 'native fallback' : 'names media-src blob:'}; engine=hlsjs: ${refusesBlob ? 'names media-src blob:' : 'plays'}`, (shot) =>
          shot.length === 2 && auto(shot.find((s) => s.id === 'auto')!) && hlsjs(shot.find((s) => s.id === 'hlsjs')!),
        );
      },
    },
  ];
}

/**
 * /probe.js, the first script of every variant's page: what the page logs (console), what the policy refuses
 * (`securitypolicyviolation`, which also reports Trusted Types refusals) and how often each URL was fetched,
 * into `window.__sfProbe`, before any script of the page runs.
 */
const PROBE = `(() => {
  const probe = (window.__sfProbe = { logs: [], violations: [], fetches: {} });
  for (const level of ['error', 'warn', 'info', 'log']) {
    const original = console[level];
    console[level] = function (...args) {
      probe.logs.push(level + ': ' + args.map(String).join(' '));
      return original.apply(this, args);
    };
  }
  addEventListener('securitypolicyviolation', (event) => {
    probe.violations.push((event.effectiveDirective || event.violatedDirective) + ' refused ' + (event.blockedURI || '(inline)'));
  }, true);
  const fetch = window.fetch;
  window.fetch = function (input, init) {
    const url = String(input instanceof Request ? input.url : input);
    probe.fetches[url] = (probe.fetches[url] || 0) + 1;
    return fetch.call(this, input, init);
  };
})();`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.map': 'application/json', '.json': 'application/json' };

for (const engine of requestedEngines()) {
  test(`strict CSP headers in ${engine}: every embedding renders and plays; a missing directive is named`, { timeout: 420_000 }, async (t) => {
    const cleanups: Array<() => unknown> = [];
    t.after(async () => {
      for (const fn of cleanups.reverse()) await fn();
    });
    const lib = await libraryDir((fn) => cleanups.push(fn));

    const pagePort = await freePort();
    const pageOrigin = `http://127.0.0.1:${pagePort}`;
    const keysDir = mkdtempSync(join(tmpdir(), 'sf-csp-keys-'));
    cleanups.push(() => rmSync(keysDir, { recursive: true, force: true }));
    const keys = ensureDevKeys(keysDir);
    const standin = await startStandin({ host: '127.0.0.1', port: 0, viewerPublicKey: keys.publicKeyPem });
    cleanups.push(() => standin.close());
    const backend = await startServer({
      config: {
        partnerId: 'mobidoo',
        apiBase: standin.apiBase,
        privateKey: keys.privateKeyPem,
        allowedOrigins: [pageOrigin],
        outbox: { kind: 'memory' },
        host: '127.0.0.1',
        port: 0,
      },
    });
    cleanups.push(() => backend.close());
    const origins: Origins = { page: pageOrigin, standin: standin.origin, backend: backend.origin };

    let current: Variant | undefined;
    const pages = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      if (path === '/' && current) {
        res.setHeader('content-security-policy', current.csp);
        return send('text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${current.name}</title><link rel="stylesheet" href="/page.css">${current.head}</head><body>${current.body}</body></html>`);
      }
      if (path === '/app.js') {
        // The README's ES example as a file: static imports, no inline module script.
        return send('text/javascript', `import { configure } from '/dist/configure.js';\nimport '/dist/elements/preview-player.js';\nimport '/dist/elements/countdown.js';\nimport '/dist/elements/schedule.js';\nimport '/dist/elements/product-list.js';\nimport '/dist/elements/coupon-panel.js';\nconfigure({ timeZone: 'Asia/Seoul' });\n`);
      }
      // Players side by side and wholly on screen, so autoplay starts them.
      if (path === '/page.css') return send('text/css', 'sf-preview-player { display: inline-block; width: 120px; }');
      if (path === '/probe.js') return send('text/javascript', PROBE);
      if (path === '/other-lit.js') return send('text/javascript', `trustedTypes.createPolicy('lit-html', { createHTML: (s) => s });`);
      if (path.startsWith('/dist/')) {
        const file = normalize(join(lib, path.slice('/dist/'.length)));
        if (file.startsWith(lib) && existsSync(file) && statSync(file).isFile()) {
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          createReadStream(file).pipe(res);
          return;
        }
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => pages.listen(pagePort, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => pages.close(resolve)));

    const browser = await launchEngine(engine);
    cleanups.push(() => browser.close());
    // One page for every variant (each opens a new document); a page that failed is replaced.
    let page: EnginePage | undefined;
    let console_: string[] = [];
    const openPage = async (): Promise<EnginePage> => {
      const opened = await browser.newPage();
      // The browser's own console, where the engine's driver can read it (not WebKit's WebDriver).
      opened.puppeteer?.on('console', (message) => console_.push(`${message.type()}: ${message.text()}`));
      opened.puppeteer?.on('pageerror', (error) => console_.push(`pageerror: ${String(error)}`));
      return opened;
    };
    cleanups.push(() => page?.close());
    page = await openPage();
    await page.goto(`${pageOrigin}/probe.js`);
    const hasTrustedTypes = (await page.evaluate("'trustedTypes' in window")) as boolean;

    for (const variant of variants(origins)) {
      const skipped = variant.trustedTypes && !hasTrustedTypes;
      // The reason is in the title: a run in an engine without Trusted Types says what it did not prove.
      await t.test(skipped ? `${variant.name} (skipped: ${engine} has no Trusted Types)` : variant.name, { skip: skipped }, async (st) => {
        page ??= await openPage();
        console_ = [];
        try {
          current = variant;
          st.diagnostic(`Content-Security-Policy: ${variant.csp}`);
          await page.goto(`${pageOrigin}/`);
          await variant.check(page, engine);
          const probe = (await page.evaluate('window.__sfProbe')) as { logs: string[]; violations: string[] };
          const ours = probe.logs.filter((line) => line.includes('[sauceflex]') && /Content-Security-Policy/.test(line));
          // Firefox plays under the media-src variant (see there): nothing is refused, nothing to name.
          if (variant.name.startsWith('missing') && !(engine === 'firefox' && variant.name.includes('media-src'))) {
            assert.ok(ours.length >= 1, `the cause is logged: ${probe.logs.join('\n')}`);
            assert.equal(new Set(ours).size, ours.length, `each cause logged once: ${ours.join('\n')}`);
            assert.ok(probe.violations.length >= 1, `the page saw the refusal (securitypolicyviolation): ${probe.logs.join('\n')}`);
          } else {
            // Firefox asks for /favicon.ico on its own; that request is not the page's.
            const violations = [...probe.violations, ...console_.filter((line) => /Content.Security.Policy|Trusted Type/i.test(line))].filter((line) => !line.includes('/favicon.ico'));
            assert.deepEqual(violations, [], 'nothing was refused');
          }
        } catch (error) {
          // The next variant starts on a fresh page (a stuck WebKit page would fail it too).
          await page.close().catch(() => undefined);
          page = undefined;
          throw error;
        }
      });
    }
  });
}
