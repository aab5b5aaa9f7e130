/**
 * What to preload, written into the built chunk that holds this module (build/preloads.ts): that
 * chunk's own file name, the main entry with its static imports, and per element tag the files it
 * adds beyond those; paths relative to that chunk. Absent when running from source (tests, Storybook).
 */
export interface PreloadTable {
  self: string;
  main: string[];
  elements: Record<string, string[]>;
}

declare const __SF_PRELOADS__: PreloadTable;
export const PRELOADS: PreloadTable | undefined = typeof __SF_PRELOADS__ === 'object' ? __SF_PRELOADS__ : undefined;

/**
 * `<link rel="modulepreload">` for files a page is about to import: they are fetched at once, in
 * parallel, instead of one import level (one round trip) after another. Used by the IIFE (for the
 * main entry and the elements in the page) and by the autoloader (for an element's own chunks).
 * A URL already linked is skipped, whichever of the two linked it.
 */
export function modulePreload(urls: Iterable<string>): void {
  for (const href of new Set(urls)) {
    if (document.head.querySelector(`link[rel="modulepreload"][href="${CSS.escape(href)}"]`)) continue;
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
}
