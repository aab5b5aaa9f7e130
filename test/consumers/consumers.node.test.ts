/**
 * The package as shops get it: `npm run build`, `npm pack`, the tarball unpacked into host apps
 * (test/consumers/fixtures: one package.json and lockfile, installed here with `npm ci`) and built by
 * tools nobody here wrote: webpack 5 with its default configuration, Rollup, esbuild, Vite, React 18
 * and 19 through sauceflex-widgets/react, Vue 3. Each app is served from loopback and checked in
 * Chromium against the stand-in: elements render, an event arrives, an eager import survived, objects
 * set as properties before and after definition are kept, elements the page does not use and hls.js
 * are not fetched (and hls.js is a file of its own). Every entry is also imported in plain Node, and
 * `sauceflex-widgets/ssr` renders a schedule there that the packed ES build hydrates in Chromium.
 * Builds run one after another (two shared cores); the install is reused while the lockfile is unchanged.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { productFixtures } from '../../demo/standin/fixtures.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { serveFiles } from '../support/static-server.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sf-consumers-'));
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let standin: Standin;
let browser: Browser;

before(async () => {
  npm(['run', 'build', '--silent'], repoRoot);
  // The install is reused while the lockfile is the same (a stamp of its hash beside node_modules).
  const stamp = join(fixtures, 'node_modules/.lock-hash');
  const hash = createHash('sha256').update(readFileSync(join(fixtures, 'package-lock.json'))).digest('hex');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== hash) {
    npm(['ci', '--prefer-offline', '--no-audit', '--no-fund'], fixtures);
    writeFileSync(stamp, hash);
  }
  // What `npm install <tarball>` does, without rewriting the fixtures' lockfile for every build.
  const tarball = npm(['pack', '--silent', '--pack-destination', work], repoRoot).trim().split('\n').at(-1)!;
  const target = join(fixtures, 'node_modules/sauceflex-widgets');
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', target, '--strip-components=1']);
  standin = await startStandin({ port: 0 });
  browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await standin?.close();
  rmSync(work, { recursive: true, force: true });
});

const fromFixtures = createRequire(join(fixtures, 'package.json'));
const load = async <T>(name: string): Promise<T> => (await import(pathToFileURL(fromFixtures.resolve(name)).href)) as T;
const define = { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'false', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' };
const react18 = { react: join(fixtures, 'node_modules/react-18'), 'react-dom': join(fixtures, 'node_modules/react-dom-18') };

type Build = (outDir: string) => Promise<{ script: string; module: boolean }>;

async function esbuild(entry: string, alias: Record<string, string> = {}): Promise<Build> {
  const { build } = await load<typeof import('esbuild')>('esbuild');
  return async (outDir) => {
    await build({ entryPoints: [join(fixtures, 'src', entry)], bundle: true, splitting: true, format: 'esm', minify: true, outdir: outDir, jsx: 'automatic', define, alias, logLevel: 'error', absWorkingDir: fixtures });
    return { script: entry.replace(/\.jsx?$/, '.js'), module: true };
  };
}

/** The little of webpack's API used here (webpack is installed in the fixtures only, not in the project). */
interface WebpackStats { hasErrors(): boolean; toString(preset: string): string }
type WebpackRun = (config: object, done: (error: Error | null, stats?: WebpackStats) => void) => void;

const webpack: Build = async (outDir) => {
  const { default: webpackFn } = await load<{ default: WebpackRun }>('webpack');
  // The default configuration but for where things are: what Next.js (webpack mode), CRA and shop themes start from.
  const stats = await new Promise<WebpackStats>((resolve, reject) =>
    webpackFn({ mode: 'production', context: fixtures, entry: './src/vanilla.js', output: { path: outDir } }, (error, result) => (error || !result ? reject(error) : resolve(result))),
  );
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  return { script: 'main.js', module: false };
};

const rollup: Build = async (outDir) => {
  const { rollup: rollupFn } = await load<typeof import('rollup')>('rollup');
  const { default: nodeResolve } = await load<{ default: (options: object) => import('rollup').Plugin }>('@rollup/plugin-node-resolve');
  const bundle = await rollupFn({ input: join(fixtures, 'src/vanilla.js'), plugins: [nodeResolve({ browser: true })], onwarn: () => undefined });
  await bundle.write({ dir: outDir, format: 'es' });
  return { script: 'vanilla.js', module: true };
};

