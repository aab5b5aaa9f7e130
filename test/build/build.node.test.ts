/**
 * `npm run build` gives what a shop needs: an ES entry, the API client alone, one entry per element,
 * an IIFE for a classic <script> tag (which loads the ES entry beside it), and type declarations. Built into a temporary folder so the
 * test never touches a developer's dist/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { build } from 'vite';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { serveFiles } from '../support/static-server.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test('the library build emits ES entries, the IIFE and declarations', { timeout: 120_000 }, async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'sf-build-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const configFile = join(repoRoot, 'vite.config.ts');
  await build({ configFile, root: repoRoot, logLevel: 'silent', build: { outDir } });
  await build({ configFile, root: repoRoot, mode: 'iife', logLevel: 'silent', build: { outDir } });
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', join(outDir, 'types')], {
    cwd: repoRoot,
  });

  const files = readdirSync(outDir, { recursive: true }).map(String);
  assert.ok(files.includes('sauceflex-widgets.js'), 'ES entry');
  assert.ok(files.includes('api.js'), 'API client entry');
  assert.ok(files.includes('sauceflex-widgets.iife.js'), 'IIFE bundle');
  assert.ok(files.includes(join('types', 'index.d.ts')), 'declarations for the entry');
  assert.ok(files.includes(join('types', 'api', 'client.d.ts')), 'declarations for the client');
  const elements = existsSync(join(repoRoot, 'src/elements')) ? readdirSync(join(repoRoot, 'src/elements')) : [];
  for (const name of elements) assert.ok(files.includes(join('elements', `${name}.js`)), `entry for element ${name}`);

  const iife = readFileSync(join(outDir, 'sauceflex-widgets.iife.js'), 'utf8');
  assert.doesNotMatch(iife, /^\s*(import|export)\s/m, 'the IIFE has no module syntax');
  assert.doesNotMatch(iife, /BEGIN [A-Z ]*PRIVATE KEY/, 'no private key in the bundle');

  // The IIFE runs from a classic <script>: it loads the ES entry beside it, whose autoloader fetches
  // only the elements the page uses; the global is there at once and configure() waits for the entry.
  const server = await serveFiles(
    { '/dist/': outDir },
    `<!doctype html><html lang="en"><title>iife</title>
     <script src="/dist/sauceflex-widgets.iife.js" data-partner-id="mobidoo" data-lang="en" defer></script>
     <script src="/dist/sauceflex-widgets.iife.js" data-partner-id="mobidoo" data-lang="en" defer></script>
     <script type="module">SauceflexWidgets.configure({ timeZone: 'Asia/Seoul' });
       // The main entry has not arrived yet (asserted below): the space an undefined element takes is the IIFE's own doing.
       const probe = document.body.appendChild(document.createElement('sf-coupon-panel'));
       window.beforeEntry = { entryThere: 'createClient' in SauceflexWidgets, height: probe.getBoundingClientRect().height };
       probe.remove();</script>
     <body><sf-countdown to="2030-01-01T00:00:00Z"></sf-countdown></body></html>`,
  );
  t.after(() => server.close());
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  const loaded = await page.evaluate(async () => {
    type Global = { ready: Promise<unknown>; configure(config: object): Record<string, unknown> };
    const widgets = (window as unknown as { SauceflexWidgets: Global }).SauceflexWidgets;
    await widgets.ready;
    await customElements.whenDefined('sf-countdown');
    await (document.querySelector('sf-countdown') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    return {
      preloads: [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => new URL(link.href).pathname),
      keys: Object.keys(widgets),
      config: widgets.configure({}),
      countdownText: document.querySelector('sf-countdown')!.shadowRoot!.textContent!.trim(),
    };
  });
  // Reserved as the IIFE ran, not a round trip later with the main entry (a paint would fall in between).
  assert.deepEqual(await page.evaluate(() => (window as unknown as { beforeEntry: unknown }).beforeEntry), { entryThere: false, height: 256 });
  for (const name of ['ready', 'configure', 'createClient', 'tracking', 'loadElement']) {
    assert.ok(loaded.keys.includes(name), `SauceflexWidgets.${name} (got ${loaded.keys.join(', ')})`);
  }
  assert.equal(loaded.config.timeZone, 'Asia/Seoul', 'the configure() queued before the entry arrived was applied');
  assert.notEqual(loaded.countdownText, '', 'the countdown rendered');
  const fetched = (name: string) => server.requests.some((path) => path === `/dist/elements/${name}.js`);
  assert.ok(fetched('countdown'), 'the element on the page was fetched');
  for (const unused of ['coupon-panel', 'preview-player', 'product-list', 'schedule', 'product-card']) {
    assert.ok(!fetched(unused), `elements/${unused}.js was not fetched: the page does not use it`);
  }
  assert.ok(!server.requests.some((path) => /hls/.test(path)), 'hls.js was not fetched');
  // The IIFE asked for the entry's files and the countdown's at once (no import-by-import waterfall).
  assert.ok(loaded.preloads.includes('/dist/sauceflex-widgets.js'), `the main entry is preloaded (${loaded.preloads.join(', ')})`);
  assert.ok(loaded.preloads.includes('/dist/elements/countdown.js'), 'the countdown on the page is preloaded');
  assert.ok(loaded.preloads.length > 3, 'the entry’s static imports are preloaded too');
  assert.ok(!loaded.preloads.some((path) => /coupon|player|hls/.test(path)), 'nothing the page does not use is preloaded');
  assert.equal(server.requests.filter((path) => path === '/dist/sauceflex-widgets.js').length, 1, 'the entry was fetched once although the tag is there twice');

  // An element added later (a CMS widget, an SPA route) is fetched when it appears.
  const cardDefined = await page.evaluate(async () => {
    document.body.insertAdjacentHTML('beforeend', '<div><sf-product-card></sf-product-card></div>');
    await customElements.whenDefined('sf-product-card');
    return document.querySelector('sf-product-card')!.matches(':defined');
  });
  assert.ok(cardDefined, 'a product card added after load was defined');
  assert.ok(fetched('product-card'), 'its file was fetched then');

  // The ES entry alone: the autoloader imports an element's chunks together with its entry, as
  // relative import()s (a shop's bundler maps them to its own chunks; nothing reads import.meta.url).
  server.page = `<!doctype html><html lang="en"><title>es</title>
    <script type="module" src="/dist/sauceflex-widgets.js"></script>
    <body><sf-countdown to="2030-01-01T00:00:00Z"></sf-countdown></body></html>`;
  server.requests.length = 0;
  await page.goto(`${server.origin}/`, { waitUntil: 'load' });
  await page.evaluate(() => customElements.whenDefined('sf-countdown'));
  assert.ok(fetched('countdown'), 'the countdown entry was fetched');
  assert.ok(server.requests.some((path) => /^\/dist\/countdown-[\w-]+\.js$/.test(path)), 'and its chunk');
  assert.ok(!server.requests.some((path) => /coupon|player|hls/.test(path)), 'nothing the page does not use was fetched');
  // Storage consent through the classic script: `data-consent` on the tag, and SauceflexWidgets.consent(…) called
  // before the entry arrived (queued, then applied: the last say wins).
  const consentPage = async (call: string) => {
    server.page = `<!doctype html><html lang="en"><title>consent</title>
      <script src="/dist/sauceflex-widgets.iife.js" data-partner-id="mobidoo" data-consent="pending" defer></script>
      <script type="module">${call}</script><body></body></html>`;
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    return page.evaluate(async () => {
      type Global = { ready: Promise<unknown>; consent(value?: string): string; tracking: { click(c: object): { url?: string } | undefined } };
      const widgets = (window as unknown as { SauceflexWidgets: Global }).SauceflexWidgets;
      await widgets.ready;
      const url = widgets.tracking.click({ productId: 'p-1', broadcastId: 'lk-1', redirectUrl: 'https://shop.example/p/1' })?.url;
      return { consent: widgets.consent(), url, stored: localStorage.getItem('sf:orderCallBackIds') };
    });
  };
  await page.evaluate(() => localStorage.clear());
  const pending = await consentPage('');
  assert.equal(pending.consent, 'pending', 'data-consent on the script tag is the consent');
  assert.match(pending.url ?? '', /orderCallBackId=/, 'while pending a click still carries its orderCallBackId');
  assert.equal(pending.stored, null, 'while pending nothing is stored');
  const granted = await consentPage(`SauceflexWidgets.consent('granted');`);
  assert.equal(granted.consent, 'granted', 'consent() queued before the entry arrived was applied after the tag’s');
  assert.match(granted.stored ?? '', /orderCallBackId/, 'granted: the click is stored');

  const built = readdirSync(outDir, { recursive: true }).map(String).filter((file) => file.endsWith('.js'));
  const loader = built.find((file) => readFileSync(join(outDir, file), 'utf8').includes('"sf-countdown":()=>['));
  assert.ok(loader, 'a chunk carries the per-element import()s');
  assert.match(readFileSync(join(outDir, loader), 'utf8'), /"sf-countdown":\(\)=>\[[^\]]*import\(`\.\/countdown-[\w-]+\.js`\)/);
  for (const file of built) {
    const code = readFileSync(join(outDir, file), 'utf8');
    assert.doesNotMatch(code, /import\.meta/, `${file} reads nothing from import.meta (webpack rewrites it to a build-machine path)`);
    assert.ok(!code.includes(repoRoot), `${file} names no build-machine path`);
  }
  assert.deepEqual(errors, []);
});
