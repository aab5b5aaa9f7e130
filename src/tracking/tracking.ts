/**
 * Purchase attribution, the browser side (결제 연동). Two halves:
 *
 * **The click** (the widgets do this): `click()` issues an orderCallBackId, records
 * `{orderCallBackId, productId, externalProductId, broadcastId, clickedAt}`, announces the click
 * (`setAnnouncer`) and returns the tracked product URL.
 *
 * **The landing and the cart** (the shop does this on its own pages):
 * ```js
 * import { tracking } from 'sauceflex-widgets';
 * // product page, opened from a card: keep the id that came in the URL with this product
 * tracking.capture({ externalProductId: 'MBD-1001', clean: true });
 * // add to cart: keep the id with the cart line
 * cart.add({ sku: 'MBD-1001', qty: 1, orderCallBackId: tracking.forProduct('MBD-1001')?.orderCallBackId });
 * // after the order is paid and reported by the shop's server (see tracking/server.ts):
 * tracking.forget(orderCallBackId);   // sauceFlex takes each id once (FA1028)
 * ```
 * `current()` is the id this shopper most recently arrived with (the page's own URL is read the
 * first time it is called), for shops that attribute a whole order rather than a line.
 */
import { mayStore, onConsent } from './consent.js';
import { newOrderCallBackId } from './id.js';
import { RecordStore, type RecordStoreOptions, type TrackedClick } from './storage.js';
import { readOrderCallBackId, trackedUrl, withoutOrderCallBackId } from './url.js';

/**
 * Tells sauceFlex (or anyone) that an id was issued. The guide documents no route for this yet
 * (DESIGN.md, open questions): the default does nothing, and the real call plugs in here without
 * touching the elements. It runs as the page may be leaving: use `fetch(…, {keepalive: true})` or
 * `navigator.sendBeacon`. Its errors are logged, never thrown into the click.
 */
export type ClickAnnouncer = (click: TrackedClick) => void | Promise<void>;

export const noAnnouncer: ClickAnnouncer = () => {};

export interface ClickInput {
  /** Use this id (issued earlier with `issue()`, e.g. already in a link's href); a fresh one otherwise. */
  orderCallBackId?: string;
  productId?: string;
  externalProductId?: string | null;
  broadcastId?: string;
  /** The product's own URL; the tracked URL is built from it. */
  redirectUrl?: unknown;
}

export interface ClickResult {
  click: TrackedClick;
  /** The product URL with the id in its query; undefined when the product URL is not http(s). */
  url: string | undefined;
}

export interface CaptureOptions {
  /** The landing URL. Default: this page's. */
  url?: string;
  /** What the landing page shows, so `forProduct()` can find the id again. */
  productId?: string;
  externalProductId?: string;
  broadcastId?: string;
  /**
   * Remove the id from the address bar (history.replaceState) once kept, so a shared or bookmarked
   * link does not carry it to someone else. Only when `url` is this page's. Default false.
   */
  clean?: boolean;
}

export interface Tracking {
  /** A fresh orderCallBackId, not recorded (for an href that may or may not be used). */
  issue(): string | undefined;
  /** A click: issue (or use the given id), record, announce. Undefined only when no id can be issued. */
  click(input: ClickInput): ClickResult | undefined;
  /** Keep the orderCallBackId of a landing URL (this page's by default). Undefined when it carries none. */
  capture(options?: CaptureOptions): TrackedClick | undefined;
  /** The id this shopper most recently arrived with. */
  current(): TrackedClick | undefined;
  /** The newest id known for a product, by sauceFlex productId or the shop's externalProductId. */
  forProduct(id: string): TrackedClick | undefined;
  /** Everything kept, newest first. */
  list(): TrackedClick[];
  /** Drop an id (reported, or the cart line removed). */
  forget(orderCallBackId: string): void;
  clear(): void;
  /** Replace the click announcer; returns a function that restores the previous one. */
  setAnnouncer(announcer: ClickAnnouncer): () => void;
}

