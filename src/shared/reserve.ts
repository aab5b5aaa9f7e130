/**
 * The space each element takes before it is defined, so a page without its own `:not(:defined)` rule
 * does not jump when an element's chunk arrives: the sizes of the elements' own skeletons. Written
 * beside the elements' styles (change one, change the other); the main entry adopts it once, at zero
 * specificity, so any rule a shop writes still wins.
 */
/** Lists and panels 16rem (two coupons: 2 × 7.5rem and a gap), the schedule and the stats 24rem, the player its ratio. */
export const RESERVE_CSS =
  ':where(:is(sf-preview-player,sf-schedule,sf-product-list,sf-coupon-panel,sf-broadcast-stats):not(:defined)){display:block;min-height:16rem}' +
  ':where(:is(sf-schedule,sf-broadcast-stats):not(:defined)){min-height:24rem}' +
  ':where(sf-preview-player:not(:defined)){min-height:0;aspect-ratio:var(--sf-player-aspect-ratio,9/16)}';

/**
 * Adds the reservation to the document once (a second copy of the script finds it there), as an adopted
 * constructed stylesheet: a strict CSP's style-src refuses a `<style>` element but not that. Browsers
 * without constructable stylesheets (Safari before 16.4) go without; the elements still render.
 */
export function reserveSpace(doc: Document = document): void {
  const sheets = doc.adoptedStyleSheets;
  if (!sheets || sheets.some((sheet) => (sheet as { sf?: 1 }).sf)) return;
  const sheet = Object.assign(new CSSStyleSheet(), { sf: 1 });
  sheet.replaceSync(RESERVE_CSS);
  doc.adoptedStyleSheets = [sheet, ...sheets];
}
