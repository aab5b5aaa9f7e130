/**
 * The GA4 mapping (src/analytics/ga4.ts), pure: each of our events becomes the recommended GA4 event
 * with the fields GA4's reports read, prices as numbers in the product's currency, nothing made up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Broadcast, BroadcastProduct, Coupon } from '../../src/api/models.js';
import { ga4Item, selectBroadcast, selectCoupon, selectItem, video, viewItemList, viewPromotion } from '../../src/analytics/ga4.js';

const product = (over: Partial<BroadcastProduct> = {}): BroadcastProduct => ({
  productId: 'p-1',
  productName: '모비두 립밤',
  externalProductId: 'MBD-1001',
  productThumbnailUrlList: [],
  priceTypeCode: 'basic',
  price: '39000',
  sellingPrice: '29000',
  discountTypeCode: 'rate',
  discountRate: '25',
  ...over,
});
const broadcast = { broadcastId: 'lkmobidoo-1', broadcastName: '겨울 뷰티 라이브' } as Broadcast;
const coupon = { couponId: 'c-9', couponName: '10% 할인' } as Coupon;

test('a product is a GA4 item: the shop\'s own code as item_id, what is paid as price, the saving as discount', () => {
  assert.deepEqual(ga4Item(product(), 'lkmobidoo-1'), {
    item_id: 'MBD-1001',
    item_name: '모비두 립밤',
    item_list_id: 'lkmobidoo-1',
    sf_product_id: 'p-1',
    price: 29000,
    discount: 10000,
  });
  // No shop code: sauceFlex's id. Text and hidden prices: no price at all (never 0 or NaN).
  const text = ga4Item(product({ externalProductId: null, priceTypeCode: 'text', price: '상담 후 결정' }), undefined);
  assert.equal(text.item_id, 'p-1');
  assert.equal(text.item_list_id, 'sauceflex');
  assert.equal('price' in text, false);
  assert.equal('price' in ga4Item(product({ priceTypeCode: 'hide' }), undefined), false);
  // sellingPrice "0" (the guide's own example): the price is what is paid.
  assert.equal(ga4Item(product({ sellingPrice: '0' }), undefined).price, 39000);
});

test('view_item_list and select_item carry the broadcast as the list and the product currency (won by default)', () => {
  const list = viewItemList('lkmobidoo-1', [product(), product({ productId: 'p-2', externalProductId: 'MBD-1002', currencyId: 'KRW' })]);
  assert.equal(list.event, 'view_item_list');
  const ecommerce = list.ecommerce as Record<string, any>;
  assert.equal(ecommerce.item_list_id, 'lkmobidoo-1');
  assert.equal(ecommerce.currency, 'KRW');
  assert.deepEqual(ecommerce.items.map((i: { item_id: string }) => i.item_id), ['MBD-1001', 'MBD-1002']);

  const select = selectItem({
    source: 'card',
    url: 'https://shop.example/p/1?orderCallBackId=x',
    orderCallBackId: '5f0e9a52-2c1b-4c57-9a7e-1d0b6c3f2a10',
    broadcastId: 'lkmobidoo-1',
    productId: 'p-1',
    externalProductId: 'MBD-1001',
    price: 29000,
    priceTypeCode: 'basic',
    isSoldout: false,
    product: product({ currencyId: 'USD' }),
    target: '_self',
    newTab: false,
  });
  assert.equal(select.event, 'select_item');
  assert.equal((select.ecommerce as Record<string, unknown>).currency, 'USD');
  assert.equal(select.sf_order_callback_id, '5f0e9a52-2c1b-4c57-9a7e-1d0b6c3f2a10');

  // From the sauceFlex player: no product object, so the shop's code and the price it sent.
  const fromPlayer = selectItem({
    source: 'player',
    url: 'https://shop.example/p/2?orderCallBackId=y',
    orderCallBackId: '6f0e9a52-2c1b-4c57-9a7e-1d0b6c3f2a11',
    broadcastId: 'lkmobidoo-1',
    externalProductId: 'MBD-1002',
    price: 19000,
    isSoldout: false,
    broadcastIdx: 7,
    target: '_self',
    newTab: false,
  });
  assert.deepEqual(fromPlayer.ecommerce, { item_list_id: 'lkmobidoo-1', currency: 'KRW', items: [{ item_id: 'MBD-1002', item_list_id: 'lkmobidoo-1', price: 19000 }] });
  assert.equal(fromPlayer.sf_order_callback_id, '6f0e9a52-2c1b-4c57-9a7e-1d0b6c3f2a11');
});

test('broadcasts and coupons are promotions: view_promotion on impression, select_promotion on choice', () => {
  const seen = viewPromotion({ kind: 'broadcast', id: 'lkmobidoo-1', broadcastId: 'lkmobidoo-1', broadcast });
  assert.deepEqual(seen, {
    event: 'view_promotion',
    ecommerce: {
      promotion_id: 'lkmobidoo-1',
      promotion_name: '겨울 뷰티 라이브',
      creative_name: 'sauceflex broadcast',
      creative_slot: 'broadcast',
      items: [{ promotion_id: 'lkmobidoo-1', promotion_name: '겨울 뷰티 라이브', creative_name: 'sauceflex broadcast', creative_slot: 'broadcast' }],
    },
  });
  assert.equal(selectBroadcast({ broadcast, url: undefined, target: '_self' }).event, 'select_promotion');
  const couponSeen = viewPromotion({ kind: 'coupon', id: 'c-9', broadcastId: 'lkmobidoo-1', coupon });
  assert.equal((couponSeen.ecommerce as Record<string, unknown>).promotion_id, 'c-9');
  assert.equal((couponSeen.ecommerce as Record<string, unknown>).creative_slot, 'lkmobidoo-1');
  const pressed = selectCoupon({ coupon, status: 'issued', broadcastId: 'lkmobidoo-1' });
  assert.equal(pressed.event, 'select_promotion');
  assert.equal(pressed.sf_coupon_status, 'issued');
});

test('view progress: GA4 video events with its enhanced-measurement parameters; live heartbeats are our own event', () => {
  const base = { live: false, src: 'https://cdn.example/a.m3u8', broadcastId: 'lkmobidoo-1', title: '겨울 뷰티 라이브', currentTime: 30.4, duration: 120, watchedSeconds: 31, muted: true };
  assert.deepEqual(video({ ...base, milestone: 'progress', percent: 25 }), {
    event: 'video_progress',
    video_provider: 'sauceflex',
    video_title: '겨울 뷰티 라이브',
    video_url: 'https://cdn.example/a.m3u8',
    video_current_time: 30,
    video_duration: 120,
    video_percent: 25,
    sf_broadcast_id: 'lkmobidoo-1',
    sf_live: false,
    sf_muted: true,
  });
  assert.equal(video({ ...base, milestone: 'start', percent: 0 }).event, 'video_start');
  assert.equal(video({ ...base, milestone: 'complete', percent: 100 }).sf_watched_seconds, 31);
  const beat = video({ ...base, live: true, duration: undefined, milestone: 'heartbeat', watchedSeconds: 30 });
  assert.equal(beat.event, 'video_heartbeat');
  assert.equal(beat.sf_watched_seconds, 30);
  assert.equal('video_percent' in beat, false);
});
