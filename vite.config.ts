/**
 * The library build. Two passes of one config, because an IIFE cannot have several entries:
 * - default mode: ES modules into dist/: `sauceflex-widgets.js` (everything), `api.js` (the client
 *   alone), `configure.js` (settings from JS) and one entry per element folder, so a page can import only what it uses; shared code
 *   lands in chunks that every entry reuses.
 * - `--mode iife`: `sauceflex-widgets.iife.js` for a classic `<script>` tag or a CMS template.
 * Type declarations come from `tsc -p tsconfig.build.json` (see package.json "build").
 */
import { defineConfig, normalizePath, type Plugin, type UserConfig } from 'vite';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { HLS_IIFE_FILE } from './src/player/hls-file.js';

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
 * hls.js in the IIFE. The ES build needs nothing: `import('hls.js/light')` in src/player/load-hls.ts
 * becomes a chunk of its own, fetched when a player first plays. A classic script cannot split
 * chunks (the bundler would inline hls.js, ~100 KB brotli on every page), so for the IIFE:
 * - src/player/load-hls.iife.ts replaces load-hls.ts: it imports hls.js at run time from a URL,
 *   the IIFE's own (document.currentScript, read at load) or the `hls-src` option;
 * - hls.js's published light ES build is written beside the IIFE as `sauceflex-hls.js`.
 */
function hlsBesideIife(): Plugin {
  const esLoader = normalizePath(src('player/load-hls.ts'));
  return {
    name: 'sauceflex:hls-beside-iife',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !/(^|\/)load-hls(\.js|\.ts)?$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && normalizePath(resolved.id) === esLoader ? src('player/load-hls.iife.ts') : null;
    },
    generateBundle() {
      const file = createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs');
      // Its source map is not shipped, so the comment pointing at it goes.
      const code = readFileSync(file, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
      this.emitFile({ type: 'asset', fileName: HLS_IIFE_FILE, source: code });
    },
  };
}

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
      plugins: [hlsBesideIife()],
      build: {
        ...shared.build,
        emptyOutDir: false,
        lib: {
          entry: src('index.ts'),
          name: 'SauceflexWidgets',
          formats: ['iife'],
          fileName: () => 'sauceflex-widgets.iife.js',
        },
      },
    };
  }
  return {
    ...shared,
    build: {
      ...shared.build,
      emptyOutDir: true,
      lib: {
        entry: { 'sauceflex-widgets': src('index.ts'), api: src('api/index.ts'), configure: src('store/config.ts'), ...elementEntries() },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
    },
  };
});
