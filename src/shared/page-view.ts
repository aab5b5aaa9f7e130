/**
 * Page views. Impressions and video milestones count once per item per page view; a single-page app's
 * route change is a new page view, which the shop says with `newPageView()` (exported by the main entry,
 * and on `SauceflexWidgets` once it is ready). Small and apart because it is in the first download, while
 * the counters it resets load with the elements and register here.
 */
const resets = new Set<() => void>();

/** Start a new page view: items and milestones already counted count again. */
export function newPageView(): void {
  for (const reset of resets) reset();
}

/** Run `reset` at every new page view (a counter's own "already counted" state). */
export function onNewPageView(reset: () => void): void {
  resets.add(reset);
}
