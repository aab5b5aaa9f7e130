/**
 * The preload table: which files a page should ask for at once, instead of discovering them one
 * import level (one round trip) at a time. Computed from the chunk graph of the ES build, in both
 * passes of the build:
 * - the ES pass: from the chunks being rendered, written as relative `import()`s per element into
 *   the chunk that holds src/loader/element-chunks.ts (the autoloader's); no URL is computed from
 *   `import.meta.url`, which a shop's bundler may rewrite;
 * - the IIFE pass: from the ES pass's `.vite/manifest.json` (the IIFE loads those same files), as
 *   URLs relative to the IIFE, into the chunk that holds src/loader/preload.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Plugin } from 'vite';
import type { PreloadTable } from '../src/loader/preload.js';

export type { PreloadTable };

/** A chunk as both sources describe it: Rolldown's rendered chunks and Vite's manifest. */
export interface ChunkInfo {
  fileName: string;
  isEntry: boolean;
  imports: readonly string[];
}

/** The main entry every page loads first; its files are never repeated under an element. */
export const MAIN_ENTRY = 'sauceflex-widgets.js';
/** The modules whose chunk receives the table (each declares its placeholder below), per pass. */
const HOLDER = { manifest: /[\\/]src[\\/]loader[\\/]preload\.ts$/, bundle: /[\\/]src[\\/]loader[\\/]element-chunks\.ts$/ };
/** The placeholders; identifiers, so nothing else in a chunk spells them. */
const PLACEHOLDER = /\b__SF_PRELOADS__\b/g;
const IMPORTS_PLACEHOLDER = /\b__SF_ELEMENT_CHUNKS__\b/g;

/**
 * The main entry with its static imports, and per element tag (`elements/<name>.js` → `sf-<name>`)
 * the files its entry brings beyond those; every path relative to the folder of `holder`, the file
 * that will carry the table.
 */
export function preloadTable(chunks: readonly ChunkInfo[], holder: string): PreloadTable {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const next of byName.get(file)?.imports ?? []) closure(next, seen);
    return seen;
  };
  if (!byName.get(MAIN_ENTRY)?.isEntry) throw new Error(`preloads: the build has no ${MAIN_ENTRY} entry`);
  const here = posix.dirname(holder);
  const relative = (files: Iterable<string>) => [...files].map((file) => posix.relative(here, file));
  const main = closure(MAIN_ENTRY);
  const elements: Record<string, string[]> = {};
  for (const chunk of chunks) {
    const name = /^elements\/([\w-]+)\.js$/.exec(chunk.fileName)?.[1];
    if (chunk.isEntry && name) elements[`sf-${name}`] = relative([...closure(chunk.fileName)].filter((file) => !main.has(file)));
  }
  return { self: posix.basename(holder), main: relative(main), elements };
}

type Manifest = Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;

/** Vite's manifest names imports by manifest key; the table needs file names. */
export function chunksFromManifest(manifest: Manifest): ChunkInfo[] {
  return Object.values(manifest).map((c) => ({
    fileName: c.file,
    isEntry: c.isEntry === true,
    imports: (c.imports ?? []).map((key) => {
      const imported = manifest[key];
      if (!imported) throw new Error(`preloads: the manifest names an import it does not list (${key})`);
      return imported.file;
    }),
  }));
}

/** `code` with the placeholder replaced by the table; throws when the holder lost its placeholder. */
export function injectTable(code: string, table: PreloadTable): string {
  if (!PLACEHOLDER.test(code)) throw new Error('preloads: the chunk holding src/loader/preload.ts has no __SF_PRELOADS__ to replace');
  PLACEHOLDER.lastIndex = 0;
  const json = JSON.stringify(table);
  return code.replace(PLACEHOLDER, () => json);
}

/**
 * The table's element lists as code: per tag, a function that `import()`s each file (relative to the
 * chunk that carries it, so `./` first), e.g. `{"sf-countdown":()=>[import("./countdown-1.js")]}`.
 */
export function elementImports(table: PreloadTable): string {
  const specifier = (file: string) => JSON.stringify(file.startsWith('.') ? file : `./${file}`);
  const entries = Object.entries(table.elements).map(([tag, files]) => `${JSON.stringify(tag)}:()=>[${files.map((file) => `import(${specifier(file)})`).join(',')}]`);
  return `{${entries.join(',')}}`;
}

/** `code` with the element-imports placeholder replaced; throws when the holder lost it. */
export function injectImports(code: string, table: PreloadTable): string {
  if (!IMPORTS_PLACEHOLDER.test(code)) throw new Error('preloads: the chunk holding src/loader/element-chunks.ts has no __SF_ELEMENT_CHUNKS__ to replace');
  IMPORTS_PLACEHOLDER.lastIndex = 0;
  const imports = elementImports(table);
  return code.replace(IMPORTS_PLACEHOLDER, () => `(${imports})`);
}

/**
 * The build's one way to carry the table to the page. `from: 'bundle'` (the ES pass) reads the
 * chunks being rendered, whose names still carry Rolldown's hash placeholders (it fills them in
 * afterwards); `from: 'manifest'` (the IIFE pass) reads the ES pass's manifest in the same outDir,
 * so that pass must run first, as `npm run build` does. Replaced before minification, so the
 * minifier folds the `typeof` check away; only the rest of that one line shifts in the source map.
 */
export function preloads(from: 'bundle' | 'manifest'): Plugin {
  let manifestChunks: ChunkInfo[] | undefined;
  return {
    name: 'sauceflex:preloads',
    configResolved(config) {
      if (from !== 'manifest') return;
      const path = posix.join(config.build.outDir.replace(/\\/g, '/'), '.vite/manifest.json');
      if (!existsSync(path)) throw new Error(`${path} is missing: the IIFE build reads the ES build's manifest, so run \`vite build\` (ES) into the same folder first`);
      manifestChunks = chunksFromManifest(JSON.parse(readFileSync(path, 'utf8')) as Manifest);
    },
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.moduleIds.some((id) => HOLDER[from].test(id))) return null;
      const table = preloadTable(manifestChunks ?? Object.values(meta.chunks), chunk.fileName);
      return { code: from === 'bundle' ? injectImports(code, table) : injectTable(code, table), map: null };
    },
  };
}
