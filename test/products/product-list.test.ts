import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/product-list/product-list.js';
import type { SfProductList } from '../../src/elements/product-list/product-list.component.js';
import { clearProductCache } from '../../src/elements/product-card/product-source.js';
import type { SfCardProductClickDetail as SfProductClickDetail } from '../../src/events/product-click.js';
import { tracking } from '../../src/tracking/tracking.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { broadcastIdAt, productFixtures } from '../../demo/standin/fixtures.js';
import { clearFaults, setFault, standinApiBase, standinOrigin } from '../support/standin-control.js';

/** Stands in for the backend's product route (GET /sauceflex/products/:id) with the stand-in's own fixtures. */
const ENDPOINT = 'https://backend.test/sauceflex/products';

/** The product cards (not the skeleton's placeholders). */
const cards = (el: SfProductList) => [...el.shadowRoot!.querySelectorAll('sf-product-card')].filter((card) => card.product);
const cardLink = (card: Element) => card.shadowRoot!.querySelector<HTMLAnchorElement>('a.card');
const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);

async function list(broadcastIndex: number, layout = 'grid', extra: { style?: string } = {}) {
  const el = await fixture<SfProductList>(html`<sf-product-list
    partner-id="mobidoo"
    api-base=${standinApiBase()}
    product-endpoint=${ENDPOINT}
    broadcast-id=${broadcastIdAt(broadcastIndex)}
    layout=${layout}
    lang="ko"
    style=${extra.style ?? ''}
  ></sf-product-list>`);
  return el;
}

