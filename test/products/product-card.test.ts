import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/product-card/product-card.js';
import type { SfProductCard } from '../../src/elements/product-card/product-card.component.js';
import { clearProductCache } from '../../src/elements/product-card/product-source.js';
import type { SfCardProductClickDetail as SfProductClickDetail } from '../../src/events/product-click.js';
import type { BroadcastProduct } from '../../src/api/models.js';
import { tracking } from '../../src/tracking/tracking.js';
import { DEFAULT_MAX } from '../../src/tracking/storage.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { broadcastFixtures, productFixtures, productIdAt } from '../../demo/standin/fixtures.js';
import { armTrap, HOSTILE_TEXT, HOSTILE_URLS, trapped } from '../support/hostile.js';

const ORIGIN = 'http://127.0.0.1:9';
const SHOP = 'https://shop.example';
const products = productFixtures(ORIGIN, { shopOrigin: SHOP });
const at = (i: number): BroadcastProduct => structuredClone(products[i]!);
const ID_IN = (url: string) => new URL(url).searchParams.get('orderCallBackId');

const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const link = (el: Element) => el.shadowRoot!.querySelector<HTMLAnchorElement>('a.card');
/** The text a link is named by (its content; the discount badge on the picture is aria-hidden). */
const spoken = (el: Element) => {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((node) => node.remove());
  return copy.textContent!.replace(/\s+/g, ' ').trim();
};

async function card(product: BroadcastProduct, attrs: { lang?: string; target?: string; broadcastId?: string } = {}) {
  const el = await fixture<SfProductCard>(
    html`<sf-product-card .product=${product} lang=${attrs.lang ?? 'ko'} target=${attrs.target ?? '_self'} broadcast-id=${attrs.broadcastId ?? 'lkmobidoo-test'}></sf-product-card>`,
  );
  await el.updateComplete;
  return el;
}

