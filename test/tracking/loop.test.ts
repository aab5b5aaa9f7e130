/**
 * The whole loop in Chromium against the stand-in: a product card is clicked (an orderCallBackId is
 * issued and put into the shop's URL), the shop's product page receives it, the cart keeps it, the
 * checkout reports the purchase, and the stand-in has recorded it.
 *
 * Everything runs for real: product details come through our backend's product route (admin token
 * and all), and the purchase is reported by the demo shop's checkout route (demo/shop-server.ts),
 * which prices the cart on the server and reports through the backend's payments route — the path a
 * person takes in the demo.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/product-list/product-list.js';
import type { SfProductList } from '../../src/elements/product-list/product-list.component.js';
import { clearProductCache } from '../../src/elements/product-card/product-source.js';
import type { SfCardProductClickDetail as SfProductClickDetail } from '../../src/events/product-click.js';
import { createTracking, tracking } from '../../src/tracking/tracking.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { paymentReports } from '../../src/tracking/checkout.js';
import { broadcastIdAt, DEMO_MEMBER_ID } from '../../demo/standin/fixtures.js';
import { standinApiBase, standinState } from '../support/standin-control.js';

interface TestEnv {
  productEndpoint: string;
  checkoutEndpoint: string;
}
const env = (window as unknown as { __SF_TEST__: TestEnv }).__SF_TEST__;

describe('the attribution loop: click → product page → cart → checkout → payment recorded', () => {
  let restoreNavigator: () => void;
  let navigatedTo: string | undefined;

  beforeEach(() => {
    tracking.clear();
    clearProductCache();
    navigatedTo = undefined;
    restoreNavigator = setNavigator((url) => (navigatedTo = url));
  });
  afterEach(() => {
    restoreNavigator();
    tracking.clear();
  });

  it('a click becomes an attributed purchase the stand-in records, once', async () => {
    const before = (await standinState()).payments;
    const broadcastId = broadcastIdAt(0);

    // 1. The live-shopping page: the broadcast's products; the shopper clicks the first one.
    const list = await fixture<SfProductList>(html`<sf-product-list
      partner-id="mobidoo"
      api-base=${standinApiBase()}
      product-endpoint=${env.productEndpoint}
      broadcast-id=${broadcastId}
    ></sf-product-list>`);
    const firstLink = () => list.shadowRoot!.querySelector('sf-product-card')?.shadowRoot!.querySelector<HTMLAnchorElement>('a.card');
    await waitUntil(() => firstLink(), 'the first product never became a link', { timeout: 8000 });
    const heard = oneEvent(list, 'sf-product-click');
    firstLink()!.click();
    const { detail } = (await heard) as CustomEvent<SfProductClickDetail>;
    expect(navigatedTo).to.equal(detail.url);
    const landingUrl = new URL(detail.url);
    expect(landingUrl.pathname).to.equal('/product.html');
    expect(landingUrl.searchParams.get('id')).to.equal('MBD-1001');
    expect(landingUrl.searchParams.get('orderCallBackId')).to.equal(detail.orderCallBackId);

    // 2. The shop's product page (a new page on the same site): it reads the id from its URL.
    const productPage = createTracking({ pageUrl: () => detail.url });
    expect(productPage.current()?.orderCallBackId).to.equal(detail.orderCallBackId);
    const kept = productPage.capture({ externalProductId: 'MBD-1001' })!;
    expect(kept).to.include({ broadcastId, productId: detail.productId, orderCallBackId: detail.orderCallBackId });

    // 3. Add to cart: the line keeps the id. 4. The cart page (another page) still knows it.
    const cartLine = { externalProductId: 'MBD-1001', quantity: 2, unitPrice: 39000, orderCallBackId: productPage.forProduct('MBD-1001')?.orderCallBackId };
    const cartPage = createTracking({ pageUrl: () => 'http://127.0.0.1:5173/cart.html' });
    expect(cartPage.current()?.orderCallBackId).to.equal(detail.orderCallBackId);

    // 5. Checkout: the purchase is reported with the id.
    const orderId = `ORD-${Date.now()}`;
    const [report, ...more] = paymentReports({ orderId, memberId: DEMO_MEMBER_ID, lines: [cartLine] });
    expect(more).to.have.length(0);
    expect(report).to.include({ orderCallBackId: detail.orderCallBackId, productQuantity: '2', amount: '78000', memberId: DEMO_MEMBER_ID });
    await reportPurchase(cartLine);
    cartPage.forget(detail.orderCallBackId);

    // 6. The stand-in recorded it, and takes the id only once.
    await waitUntil(async () => (await standinState()).payments === before + 1, 'the payment was not recorded', { timeout: 8000, interval: 100 });
    const again = await (await fetch(`${standinApiBase()}/front/product/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payments: [report] }),
    })).json();
    expect(again.response.fail).to.deep.equal([{ orderCallBackId: detail.orderCallBackId, messageCode: 'FA1028' }]);
    expect(cartPage.list().map((r) => r.orderCallBackId)).not.to.include(detail.orderCallBackId);
  });
});

async function reportPurchase(line: { externalProductId: string; quantity: number; orderCallBackId?: string }): Promise<void> {
  // The shop's server route (demo/shop-server.ts) reports through our backend with the secret.
  const res = await fetch(env.checkoutEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ memberId: DEMO_MEMBER_ID, lines: [line] }),
  });
  const body = (await res.json()) as { payments: { accepted: number; failed: number } };
  expect(res.status, JSON.stringify(body)).to.equal(200);
  expect(body.payments.accepted).to.equal(1);
  expect(body.payments.failed).to.equal(0);
}
