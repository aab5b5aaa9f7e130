/**
 * Where hls.js comes from: a dynamic `import()` that the bundler turns into a chunk of its own,
 * fetched the first time a player needs to play and never before (the IIFE loads the same ES
 * files, so this holds for both ways in).
 *
 * `hls-src` (config) overrides both: the URL of an ES module whose default export is `Hls`, for a
 * shop that serves hls.js from its own CDN.
 */
import type Hls from 'hls.js';
import { importHlsFrom, resolveHlsSrc } from './hls-src.js';

let bundled: Promise<typeof Hls> | undefined;

export function loadHls(hlsSrc?: string): Promise<typeof Hls> {
  if (hlsSrc) return importHlsFrom(resolveHlsSrc(hlsSrc));
  // The light build covers previews: H.264/AAC in fMP4 or MPEG-TS, VOD and live (see DESIGN note in engine.ts).
  bundled ??= import('hls.js/light').then(
    (module) => module.default,
    (error: unknown) => {
      bundled = undefined; // a failed fetch (offline, a deploy in between) may succeed on retry
      throw error;
    },
  );
  return bundled;
}
