/**
 * `npm run build` gives what a shop needs: an ES entry, the API client alone, one entry per element,
 * an IIFE for a classic <script> tag, and type declarations. Built into a temporary folder so the
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

  // The IIFE really runs in a classic <script> and exposes its API on one global.
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setContent('<!doctype html><title>iife</title>');
    await page.addScriptTag({ content: iife });
    await page.addScriptTag({ content: iife }); // a CMS that pastes the tag twice must not break the page
    const exported = await page.evaluate(() => Object.keys((window as unknown as { SauceflexWidgets?: object }).SauceflexWidgets ?? {}));
    assert.ok(exported.includes('createClient'), `SauceflexWidgets global exposes createClient (got ${exported.join(', ')})`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
