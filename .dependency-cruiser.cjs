/**
 * The arrows allowed between the folders of src/ (README, "Architecture"). `npm test` runs
 * `npm run check:architecture`, which fails on any import that crosses a forbidden arrow.
 * Type-only imports are allowed across layers: they vanish from the build and carry no behaviour.
 */
const BROWSER = '^src/(analytics|api|coupons|elements|events|hosts|i18n|loader|player|session|shared|store|tracking)/|^src/index\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes load order matter and hides which module owns what.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-is-not-tests-or-demo',
      comment: 'Shipped code never imports the tests or the demo (the CLI entry may load the demo login on request).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/node\\.ts$' },
      to: { path: '^(test|demo|stories)/' },
    },
    {
      name: 'browser-is-not-server',
      comment: 'The browser bundle must never pull in the backend (secrets, Node APIs).',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-is-not-browser',
      comment: 'The backend shares only the API client (api/: no DOM) with the browser code; it renders elements only through ssr/.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: BROWSER, pathNot: '^src/api/' },
    },
    {
      name: 'browser-is-not-ssr',
      comment: 'ssr/ is the server renderer (@lit-labs/ssr, Node): no browser code imports it.',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^src/ssr/' },
    },
    {
      name: 'ssr-uses-registrations',
      comment: 'The server renderer renders elements through their registration modules and the shared sources, never an element\'s internals or the backend.',
      severity: 'error',
      from: { path: '^src/ssr/' },
      to: { path: '^src/(server|loader)/|^src/elements/([^/]+)/(?!\\2\\.ts$)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'api-has-no-dom',
      comment: 'api/ is the sauceFlex client: no DOM, no state, no elements; it runs in browsers and on servers.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: BROWSER, pathNot: '^src/api/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-holds-state-only',
      comment: 'store/ is zustand stores and their controller: no I/O, so it imports no domain that does I/O.',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(api|coupons|session|loader|tracking|player|elements)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domains-below-elements',
      comment: 'Data flows up: config → store → controller → element → sf- event. Nothing below elements/ imports one.',
      severity: 'error',
      from: { path: '^src/(analytics|api|coupons|events|hosts|i18n|player|session|shared|store|tracking)/' },
      to: { path: '^src/elements/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'elements-keep-to-themselves',
      comment: "An element may use another element only through its registration module (<name>/<name>.ts), never its internals.",
      severity: 'error',
      from: { path: '^src/elements/([^/]+)/' },
      to: { path: '^src/elements/', pathNot: ['^src/elements/$1/', '^src/elements/([^/]+)/\\1\\.ts$'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-the-loader-imports-the-loader',
      comment: 'The autoloader is an entry concern: elements and domains never import it.',
      severity: 'error',
      from: { path: '^src/(analytics|api|coupons|elements|events|i18n|player|session|shared|store|tracking)/' },
      to: { path: '^src/loader/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
    exclude: { path: '\\.d\\.ts$' },
  },
};