describe('<sf-product-list>', () => {
  let realFetch: typeof fetch;
  let navigations: string[] = [];
  let restoreNavigator: () => void;
  const products = productFixtures(standinOrigin(), { shopOrigin: 'https://shop.example' });

  beforeEach(async () => {
    await clearFaults();
    clearProductCache();
    tracking.clear();
    navigations = [];
    restoreNavigator = setNavigator((url) => void navigations.push(url));
    realFetch = window.fetch;
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(`${ENDPOINT}/`)) return realFetch(input, init);
      const id = decodeURIComponent(url.slice(ENDPOINT.length + 1));
      const product = products.find((p) => p.productId === id);
      return new Response(JSON.stringify(product ?? { error: { code: 'product_not_found' } }), { status: product ? 200 : 404 });
    }) as typeof fetch;
  });
  afterEach(async () => {
    window.fetch = realFetch;
    restoreNavigator();
    tracking.clear();
    await clearFaults();
  });

  it("renders a broadcast's products as cards in a grid, named for screen readers", async () => {
    const el = await list(0);
    await waitUntil(() => cards(el).length === 4, 'no cards');
    const ul = part(el, 'list')!;
    expect(ul.getAttribute('aria-label')).to.equal('방송 상품 4개');
    await waitUntil(() => cards(el).every((card) => cardLink(card)), 'cards never became links');
    expect(cards(el).map((card) => card.shadowRoot!.querySelector('[part~="name"]')!.textContent)).to.deep.equal([
      products[0]!.productName,
      products[1]!.productName,
      products[19]!.productName,
      products[20]!.productName,
    ]);
    await expect(el).to.be.accessible();
  });

  it('a click records the broadcast with the product', async () => {
    const el = await list(1);
    await waitUntil(() => cards(el).length > 0 && cards(el).every((card) => cardLink(card)));
    const heard = oneEvent(el, 'sf-product-click');
    cardLink(cards(el)[0]!)!.click();
    const { detail } = (await heard) as CustomEvent<SfProductClickDetail>;
    expect(detail.broadcastId).to.equal(broadcastIdAt(1));
    expect(detail.productId).to.equal(products[3]!.productId);
    expect(tracking.list()[0]).to.include({ broadcastId: broadcastIdAt(1), productId: products[3]!.productId, externalProductId: 'SFB-2001' });
    expect(navigations).to.deep.equal([detail.url]);
  });

  it('layout=list lays the cards out as rows', async () => {
    const el = await list(2, 'list');
    await waitUntil(() => cards(el).length === 2);
    expect(cards(el).every((card) => card.getAttribute('variant') === 'row')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('carousel: one snapping row; arrow keys, Home and End move between cards', async () => {
    const el = await list(17, 'carousel', { style: 'width: 320px' });
    await waitUntil(() => cards(el).length === 6 && cards(el).every((card) => cardLink(card) || card.shadowRoot!.querySelector('[aria-disabled]')));
    const track = part(el, 'list')!;
    expect(getComputedStyle(track).scrollSnapType).to.contain('x');
    expect(getComputedStyle(track).overflowX).to.equal('auto');
    expect(track.scrollWidth).to.be.greaterThan(track.clientWidth);
    const all = cards(el);
    const focused = () => el.shadowRoot!.activeElement;
    all[0]!.focus();
    expect(focused()).to.equal(all[0]);
    await sendKeys({ press: 'ArrowRight' });
    expect(focused()).to.equal(all[1]);
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused()).to.equal(all[0]);
    await sendKeys({ press: 'ArrowLeft' });
    expect(focused()).to.equal(all[0]);
    await sendKeys({ press: 'End' });
    expect(focused()).to.equal(all[5]);
    await sendKeys({ press: 'Home' });
    expect(focused()).to.equal(all[0]);
    await expect(el).to.be.accessible();
  });

  it('carousel: previous/next buttons scroll by a view and are disabled at the ends', async () => {
    const el = await list(17, 'carousel', { style: 'width: 320px' });
    await waitUntil(() => cards(el).length === 6);
    const previous = part(el, 'previous') as HTMLButtonElement;
    const next = part(el, 'next') as HTMLButtonElement;
    await waitUntil(() => previous.disabled && !next.disabled, 'buttons not set for the start');
    expect(previous.getAttribute('aria-label')).to.equal('이전 상품');
    next.click();
    const track = part(el, 'list')!;
    await waitUntil(() => track.scrollLeft > 0 && !previous.disabled, 'next did not scroll');
    track.scrollLeft = track.scrollWidth;
    await waitUntil(() => next.disabled, 'next not disabled at the end');
  });

  it('shows a skeleton while loading (no layout shift class of content), then the cards', async () => {
    await setFault({ route: 'broadcast.one', kind: 'delay', delayMs: 400, times: 1 });
    const el = await list(3);
    await el.updateComplete;
    const skeletonList = part(el, 'list')!;
    expect(skeletonList.getAttribute('aria-hidden')).to.equal('true');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('상품 목록을 불러오는 중');
    await expect(el).to.be.accessible();
    await waitUntil(() => cards(el).length === 4 && part(el, 'list')!.getAttribute('aria-hidden') === null, 'never loaded', { timeout: 5000 });
  });

  it('an error offers a retry that loads the products', async () => {
    await setFault({ route: 'broadcast.one', kind: 'error500' });
    const el = await list(4);
    await waitUntil(() => part(el, 'retry'), 'no retry button', { timeout: 8000 });
    expect(part(el, 'status')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    await clearFaults();
    part(el, 'retry')!.click();
    await waitUntil(() => cards(el).length === 3, 'retry did not load');
  });

  it('empty: says there are no products', async () => {
    const el = await fixture<SfProductList>(html`<sf-product-list .products=${[]} lang="en"></sf-product-list>`);
    expect(part(el, 'status')!.textContent).to.equal('No products in this broadcast.');
    await expect(el).to.be.accessible();
  });

  it('an unknown broadcast: says so', async () => {
    const el = await fixture<SfProductList>(html`<sf-product-list partner-id="mobidoo" api-base=${standinApiBase()} broadcast-id="lkmobidoo-00000000000000000000000000000000" lang="ko"></sf-product-list>`);
    await waitUntil(() => part(el, 'status'));
    expect(part(el, 'status')!.textContent).to.equal('방송을 찾을 수 없습니다.');
  });

  it('misconfigured: names the attribute', async () => {
    const error = console.error;
    console.error = () => {};
    try {
      const el = await fixture<SfProductList>(html`<sf-product-list broadcast-id="x" api-base="javascript:alert(1)" lang="en"></sf-product-list>`);
      expect(part(el, 'status')!.textContent).to.contain('partner-id');
    } finally {
      console.error = error;
    }
  });

  it('given products directly, renders them without asking sauceFlex', async () => {
    const el = await fixture<SfProductList>(html`<sf-product-list .products=${products.slice(5, 8)} layout="carousel" lang="ko"></sf-product-list>`);
    await aTimeout(0);
    expect(cards(el)).to.have.length(3);
    await expect(el).to.be.accessible();
  });
});
