/**
 * The library build. Two passes of one config, because an IIFE cannot have several entries:
 * - default mode: ES modules into dist/: `sauceflex-widgets.js` (everything), `api.js` (the client
 *   alone), `configure.js` (settings from JS) and one entry per element folder, so a page can import only what it uses; shared code
 *   lands in chunks that every entry reuses.
 * - `--mode iife`: `sauceflex-widgets.iife.js` for a classic `<script>` tag or a CMS template.
 * Type declarations come from `tsc -p tsconfig.build.json` (see package.json "build").
 */
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const src = (path: string) => `${root}src/${path}`;

/** Every `src/elements/<name>/<name>.ts` (the guarded registration module) becomes its own entry. */
function elementEntries(): Record<string, string> {
  const dir = src('elements');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir)
      .filter((name) => existsSync(`${dir}/${name}/${name}.ts`))
      .map((name) => [`elements/${name}`, `${dir}/${name}/${name}.ts`]),
  );
}

/**
 * Which files to preload so a page asks for what it needs at once, instead of discovering it one
 * import level (one round trip) at a time: the main entry with its static imports, and per element
 * tag the files its entry brings beyond those. Paths are relative to the dist folder. Computed from
 * a list of chunks (file name, entry or not, static imports), whichever build describes them.
 */
export interface ElementPreloads {
  main: string[];
  elements: Record<string, string[]>;
}

interface ChunkInfo {
  fileName: string;
  isEntry: boolean;
  imports: readonly string[];
}

function preloadTable(chunks: readonly ChunkInfo[]): ElementPreloads {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const closure = (file: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(file)) return seen;
    seen.add(file);
    for (const next of byName.get(file)?.imports ?? []) closure(next, seen);
    return seen;
  };
  if (!byName.get('sauceflex-widgets.js')?.isEntry) throw new Error('preloads: the build has no sauceflex-widgets.js entry');
  const main = closure('sauceflex-widgets.js');
  const elements: Record<string, string[]> = {};
  for (const chunk of chunks) {
    const name = /^elements\/([\w-]+)\.js$/.exec(chunk.fileName)?.[1];
    if (chunk.isEntry && name) elements[`sf-${name}`] = [...closure(chunk.fileName)].filter((file) => !main.has(file));
  }
  return { main: [...main], elements };
}

/**
 * `__SF_PRELOADS__` in src/loader/iife.ts, from the ES build's manifest (Vite's `build.manifest`) in
 * the folder this build writes to: the ES pass must run first, as `npm run build` does.
 */
function iifePreloads(): Plugin {
  return {
    name: 'sauceflex:iife-preloads',
    config(user) {
      const path = `${resolve(user.root ?? root, user.build?.outDir ?? 'dist')}/.vite/manifest.json`;
      if (!existsSync(path)) throw new Error(`${path} is missing: the IIFE build reads the ES build's manifest, so run \`vite build\` (ES) into the same folder first`);
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
      const chunks = Object.values(manifest).map((c) => ({ fileName: c.file, isEntry: c.isEntry === true, imports: (c.imports ?? []).map((key) => manifest[key]!.file) }));
      return { define: { __SF_PRELOADS__: JSON.stringify(preloadTable(chunks)) } };
    },
  };
}

/**
 * `__sfElementPreloads()` for src/loader/autoload.ts, appended to the chunk that holds it (before
 * minification, so both are minified together; at the end, so the source map stays right): the
 * element part of `preloadTable()`, relative to that chunk, and the chunk's own name. File names
 * carry Rolldown's hash placeholders here; it fills them in afterwards.
 */
function elementPreloads(): Plugin {
  return {
    name: 'sauceflex:element-preloads',
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.moduleIds.some((id) => /[\\/]src[\\/]loader[\\/]autoload\.ts$/.test(id))) return null;
      const here = posix.dirname(chunk.fileName);
      const { elements } = preloadTable(Object.values(meta.chunks));
      for (const tag of Object.keys(elements)) elements[tag] = elements[tag]!.map((file) => posix.relative(here, file));
      const table = JSON.stringify({ self: posix.basename(chunk.fileName), elements });
      return { code: `${code}\nfunction __sfElementPreloads() { return ${table}; }\n`, map: null };
    },
  };
}

/** What the main entry needs before it runs (besides the API): configuration, session, tracking, the autoloader. */
const INITIAL_MODULES = /[\\/](src[\\/](session|tracking|loader|elements[\\/]config)[\\/]|src[\\/](configure|store[\\/](config|session))\.ts|src[\\/]shared[\\/]safe-url\.ts|node_modules[\\/](zustand|jwt-decode)[\\/])/;
/** What element code shares (never element components themselves: a page pays only for the elements it uses). */
const SHARED_BY_ELEMENTS = /[\\/](src[\\/](shared|store|i18n|events|coupons|player)[\\/]|src[\\/]api[\\/]clients\.ts|node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/])/;

const shared: UserConfig = {
  // The demo has its own dev server (demo/start.ts); this config only builds the library.
  publicDir: false,
  // Always Lit's production build (its dev mode is slower, bigger and warns in the console), whatever
  // the mode: `--mode iife` is not "production" to Vite.
  resolve: { conditions: ['module', 'browser', 'production'] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
};

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'iife') {
    return {
      ...shared,
      plugins: [iifePreloads()],
      build: {
        ...shared.build,
        emptyOutDir: false,
        lib: {
          entry: src('loader/iife.ts'),
          // Required by Vite for an IIFE; the loader exports nothing (it sets window.SauceflexWidgets).
          name: 'SauceflexWidgets',
          formats: ['iife'],
          fileName: () => 'sauceflex-widgets.iife.js',
        },
      },
    };
  }
  return {
    ...shared,
    plugins: [elementPreloads()],
    build: {
      ...shared.build,
      emptyOutDir: true,
      // dist/.vite/manifest.json: the import graph, for the IIFE's preloads (and for a shop's server
      // that wants to write <link rel="modulepreload"> tags itself).
      manifest: true,
      lib: {
        entry: { 'sauceflex-widgets': src('index.ts'), api: src('api/index.ts'), configure: src('configure.ts'), ...elementEntries() },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        // Vite leaves whitespace in ES library output (for consumers' minifiers). These files are
        // what shoppers' browsers fetch (the IIFE loads them too), so they are minified fully; the
        // /*#__PURE__*/ annotations bundlers use for tree-shaking are kept.
        output: {
          minify: { codegen: true },
          // Fewer, larger chunks: left alone, Rolldown cut ~25 chunks (some of 300 bytes), and on
          // HTTP/1.1 a browser fetches 6 at a time, each costing a round trip. Three groups instead:
          // the API client, the rest of what the main entry needs up front, and what elements share
          // (Lit, the element base, stores, i18n). An element's own code stays in its own chunk.
          codeSplitting: {
            groups: [
              { name: 'api', test: /[\\/]src[\\/]api[\\/](?!clients\.ts)/, priority: 3 },
              { name: 'core', test: INITIAL_MODULES, priority: 2 },
              { name: 'elements-shared', test: SHARED_BY_ELEMENTS, minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
  };
});
