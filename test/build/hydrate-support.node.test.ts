/**
 * Hydration of server-rendered elements needs @lit-labs/ssr-client's support to run before
 * lit-element loads (lit-element reads `globalThis.litElementHydrateSupport` once, as it loads). The
 * browser tests run from source, where that holds by import order; this checks the built bundle,
 * where tree-shaking (a module imported only for its effect, missing from package.json
 * `sideEffects`) or chunk ordering could drop or reorder it: then every server-rendered element
 * would be cleared and drawn again in the browser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles } from '../bench/build.js';

test('the built elements install the hydration support before lit-element reads it', { timeout: 180_000 }, async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'sf-hydrate-build-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const build = await buildBundles(outDir);
  const readers = build.chunks.filter((chunk) => readFileSync(join(outDir, chunk.fileName), 'utf8').includes('litElementHydrateSupport?.('));
  assert.equal(readers.length, 1, `one chunk holds lit-element (${readers.map((c) => c.fileName).join(', ')})`);
  const code = readFileSync(join(outDir, readers[0]!.fileName), 'utf8');
  const set = code.indexOf('litElementHydrateSupport=');
  const read = code.indexOf('litElementHydrateSupport?.(');
  assert.ok(set >= 0, `${readers[0]!.fileName} installs the hydration support`);
  assert.ok(set < read, 'installed before lit-element reads it');
  // Every element entry reaches that chunk (so whichever element loads first, hydration works).
  const byName = new Map(build.chunks.map((chunk) => [chunk.fileName, chunk]));
  const reaches = (name: string, seen = new Set<string>()): boolean => {
    if (name === readers[0]!.fileName) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    return (byName.get(name)?.imports ?? []).some((next) => reaches(next, seen));
  };
  const elements = build.chunks.filter((c) => c.isEntry && c.fileName.startsWith('elements/') && c.fileName !== 'elements/config.js');
  assert.ok(elements.length >= 7);
  for (const entry of elements) assert.ok(reaches(entry.fileName), `${entry.fileName} reaches ${readers[0]!.fileName} through its static imports`);
});