describe('<sf-product-card>', () => {
  let navigations: [string, string][] = [];
  let restoreNavigator: () => void;

  beforeEach(() => {
    tracking.clear();
    navigations = [];
    restoreNavigator = setNavigator((url, target) => void navigations.push([url, target]));
  });
  afterEach(() => {
    restoreNavigator();
    tracking.clear();
  });

  describe('what it shows', () => {
    it('basic, discounted: badge, brand, name, selling price, regular price struck, amount saved; a tracked link', async () => {
      const el = await card(at(0));
      expect(part(el, 'badge')!.textContent!.trim()).to.equal('34%');
      expect(part(el, 'brand')!.textContent).to.equal('모비두니트');
      expect(part(el, 'name')!.textContent).to.equal('메리노 울 라운드 니트');
      expect(part(el, 'selling-price')!.textContent).to.equal('₩39,000');
      expect(part(el, 'original-price')!.tagName).to.equal('DEL');
      expect(part(el, 'original-price')!.textContent).to.equal('₩59,000');
      expect(part(el, 'saved')!.textContent).to.equal('₩20,000 할인');
      const a = link(el)!;
      expect(a.hasAttribute('aria-label')).to.equal(false);
      expect(spoken(a)).to.equal('모비두니트 메리노 울 라운드 니트 34% 할인 판매가 ₩39,000 정가 ₩59,000 ₩20,000 할인');
      expect(ID_IN(a.href)).to.match(/^[0-9a-f-]{36}$/);
      expect(a.href.startsWith(`${SHOP}/product.html?id=MBD-1001&orderCallBackId=`)).to.equal(true);
      expect(part(el, 'image')!.getAttribute('src')).to.equal(`${ORIGIN}/media/img/product-1.svg`);
      await expect(el).to.be.accessible();
    });

    it('basic, not discounted: only the selling price, no badge', async () => {
      const el = await card(at(1));
      expect(part(el, 'selling-price')!.textContent).to.equal('₩45,000');
      expect(part(el, 'badge')).to.equal(null);
      expect(part(el, 'original-price')).to.equal(null);
      expect(part(el, 'saved')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('text: the text price as it came', async () => {
      const el = await card(at(6));
      expect(part(el, 'text-price')!.textContent).to.equal('방송에서 공개');
      expect(part(el, 'selling-price')).to.equal(null);
      expect(spoken(link(el)!)).to.equal('글로우랩 립 틴트 6종 세트 방송에서 공개');
      await expect(el).to.be.accessible();
    });

    it('hide: no price at all', async () => {
      const el = await card(at(10));
      expect(part(el, 'price')).to.equal(null);
      expect(el.shadowRoot!.textContent).not.to.contain('25,000');
      expect(spoken(link(el)!)).to.equal('데일리센트 아로마 디퓨저 200ml');
      await expect(el).to.be.accessible();
    });

    it('in English', async () => {
      const el = await card(at(0), { lang: 'en' });
      expect(part(el, 'saved')!.textContent).to.equal('₩20,000 off');
      expect(spoken(link(el)!)).to.equal('모비두니트 메리노 울 라운드 니트 34% off Price ₩39,000 Regular price ₩59,000 ₩20,000 off');
      const soldOut = await card(at(2), { lang: 'en' });
      expect(part(soldOut, 'sold-out')!.textContent).to.equal('Sold out');
    });

    it('sold out: marked, announced, disabled (no link, no event, no record)', async () => {
      const el = await card(at(2));
      expect(link(el)).to.equal(null);
      const box = part(el, 'card')!;
      expect(box.getAttribute('aria-disabled')).to.equal('true');
      expect(box.getAttribute('aria-label')).to.match(/, 품절$/);
      expect(part(el, 'sold-out')!.textContent).to.equal('품절');
      expect(part(el, 'badge')).to.equal(null);
      let fired = false;
      el.addEventListener('sf-product-click', () => (fired = true));
      box.click();
      box.dispatchEvent(new KeyboardEvent('keyup', { key: ' ', bubbles: true, composed: true }));
      expect(fired).to.equal(false);
      expect(navigations).to.deep.equal([]);
      expect(tracking.list()).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });

    it('hostile strings are shown as text, hostile URLs never reach href or src', async () => {
      armTrap();
      for (const text of HOSTILE_TEXT) {
        const el = await card({ ...at(6), productName: text, brandName: text, price: text });
        expect(part(el, 'name')!.textContent).to.equal(text);
        expect(part(el, 'brand')!.textContent).to.equal(text);
        expect(part(el, 'text-price')!.textContent).to.equal(text);
        expect(el.shadowRoot!.querySelector('script, iframe, svg, b, i')).to.equal(null);
      }
      for (const url of HOSTILE_URLS) {
        const el = await card({ ...at(0), redirectUrl: url, productThumbnailUrlList: [{ thumbnailUrl: url, isRepresentative: true }] });
        expect(link(el), url).to.equal(null);
        expect(el.shadowRoot!.querySelector('img')).to.equal(null);
        part(el, 'card')!.click();
      }
      await aTimeout(50);
      expect(trapped()).to.deep.equal([]);
      expect(navigations).to.deep.equal([]);
    });

    it('a listed product without a page URL is shown but cannot be opened without a product endpoint', async () => {
      const listed = structuredClone(broadcastFixtures(Date.now(), ORIGIN)[0]!.productListDetail![0]!);
      const error = console.error;
      console.error = () => {};
      try {
        const el = await card(listed);
        expect(part(el, 'name')!.textContent).to.equal(listed.productName);
        expect(part(el, 'selling-price')!.textContent).to.equal('₩39,000');
        expect(link(el)).to.equal(null);
        await expect(el).to.be.accessible();
      } finally {
        console.error = error;
      }
    });
  });

  describe('a click', () => {
    it('issues and records an id, dispatches sf-product-click with the detail, then navigates to the tracked URL', async () => {
      const el = await card(at(0), { broadcastId: 'lkmobidoo-abc' });
      const a = link(el)!;
      const hrefBefore = a.href;
      const heard = oneEvent(el, 'sf-product-click');
      a.click();
      const event = (await heard) as CustomEvent<SfProductClickDetail>;
      const d = event.detail;
      expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
      expect(d.url).to.equal(hrefBefore);
      expect(ID_IN(d.url)).to.equal(d.orderCallBackId);
      expect(d).to.include({ source: 'card', broadcastId: 'lkmobidoo-abc', productId: products[0]!.productId, externalProductId: 'MBD-1001', price: 39000, priceTypeCode: 'basic', isSoldout: false, target: '_self', newTab: false });
      expect(d.product.productName).to.equal('메리노 울 라운드 니트');
      expect(navigations).to.deep.equal([[d.url, '_self']]);
      const [record] = tracking.list();
      expect(record).to.include({ orderCallBackId: d.orderCallBackId, productId: products[0]!.productId, externalProductId: 'MBD-1001', broadcastId: 'lkmobidoo-abc' });
      expect(Date.now() - Date.parse(record!.clickedAt)).to.be.within(0, 5000);
      // The used id leaves the href right after.
      await waitUntil(() => ID_IN(a.href) !== d.orderCallBackId, 'the href keeps a used id');
    });

    it('cancelled: recorded, but the page does not move', async () => {
      const el = await card(at(0));
      el.addEventListener('sf-product-click', (event) => event.preventDefault());
      const heard = oneEvent(el, 'sf-product-click');
      link(el)!.click();
      const { detail } = (await heard) as CustomEvent<SfProductClickDetail>;
      expect(navigations).to.deep.equal([]);
      expect(tracking.list().map((r) => r.orderCallBackId)).to.deep.equal([detail.orderCallBackId]);
    });

    it('target=_blank: navigates there, the link says so', async () => {
      const el = await card(at(3), { target: '_blank' });
      const a = link(el)!;
      expect(a.getAttribute('target')).to.equal('_blank');
      expect(a.getAttribute('rel')).to.equal('noopener');
      expect(spoken(a)).to.match(/\(새 탭에서 열림\)$/);
      a.click();
      expect(navigations).to.have.length(1);
      expect(navigations[0]![1]).to.equal('_blank');
      await expect(el).to.be.accessible();
    });

    it('Enter on the focused card (a real key press)', async () => {
      const el = await card(at(0));
      el.focus();
      expect(el.shadowRoot!.activeElement).to.equal(link(el));
      const heard = oneEvent(el, 'sf-product-click');
      await sendKeys({ press: 'Enter' });
      const { detail } = (await heard) as CustomEvent<SfProductClickDetail>;
      expect(navigations).to.deep.equal([[detail.url, '_self']]);
      expect(tracking.list()).to.have.length(1);
    });

    it('Space on the focused card (a real key press), without scrolling the page', async () => {
      const el = await card(at(0));
      el.focus();
      let scrollPrevented = false;
      el.shadowRoot!.addEventListener('keydown', (event) => {
        if ((event as KeyboardEvent).key === ' ') scrollPrevented = event.defaultPrevented;
      });
      const heard = oneEvent(el, 'sf-product-click');
      await sendKeys({ press: ' ' });
      const { detail } = (await heard) as CustomEvent<SfProductClickDetail>;
      expect(scrollPrevented).to.equal(true);
      expect(navigations).to.deep.equal([[detail.url, '_self']]);
    });

    it('Space, cancelled: no navigation', async () => {
      const el = await card(at(0));
      el.addEventListener('sf-product-click', (event) => event.preventDefault());
      el.focus();
      await sendKeys({ press: ' ' });
      await aTimeout(0);
      expect(navigations).to.deep.equal([]);
      expect(tracking.list()).to.have.length(1);
    });

    it('middle click: recorded and announced as a new tab; the browser opens the href, which already carries that id', async () => {
      const el = await card(at(0));
      const a = link(el)!;
      a.dispatchEvent(new PointerEvent('pointerdown', { button: 1, bubbles: true, composed: true }));
      const href = a.href;
      // Stand in for the browser: keep the test page from opening anything (WebKitGTK acts on a synthetic
      // middle click: it opened a window that later took the WebDriver session down).
      const stop = (event: Event) => event.preventDefault();
      document.addEventListener('auxclick', stop);
      try {
        const heard = oneEvent(el, 'sf-product-click');
        a.dispatchEvent(new MouseEvent('auxclick', { button: 1, bubbles: true, composed: true, cancelable: true }));
        const { detail } = (await heard) as CustomEvent<SfProductClickDetail>;
        expect(detail.newTab).to.equal(true);
        expect(detail.url).to.equal(href);
        expect(navigations).to.deep.equal([]);
        expect(tracking.list().map((r) => r.orderCallBackId)).to.deep.equal([ID_IN(href)]);
      } finally {
        document.removeEventListener('auxclick', stop);
      }
    });

    it('Ctrl-click: a new tab opened by the browser, with a recorded id', async () => {
      const el = await card(at(0));
      const a = link(el)!;
      const href = a.href;
      // Stand in for the browser: keep the test page from opening anything.
      const stop = (event: Event) => event.preventDefault();
      document.addEventListener('click', stop);
      try {
        const heard = oneEvent(el, 'sf-product-click');
        a.dispatchEvent(new MouseEvent('click', { button: 0, ctrlKey: true, bubbles: true, composed: true, cancelable: true }));
        const { detail } = (await heard) as CustomEvent<SfProductClickDetail>;
        expect(detail.newTab).to.equal(true);
        expect(detail.url).to.equal(href);
        expect(navigations).to.deep.equal([]);
        expect(tracking.list()).to.have.length(1);
      } finally {
        document.removeEventListener('click', stop);
      }
    });

    it('context menu: the id in the href is recorded and stays there until the next interaction', async () => {
      const el = await card(at(0));
      const a = link(el)!;
      const href = a.href;
      a.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true, cancelable: true }));
      expect(tracking.list().map((r) => r.orderCallBackId)).to.deep.equal([ID_IN(href)]);
      await aTimeout(10);
      expect(a.href).to.equal(href);
      a.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      expect(a.href).not.to.equal(href);
      expect(ID_IN(a.href)).to.match(/^[0-9a-f-]{36}$/);
    });

    // 20 times the stored bound: enough to prove it holds, small enough for every engine (a synthetic click
    // costs 0.4 ms in Firefox, 0.7 ms in Chromium, up to 1.7 ms in WebKitGTK).
    const CLICKS = DEFAULT_MAX * 20;
    it(`${CLICKS} clicks on one card: ${CLICKS} different ids, each the one its URL carried; storage keeps the newest ${DEFAULT_MAX}`, async () => {
      const el = await card(at(0));
      el.addEventListener('sf-product-click', (event) => event.preventDefault());
      const a = link(el)!;
      const ids = new Set<string>();
      const onClick = (event: Event) => {
        const { url, orderCallBackId } = (event as CustomEvent<SfProductClickDetail>).detail;
        if (ID_IN(url) !== orderCallBackId) throw new Error('URL and id disagree');
        ids.add(orderCallBackId);
      };
      el.addEventListener('sf-product-click', onClick);
      for (let i = 0; i < CLICKS; i++) a.click();
      expect(ids.size).to.equal(CLICKS);
      expect(tracking.list()).to.have.length(DEFAULT_MAX);
      expect(JSON.parse(localStorage.getItem('sf:orderCallBackIds')!).records).to.have.length(DEFAULT_MAX);
    });

    it('leaves nothing running after it is removed (the pending rotation is cancelled)', async () => {
      const el = await card(at(0));
      const a = link(el)!;
      a.click();
      const used = a.href;
      el.remove();
      await aTimeout(10);
      expect(a.href).to.equal(used);
      expect(navigations).to.have.length(1);
    });
  });

  describe('by product-id, through the backend', () => {
    const ENDPOINT = 'https://backend.test/sauceflex/products';
    let realFetch: typeof fetch;
    let answers: (() => Response)[] = [];
    let requested: string[] = [];

    beforeEach(() => {
      clearProductCache();
      realFetch = window.fetch;
      answers = [];
      requested = [];
      window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.startsWith(ENDPOINT)) return realFetch(input, init);
        requested.push(url);
        const answer = answers.shift();
        return answer ? answer() : new Response('{}', { status: 500 });
      }) as typeof fetch;
    });
    afterEach(() => {
      window.fetch = realFetch;
    });

    const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

    it('shows a skeleton, then the product from GET {product-endpoint}/{productId}', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      answers.push(json(at(0)));
      const slowFetch = window.fetch;
      window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        await gate;
        return slowFetch(input, init);
      }) as typeof fetch;
      const el = await fixture<SfProductCard>(html`<sf-product-card product-id=${products[0]!.productId} product-endpoint=${ENDPOINT} lang="ko"></sf-product-card>`);
      expect(part(el, 'card')!.classList.contains('skeleton')).to.equal(true);
      await expect(el).to.be.accessible();
      const skeletonHeight = el.getBoundingClientRect().height;
      release();
      await waitUntil(() => link(el), 'the product never showed');
      expect(requested).to.deep.equal([`${ENDPOINT}/${encodeURIComponent(products[0]!.productId)}`]);
      expect(part(el, 'name')!.textContent).to.equal('메리노 울 라운드 니트');
      expect(Math.abs(el.getBoundingClientRect().height - skeletonHeight)).to.be.lessThan(2);
      await expect(el).to.be.accessible();
    });

    it('404: says the product was not found', async () => {
      answers.push(json({ error: { code: 'product_not_found', message: 'no' } }, 404));
      const el = await fixture<SfProductCard>(html`<sf-product-card product-id="mobidoo-nope" product-endpoint=${ENDPOINT} lang="ko"></sf-product-card>`);
      await waitUntil(() => part(el, 'message'));
      expect(part(el, 'message')!.textContent!.trim()).to.equal('상품을 찾을 수 없습니다.');
      await expect(el).to.be.accessible();
    });

    it('an error offers a retry that works', async () => {
      answers.push(json({ error: { code: 'upstream_unavailable', message: 'down' } }, 503), json(at(6)));
      const el = await fixture<SfProductCard>(html`<sf-product-card product-id=${products[6]!.productId} product-endpoint=${ENDPOINT} lang="ko"></sf-product-card>`);
      await waitUntil(() => part(el, 'retry'), 'no retry button');
      expect(part(el, 'message')!.getAttribute('role')).to.equal('alert');
      await expect(el).to.be.accessible();
      part(el, 'retry')!.click();
      await waitUntil(() => part(el, 'text-price'), 'retry did not load');
      expect(part(el, 'text-price')!.textContent).to.equal('방송에서 공개');
    });

    it('a body that is not a product is an error, not a blank card', async () => {
      answers.push(json({ hello: 'world' }));
      const el = await fixture<SfProductCard>(html`<sf-product-card product-id="x" product-endpoint=${ENDPOINT}></sf-product-card>`);
      await waitUntil(() => part(el, 'retry'));
    });

    it('without a product endpoint: says which attribute to set', async () => {
      const error = console.error;
      const errors: string[] = [];
      console.error = (message: string) => void errors.push(message);
      try {
        const el = await fixture<SfProductCard>(html`<sf-product-card product-id="x" lang="en"></sf-product-card>`);
        expect(part(el, 'message')!.textContent).to.contain('product-endpoint');
        expect(errors.some((e) => e.includes('product-endpoint'))).to.equal(true);
      } finally {
        console.error = error;
      }
    });

    it('a listed product (no page URL) is completed from the backend: brand, page URL, sold out', async () => {
      const listed = structuredClone(broadcastFixtures(Date.now(), ORIGIN)[0]!.productListDetail![0]!);
      expect(listed.redirectUrl).to.equal(undefined);
      answers.push(json(at(0)));
      const el = await fixture<SfProductCard>(html`<sf-product-card .product=${listed} product-endpoint=${ENDPOINT}></sf-product-card>`);
      await waitUntil(() => link(el), 'no link');
      expect(part(el, 'brand')!.textContent).to.equal('모비두니트');
      expect(link(el)!.href.startsWith(`${SHOP}/product.html?id=MBD-1001&orderCallBackId=`)).to.equal(true);
    });

    it('cards for one product share one request', async () => {
      answers.push(json(at(1)));
      const id = productIdAt(1);
      await fixture(html`<div>
        <sf-product-card product-id=${id} product-endpoint=${ENDPOINT}></sf-product-card>
        <sf-product-card product-id=${id} product-endpoint=${ENDPOINT}></sf-product-card>
        <sf-product-card product-id=${id} product-endpoint=${ENDPOINT}></sf-product-card>
      </div>`);
      await waitUntil(() => [...document.querySelectorAll('sf-product-card')].every((c) => link(c)));
      expect(requested).to.have.length(1);
    });
  });

  const backendOrigin = (window as { __SF_TEST__?: { backendOrigin?: string } }).__SF_TEST__?.backendOrigin;
  if (backendOrigin) {
    describe('by product-id against the real backend and the stand-in', () => {
      it('loads a product through GET /sauceflex/products/:productId', async () => {
        clearProductCache();
        const el = await fixture<SfProductCard>(
          html`<sf-product-card product-id=${productIdAt(0)} product-endpoint=${`${backendOrigin}/sauceflex/products`}></sf-product-card>`,
        );
        await waitUntil(() => link(el), 'the backend product never showed', { timeout: 8000 });
        expect(part(el, 'name')!.textContent).to.equal('메리노 울 라운드 니트');
        await expect(el).to.be.accessible();
      });
    });
  }
});
