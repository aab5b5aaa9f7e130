/**
 * Our `sf-` events as GA4's recommended events (the mapping table in the README, "GA4 dataLayer").
 * Pure: a detail in, dataLayer objects out; `datalayer.ts` does the listening and pushing.
 *
 * | sf- event | GA4 event |
 * |---|---|
 * | `sf-impression` product | `view_item_list` (the broadcast is the list) |
 * | `sf-product-click` | `select_item` |
 * | `sf-impression` broadcast / coupon | `view_promotion` |
 * | `sf-broadcast-select`, `sf-coupon-issue` | `select_promotion` |
 * | `sf-view-progress` start / progress / complete | `video_start` / `video_progress` / `video_complete` |
 * | `sf-view-progress` heartbeat (live) | `video_heartbeat` (ours: GA4 has no live watch-time event) |
 */
import type { Broadcast, BroadcastProduct, Coupon } from '../api/models.js';
import type { SfBroadcastSelectDetail } from '../events/broadcast-select.js';
import type { SfCouponIssueDetail } from '../events/coupon-issue.js';
import type { SfImpressionDetail } from '../events/impression.js';
import type { SfPlayerProductClickDetail, SfProductClickDetail } from '../events/product-click.js';
import type { SfViewProgressDetail } from '../events/view-progress.js';

export type DataLayerObject = Record<string, unknown>;

/** The list a product is shown in: its broadcast, or "sauceflex" for a card shown alone. */
export const listId = (broadcastId: string | undefined): string => broadcastId || 'sauceflex';

const amount = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** A GA4 item: the shop's own code as `item_id` (what its GA4 catalogue knows), sauceFlex's id beside it. */
export function ga4Item(product: BroadcastProduct, broadcastId: string | undefined): DataLayerObject {
  const item: DataLayerObject = {
    item_id: product.externalProductId || product.productId,
    item_name: product.productName,
    item_list_id: listId(broadcastId),
    sf_product_id: product.productId,
  };
  if (product.brandName) item.item_brand = product.brandName;
  if (product.priceTypeCode === 'basic') {
    const price = amount(product.price);
    const selling = amount(product.sellingPrice);
    const paid = selling !== undefined && selling > 0 ? selling : price;
    if (paid !== undefined) {
      item.price = paid;
      if (price !== undefined && price > paid) item.discount = price - paid;
    }
  }
  return item;
}

/** The currency of the prices: the product's `currencyId`, else won (sauceFlex's default). */
const currencyOf = (product: BroadcastProduct): string => (typeof product.currencyId === 'string' && /^[A-Z]{3}$/.test(product.currencyId) ? product.currencyId : 'KRW');

function promotion(detail: { kind: 'broadcast'; broadcast: Broadcast } | { kind: 'coupon'; coupon: Coupon; broadcastId: string | undefined }): DataLayerObject {
  const fields =
    detail.kind === 'broadcast'
      ? { promotion_id: detail.broadcast.broadcastId, promotion_name: detail.broadcast.broadcastName, creative_name: 'sauceflex broadcast', creative_slot: 'broadcast' }
      : { promotion_id: detail.coupon.couponId, promotion_name: detail.coupon.couponName, creative_name: 'sauceflex coupon', creative_slot: listId(detail.broadcastId) };
  return { ...fields, items: [{ ...fields }] };
}

/** `view_item_list` for product impressions of one list (batched by the bridge). */
export function viewItemList(broadcastId: string | undefined, products: readonly BroadcastProduct[]): DataLayerObject {
  return {
    event: 'view_item_list',
    ecommerce: {
      item_list_id: listId(broadcastId),
      item_list_name: broadcastId ? `sauceFlex ${broadcastId}` : 'sauceFlex',
      currency: products[0] ? currencyOf(products[0]) : 'KRW',
      items: products.map((product) => ga4Item(product, broadcastId)),
    },
  };
}

/** Broadcast and coupon impressions (product impressions go through `viewItemList`). */
export function viewPromotion(detail: Exclude<SfImpressionDetail, { kind: 'product' }>): DataLayerObject {
  return { event: 'view_promotion', ecommerce: promotion(detail) };
}

export function selectItem(detail: SfProductClickDetail): DataLayerObject {
  const item = detail.source === 'card' ? ga4Item(detail.product, detail.broadcastId) : playerItem(detail);
  return {
    event: 'select_item',
    ecommerce: { item_list_id: listId(detail.broadcastId), currency: detail.source === 'card' ? currencyOf(detail.product) : 'KRW', items: [item] },
    // Joins GA4 with sauceFlex's purchase reports: the same id reaches the shop's checkout.
    sf_order_callback_id: detail.orderCallBackId || undefined,
  };
}

/** The sauceFlex player sends no product object: the shop's product code (else the product page) and the price. */
function playerItem(detail: SfPlayerProductClickDetail): DataLayerObject {
  const item: DataLayerObject = { item_id: detail.externalProductId || detail.url, item_list_id: listId(detail.broadcastId) };
  if (detail.price !== undefined) item.price = detail.price;
  return item;
}

export function selectBroadcast(detail: SfBroadcastSelectDetail): DataLayerObject {
  return { event: 'select_promotion', ecommerce: promotion({ kind: 'broadcast', broadcast: detail.broadcast }) };
}

export function selectCoupon(detail: SfCouponIssueDetail): DataLayerObject {
  return { event: 'select_promotion', ecommerce: promotion({ kind: 'coupon', coupon: detail.coupon, broadcastId: detail.broadcastId }), sf_coupon_status: detail.status };
}

const VIDEO_EVENTS = { start: 'video_start', progress: 'video_progress', complete: 'video_complete', heartbeat: 'video_heartbeat' } as const;

/** GA4's video parameters (as its enhanced measurement sends them), plus ours prefixed `sf_`. */
export function video(detail: SfViewProgressDetail): DataLayerObject {
  const entry: DataLayerObject = {
    event: VIDEO_EVENTS[detail.milestone],
    video_provider: 'sauceflex',
    video_title: detail.title,
    video_url: detail.src,
    video_current_time: Math.round(detail.currentTime),
    sf_broadcast_id: detail.broadcastId,
    sf_live: detail.live,
    sf_muted: detail.muted,
  };
  if (detail.duration !== undefined) entry.video_duration = Math.round(detail.duration);
  if (detail.percent !== undefined) entry.video_percent = detail.percent;
  if (detail.milestone === 'heartbeat' || detail.milestone === 'complete') entry.sf_watched_seconds = detail.watchedSeconds;
  return entry;
}
