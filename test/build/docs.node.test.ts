/**
 * One source of truth for the element API and the theme:
 * - the README's element reference is what custom-elements.json (generated afresh from the class
 *   JSDoc, into a temporary folder) gives: run `npm run docs` when this fails;
 * - the shared `--sf-*` defaults are written only in src/shared/theme.ts, and the manifest's
 *   reading of that file agrees with what the styles use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { elementReference, readmeSection, withReference, type Manifest } from '../../build/element-docs.js';
import { THEME_DEFAULTS } from '../../src/shared/theme.js';
// @ts-expect-error: a plain ES module without types (the analyzer's config)
import { readThemeDefaults } from '../../custom-elements-manifest.config.mjs';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test('the README’s element reference is generated from the class JSDoc (npm run docs)', { timeout: 60_000 }, async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'sf-docs-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  await promisify(execFile)(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(repoRoot, outDir)], { cwd: repoRoot });
  const manifest = JSON.parse(readFileSync(join(outDir, 'custom-elements.json'), 'utf8')) as Manifest;
  const expected = elementReference(manifest);
  const actual = readmeSection(readFileSync(join(repoRoot, 'README.md'), 'utf8')).text;
  assert.equal(actual, expected, 'README.md differs from custom-elements.json: run `npm run docs`');
  // The attributes issue 15 found missing by hand are there now.
  assert.match(expected, /\| `skeleton-count` \| `skeletonCount` \|/);
  assert.match(expected, /\| `timeout` \| `timeout` \|/);
});

test('the section is replaced between its markers, nothing else', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const { start, end } = readmeSection(readme);
  const replaced = withReference(readme, 'X');
  assert.equal(replaced, `${readme.slice(0, start)}X${readme.slice(end)}`);
  assert.throws(() => readmeSection('no markers'), /needs one/);
});

test('theme defaults are written once, in src/shared/theme.ts', () => {
  assert.deepEqual(readThemeDefaults(), THEME_DEFAULTS, 'the manifest reads the defaults the styles use');
  const shared = Object.keys(THEME_DEFAULTS).map((name) => name.replace(/[-]/g, '\\-')).join('|');
  const fallback = new RegExp(`var\\((${shared}),`);
  const documented = new RegExp(`@cssproperty (${shared}) - .*\\(default `);
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith(join('shared', 'theme.ts'))) {
        readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
          if (fallback.test(line) || documented.test(line)) offenders.push(`${relative(repoRoot, path)}:${i + 1}: ${line.trim()}`);
        });
      }
    }
  };
  walk(join(repoRoot, 'src'));
  assert.deepEqual(offenders, [], 'use `theme.*` from src/shared/theme.ts (styles) and leave the default out of the JSDoc (the manifest adds it)');
});
