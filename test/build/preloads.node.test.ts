/**
 * build/preloads.ts alone, on small chunk graphs: what the table lists, relative to which file, and
 * that a chunk which lost its placeholder fails the build instead of shipping without preloads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunksFromManifest, elementImports, injectImports, injectTable, preloadTable, type ChunkInfo } from '../../build/preloads.js';

const graph: ChunkInfo[] = [
  { fileName: 'sauceflex-widgets.js', isEntry: true, imports: ['core-1.js', 'api-1.js'] },
  { fileName: 'core-1.js', isEntry: false, imports: ['api-1.js'] },
  { fileName: 'api-1.js', isEntry: false, imports: [] },
  { fileName: 'elements/countdown.js', isEntry: true, imports: ['countdown-1.js'] },
  { fileName: 'countdown-1.js', isEntry: false, imports: ['shared-1.js', 'core-1.js'] },
  { fileName: 'shared-1.js', isEntry: false, imports: [] },
  { fileName: 'elements/config.js', isEntry: true, imports: ['core-1.js'] },
  { fileName: 'hls-1.js', isEntry: false, imports: [] },
];

test('the main entry with its static imports, and per element only what it adds', () => {
  const table = preloadTable(graph, 'sauceflex-widgets.iife.js');
  assert.deepEqual(table, {
    self: 'sauceflex-widgets.iife.js',
    main: ['sauceflex-widgets.js', 'core-1.js', 'api-1.js'],
    elements: {
      'sf-countdown': ['elements/countdown.js', 'countdown-1.js', 'shared-1.js'],
      'sf-config': ['elements/config.js'],
    },
  });
});

test('paths are relative to the file that carries the table', () => {
  const table = preloadTable(graph, 'chunks/core-1.js');
  assert.equal(table.self, 'core-1.js');
  assert.deepEqual(table.elements['sf-countdown'], ['../elements/countdown.js', '../countdown-1.js', '../shared-1.js']);
});

test('a build without the main entry is refused', () => {
  assert.throws(() => preloadTable(graph.slice(1), 'x.js'), /no sauceflex-widgets\.js entry/);
});

test('Vite’s manifest (imports by key) gives the same chunks', () => {
  const manifest = {
    'src/index.ts': { file: 'sauceflex-widgets.js', isEntry: true, imports: ['_core.js'] },
    '_core.js': { file: 'core-1.js' },
  };
  assert.deepEqual(chunksFromManifest(manifest), [
    { fileName: 'sauceflex-widgets.js', isEntry: true, imports: ['core-1.js'] },
    { fileName: 'core-1.js', isEntry: false, imports: [] },
  ]);
  assert.throws(() => chunksFromManifest({ a: { file: 'a.js', imports: ['_gone.js'] } }), /_gone\.js/);
});

test('the table replaces every placeholder; a chunk without one fails', () => {
  const table = preloadTable(graph, 'core-1.js');
  const code = 'const P = typeof __SF_PRELOADS__ === "object" ? __SF_PRELOADS__ : void 0;\nrun();\n';
  const out = injectTable(code, table);
  assert.ok(!out.includes('__SF_PRELOADS__'));
  assert.equal(out.split('\n').length, code.split('\n').length, 'no line added or removed (the source map stays line-true)');
  const P = new Function(`${out.replace('run();', '')}; return P;`)() as unknown;
  assert.deepEqual(P, table);
  assert.throws(() => injectTable('run();', table), /no __SF_PRELOADS__/);
});

test('the ES build gets the element lists as relative import()s: no URL computed from import.meta.url', async () => {
  const table = preloadTable(graph, 'core-1.js');
  assert.equal(elementImports(table), '{"sf-countdown":()=>[import("./elements/countdown.js"),import("./countdown-1.js"),import("./shared-1.js")],"sf-config":()=>[import("./elements/config.js")]}');
  assert.match(elementImports(preloadTable(graph, 'chunks/core-1.js')), /import\("\.\.\/countdown-1\.js"\)/);
  const code = 'const C = typeof __SF_ELEMENT_CHUNKS__ === "object" ? __SF_ELEMENT_CHUNKS__ : void 0;';
  const out = injectImports(code, table);
  assert.ok(!out.includes('__SF_ELEMENT_CHUNKS__'));
  assert.ok(!out.includes('import.meta'));
  assert.throws(() => injectImports('run();', table), /no __SF_ELEMENT_CHUNKS__/);
});
