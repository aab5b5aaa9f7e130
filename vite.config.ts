/**
 * The library build. Two passes of one config, because an IIFE cannot have several entries:
 * - default mode: ES modules into dist/: `sauceflex-widgets.js` (everything), `api.js` (the client
 *   alone), `configure.js` (settings from JS) and one entry per element folder, so a page can import only what it uses; shared code
 *   lands in chunks that every entry reuses.
 * - `--mode iife`: `sauceflex-widgets.iife.js` for a classic `<script>` tag or a CMS template.
 * - `--mode ssr`: `ssr/index.js`, the server renderer (`sauceflex-widgets/ssr`) for the shop's Node server.
 * Type declarations come from `tsc -p tsconfig.build.json` (see package.json "build").
 * The build's own logic lives in build/: the preload table (preloads.ts) and the chunk groups
 * (chunk-groups.ts).
 */
import { defineConfig, type UserConfig } from 'vite';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { codeSplittingGroups, requireChunkGroup } from './build/chunk-groups.js';
import { preloads } from './build/preloads.js';

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

const shared: UserConfig = {
  // The demo has its own dev server (demo/start.ts); this config only builds the library.
  publicDir: false,
  // Always Lit's production build (its dev mode is slower, bigger and warns in the console), whatever
  // the mode: `--mode iife` is not "production" to Vite. And Lit's "node" build, not its "browser"
  // one: the same code plus a guard that shims HTMLElement/customElements where there is no DOM, so
  // every entry of the package imports on a server (Next.js, Nuxt, Astro evaluate imports there).
  // @lit/react is the exception: its "node" build only renders on a server (no listeners, no properties).
  resolve: {
    conditions: ['module', 'node', 'production'],
    alias: {
      '@lit/react': fileURLToPath(new URL('./node_modules/@lit/react/index.js', import.meta.url)),
      // The hydration support's browser build: its "node" build hashes with Buffer, which would pull a
      // 40 kB Buffer polyfill into every page (measured). It only runs where a DOM is.
      '@lit-labs/ssr-client/lit-element-hydrate-support.js': fileURLToPath(new URL('./node_modules/@lit-labs/ssr-client/lit-element-hydrate-support.js', import.meta.url)),
      // What Lit's "node" build needs to import without a DOM, instead of the whole DOM shim it names.
      '@lit-labs/ssr-dom-shim': src('shared/dom-stand-in.ts'),
    },
  },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    sourcemap: true,
    reportCompressedSize: false,
  },
};

export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'ssr') {
    return {
      ...shared,
      build: {
        ...shared.build,
        emptyOutDir: false,
        outDir: 'dist/ssr',
        target: 'node20',
        // Read by the shop's server, not downloaded by shoppers: left readable, without a source map.
        minify: false,
        sourcemap: false,
        lib: { entry: src('ssr/index.ts'), formats: ['es'], fileName: () => 'index.js' },
        rolldownOptions: {
          // The shop's own Lit and renderer (`lit` is our dependency, `@lit-labs/ssr` an optional peer):
          // one copy of lit-html renders the templates and registers the elements.
          external: [/^lit(\/|$)/, /^@lit-labs\/ssr(\/|$)/],
          output: { codeSplitting: false },
        },
      },
      plugins: [
        {
          // Hydration patches LitElement in a browser; on a server it has nothing to do, and its bare
          // `lit-html` import would bundle a second copy of Lit.
          name: 'no-hydration-on-the-server',
          enforce: 'pre',
          resolveId: (id) => (id.endsWith('lit-element-hydrate-support.js') ? '\0no-hydration' : undefined),
          load: (id) => (id === '\0no-hydration' ? 'export {};' : undefined),
        },
      ],
    };
  }
  if (mode === 'iife') {
    return {
      ...shared,
      plugins: [preloads('manifest')],
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
        // Minified by Rolldown like the ES files: Vite's own pass for an IIFE drops the
        // `webpackIgnore` of its runtime import(), and a shop's webpack would then try to resolve it.
        minify: false,
        rolldownOptions: { output: { minify: { codegen: true } } },
      },
    };
  }
  return {
    ...shared,
    plugins: [preloads('bundle'), requireChunkGroup(root)],
    build: {
      ...shared.build,
      emptyOutDir: true,
      // dist/.vite/manifest.json: the import graph, for the IIFE's preloads (and for a shop's server
      // that wants to write <link rel="modulepreload"> tags itself).
      manifest: true,
      lib: {
        entry: { 'sauceflex-widgets': src('index.ts'), api: src('api/index.ts'), configure: src('configure.ts'), react: src('hosts/react.ts'), vue: src('hosts/vue.ts'), ...elementEntries() },
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: {
        // The shop's own React (sauceflex-widgets/react): the only bare import in dist/.
        external: ['react'],
        // Vite leaves whitespace in ES library output (for consumers' minifiers). These files are
        // what shoppers' browsers fetch (the IIFE loads them too), so they are minified fully; the
        // /*#__PURE__*/ annotations bundlers use for tree-shaking are kept.
        output: {
          minify: { codegen: true },
          // Three shared chunks instead of ~25 small ones: see build/chunk-groups.ts.
          codeSplitting: { groups: codeSplittingGroups(root) },
        },
      },
    },
  };
});
