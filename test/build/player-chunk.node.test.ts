/**
 * hls.js never rides in the initial download: in the ES build it is a chunk of its own reached only
 * through a dynamic import; in the IIFE build it is not inside the IIFE but written beside it as
 * `sauceflex-hls.js`, which the IIFE imports from its own URL (or from `hls-src`) when a player
 * first plays. Built into temporary folders, so a developer's dist/ is never touched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import puppeteer from 'puppeteer-core';
import { HLS_IIFE_FILE } from '../../src/player/hls-file.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const configFile = join(repoRoot, 'vite.config.ts');
const previewDir = join(repoRoot, 'demo/media/preview');
/** The value of hls.js's `Events.MANIFEST_PARSED`: in hls.js and nowhere in our code. */
const HLS_MARKER = 'hlsManifestParsed';

const jsFiles = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.js'));

/** Files reachable from `entry` through static imports only (`import … from './x.js'`, `import './x.js'`). */
function staticGraph(dir: string, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const match of code.matchAll(/(?:^|[;\n])\s*(?:import|export)\s*(?:[^'"();]*?\sfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(normalize(join(dirname(file), match[1]!)));
    }
  };
  visit(entry);
  return seen;
}

function serve(routes: Record<string, string>): Promise<{ origin: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const types: Record<string, string> = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html', '.m3u8': 'application/vnd.apple.mpegurl', '.mp4': 'video/mp4', '.m4s': 'video/iso.segment' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    for (const [prefix, dir] of Object.entries(routes)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      createReadStream(file).pipe(res);
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html lang="en"><title>iife</title><script src="/dist/sauceflex-widgets.iife.js"></script><body></body></html>');
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server })));
}

test('hls.js is split from the initial download in the ES and the IIFE builds', { timeout: 180_000 }, async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'sf-player-chunk-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  await build({ configFile, root: repoRoot, logLevel: 'silent', build: { outDir } });
  await build({ configFile, root: repoRoot, mode: 'iife', logLevel: 'silent', build: { outDir } });

  await t.test('ES build: hls.js is one chunk, reached from the player only by a dynamic import', () => {
    const withHls = jsFiles(outDir).filter((file) => file !== HLS_IIFE_FILE && file !== 'sauceflex-widgets.iife.js' && readFileSync(join(outDir, file), 'utf8').includes(HLS_MARKER));
    assert.equal(withHls.length, 1, `exactly one ES chunk holds hls.js (found: ${withHls.join(', ')})`);
    const chunk = withHls[0]!;
    assert.match(chunk, /^hls\.light-[\w-]+\.js$/, 'the chunk is hls.js’s light build');
    for (const entry of ['sauceflex-widgets.js', join('elements', 'preview-player.js')]) {
      const graph = staticGraph(outDir, entry);
      assert.ok(!graph.has(chunk), `${entry} does not load ${chunk} up front (static graph: ${[...graph].join(', ')})`);
    }
    // The player's code may sit in a chunk shared with other entries: look through its whole static graph.
    const dynamic = [...staticGraph(outDir, join('elements', 'preview-player.js'))].flatMap((file) =>
      [...readFileSync(join(outDir, file), 'utf8').matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => normalize(join(dirname(file), m[1]!))),
    );
    assert.deepEqual(dynamic, [chunk], 'the player reaches hls.js through one dynamic import');
  });

  await t.test('IIFE build: hls.js is not inside; sauceflex-hls.js beside it is hls.js light as an ES module', () => {
    const iife = readFileSync(join(outDir, 'sauceflex-widgets.iife.js'), 'utf8');
    assert.ok(!iife.includes(HLS_MARKER), 'the IIFE does not contain hls.js');
    const beside = readFileSync(join(outDir, HLS_IIFE_FILE), 'utf8');
    assert.ok(beside.includes(HLS_MARKER), `${HLS_IIFE_FILE} holds hls.js`);
    assert.match(beside, /export\s*\{[^}]*\bas default\b/, `${HLS_IIFE_FILE} exports Hls as default`);
    const light = readFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs'), 'utf8');
    assert.ok(Math.abs(beside.length - light.length) < 200, `${HLS_IIFE_FILE} is the light build (${beside.length} vs ${light.length} bytes)`);
    assert.doesNotMatch(beside, /sourceMappingURL/, 'no pointer to a source map that is not shipped');
  });

  await t.test('IIFE at run time: hls.js comes from beside the script when a player plays, or from hls-src', async () => {
    // The same config, with the player's registration module as the IIFE entry (src/index.ts may not list it yet).
    const playerDir = join(outDir, 'player-iife');
    await build({
      configFile,
      root: repoRoot,
      mode: 'iife',
      logLevel: 'silent',
      build: {
        outDir: playerDir,
        lib: { entry: join(repoRoot, 'src/elements/preview-player/preview-player.ts'), name: 'SauceflexPlayer', formats: ['iife'], fileName: () => 'sauceflex-widgets.iife.js' },
      },
    });
    assert.ok(!readFileSync(join(playerDir, 'sauceflex-widgets.iife.js'), 'utf8').includes(HLS_MARKER));
    const hlsDir = dirname(createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs'));
    const { origin, requests, server } = await serve({ '/dist/': playerDir, '/media/': previewDir, '/alt/': hlsDir });
    t.after(() => server.close());
    const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    assert.ok(await page.evaluate(() => Boolean(customElements.get('sf-preview-player'))), 'the IIFE registered the player');
    assert.ok(!requests.some((r) => r.endsWith(HLS_IIFE_FILE)), 'nothing fetched hls.js at load');

    const play = (attrs: string) =>
      page.evaluate(async (html) => {
        document.body.insertAdjacentHTML('beforeend', html);
        const player = document.body.lastElementChild as HTMLElement & { updateComplete: Promise<unknown> };
        await player.updateComplete;
        const video = player.shadowRoot!.querySelector('video')!;
        const started = Date.now();
        while (!(video.currentTime > 0.3) && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
        return video.currentTime;
      }, `<sf-preview-player style="width:160px" autoplay engine="hlsjs" ${attrs}></sf-preview-player>`);

    assert.ok((await play(`src="${origin}/media/index.m3u8"`)) > 0.3, 'played through hls.js loaded beside the IIFE');
    assert.deepEqual(requests.filter((r) => r.endsWith(HLS_IIFE_FILE)), [`/dist/${HLS_IIFE_FILE}`]);

    await page.goto(`${origin}/`, { waitUntil: 'load' });
    requests.length = 0;
    assert.ok((await play(`src="${origin}/media/index.m3u8" hls-src="/alt/hls.light.min.mjs"`)) > 0.3, 'played through hls.js from hls-src');
    assert.ok(requests.includes('/alt/hls.light.min.mjs'), 'hls-src was used');
    assert.ok(!requests.some((r) => r.endsWith(HLS_IIFE_FILE)), 'the file beside the IIFE was not fetched when hls-src is set');
    assert.deepEqual(errors, []);
  });
});
