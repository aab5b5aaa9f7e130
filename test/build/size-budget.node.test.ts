/**
 * The size budget (package.json `sizeBudget.initialBrotliBytes`): brotli (q11) of the initial
 * download without hls.js must not exceed it. "Initial" is defined in test/bench/sizes.ts:
 * - the IIFE `sauceflex-widgets.iife.js` alone (a classic <script>; hls.js is the separate
 *   `sauceflex-hls.js`, fetched when a player first plays);
 * - the ES entry `sauceflex-widgets.js` plus every file it imports statically, each compressed on
 *   its own and summed (the hls.js chunk is reached only through `import()`).
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
  assert.ok(sizes.hlsBesideIife.brotli > 50_000, 'hls.js sits beside the IIFE, not inside it');
  assert.ok(sizes.iife.brotli < sizes.hlsBesideIife.brotli, 'the IIFE is smaller than hls.js alone');

  const over = [
    { label: 'IIFE sauceflex-widgets.iife.js', bytes: sizes.initial.iifeBrotli },
    { label: `ES sauceflex-widgets.js + ${sizes.initial.esFiles.length - 1} static imports`, bytes: sizes.initial.esBrotli },
  ].filter((way) => way.bytes > budget);
  t.diagnostic(`initial brotli: IIFE ${sizes.initial.iifeBrotli} B, ES entry + static imports ${sizes.initial.esBrotli} B (${sizes.initial.esFiles.length} files); budget ${budget} B`);
  assert.deepEqual(
    over.map((way) => `${way.label}: ${way.bytes} B`),
    [],
    `over the budget of ${budget} B brotli (package.json sizeBudget.initialBrotliBytes). Largest modules of the IIFE (rendered length before minification): ${sizes.iifeTopModules
      .slice(0, 6)
      .map((m) => `${m.id} ${m.renderedLength} B`)
      .join(', ')}`,
  );
});
