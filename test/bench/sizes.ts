/**
 * Sizes of the built bundles: raw, gzip (level 9) and brotli (quality 11, text mode), with node:zlib.
 * Each file is compressed on its own and sizes are added, as each travels as its own response.
 *
 * "Initial download" (what the budget in package.json limits), hls.js never included:
 * - ES: `sauceflex-widgets.js` and every file it reaches through static imports (what the browser
 *   fetches before the entry runs): the API, configuration, tracking and the autoloader;
 * - IIFE: `sauceflex-widgets.iife.js` (the classic-script loader) plus all of the above, which it
 *   imports from beside itself.
 * Elements come after, each when the page first uses it: `pages` adds one element's files to the
 * initial download, and `everything` (every element at once, as one eager bundle would carry) is
 * the baseline both are compared with. hls.js is reached only through the player's `import()`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { staticClosure, type BuildInfo } from './build.js';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface FileSizes extends Sizes {
  file: string;
}

export interface EntrySizes {
  entry: string;
  alone: Sizes;
  /** The entry plus its static imports, each file compressed separately, summed. */
  closure: Sizes & { files: string[] };
}

export interface SizeReport {
  /** The classic-script loader alone. */
  iife: FileSizes;
  /** The ES build's hls.js chunk (dynamic import only). */
  hlsChunk: FileSizes | undefined;
  entries: EntrySizes[];
  initial: {
    /** Both must fit package.json's budget; the IIFE way (loader + the ES way's files) is the larger. */
    iifeBrotli: number;
    esBrotli: number;
    esFiles: string[];
  };
  /** A page using one element: the initial download plus that element's files (shared ones once). */
  pages: Array<{ element: string; sizes: Sizes; files: string[] }>;
  /** Every entry's files at once, hls.js aside: what a bundle defining every element eagerly costs. */
  everything: Sizes & { files: string[] };
  /** Largest source modules of the initial download by rendered (minified) length: where the bytes go. */
  initialTopModules: Array<{ id: string; renderedLength: number }>;
}

export function brotliSize(data: Buffer): number {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  }).length;
}

export function gzipSize(data: Buffer): number {
  return gzipSync(data, { level: 9 }).length;
}

export function sizesOf(data: Buffer): Sizes {
  return { raw: data.length, gzip: gzipSize(data), brotli: brotliSize(data) };
}

const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

/** Measure everything in a build made by `buildBundles()`. */
export function measureSizes(build: BuildInfo): SizeReport {
  const cache = new Map<string, Sizes>();
  const of = (file: string): Sizes => {
    let sizes = cache.get(file);
    if (!sizes) {
      sizes = sizesOf(readFileSync(join(build.outDir, file)));
      cache.set(file, sizes);
    }
    return sizes;
  };
  const withName = (file: string): FileSizes => ({ file, ...of(file) });

  const entries: EntrySizes[] = build.chunks
    .filter((c) => c.isEntry)
    .map((c) => {
      const files = staticClosure(build.chunks, c.fileName);
      if (build.hlsChunk && files.includes(build.hlsChunk)) throw new Error(`${c.fileName} imports hls.js statically`);
      const closure = files.map(of).reduce(add, { raw: 0, gzip: 0, brotli: 0 });
      return { entry: c.fileName, alone: of(c.fileName), closure: { ...closure, files } };
    });
  const main = entries.find((e) => e.entry === 'sauceflex-widgets.js');
  if (!main) throw new Error('the ES build has no sauceflex-widgets.js entry');
  const iife = withName(build.iifeFile);
  const total = (files: Iterable<string>) => [...files].map(of).reduce(add, { raw: 0, gzip: 0, brotli: 0 });
  const pages = entries
    .filter((e) => e.entry.startsWith('elements/'))
    .map((e) => {
      const files = [...new Set([...main.closure.files, ...e.closure.files])];
      return { element: e.entry, sizes: total(files), files };
    });
  const everythingFiles = [...new Set(entries.flatMap((e) => e.closure.files))];
  const initialFiles = new Set(main.closure.files);
  return {
    iife,
    hlsChunk: build.hlsChunk ? withName(build.hlsChunk) : undefined,
    entries,
    initial: {
      iifeBrotli: iife.brotli + main.closure.brotli,
      esBrotli: main.closure.brotli,
      esFiles: main.closure.files,
    },
    pages,
    everything: { ...total(everythingFiles), files: everythingFiles },
    initialTopModules: build.chunks
      .filter((c) => initialFiles.has(c.fileName))
      .flatMap((c) => c.modules)
      .sort((a, b) => b.renderedLength - a.renderedLength)
      .slice(0, 12),
  };
}

/** The budgets in package.json's `sizeBudget`: the initial download, and a page with one `<sf-schedule>`. */
export type BudgetName = 'initialBrotliBytes' | 'schedulePageBrotliBytes';

/** package.json's `sizeBudget[name]` (the initial download's by default). */
export function budgetFromPackageJson(repoRoot: string, name: BudgetName = 'initialBrotliBytes'): number {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { sizeBudget?: Partial<Record<BudgetName, unknown>> };
  const budget = pkg.sizeBudget?.[name];
  if (typeof budget !== 'number' || !(budget > 0)) throw new Error(`package.json has no positive sizeBudget.${name}`);
  return budget;
}
