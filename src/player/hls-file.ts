/**
 * The file the IIFE build puts beside `sauceflex-widgets.iife.js`: hls.js (light) as an ES module
 * whose default export is the `Hls` class. vite.config.ts writes it; `load-hls.iife.ts` loads it.
 */
export const HLS_IIFE_FILE = 'sauceflex-hls.js';