function vite(entry: string): Build {
  return async (outDir) => {
    const { build } = await load<typeof import('vite')>('vite');
    await build({
      root: fixtures,
      configFile: false,
      base: './', // served from /app/, not the site root
      logLevel: 'error',
      define,
      build: { outDir, emptyOutDir: true, rolldownOptions: { input: join(fixtures, 'src', entry), output: { entryFileNames: '[name].js' } } },
    });
    return { script: entry, module: true };
  };
}

const HOSTS: [string, () => Promise<Build>][] = [
  ['webpack 5 (default configuration)', async () => webpack],
  ['Rollup', async () => rollup],
  ['esbuild', () => esbuild('vanilla.js')],
  ['Vite', async () => vite('vanilla.js')],
  ['React 19 (esbuild)', () => esbuild('react.jsx')],
  ['React 18 (esbuild)', () => esbuild('react.jsx', react18)],
  ['Vue 3 (Vite)', async () => vite('vue.js')],
];

/**
 * What the page reports, as source text: tsx would add its `__name` helper to a function passed to
 * page.evaluate, and the page has no such helper.
 */
const IN_PAGE = `async (late) => {
  const sf = window.__SF__;
  const deep = (root, selector) => root?.shadowRoot?.querySelector(selector) ?? null;
  const until = async (ok, what) => {
    for (let i = 0; i < 400 && !ok(); i++) await new Promise((r) => requestAnimationFrame(r));
    if (!ok()) throw new Error('timed out: ' + what);
  };
  await customElements.whenDefined('sf-product-card');
  const early = document.querySelector('sf-product-card');
  await early.updateComplete;
  const earlyName = deep(early, '[part~="name"]')?.textContent;
  sf.setLate({ ...late, productName: 'late product' });
  await until(() => document.querySelector('sf-product-card.late'), 'the late card');
  const lateCard = document.querySelector('sf-product-card.late');
  await lateCard.updateComplete;
  const schedule = document.querySelector('sf-schedule');
  await until(() => schedule?.shadowRoot?.querySelector('li[data-broadcast-id]'), 'the schedule rendered broadcasts from the stand-in');
  await until(() => schedule.shadowRoot.querySelector('li[data-broadcast-id] a.card'), 'a broadcast card with its link');
  schedule.shadowRoot.querySelector('li[data-broadcast-id] a.card').click();
  await until(() => sf.events.length > 0, 'sf-broadcast-select arrived');
  return { eager: sf.eager, earlyName, lateName: deep(lateCard, '[part~="name"]')?.textContent, events: sf.events };
}`;


