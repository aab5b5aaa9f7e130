/**
 * The size budget (package.json `sizeBudget.initialBrotliBytes`): brotli (q11) of the initial
 * download without hls.js must not exceed it. "Initial" is defined in test/bench/sizes.ts:
 * - ES: the entry `sauceflex-widgets.js` plus every file it imports statically, each compressed on
 *   its own and summed (elements and the hls.js chunk are reached only through `import()`);
 * - IIFE: the classic-script loader plus those same files, which it imports.
 * Both ways in must fit. A size check, not a timing: built into a temporary folder, deterministic.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles, repoRoot } from '../bench/build.js';
import { budgetFromPackageJson, measureSizes } from '../bench/sizes.js';

test('the initial download without hls.js fits the brotli budget in package.json', { timeout: 180_000 }, async (t) => {
  const budget = budgetFromPackageJson(repoRoot);
  const outDir = mkdtempSync(join(tmpdir(), 'sf-size-budget-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const sizes = measureSizes(await buildBundles(outDir));

  // What is measured really leaves hls.js out (else the budget would be meaningless).
  assert.ok(sizes.hlsChunk, 'the ES build has an hls.js chunk of its own');
  assert.ok(!sizes.initial.esFiles.includes(sizes.hlsChunk.file), 'the hls.js chunk is not among the static imports');
  assert.ok(sizes.hlsChunk.brotli > 50_000, 'the hls.js chunk really is hls.js');
  const elementFiles = sizes.entries.filter((e) => e.entry.startsWith('elements/') && e.entry !== 'elements/config.js').map((e) => e.entry);
  assert.ok(elementFiles.length >= 7, `the element entries exist (${elementFiles.join(', ')})`);
  for (const file of elementFiles) assert.ok(!sizes.initial.esFiles.includes(file), `${file} is fetched when used, not up front`);

  const over = [
    { label: 'IIFE loader + the ES initial files', bytes: sizes.initial.iifeBrotli },
    { label: `ES sauceflex-widgets.js + ${sizes.initial.esFiles.length - 1} static imports`, bytes: sizes.initial.esBrotli },
  ].filter((way) => way.bytes > budget);
  t.diagnostic(`initial brotli: ES entry + static imports ${sizes.initial.esBrotli} B (${sizes.initial.esFiles.length} files), through the IIFE ${sizes.initial.iifeBrotli} B; every element at once ${sizes.everything.brotli} B; budget ${budget} B`);
  assert.deepEqual(
    over.map((way) => `${way.label}: ${way.bytes} B`),
    [],
    `over the budget of ${budget} B brotli (package.json sizeBudget.initialBrotliBytes). Largest modules of the initial download (rendered length): ${sizes.initialTopModules
      .slice(0, 6)
      .map((m) => `${m.id} ${m.renderedLength} B`)
      .join(', ')}`,
  );
});
