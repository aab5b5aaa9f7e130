/**
 * The GA4 dataLayer bridge (`analytics="datalayer"`) over a whole shopping path with the real
 * elements, the stand-in and our backend: a broadcast seen and chosen, its products seen and one
 * clicked, a coupon seen and taken, the preview watched to the end — and then everything re-rendered
 * and shown again without a single event counted twice. Impressions wait the real second.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/config/config.js';
import '../../src/elements/broadcast-card/broadcast-card.js';
import '../../src/elements/product-card/product-card.js';
import '../../src/elements/coupon-panel/coupon-panel.js';
import '../../src/elements/preview-player/preview-player.js';
import type { SfBroadcastCard } from '../../src/elements/broadcast-card/broadcast-card.component.js';
import type { SfProductCard } from '../../src/elements/product-card/product-card.component.js';
import type { SfCouponPanel } from '../../src/elements/coupon-panel/coupon-panel.component.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import type { SfProductClickDetail } from '../../src/events/product-click.js';
import { resetCoupons } from '../../src/store/coupons.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { broadcastFixtures, productFixtures } from '../../demo/standin/fixtures.js';
import { resetStandin, standinApiBase, standinOrigin } from '../support/standin-control.js';
import { signIn, signOut } from '../coupons/support.js';
import { streamUrl, videoOf } from '../player/support.js';

type Entry = Record<string, any>;
const layer = () => (window as unknown as { dataLayer: Entry[] }).dataLayer;
const named = () => layer().filter((entry) => typeof entry.event === 'string');
const eventsNamed = (name: string) => named().filter((entry) => entry.event === name);

function box(): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.style.cssText = `position:fixed;left:0;width:260px;top:${innerHeight + 50}px;overflow:hidden`;
  document.body.append(wrapper);
  return wrapper;
}
const onScreen = (wrapper: HTMLElement) => (wrapper.style.top = '0px');
const offScreen = (wrapper: HTMLElement) => (wrapper.style.top = `${innerHeight + 50}px`);

describe('GA4 dataLayer bridge', function () {
  this.timeout(40_000);
  const wrappers: HTMLElement[] = [];
  let restoreNavigator: () => void;
  const navigations: string[] = [];

  before(async () => {
    await resetStandin();
    resetCoupons();
    (window as unknown as { dataLayer: Entry[] }).dataLayer = [];
    restoreNavigator = setNavigator((url) => void navigations.push(url));
  });
  after(() => {
    restoreNavigator();
    signOut();
    fixtureCleanup();
    for (const wrapper of wrappers) wrapper.remove();
  });

  it('pushes the GA4 events of a shopping path in order, and nothing twice after re-renders and a second look', async () => {
    await fixture(html`<sf-config partner-id="mobidoo" api-base=${standinApiBase()} analytics="datalayer"></sf-config>`);
    await signIn('datalayer-member');
    const broadcast = broadcastFixtures(Date.now(), standinOrigin())[0]!;
    const products = productFixtures(standinOrigin(), { shopOrigin: 'https://shop.example' });
    const place = async <T extends Element>(template: unknown) => {
      const wrapper = box();
      wrappers.push(wrapper);
      const el = await fixture<T>(template as Parameters<typeof fixture>[0], { parentNode: wrapper });
      return { wrapper, el };
    };

    const card = await place<SfBroadcastCard>(html`<sf-broadcast-card .broadcast=${broadcast} lang="ko"></sf-broadcast-card>`);
    await waitUntil(() => (globalThis as Record<symbol, unknown>)[Symbol.for('sauceflex.datalayer')] === true, 'the bridge chunk loaded and started');

    // 1. The broadcast is seen.
    onScreen(card.wrapper);
    await waitUntil(() => eventsNamed('view_promotion').length === 1, 'view_promotion for the broadcast', { timeout: 5000 });
    expect(eventsNamed('view_promotion')[0]!.ecommerce.promotion_id).to.equal(broadcast.broadcastId);

    // 2. Its products are seen together: one view_item_list with the broadcast as the list.
    const list = await place<HTMLElement>(
      html`<div>${products.slice(0, 2).map((product) => html`<sf-product-card .product=${product} broadcast-id=${broadcast.broadcastId} lang="ko" style="display:block;width:120px"></sf-product-card>`)}</div>`,
    );
    onScreen(list.wrapper);
    await waitUntil(() => eventsNamed('view_item_list').length === 1, 'view_item_list', { timeout: 5000 });
    const itemList = eventsNamed('view_item_list')[0]!.ecommerce;
    expect(itemList.item_list_id).to.equal(broadcast.broadcastId);
    expect(itemList.items.map((item: Entry) => item.sf_product_id)).to.have.members([products[0]!.productId, products[1]!.productId]);

    // 3. One coupon is seen (the panel shows only its first row), then taken.
    const coupons = await place<SfCouponPanel>(html`<sf-coupon-panel coupon-endpoint=${`${standinOrigin()}/shop/coupons`} broadcast-id=${broadcast.broadcastId} lang="ko"></sf-coupon-panel>`);
    const firstRow = () => coupons.el.shadowRoot!.querySelector<HTMLElement>('li[data-coupon-id]');
    await waitUntil(firstRow, 'coupons listed', { timeout: 8000 });
    // Only the first row comes on screen: the box's top is placed so that row ends at the viewport's bottom edge.
    const rowBottom = firstRow()!.getBoundingClientRect().bottom - coupons.wrapper.getBoundingClientRect().top;
    coupons.wrapper.style.top = `${innerHeight - rowBottom - 1}px`;
    await waitUntil(() => eventsNamed('view_promotion').length === 2, `view_promotion for the coupon (row at ${JSON.stringify(firstRow()!.getBoundingClientRect())}, box ${JSON.stringify(coupons.wrapper.getBoundingClientRect())}; ${named().map((e) => e.event).join(', ')})`, { timeout: 5000 });
    const couponId = firstRow()!.dataset.couponId!;
    expect(eventsNamed('view_promotion')[1]!.ecommerce.promotion_id).to.equal(couponId);
    firstRow()!.querySelector('button')!.click();
    await waitUntil(() => eventsNamed('select_promotion').length === 1, 'select_promotion for the coupon', { timeout: 8000 });
    expect(eventsNamed('select_promotion')[0]).to.deep.include({ sf_coupon_status: 'issued' });

    // 4. A product is clicked: select_item carries the orderCallBackId that went into the URL.
    const clicked = new Promise<SfProductClickDetail>((resolve) => document.addEventListener('sf-product-click', (e) => resolve((e as CustomEvent).detail), { once: true }));
    const productCard = list.el.querySelector<SfProductCard>('sf-product-card')!;
    productCard.shadowRoot!.querySelector<HTMLAnchorElement>('a.card')!.click();
    const click = await clicked;
    expect(eventsNamed('select_item')).to.have.length(1);
    expect(eventsNamed('select_item')[0]!.sf_order_callback_id).to.equal(click.orderCallBackId);
    expect(navigations.at(-1)).to.include(`orderCallBackId=${click.orderCallBackId}`);

    // 5. The broadcast is chosen (the shop opens it itself).
    const cancel = (e: Event) => e.preventDefault();
    document.addEventListener('sf-broadcast-select', cancel, { once: true });
    card.el.shadowRoot!.querySelector<HTMLAnchorElement>('a.card')!.click();
    expect(eventsNamed('select_promotion')).to.have.length(2);
    expect(eventsNamed('select_promotion')[1]!.ecommerce.promotion_id).to.equal(broadcast.broadcastId);

    // 6. The preview is watched to the end.
    const player = await place<SfPreviewPlayer>(html`<sf-preview-player .broadcast=${broadcast} src=${streamUrl('datalayer')} muted style="width:160px"></sf-preview-player>`);
    await player.el.play();
    videoOf(player.el).playbackRate = 4;
    await waitUntil(() => eventsNamed('video_complete').length === 1, 'video_complete', { timeout: 20_000, interval: 50 });
    expect(eventsNamed('video_start')[0]).to.deep.include({ video_provider: 'sauceflex', video_title: broadcast.broadcastName, sf_broadcast_id: broadcast.broadcastId });

    // 7. Everything re-rendered, scrolled away and back; then a new product comes into view.
    card.el.broadcast = { ...broadcast };
    productCard.product = { ...products[0]!, productName: '다시 그린 상품' };
    await Promise.all([card.el.updateComplete, productCard.updateComplete]);
    for (const wrapper of [card.wrapper, list.wrapper, coupons.wrapper]) offScreen(wrapper);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    for (const wrapper of [card.wrapper, list.wrapper]) onScreen(wrapper);
    coupons.wrapper.style.top = `${innerHeight - rowBottom - 1}px`;
    const late = await place<HTMLElement>(html`<sf-product-card .product=${products[2]} broadcast-id=${broadcast.broadcastId} style="display:block;width:120px"></sf-product-card>`);
    // (Observers ignore what covers an element: overlapping the first box is fine.)
    onScreen(late.wrapper);
    await waitUntil(() => eventsNamed('view_item_list').length === 2, 'the new product is counted', { timeout: 5000 });

    expect(named().map((entry) => entry.event)).to.deep.equal([
      'view_promotion',
      'view_item_list',
      'view_promotion',
      'select_promotion',
      'select_item',
      'select_promotion',
      'video_start',
      'video_progress',
      'video_progress',
      'video_progress',
      'video_complete',
      'view_item_list',
    ]);
    expect(eventsNamed('video_progress').map((entry) => entry.video_percent)).to.deep.equal([25, 50, 75]);
    expect(eventsNamed('view_item_list')[1]!.ecommerce.items.map((item: Entry) => item.sf_product_id)).to.deep.equal([products[2]!.productId]);
    // Google's rule: each e-commerce event is preceded by clearing the previous one's object.
    const all = layer();
    all.forEach((entry, i) => {
      if (entry.ecommerce && typeof entry.event === 'string') expect(all[i - 1], `before ${entry.event}`).to.deep.equal({ ecommerce: null });
    });
    expect(all.some((entry) => Object.values(entry).some((value) => value === undefined)), 'no undefined fields').to.equal(false);
  });
});
