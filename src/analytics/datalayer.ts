/**
 * The GA4 dataLayer bridge, loaded only when the configuration says `analytics="datalayer"`
 * (src/loader/analytics.ts): it listens to our `sf-` events on the window (capture phase, so a shop
 * that stops an event's propagation does not hide it) and pushes GA4's recommended events to
 * `window.dataLayer`, where Google Tag Manager or gtag.js picks them up (ga4.ts has the mapping).
 *
 * No double counting: impressions and video milestones are already once per item per page view at
 * their source; product impressions that arrive together are batched into one `view_item_list` per
 * broadcast; the bridge starts once per page even if the widgets are loaded twice. Each e-commerce
 * event is preceded by `{ ecommerce: null }`, as Google asks, so one event's items never leak into
 * the next.
 */
import type { BroadcastProduct } from '../api/models.js';
import { selectBroadcast, selectCoupon, selectItem, video, viewItemList, viewPromotion, type DataLayerObject } from './ga4.js';

const STARTED = Symbol.for('sauceflex.datalayer');

type Global = typeof globalThis & { dataLayer?: unknown[]; [STARTED]?: true };

function push(entry: DataLayerObject): void {
  const global = globalThis as Global;
  const layer = Array.isArray(global.dataLayer) ? global.dataLayer : (global.dataLayer = []);
  // Undefined fields are left out: a tag reads "absent", not the text "undefined".
  const clean = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
  if ('ecommerce' in clean) layer.push({ ecommerce: null });
  layer.push(clean);
}

/** Product impressions waiting to go out as one `view_item_list` per broadcast. */
const lists = new Map<string | undefined, BroadcastProduct[]>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function flushLists(): void {
  flushTimer = undefined;
  for (const [broadcastId, products] of lists) push(viewItemList(broadcastId, products));
  lists.clear();
}

const HANDLERS: { [K in keyof GlobalEventHandlersEventMap]?: (event: GlobalEventHandlersEventMap[K]) => void } = {
  'sf-impression': ({ detail }) => {
    if (detail.kind !== 'product') return push(viewPromotion(detail));
    const list = lists.get(detail.broadcastId) ?? [];
    list.push(detail.product);
    lists.set(detail.broadcastId, list);
    // Cards that became visible together made their impressions in the same moment: one event.
    flushTimer ??= setTimeout(flushLists, 50);
  },
  'sf-product-click': ({ detail }) => push(selectItem(detail)),
  'sf-broadcast-select': ({ detail }) => push(selectBroadcast(detail)),
  'sf-coupon-issue': ({ detail }) => push(selectCoupon(detail)),
  'sf-view-progress': ({ detail }) => push(video(detail)),
};

/** Start the bridge (once per page). Returns whether this call started it. */
export function startDataLayer(): boolean {
  const global = globalThis as Global;
  if (global[STARTED] || typeof addEventListener !== 'function') return false;
  global[STARTED] = true;
  for (const [name, handler] of Object.entries(HANDLERS)) {
    addEventListener(
      name,
      (event) => {
        try {
          (handler as (event: Event) => void)(event);
        } catch (error) {
          // A malformed detail (from someone else's code) must not break the page's other listeners.
          console.warn(`[sauceflex] dataLayer: could not map ${name}:`, error instanceof Error ? error.message : error);
        }
      },
      { capture: true },
    );
  }
  // Impressions still waiting when the page is left go out with it.
  addEventListener('pagehide', () => flushTimer !== undefined && (clearTimeout(flushTimer), flushLists()));
  return true;
}
