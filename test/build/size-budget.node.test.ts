/**
 * The size budgets in package.json (`sizeBudget`), brotli (q11) without hls.js, each file compressed
 * on its own and summed ("initial" and "pages" are defined in test/bench/sizes.ts):
 * - `initialBrotliBytes`: the initial download. ES: the entry `sauceflex-widgets.js` plus every file it
 *   imports statically (elements and the hls.js chunk are reached only through `import()`); IIFE: the
 *   classic-script loader plus those same files, which it imports. Both ways in must fit.
 * - `schedulePageBrotliBytes`: a page with one `<sf-schedule>`: the initial ES files plus the schedule's
 *   entry and everything it imports statically (its cards, the shared element code, Lit).
 * Size checks, not timings: built once into a temporary folder, deterministic.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundles, repoRoot } from '../bench/build.js';
import { budgetFromPackageJson, measureSizes, type SizeReport } from '../bench/sizes.js';

const outDir = mkdtempSync(join(tmpdir(), 'sf-size-budget-'));
after(() => rmSync(outDir, { recursive: true, force: true }));
let measured: Promise<SizeReport> | undefined;
/** One build for both tests. */
const sizes = () => (measured ??= buildBundles(outDir).then(measureSizes));

const largest = (modules: SizeReport['initialTopModules']) =>
  modules
    .slice(0, 6)
    .map((m) => `${m.id} ${m.renderedLength} B`)
    .join(', ');

test('the initial download without hls.js fits the brotli budget in package.json', { timeout: 180_000 }, async (t) => {
  const budget = budgetFromPackageJson(repoRoot);
  const report = await sizes();

  // What is measured really leaves hls.js out (else the budget would be meaningless).
  assert.ok(report.hlsChunk, 'the ES build has an hls.js chunk of its own');
  assert.ok(!report.initial.esFiles.includes(report.hlsChunk.file), 'the hls.js chunk is not among the static imports');
  assert.ok(report.hlsChunk.brotli > 50_000, 'the hls.js chunk really is hls.js');
  const elementFiles = report.entries.filter((e) => e.entry.startsWith('elements/') && e.entry !== 'elements/config.js').map((e) => e.entry);
  assert.ok(elementFiles.length >= 7, `the element entries exist (${elementFiles.join(', ')})`);
  for (const file of elementFiles) assert.ok(!report.initial.esFiles.includes(file), `${file} is fetched when used, not up front`);

  const over = [
    { label: 'IIFE loader + the ES initial files', bytes: report.initial.iifeBrotli },
    { label: `ES sauceflex-widgets.js + ${report.initial.esFiles.length - 1} static imports`, bytes: report.initial.esBrotli },
  ].filter((way) => way.bytes > budget);
  t.diagnostic(`initial brotli: ES entry + static imports ${report.initial.esBrotli} B (${report.initial.esFiles.length} files), through the IIFE ${report.initial.iifeBrotli} B; every element at once ${report.everything.brotli} B; budget ${budget} B`);
  assert.deepEqual(
    over.map((way) => `${way.label}: ${way.bytes} B`),
    [],
    `over the budget of ${budget} B brotli (package.json sizeBudget.initialBrotliBytes). Largest modules of the initial download (rendered length): ${largest(report.initialTopModules)}`,
  );
});

test('a page with one <sf-schedule> fits the brotli budget in package.json', { timeout: 180_000 }, async (t) => {
  const budget = budgetFromPackageJson(repoRoot, 'schedulePageBrotliBytes');
  const report = await sizes();
  const page = report.pages.find((p) => p.element === 'elements/schedule.js');
  assert.ok(page, 'the build has a page for elements/schedule.js');
  const schedule = report.entries.find((e) => e.entry === 'elements/schedule.js');
  assert.ok(schedule, 'the schedule has an entry of its own');

  // The page is the initial download plus the schedule's static closure, each file once, and no hls.js.
  for (const file of [...report.initial.esFiles, ...schedule.closure.files]) assert.ok(page.files.includes(file), `the page counts ${file}`);
  assert.equal(new Set(page.files).size, page.files.length, 'no file is counted twice');
  assert.ok(report.hlsChunk && !page.files.includes(report.hlsChunk.file), 'hls.js is not part of the page');
  assert.ok(page.sizes.brotli > report.initial.esBrotli + schedule.alone.brotli, 'the page weighs more than the initial files and the schedule entry alone');

  t.diagnostic(`one-schedule page brotli: ${page.sizes.brotli} B in ${page.files.length} files (through the IIFE ${page.sizes.brotli + report.iife.brotli} B); budget ${budget} B`);
  assert.ok(
    page.sizes.brotli <= budget,
    `a page with one <sf-schedule> is ${page.sizes.brotli} B brotli, over the budget of ${budget} B (package.json sizeBudget.schedulePageBrotliBytes): ${page.files.join(', ')}`,
  );
});
