/**
 * Impressions (`sf-impression`): an item counts as seen when at least half of it is on screen, in a
 * visible tab, for one second without a break; once per item per page view. One
 * IntersectionObserver for the whole page (not one per card), created the first time something is
 * watched; each watched element has its own pending timer, cancelled as soon as it drops below
 * half, the tab is hidden, or it leaves the page. A new page view (`newPageView()`, an SPA's route
 * change) counts everything again, items that stayed on the page included.
 *
 * Elements use it through `ImpressionController`: a card watches itself, a coupon panel its coupons.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import '../events/impression.js';
import { onNewPageView } from './page-view.js';
import type { SfImpressionDetail } from '../events/impression.js';

/** How long an item must stay at least half visible (ms). */
export const DWELL_MS = 1000;
const SHARE = 0.5;

/** The timers used, replaceable by a test (a clock it controls). */
export const impressionClock = {
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (id: unknown): void => clearTimeout(id as ReturnType<typeof setTimeout>),
};

interface Watch {
  key: string;
  fire: () => void;
  visible: boolean;
  timer?: unknown;
}

/** Keys counted on this page view. */
const seen = new Set<string>();
const watched = new Map<Element, Watch>();
/** Elements whose item was counted on this page view and are still on the page: watched again at the next. */
const counted = new Map<Element, Watch>();
let observer: IntersectionObserver | undefined;

function arm(target: Element, watch: Watch): void {
  const shown = watch.visible && document.visibilityState === 'visible' && !seen.has(watch.key);
  if (shown && watch.timer === undefined) {
    watch.timer = impressionClock.setTimeout(() => {
      watch.timer = undefined;
      if (watched.get(target) !== watch) return;
      unwatch(target);
      counted.set(target, watch);
      // The same item in a second element, counted a moment ago, is not counted again.
      if (seen.has(watch.key)) return;
      seen.add(watch.key);
      watch.fire();
    }, DWELL_MS);
  } else if (!shown && watch.timer !== undefined) {
    impressionClock.clearTimeout(watch.timer);
    watch.timer = undefined;
  }
}

function onVisibility(): void {
  for (const [target, watch] of watched) arm(target, watch);
}

/** Watch `target` until it has made an impression for `key` (then `fire`), or until unwatched. */
export function watchImpression(target: Element, key: string, fire: () => void): void {
  if (typeof IntersectionObserver === 'undefined') return;
  if (seen.has(key)) {
    counted.set(target, { key, fire, visible: false });
    return;
  }
  const known = watched.get(target);
  if (known?.key === key) {
    known.fire = fire;
    return;
  }
  if (known) unwatch(target);
  if (!observer) {
    observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const watch = watched.get(entry.target);
          if (!watch) continue;
          const viewport = entry.rootBounds?.height ?? innerHeight;
          // Half of it, or half of the viewport for an item taller than two viewports.
          watch.visible = entry.isIntersecting && (entry.intersectionRatio >= SHARE || entry.intersectionRect.height >= viewport * SHARE);
          arm(entry.target, watch);
        }
      },
      { threshold: [0, SHARE, 1] },
    );
    document.addEventListener('visibilitychange', onVisibility);
  }
  watched.set(target, { key, fire, visible: false });
  observer.observe(target);
}

export function unwatch(target: Element): void {
  counted.delete(target);
  const watch = watched.get(target);
  if (!watch) return;
  if (watch.timer !== undefined) impressionClock.clearTimeout(watch.timer);
  watched.delete(target);
  observer?.unobserve(target);
}

// A single-page app's route change is a new page view (page-view.ts): what was counted counts again,
// items still on the page included.
onNewPageView(() => {
  seen.clear();
  const again = [...counted];
  counted.clear();
  for (const [target, watch] of again) watchImpression(target, watch.key, watch.fire);
});

export interface ImpressionItem {
  target: Element;
  detail: SfImpressionDetail;
}

/**
 * Watches the items an element shows, after each render: `items()` says which (a card: itself; a
 * coupon panel: each coupon's row). The key is kind, broadcast and id, so the same product shown in
 * two broadcasts counts in each.
 */
export class ImpressionController implements ReactiveController {
  private targets = new Set<Element>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly items: () => readonly ImpressionItem[],
    private readonly emit: (detail: SfImpressionDetail) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const next = new Set<Element>();
    for (const { target, detail } of this.items()) {
      if (!detail.id) continue;
      next.add(target);
      watchImpression(target, `${detail.kind}:${detail.broadcastId ?? ''}:${detail.id}`, () => this.emit(detail));
    }
    for (const target of this.targets) if (!next.has(target)) unwatch(target);
    this.targets = next;
  }

  hostConnected(): void {
    // Moved within the page: watch again what was rendered.
    if ((this.host as { hasUpdated?: boolean }).hasUpdated) this.hostUpdated();
  }

  hostDisconnected(): void {
    for (const target of this.targets) unwatch(target);
    this.targets.clear();
  }
}