export interface TrackingOptions extends RecordStoreOptions {
  /** This page's URL, for `current()` and `capture()`. Default `location.href`. */
  pageUrl?: () => string | undefined;
  announcer?: ClickAnnouncer;
}

/**
 * Storage follows the page's consent (consent.ts) unless `mayStore` is given: while pending,
 * records live in memory; granted stores them; denied removes the stored key.
 */
export function createTracking(options: TrackingOptions = {}): Tracking {
  const store = new RecordStore({ mayStore, ...options });
  if (!options.mayStore) onConsent((consent) => (consent === 'granted' ? store.persist() : consent === 'denied' ? store.dropStored() : undefined));
  const now = options.now ?? Date.now;
  const pageUrl = options.pageUrl ?? (() => globalThis.location?.href);
  let announcer = options.announcer ?? noAnnouncer;
  let pageCaptured = false;

  const iso = () => new Date(now()).toISOString();

  function announce(click: TrackedClick): void {
    try {
      const pending = announcer({ ...click });
      if (pending && typeof pending.then === 'function') pending.then(undefined, report);
    } catch (error) {
      report(error);
    }
  }

  function capturePage(): void {
    if (pageCaptured) return;
    pageCaptured = true;
    capture();
  }

  function capture(captureOptions: CaptureOptions = {}): TrackedClick | undefined {
    const ownPage = pageUrl();
    const url = captureOptions.url ?? ownPage;
    if (!url) return undefined;
    const orderCallBackId = readOrderCallBackId(url);
    if (!orderCallBackId) return undefined;
    const at = iso();
    const known = store.list().find((r) => r.orderCallBackId.toLowerCase() === orderCallBackId.toLowerCase());
    const click: TrackedClick = {
      ...known,
      orderCallBackId,
      clickedAt: known?.clickedAt ?? at,
      landedAt: at,
    };
    if (captureOptions.productId) click.productId = captureOptions.productId;
    if (captureOptions.externalProductId) click.externalProductId = captureOptions.externalProductId;
    if (captureOptions.broadcastId) click.broadcastId = captureOptions.broadcastId;
    store.put(click);
    if (captureOptions.clean && url === ownPage) {
      try {
        globalThis.history?.replaceState(globalThis.history.state, '', withoutOrderCallBackId(url));
      } catch {
        // a sandboxed frame may refuse; the id stays in the address bar, nothing else changes
      }
    }
    return click;
  }

  return {
    issue: () => newOrderCallBackId(),

    click(input) {
      const orderCallBackId = input.orderCallBackId ?? newOrderCallBackId();
      if (!orderCallBackId) return undefined;
      const click: TrackedClick = { orderCallBackId, clickedAt: iso() };
      if (input.productId) click.productId = input.productId;
      if (input.externalProductId) click.externalProductId = input.externalProductId;
      if (input.broadcastId) click.broadcastId = input.broadcastId;
      store.put(click);
      announce(click);
      return { click, url: trackedUrl(input.redirectUrl, orderCallBackId) };
    },

    capture(captureOptions) {
      if (!captureOptions?.url) pageCaptured = true;
      return capture(captureOptions);
    },

    current() {
      capturePage();
      return store.list().find((r) => r.landedAt !== undefined);
    },

    forProduct(id) {
      capturePage();
      if (!id) return undefined;
      return store.list().find((r) => r.productId === id || r.externalProductId === id);
    },

    list: () => store.list(),
    forget: (orderCallBackId) => store.remove(orderCallBackId),
    clear: () => store.clear(),

    setAnnouncer(next) {
      const previous = announcer;
      announcer = next;
      return () => {
        announcer = previous;
      };
    },
  };
}

function report(error: unknown): void {
  console.warn('[sauceflex] tracking: announcing a click failed:', error instanceof Error ? error.message : error);
}

/** The page's tracking, in localStorage: what the widgets record into and the shop reads from. */
export const tracking: Tracking = createTracking();
