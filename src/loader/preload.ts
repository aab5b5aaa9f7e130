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
