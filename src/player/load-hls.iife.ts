/**
 * Where hls.js comes from, in the IIFE build (vite.config.ts puts this module in place of
 * `load-hls.ts`): a classic script cannot split chunks, so hls.js ships as `sauceflex-hls.js`, an ES
 * module beside the IIFE, loaded with `import()` from the IIFE's own URL. That URL is read while
 * the script runs (`document.currentScript` is ours only then). `hls-src` overrides it.
 */
import type Hls from 'hls.js';
import { HLS_IIFE_FILE } from './hls-file.js';
import { importHlsFrom, resolveHlsSrc } from './hls-src.js';

const scriptUrl = ownScriptUrl();

function ownScriptUrl(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  // Inlined by a CMS, or evaluated by a loader: look for a script tag that names the bundle.
  const tag = document.querySelector<HTMLScriptElement>('script[src*="sauceflex-widgets"]');
  return tag?.src || undefined;
}

export function loadHls(hlsSrc?: string): Promise<typeof Hls> {
  if (hlsSrc) return importHlsFrom(resolveHlsSrc(hlsSrc));
  if (!scriptUrl) {
    return Promise.reject(new Error(`[sauceflex] cannot tell where ${HLS_IIFE_FILE} is (the script's URL is unknown): set the "hls-src" attribute on <sf-config>`));
  }
  return importHlsFrom(new URL(HLS_IIFE_FILE, scriptUrl).toString());
}
