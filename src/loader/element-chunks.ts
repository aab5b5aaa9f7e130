/**
 * Per element tag, `import()`s of the chunks its entry needs beyond the main entry, written into the
 * built chunk by build/preloads.ts (absent when running from source). Imported together with the
 * element's entry they download in parallel instead of one import level (one round trip) after
 * another. Plain relative `import()`s, not URLs computed from `import.meta.url`: a shop's bundler
 * (webpack rewrites `import.meta.url` to the build machine's path) sees them as ordinary imports of
 * files in this package and maps them to its own chunks.
 */
declare const __SF_ELEMENT_CHUNKS__: Record<string, () => Promise<unknown>[]>;
export const ELEMENT_CHUNKS: Record<string, () => Promise<unknown>[]> | undefined =
  typeof __SF_ELEMENT_CHUNKS__ === 'object' ? __SF_ELEMENT_CHUNKS__ : undefined;
