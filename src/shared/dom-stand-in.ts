/**
 * Stands in for `@lit-labs/ssr-dom-shim` in the library build (vite.config.ts aliases it here).
 * Lit's "node" build imports that shim only so that a module can be imported where there is no DOM
 * (a server evaluating every entry of the package); it weighs ~7 kB brotli, and a browser, which has
 * the real classes, would download it with every element. Importing needs no more than this: a
 * class to extend and a registry that accepts a definition. Rendering on a server is @lit-labs/ssr's
 * work, with its own DOM shim (src/ssr/ runs from source, not from this build).
 */
export const HTMLElement: typeof globalThis.HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof globalThis.HTMLElement);

const definitions = new Map<string, CustomElementConstructor>();
export const customElements: Pick<CustomElementRegistry, 'define' | 'get' | 'whenDefined'> = globalThis.customElements ?? {
  define: (name: string, constructor: CustomElementConstructor) => void definitions.set(name, constructor),
  get: (name: string) => definitions.get(name),
  whenDefined: (name: string) => Promise.resolve(definitions.get(name) as CustomElementConstructor),
};
