/**
 * `sf-impression` (src/shared/impressions.ts) with the browser's real IntersectionObserver: an item
 * counts only after one second at least half visible, in a visible tab, once per page view. The
 * second is the module's own clock replaced by one the test moves (no sleeping for "a second has
 * passed"); one test runs on the real clock to prove the second is really waited for.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/product-card/product-card.js';
import '../../src/elements/broadcast-card/broadcast-card.js';
import '../../src/elements/coupon-panel/coupon-panel.js';
import type { SfProductCard } from '../../src/elements/product-card/product-card.component.js';
import type { SfBroadcastCard } from '../../src/elements/broadcast-card/broadcast-card.component.js';
import type { SfCouponPanel } from '../../src/elements/coupon-panel/coupon-panel.component.js';
import type { SfImpressionDetail } from '../../src/events/impression.js';
import { DWELL_MS, impressionClock } from '../../src/shared/impressions.js';
import { newPageView } from '../../src/index.js';
import { resetCoupons } from '../../src/store/coupons.js';
import { broadcastFixtures, productFixtures } from '../../demo/standin/fixtures.js';
import { resetStandin, standinOrigin } from '../support/standin-control.js';

/** A clock the test moves by hand, standing in for the module's timers. */
const clock = {
  now: 0,
  nextId: 1,
  timers: new Map<number, { fn: () => void; at: number }>(),
  advance(ms: number) {
    this.now += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at > this.now) continue;
      this.timers.delete(id);
      timer.fn();
    }
  },
};
const realClock = { ...impressionClock };

/** Wait until the browser has told its IntersectionObservers where `target` is now. */
async function settle(target: Element, share: (ratio: number) => boolean): Promise<void> {
  await new Promise<void>((resolve) => {
    const probe = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => share(entry.isIntersecting ? entry.intersectionRatio : 0))) return;
        probe.disconnect();
        resolve();
      },
      { threshold: [0, 0.3, 0.4, 0.5, 0.6, 1] },
    );
    probe.observe(target);
  });
  // Observers created earlier (the module's) were told in the same rendering step.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/** A fixed box whose top the test moves: below the viewport, on it, or partly on it. */
function box(height = 200): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.style.cssText = `position:fixed;left:0;width:200px;height:${height}px;top:${innerHeight + 50}px;overflow:hidden`;
  document.body.append(wrapper);
  return wrapper;
}
const hide = (wrapper: HTMLElement) => (wrapper.style.top = `${innerHeight + 50}px`);
const show = (wrapper: HTMLElement, share = 1) => (wrapper.style.top = `${innerHeight - wrapper.offsetHeight * share}px`);

function collect(target: EventTarget): SfImpressionDetail[] {
  const seen: SfImpressionDetail[] = [];
  target.addEventListener('sf-impression', (event) => seen.push((event as CustomEvent<SfImpressionDetail>).detail));
  return seen;
}

