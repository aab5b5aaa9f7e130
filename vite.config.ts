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
 * What the IIFE preloads: the ES main entry with its static imports, and per element the files its
 * entry brings beyond those. Read from the ES build's manifest (Vite's `build.manifest`), so the ES
 * pass must run first into the same folder, as `npm run build` does. A classic script then asks for
 * everything a page needs at once, instead of discovering it one import level (one round trip) at a time.
 */
export interface ElementPreloads {
  main: string[];
  elements: Record<string, string[]>;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

function preloadsFromManifest(outDir: string): ElementPreloads {
  const path = `${outDir}/.vite/manifest.json`;
  if (!existsSync(path)) throw new Error(`${path} is missing: the IIFE build reads the ES build's manifest, so run \`vite build\` (ES) into the same folder first`);
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return seen;
    seen.add(chunk.file);
    for (const next of chunk.imports ?? []) closure(next, seen);
    return seen;
  };
  const main = closure('src/index.ts');
  if (main.size === 0) throw new Error(`${path} has no entry for src/index.ts`);
  const elements: Record<string, string[]> = {};
  for (const key of Object.keys(manifest)) {
    const name = /^src\/elements\/([\w-]+)\/\1\.ts$/.exec(key)?.[1];
    if (name && manifest[key]!.isEntry) elements[`sf-${name}`] = [...closure(key)].filter((file) => !main.has(file));
  }
  return { main: [...main], elements };
}

/** `__SF_PRELOADS__` in src/loader/iife.ts, from the ES build in the folder this build writes to. */
function iifePreloads(): Plugin {
  return {
    name: 'sauceflex:iife-preloads',
    config(user) {
      const outDir = resolve(user.root ?? root, user.build?.outDir ?? 'dist');
      return { define: { __SF_PRELOADS__: JSON.stringify(preloadsFromManifest(outDir)) } };
    },
  };
}

/**
 * `__sfElementPreloads()` for src/loader/autoload.ts, appended to the chunk that holds it (before
 * minification, so both are minified together; at the end, so the source map stays right): per
 * element tag, the files its entry brings beyond the main entry's, relative to that chunk. The
 * autoloader then asks for an element's chunks together with its entry. File names carry Rolldown's
 * hash placeholders here; it fills them in afterwards.
 */
function elementPreloads(): Plugin {
  return {
    name: 'sauceflex:element-preloads',
    renderChunk(code, chunk, _options, meta) {
      if (!chunk.moduleIds.some((id) => /[\\/]src[\\/]loader[\\/]autoload\.ts$/.test(id))) return null;
      const chunks = Object.values(meta.chunks);
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (file: string, seen = new Set<string>()): Set<string> => {
        if (seen.has(file)) return seen;
        seen.add(file);
        for (const next of byName.get(file)?.imports ?? []) closure(next, seen);
        return seen;
      };
      const main = chunks.find((c) => c.isEntry && c.name === 'sauceflex-widgets');
      if (!main) throw new Error('sauceflex:element-preloads: no sauceflex-widgets entry in this build');
      const initial = closure(main.fileName);
      const here = posix.dirname(chunk.fileName);
      const elements: Record<string, string[]> = {};
      for (const entry of chunks) {
        const name = /^elements\/([\w-]+)\.js$/.exec(entry.fileName)?.[1];
        if (!entry.isEntry || !name) continue;
        elements[`sf-${name}`] = [...closure(entry.fileName)].filter((file) => !initial.has(file)).map((file) => posix.relative(here, file));
      }
      const table = JSON.stringify({ self: posix.basename(chunk.fileName), elements });
      return { code: `${code}\nfunction __sfElementPreloads() { return ${table}; }\n`, map: null };
    },
  };
}

/** What the main entry needs before it runs (besides the API): configuration, session, tracking, the autoloader. */
const INITIAL_MODULES = /[\\/](src[\\/](session|tracking|loader|elements[\\/]config)[\\/]|src[\\/]store[\\/](config|session|script-config)\.ts|src[\\/]shared[\\/]safe-url\.ts|node_modules[\\/](zustand|jwt-decode)[\\/])/;
/** What element code shares (never element components themselves: a page pays only for the elements it uses). */
const SHARED_BY_ELEMENTS = /[\\/](src[\\/](shared|store|i18n|events|coupons|player)[\\/]|node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/])/;

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
        entry: { 'sauceflex-widgets': src('index.ts'), api: src('api/index.ts'), configure: src('store/config.ts'), ...elementEntries() },
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
              { name: 'api', test: /[\\/]src[\\/]api[\\/]/, priority: 3 },
              { name: 'core', test: INITIAL_MODULES, priority: 2 },
              { name: 'elements-shared', test: SHARED_BY_ELEMENTS, minShareCount: 2, priority: 1 },
            ],
          },
        },
      },
    },
  };
});