for (const [host, make] of HOSTS) {
  test(`${host}: elements render from the stand-in, events arrive, objects survive definition, lazy chunks and hls.js stay lazy`, { timeout: 120_000 }, async (t) => {
    const outDir = join(work, host.replace(/\W+/g, '-'));
    const { script, module } = await (await make())(outDir);
    const emitted = readdirSync(outDir, { recursive: true }).map(String).filter((file) => file.endsWith('.js'));
    const code = (file: string) => readFileSync(join(outDir, file), 'utf8');
    for (const file of emitted) {
      assert.ok(!code(file).includes('file://') && !code(file).includes(repoRoot), `${file} names no build-machine path`);
    }
    const isHls = (file: string) => code(file).includes('MEDIA_ATTACHED');
    // The player's engine asks the browser about native HLS; nothing else of ours does.
    const isPlayer = (file: string) => code(file).includes('canPlayType');
    assert.ok(emitted.some(isHls), 'hls.js is in the output');
    assert.ok(!isHls(script), 'hls.js is not in the entry file: a chunk of its own');

    const product = productFixtures(standin.origin, { shopOrigin: 'https://shop.example' })[0]!;
    const server = await serveFiles(
      { '/app/': outDir },
      `<!doctype html><html lang="ko"><meta charset="utf-8"><link rel="icon" href="data:,"><title>${host}</title>
       <script>window.__SF__ = ${JSON.stringify({ apiBase: standin.apiBase, product, events: [] })};</script>
       <script ${module ? 'type="module"' : 'defer'} src="/app/${script}"></script><body></body></html>`,
    );
    t.after(() => server.close());
    const page = await browser.newPage();
    t.after(() => page.close());
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });

    const seen = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(product)})`)) as { eager?: boolean; earlyName?: string; lateName?: string; events: string[] };

    assert.equal(seen.earlyName, product.productName, `an object set before definition was kept (${problems.join(' | ')})`);
    assert.equal(seen.lateName, 'late product', 'an object set after definition renders');
    assert.deepEqual(seen.events, ['sf-broadcast-select'], 'the event reached the host');
    if (seen.eager !== undefined) assert.equal(seen.eager, true, 'the eager element import survived the production build');
    const fetched = server.requests.filter((path) => path.startsWith('/app/')).map((path) => path.slice('/app/'.length));
    assert.ok(!fetched.some(isHls), `hls.js was not fetched (${fetched.join(', ')})`);
    assert.ok(!fetched.some(isPlayer), 'the player, not on the page, was not fetched');
    assert.ok(emitted.some(isPlayer), 'the player is in the output, as a chunk of its own');
    assert.deepEqual(problems, []);
  });
}

test('every entry of the package imports in plain Node (what SSR frameworks do)', { timeout: 60_000 }, () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const elements = readdirSync(join(fixtures, 'node_modules/sauceflex-widgets/dist/elements')).filter((f) => f.endsWith('.js')).map((f) => `./elements/${f.slice(0, -3)}`);
  const entries = [...Object.keys(pkg.exports).filter((key) => !key.includes('*') && !key.endsWith('.json')), ...elements];
  assert.ok(entries.length > 10, entries.join(', '));
  for (const entry of entries) {
    const specifier = `sauceflex-widgets${entry.slice(1)}`;
    execFileSync(process.execPath, ['-e', `import(${JSON.stringify(specifier)}).catch((e) => { console.error(e); process.exit(1); })`], { cwd: fixtures, stdio: 'pipe' });
  }
});

test('sauceflex-widgets/ssr renders in plain Node and the packed ES build hydrates it without asking the API again', { timeout: 60_000 }, async (t) => {
  // In a child process, as the shop's server would (and not blocking this process, which runs the stand-in).
  const options = { partnerId: 'mobidoo', apiBase: standin.apiBase, type: 'upcoming', limit: 4, layout: 'list', lang: 'en' };
  const render = `import { renderSchedule } from 'sauceflex-widgets/ssr';\nprocess.stdout.write(await renderSchedule(${JSON.stringify(options)}));`;
  const { stdout: fragment } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', render], { cwd: fixtures, maxBuffer: 16 << 20 });
  // Checked with test() so that a failure does not print the whole fragment.
  assert.ok(/^(<!--[^>]*-->)*<sf-schedule\s+ssr /.test(fragment), `the element, marked as server-rendered: ${fragment.slice(0, 200)}`);
  assert.ok(/<template shadowroot(mode)?="open"/.test(fragment), 'with its Declarative Shadow DOM');
  assert.ok(/<script type="application\/json" data-sf-property="initial">/.test(fragment), 'and its data for hydration');
  const served = [...fragment.matchAll(/data-broadcast-id="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(served.length, options.limit, 'limit cards (paging on past broadcasts a shopper may not see, as the element does)');

  const server = await serveFiles(
    { '/pkg/': join(fixtures, 'node_modules/sauceflex-widgets/dist') },
    `<!doctype html><html lang="en"><meta charset="utf-8"><link rel="icon" href="data:,"><title>ssr</title>
     <body><main style="width: 360px">${fragment}</main><script type="module" src="/pkg/sauceflex-widgets.js"></script></body></html>`,
  );
  t.after(() => server.close());
  const page = await browser.newPage();
  t.after(() => page.close());
  const problems: string[] = [];
  const apiRequests: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => void (message.type() === 'error' && problems.push(message.text())));
  page.on('request', (request) => void (request.url().startsWith(standin.apiBase) && apiRequests.push(request.url())));
  await page.goto(`${server.origin}/`, { waitUntil: 'domcontentloaded' });
  const seen = (await page.evaluate(`(async () => {
    const schedule = document.querySelector('sf-schedule');
    const first = schedule.shadowRoot?.querySelector('li[data-broadcast-id]');
    const before = { parsed: !!first, defined: !!customElements.get('sf-schedule') };
    await customElements.whenDefined('sf-schedule');
    await schedule.updateComplete;
    const cards = [...schedule.shadowRoot.querySelectorAll('li[data-broadcast-id]')];
    return { before, ids: cards.map((card) => card.dataset.broadcastId), sameNode: cards[0] === first, data: !!schedule.querySelector('script[data-sf-property]') };
  })()`)) as { before: { parsed: boolean; defined: boolean }; ids: string[]; sameNode: boolean; data: boolean };
  assert.deepEqual(seen.before, { parsed: true, defined: false }, 'the cards were in the page before the element code ran');
  assert.deepEqual(seen.ids, served, 'the hydrated schedule shows what the server rendered');
  assert.ok(seen.sameNode, 'hydration adopted the server\'s nodes instead of rendering new ones');
  assert.ok(!seen.data, 'the embedded data was read and removed');
  assert.deepEqual(apiRequests, [], 'no API request: the data came with the HTML');
  assert.deepEqual(problems, []);
});
