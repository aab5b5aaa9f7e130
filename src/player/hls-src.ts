/** Loading hls.js from a URL (the `hls-src` option: a shop serving hls.js from its own CDN). */
import type Hls from 'hls.js';

const byUrl = new Map<string, Promise<typeof Hls>>();

/** `hls-src` resolved against the page: http(s) only, relative paths allowed (it is the shop's own setting). */
export function resolveHlsSrc(value: string): string {
  const base = typeof document !== 'undefined' ? document.baseURI : undefined;
  const url = new URL(value, base);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`[sauceflex] hls-src must be an http(s) URL, got "${value.slice(0, 80)}"`);
  return url.toString();
}

/** The `Hls` class from an ES module at `url` (its default export, or a named `Hls`); one fetch per URL. */
export function importHlsFrom(url: string): Promise<typeof Hls> {
  let pending = byUrl.get(url);
  if (!pending) {
    // A runtime URL, not a module of this package: no bundler may try to resolve it.
    pending = import(/* webpackIgnore: true */ /* @vite-ignore */ url).then(
      (module: { default?: typeof Hls; Hls?: typeof Hls }) => {
        const found = module.default ?? module.Hls;
        if (typeof found !== 'function') throw new Error(`[sauceflex] ${url} has no default export Hls`);
        return found;
      },
      (error: unknown) => {
        byUrl.delete(url);
        throw error;
      },
    );
    byUrl.set(url, pending);
  }
  return pending;
}
