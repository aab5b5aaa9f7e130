/**
 * hls.js never rides in the initial download: in the ES build it is a chunk of its own reached only
 * through a dynamic import from the player; the IIFE loads those same ES files, so a page using the
 * IIFE fetches that chunk (or `hls-src`) only when a player first plays. Built into a temporary
 * folder, so a developer's dist/ is never touched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { serveFiles } from '../support/static-server.js';

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

test('hls.js is split from the initial download in the ES and the IIFE builds', { timeout: 180_000 }, async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'sf-player-chunk-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  await build({ configFile, root: repoRoot, logLevel: 'silent', build: { outDir } });
  await build({ configFile, root: repoRoot, mode: 'iife', logLevel: 'silent', build: { outDir } });

  await t.test('ES build: hls.js is one chunk, reached from the player only by a dynamic import', () => {
    const withHls = jsFiles(outDir).filter((file) => readFileSync(join(outDir, file), 'utf8').includes(HLS_MARKER));
    assert.equal(withHls.length, 1, `exactly one ES chunk holds hls.js (found: ${withHls.join(', ')})`);
    const chunk = withHls[0]!;
    assert.match(chunk, /^hls\.light-[\w-]+\.js$/, 'the chunk is hls.js’s light build');
    for (const entry of ['sauceflex-widgets.js', join('elements', 'preview-player.js')]) {
      const graph = staticGraph(outDir, entry);
      assert.ok(!graph.has(chunk), `${entry} does not load ${chunk} up front (static graph: ${[...graph].join(', ')})`);
    }
    // The player's code may sit in a chunk shared with other entries: look through its whole static graph.
    const dynamic = [...staticGraph(outDir, join('elements', 'preview-player.js'))].flatMap((file) =>
      [...readFileSync(join(outDir, file), 'utf8').matchAll(/import\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => normalize(join(dirname(file), m[1]!))),
    );
    assert.deepEqual(dynamic, [chunk], 'the player reaches hls.js through one dynamic import');
  });

  await t.test('IIFE at run time: hls.js is fetched when a player plays (the ES chunk), or from hls-src', async () => {
    const iife = readFileSync(join(outDir, 'sauceflex-widgets.iife.js'), 'utf8');
    assert.ok(!iife.includes(HLS_MARKER), 'the IIFE does not contain hls.js');
    const hlsDir = dirname(createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs'));
    const server = await serveFiles(
      { '/dist/': outDir, '/media/': previewDir, '/alt/': hlsDir },
      '<!doctype html><html lang="en"><title>iife</title><script src="/dist/sauceflex-widgets.iife.js"></script><body></body></html>',
    );
    t.after(() => server.close());
    const { requests } = server;
    const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    const isHls = (path: string) => /\/hls\.light[-.]/.test(path);
    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    await page.evaluate(() => (window as unknown as { SauceflexWidgets: { ready: Promise<unknown> } }).SauceflexWidgets.ready);
    assert.ok(!requests.some(isHls), 'nothing fetched hls.js at load');
    assert.ok(!requests.includes('/dist/elements/preview-player.js'), 'no player on the page: its code was not fetched');

    const play = (attrs: string) =>
      page.evaluate(async (html) => {
        document.body.insertAdjacentHTML('beforeend', html);
        await customElements.whenDefined('sf-preview-player');
        const player = document.body.lastElementChild as HTMLElement & { updateComplete: Promise<unknown> };
        await player.updateComplete;
        const video = player.shadowRoot!.querySelector('video')!;
        const started = Date.now();
        while (!(video.currentTime > 0.3) && Date.now() - started < 15_000) await new Promise((r) => setTimeout(r, 50));
        return video.currentTime;
      }, `<sf-preview-player style="width:160px" autoplay engine="hlsjs" ${attrs}></sf-preview-player>`);

    assert.ok((await play(`src="${server.origin}/media/index.m3u8"`)) > 0.3, 'played through hls.js');
    assert.ok(requests.includes('/dist/elements/preview-player.js'), 'the player was fetched when it appeared');
    const hlsFetches = requests.filter(isHls);
    assert.equal(hlsFetches.length, 1, `hls.js fetched once (${hlsFetches.join(', ')})`);
    assert.match(hlsFetches[0]!, /^\/dist\/hls\.light-[\w-]+\.js$/, 'the ES build’s hls.js chunk');

    await page.goto(`${server.origin}/`, { waitUntil: 'load' });
    requests.length = 0;
    assert.ok((await play(`src="${server.origin}/media/index.m3u8" hls-src="/alt/hls.light.min.mjs"`)) > 0.3, 'played through hls.js from hls-src');
    assert.deepEqual(requests.filter(isHls), ['/alt/hls.light.min.mjs'], 'only hls-src was fetched');
    assert.deepEqual(errors, []);
  });
});