describe('sf-impression', () => {
  const products = productFixtures(standinOrigin(), { shopOrigin: 'https://shop.example' });
  const wrappers: HTMLElement[] = [];

  beforeEach(() => {
    impressionClock.setTimeout = (fn, ms) => {
      const id = clock.nextId++;
      clock.timers.set(id, { fn, at: clock.now + ms });
      return id;
    };
    impressionClock.clearTimeout = (id) => void clock.timers.delete(id as number);
  });
  afterEach(() => {
    Object.assign(impressionClock, realClock);
    clock.timers.clear();
    fixtureCleanup();
    for (const wrapper of wrappers.splice(0)) wrapper.remove();
  });

  async function productCard(index: number, broadcastId = 'lk-impressions') {
    const wrapper = box();
    wrappers.push(wrapper);
    const card = await fixture<SfProductCard>(html`<sf-product-card .product=${products[index]} broadcast-id=${broadcastId} lang="ko" style="display:block;height:200px"></sf-product-card>`, {
      parentNode: wrapper,
    });
    return { wrapper, card };
  }

  it('counts a product card after one second at least half visible, and only once, even after a re-render', async () => {
    const { wrapper, card } = await productCard(0);
    const seen = collect(document);
    await settle(card, (r) => r === 0);
    expect(clock.timers.size, 'off screen: nothing pending').to.equal(0);

    show(wrapper);
    await waitUntil(() => clock.timers.size === 1, 'the card on screen starts its second');
    clock.advance(DWELL_MS - 1);
    expect(seen, 'not before the second is up').to.have.length(0);
    clock.advance(1);
    expect(seen).to.have.length(1);
    expect(seen[0]).to.include({ kind: 'product', id: products[0]!.productId, broadcastId: 'lk-impressions' });
    expect((seen[0] as { product: { productName: string } }).product.productName).to.equal(products[0]!.productName);

    // A re-render, and the card leaving and coming back: no second impression.
    card.product = { ...products[0]!, productName: '이름이 바뀐 상품' };
    await card.updateComplete;
    hide(wrapper);
    await settle(card, (r) => r === 0);
    show(wrapper);
    await settle(card, (r) => r === 1);
    expect(clock.timers.size).to.equal(0);
    clock.advance(5 * DWELL_MS);
    expect(seen).to.have.length(1);
  });

  it('a new page view (newPageView(), an SPA route change) counts again the cards still on the page and those added', async () => {
    const { wrapper, card } = await productCard(1, 'lk-page-view');
    const seen = collect(document);
    show(wrapper);
    await waitUntil(() => clock.timers.size === 1, 'the card on screen starts its second');
    clock.advance(DWELL_MS);
    expect(seen.map((d) => d.id)).to.deep.equal([products[1]!.productId]);
    const second = await productCard(1, 'lk-page-view');
    show(second.wrapper);
    await settle(second.card, (r) => r === 1);
    clock.advance(5 * DWELL_MS);
    expect(seen, 'the same item in a second card: not again on this page view').to.have.length(1);

    newPageView();
    await waitUntil(() => clock.timers.size === 2, 'both cards, still on screen, start their second again');
    clock.advance(DWELL_MS);
    expect(seen, 'counted once more on the new page view, not twice').to.have.length(2);
    expect(seen[1]).to.include({ kind: 'product', id: products[1]!.productId, broadcastId: 'lk-page-view' });
    hide(wrapper);
    await settle(card, (r) => r === 0);
    clock.advance(5 * DWELL_MS);
    expect(seen).to.have.length(2);
  });

  it('less than half visible never counts; leaving before the second is up cancels it; a hidden tab does not count', async () => {
    const { wrapper, card } = await productCard(1);
    const seen = collect(card);
    await settle(card, (r) => r === 0);
    show(wrapper, 0.4);
    await settle(card, (r) => r > 0.3 && r < 0.5);
    expect(clock.timers.size, '40 % on screen').to.equal(0);

    show(wrapper, 1);
    await waitUntil(() => clock.timers.size === 1, 'fully on screen starts the second');
    clock.advance(600);
    hide(wrapper);
    await waitUntil(() => clock.timers.size === 0, 'leaving cancels it');
    clock.advance(5 * DWELL_MS);
    expect(seen, 'scrolled past in 0.6 s').to.have.length(0);

    // Back on screen, then the tab is hidden: the second stops.
    show(wrapper, 1);
    await waitUntil(() => clock.timers.size === 1);
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      expect(clock.timers.size, 'hidden tab').to.equal(0);
      clock.advance(5 * DWELL_MS);
      expect(seen).to.have.length(0);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    document.dispatchEvent(new Event('visibilitychange'));
    expect(clock.timers.size, 'shown again: a fresh second').to.equal(1);
    clock.advance(DWELL_MS);
    expect(seen).to.have.length(1);
  });

  it('the same product in another broadcast counts there too; the same one in a second card of the same list does not', async () => {
    const seen = collect(document);
    const a = await productCard(2, 'lk-list-a');
    const b = await productCard(2, 'lk-list-a');
    const c = await productCard(2, 'lk-list-b');
    for (const { wrapper } of [a, b, c]) show(wrapper);
    await waitUntil(() => clock.timers.size === 3, 'three cards on screen');
    clock.advance(DWELL_MS);
    expect(seen.map((d) => d.broadcastId)).to.deep.equal(['lk-list-a', 'lk-list-b']);
  });

  it('watches every card with one IntersectionObserver for the page', async () => {
    const Real = window.IntersectionObserver;
    const observers = new Set<IntersectionObserver>();
    const observed: Element[] = [];
    let created = 0;
    const realObserve = Real.prototype.observe;
    window.IntersectionObserver = class extends Real {
      constructor(...args: ConstructorParameters<typeof IntersectionObserver>) {
        super(...args);
        created++;
      }
    };
    Real.prototype.observe = function (this: IntersectionObserver, target: Element) {
      if (target.localName === 'sf-product-card') {
        observers.add(this);
        observed.push(target);
      }
      return realObserve.call(this, target);
    };
    try {
      const wrapper = box(2000);
      wrappers.push(wrapper);
      await fixture(html`<div>${products.slice(0, 10).map((product, i) => html`<sf-product-card .product=${product} broadcast-id=${`lk-many-${i}`}></sf-product-card>`)}</div>`, { parentNode: wrapper });
      await waitUntil(() => observed.length === 10, `ten cards observed (${observed.length})`);
      expect(observers.size, 'by one observer').to.equal(1);
      expect(created, 'no observer per card').to.be.at.most(1);
    } finally {
      window.IntersectionObserver = Real;
      Real.prototype.observe = realObserve;
    }
  });

  it('counts each coupon of a panel on its own', async () => {
    await resetStandin();
    resetCoupons();
    const wrapper = box();
    wrapper.style.height = 'auto';
    wrappers.push(wrapper);
    const panel = await fixture<SfCouponPanel>(html`<sf-coupon-panel coupon-endpoint=${`${standinOrigin()}/shop/coupons`} broadcast-id="lk-coupons" lang="ko"></sf-coupon-panel>`, {
      parentNode: wrapper,
    });
    const seen = collect(panel);
    await waitUntil(() => panel.shadowRoot!.querySelectorAll('li[data-coupon-id]').length > 2, 'coupons listed', { timeout: 8000 });
    const rows = [...panel.shadowRoot!.querySelectorAll<HTMLElement>('li[data-coupon-id]')];
    // The panel's top 1.6 rows on screen: the first counts, the second (60 %) too, the rest not.
    wrapper.style.top = `${innerHeight - (rows[1]!.getBoundingClientRect().top - rows[0]!.getBoundingClientRect().top) * 1.6 - (rows[0]!.getBoundingClientRect().top - wrapper.getBoundingClientRect().top)}px`;
    await settle(rows[0]!, (r) => r === 1);
    const onScreen = rows.filter((row) => {
      const rect = row.getBoundingClientRect();
      return Math.min(rect.bottom, innerHeight) - Math.max(rect.top, 0) >= rect.height / 2;
    });
    expect(onScreen.length, 'some rows on screen').to.be.greaterThan(0);
    expect(onScreen.length, 'and some below it').to.be.lessThan(rows.length);
    await waitUntil(() => clock.timers.size === onScreen.length, `${onScreen.length} coupons pending (${clock.timers.size})`);
    clock.advance(DWELL_MS);
    expect(seen.map((d) => d.id)).to.deep.equal(onScreen.map((row) => row.dataset.couponId));
    expect(seen.every((d) => d.kind === 'coupon' && d.broadcastId === 'lk-coupons')).to.equal(true);
  });

  it('on the real clock: a broadcast card counts no sooner than one second after it came on screen', async () => {
    Object.assign(impressionClock, realClock);
    const broadcast = broadcastFixtures(Date.now(), standinOrigin())[0]!;
    const wrapper = box(320);
    wrappers.push(wrapper);
    const card = await fixture<SfBroadcastCard>(html`<sf-broadcast-card .broadcast=${broadcast} lang="en" style="display:block"></sf-broadcast-card>`, { parentNode: wrapper });
    await settle(card, (r) => r === 0);
    const event = oneEvent(card, 'sf-impression');
    const visibleAt = performance.now();
    show(wrapper);
    const { detail } = (await event) as CustomEvent<SfImpressionDetail>;
    const waited = performance.now() - visibleAt;
    expect(detail).to.include({ kind: 'broadcast', id: broadcast.broadcastId, broadcastId: broadcast.broadcastId });
    // Timed from before the move: the observer reports it a frame later, so a full second is the least.
    expect(waited, `${Math.round(waited)} ms`).to.be.at.least(DWELL_MS);
  });
});
