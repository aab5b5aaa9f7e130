/**
 * The space each element takes before it is defined, so a page without its own `:not(:defined)` rule
 * does not jump when an element's chunk arrives: the sizes of the elements' own skeletons. Written
 * beside the elements' styles (change one, change the other); the main entry adds it once, at zero
 * specificity, so any rule a shop writes still wins. An element rendered on the server (`ssr`, src/ssr/)
 * already has its content and is left alone: reserving for it would move the page twice.
 */
/**
 * Lists, panels and the curation rail 16rem (two coupons: 2 × 7.5rem and a gap), a product carousel its one
 * row of cards (17.875rem), the stats 24rem, the players their ratio. The schedule the viewport's height: its
 * skeleton holds `limit` cards (10 by default), taller than a screen in the usual layouts, and CSS cannot
 * count them; a box that ends below the fold before and after the cards arrive moves nothing in view (24rem
 * did: what stood under it jumped a screen down). A short one (a grid's single row) closes the gap once.
 */
export const RESERVE_CSS =
  ':where(:is(sf-product-list,sf-coupon-panel,sf-curation-list):not(:defined):not([ssr])){display:block;min-height:16rem}' +
  ':where(sf-product-list[layout=carousel]:not(:defined):not([ssr])){min-height:17.875rem}' +
  ':where(sf-broadcast-stats:not(:defined):not([ssr])){display:block;min-height:24rem}' +
  ':where(sf-schedule:not(:defined):not([ssr])){display:block;min-height:100vh}' +
  ':where(:is(sf-preview-player,sf-live-player):not(:defined):not([ssr])){display:block;aspect-ratio:var(--sf-player-aspect-ratio,9/16)}';

/** Set on the document once reserved, so a second call (or a second copy of the script) adds nothing. */
const MARK = 'sfReserved';

/**
 * Adds the reservation to the document once. A constructed stylesheet where the browser has them: a strict
 * CSP's `style-src` does not apply to it (as to the elements' own styles), where a `<style>` would be refused.
 * Older browsers get a `<style>` carrying `window.litNonce`, the nonce Lit itself uses there.
 */
export function reserveSpace(doc: Document = document): void {
  const marked = doc as Document & { [MARK]?: true };
  if (marked[MARK]) return;
  marked[MARK] = true;
  if ('adoptedStyleSheets' in doc && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(RESERVE_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return;
  }
  const style = Object.assign(doc.createElement('style'), { textContent: RESERVE_CSS });
  const nonce = (globalThis as { litNonce?: string }).litNonce;
  if (nonce) style.setAttribute('nonce', nonce);
  doc.head.prepend(style);
}
