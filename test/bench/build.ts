/**
 * The library build the benchmarks and the size budget measure: the same two passes as
 * `npm run build` (vite.config.ts, default mode for the ES entries, `--mode iife` for the classic
 * script), into a folder of the caller's choosing, so a developer's dist/ is never touched. Vite's
 * own output metadata (static `imports`, `dynamicImports`) gives the import graph; no parsing of
 * the emitted code.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface BuiltChunk {
  fileName: string;
  isEntry: boolean;
  /** Files this one imports statically (fetched before it runs). */
  imports: string[];
  /** Files this one may `import()` later. */
  dynamicImports: string[];
  /** Source modules in it and their rendered length, for "where do the bytes go". */
  modules: Array<{ id: string; renderedLength: number }>;
}

export interface BuildInfo {
  outDir: string;
  /** ES build: every JS chunk, entries first. */
  chunks: BuiltChunk[];
  /** The classic-script loader (it imports the ES main entry beside it). */
  iifeFile: string;
  /** The ES build's hls.js chunk (reached only through `import()`). */
  hlsChunk: string | undefined;
  buildMs: number;
}

function outputsOf(result: Awaited<ReturnType<typeof build>>): Rolldown.OutputChunk[] {
  const list = Array.isArray(result) ? result : [result];
  const chunks: Rolldown.OutputChunk[] = [];
  for (const item of list) {
    if (!item || !('output' in item)) throw new Error('vite build returned a watcher, not an output');
    for (const piece of item.output) if (piece.type === 'chunk') chunks.push(piece);
  }
  return chunks;
}

function moduleSizes(chunk: Rolldown.OutputChunk): Array<{ id: string; renderedLength: number }> {
  return Object.entries(chunk.modules).map(([id, info]) => ({
    id: id.startsWith(repoRoot) ? id.slice(repoRoot.length) : id.replace(/^.*node_modules\//, 'node_modules/'),
    renderedLength: info.renderedLength,
  }));
}

/** Build ES + IIFE into `outDir` exactly as package.json's `build` does (types aside). */
export async function buildBundles(outDir: string): Promise<BuildInfo> {
  const configFile = join(repoRoot, 'vite.config.ts');
  const started = performance.now();
  const es = outputsOf(await build({ configFile, root: repoRoot, logLevel: 'silent', build: { outDir } }));
  const iife = outputsOf(await build({ configFile, root: repoRoot, mode: 'iife', logLevel: 'silent', build: { outDir } }));
  const buildMs = performance.now() - started;

  const chunks: BuiltChunk[] = es
    .map((c) => ({ fileName: c.fileName, isEntry: c.isEntry, imports: [...c.imports], dynamicImports: [...c.dynamicImports], modules: moduleSizes(c) }))
    .sort((a, b) => Number(b.isEntry) - Number(a.isEntry) || a.fileName.localeCompare(b.fileName));
  const iifeChunk = iife.find((c) => c.isEntry);
  if (!iifeChunk) throw new Error('the IIFE build produced no entry chunk');
  const hlsChunk = chunks.find((c) => /(^|\/)hls\.light-[\w-]+\.js$/.test(c.fileName))?.fileName;
  return { outDir, chunks, iifeFile: iifeChunk.fileName, hlsChunk, buildMs };
}

/** `entry` and every file it reaches through static imports (what a browser fetches before running it). */
export function staticClosure(chunks: readonly BuiltChunk[], entry: string): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (file: string) => {
    // A bare import left external (react, in sauceflex-widgets/react) is the shop's, not a file of ours.
    if (seen.has(file) || !byName.has(file)) return;
    seen.add(file);
    for (const next of byName.get(file)?.imports ?? []) visit(next);
  };
  visit(entry);
  return [...seen];
}
