/**
 * Nothing of the attribution loop is lost, counted:
 * - N product clicks with localStorage blocked, full, or holding garbage → N orderCallBackId
 *   records readable on the page (`tracking.list()`, `forProduct()`), each the id the click announced;
 * - M payment reports sent through the demo shop's checkout route and our backend while sauceFlex
 *   drops connections, answers garbage and 500s → M recorded at the stand-in once it answers again,
 *   each exactly once, with the order and amount the shop's server priced.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/product-list/product-list.js';
import type { SfProductList } from '../../src/elements/product-list/product-list.component.js';
import type { SfCardProductClickDetail as SfProductClickDetail } from '../../src/events/product-click.js';
import { clearProductCache } from '../../src/elements/product-card/product-source.js';
import { createTracking, tracking } from '../../src/tracking/tracking.js';
import { DEFAULT_MAX } from '../../src/tracking/storage.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { broadcastIdAt, productFixtures } from '../../demo/standin/fixtures.js';
import { clearFaults, faultsApplied, setFault, standinApiBase, standinOrigin } from '../support/standin-control.js';
import { watchPage, type Watch } from '../support/hostile.js';

interface TestEnv {
  productEndpoint: string;
  checkoutEndpoint: string;
}
const env = (window as unknown as { __SF_TEST__: TestEnv }).__SF_TEST__;

const tally = { clicks: 0, recordsLost: 0, payments: 0, paymentsLost: 0, duplicates: 0 };

/** How localStorage misbehaves; each returns a function that puts it back. */
const STORAGE_FAULTS: Record<string, () => () => void> = {
  blocked() {
    // Privacy modes and sandboxed frames: reading the property itself throws.
    const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    return () => Object.defineProperty(window, 'localStorage', descriptor);
  },
  full() {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    return () => void (Storage.prototype.setItem = setItem);
  },
  garbage() {
    // Another script on the shop's page owns the key and writes nonsense (and rejects writes).
    const getItem = Storage.prototype.getItem;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.getItem = function (key: string) {
      return key === 'sf:orderCallBackIds' ? '{"records": "not a list", "__proto__": {"polluted": 1}}' : getItem.call(this, key);
    };
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key === 'sf:orderCallBackIds') throw new TypeError('setItem refused by another script');
      setItem.call(this, key, value);
    };
    return () => {
      Storage.prototype.getItem = getItem;
      Storage.prototype.setItem = setItem;
    };
  },
  'full after a few': () => {
    const setItem = Storage.prototype.setItem;
    let writes = 0;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (++writes > 5) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      setItem.call(this, key, value);
    };
    return () => void (Storage.prototype.setItem = setItem);
  },
};

describe('attribution under faults: no click and no payment is lost', function () {
  this.timeout(60_000);
  let watch: Watch;
  let restoreNavigator: () => void;
  const navigatedTo: string[] = [];

  beforeEach(() => {
    tracking.clear();
    clearProductCache();
    navigatedTo.length = 0;
    restoreNavigator = setNavigator((url) => void navigatedTo.push(url));
    watch = watchPage();
  });
  afterEach(async () => {
    watch.stop();
    restoreNavigator();
    tracking.clear();
    await clearFaults();
  });
  after(() => {
    console.log(
      `[attribution] ${tally.clicks} clicks, ${tally.recordsLost} records lost; ${tally.payments} payment reports, ${tally.paymentsLost} lost, ${tally.duplicates} recorded twice`,
    );
  });

  for (const [name, breakStorage] of Object.entries(STORAGE_FAULTS)) {
    it(`localStorage ${name}: N clicks → N records, each the id its click announced`, async () => {
      const N = DEFAULT_MAX - 4;
      const list = await fixture<SfProductList>(html`<sf-product-list partner-id="mobidoo" api-base=${standinApiBase()}
        product-endpoint=${env.productEndpoint} broadcast-id=${broadcastIdAt(0)}></sf-product-list>`);
      const links = () =>
        [...list.shadowRoot!.querySelectorAll('sf-product-card')].map((card) => card.shadowRoot!.querySelector<HTMLAnchorElement>('a.card')).filter((a): a is HTMLAnchorElement => a !== null);
      await waitUntil(() => links().length >= 2, 'the cards never became links', { timeout: 10_000 });
      const announced: SfProductClickDetail[] = [];
      list.addEventListener('sf-product-click', (event) => void announced.push(event.detail as SfProductClickDetail));
      const restore = breakStorage();
      try {
        for (let i = 0; i < N; i++) {
          const all = links();
          all[i % all.length]!.click();
          await new Promise((resolve) => setTimeout(resolve, 0)); // the card rotates its id after each click
        }
        // The fault was real: another tab, reading storage alone, sees far fewer than N.
        expect(createTracking().list().length, 'storage alone holds them all: the fault did not bite').to.be.lessThan(N);
        const ids = announced.map((d) => d.orderCallBackId);
        expect(new Set(ids).size, 'distinct ids announced').to.equal(N);
        expect(navigatedTo, 'every click navigated, with its id').to.have.length(N);
        navigatedTo.forEach((url, i) => expect(new URL(url).searchParams.get('orderCallBackId')).to.equal(ids[i]));
        const kept = tracking.list();
        const lost = ids.filter((id) => !kept.some((r) => r.orderCallBackId === id));
        tally.clicks += N;
        tally.recordsLost += lost.length;
        expect(lost, 'records lost').to.deep.equal([]);
        expect(kept).to.have.length(N);
        for (const record of kept) expect(record.broadcastId).to.equal(broadcastIdAt(0));
        // The newest click of each product is what the shop's product page finds again.
        for (const detail of announced.slice(-2)) {
          expect(tracking.forProduct(detail.externalProductId ?? detail.productId)?.orderCallBackId).to.equal(detail.orderCallBackId);
        }
      } finally {
        restore();
      }
      // Storage back: the page still has every record, and the next write stores them for other tabs.
      expect(tracking.list()).to.have.length(N);
      const last = announced.at(-1)!;
      tracking.capture({ url: `http://127.0.0.1:5173/product.html?orderCallBackId=${last.orderCallBackId}` });
      expect(createTracking().list().map((r) => r.orderCallBackId)).to.include.members(announced.slice(-10).map((d) => d.orderCallBackId));
      expect((Object.prototype as Record<string, unknown>).polluted).to.equal(undefined);
      watch.assertClean(`storage ${name}`);
    });
  }

  it('M payment reports through the checkout route while sauceFlex fails → M recorded after it recovers, each once', async () => {
    const catalog = productFixtures(standinOrigin()).filter((p) => p.isSoldout !== 1 && p.externalProductId);
    const M = 12;
    const before = new Set(((await (await fetch(`${standinOrigin()}/__control/payments`)).json()) as { payments: { orderCallBackId: string }[] }).payments.map((p) => p.orderCallBackId));
    // sauceFlex: a dropped connection, a body that is not JSON, then two 500s, then well again.
    await setFault({ route: 'payments.batch', kind: 'error500', times: 2 });
    await setFault({ route: 'payments.batch', kind: 'malformed', path: '/V1/front/product/payments', times: 1 });
    await setFault({ route: '*', kind: 'reset', times: 1 });
    const appliedBefore = (await faultsApplied()).applied;

    const orders = Array.from({ length: M }, (_, i) => ({
      lines: Array.from({ length: (i % 3) + 1 }, (_, j) => {
        const product = catalog[(i * 3 + j) % catalog.length]!;
        return { externalProductId: product.externalProductId!, quantity: j + 1, orderCallBackId: crypto.randomUUID() };
      }),
    }));
    const answers = await Promise.all(
      orders.map(async (order) => {
        const res = await fetch(env.checkoutEndpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) });
        expect(res.status).to.equal(200);
        return (await res.json()) as { orderId: string; payments: { results: { orderCallBackId: string; status: string }[] } };
      }),
    );
    const sent: string[] = orders.flatMap((o) => o.lines.map((l) => l.orderCallBackId));
    for (const answer of answers) for (const r of answer.payments.results) expect(['accepted', 'queued'], r.status).to.include(r.status);

    type Recorded = { orderCallBackId: string; orderId: string; productQuantity: string; amount: string };
    let recorded: Recorded[] = [];
    await waitUntil(
      async () => {
        const all = ((await (await fetch(`${standinOrigin()}/__control/payments`)).json()) as { payments: Recorded[] }).payments;
        recorded = all.filter((p) => !before.has(p.orderCallBackId) && sent.includes(p.orderCallBackId));
        return recorded.length >= sent.length;
      },
      'not every report reached sauceFlex',
      { timeout: 40_000, interval: 250 },
    );
    expect((await faultsApplied()).applied - appliedBefore, 'every fault was met').to.equal(4);
    const counts = new Map<string, number>();
    for (const p of recorded) counts.set(p.orderCallBackId, (counts.get(p.orderCallBackId) ?? 0) + 1);
    const lost = sent.filter((id) => !counts.has(id));
    const twice = [...counts.values()].filter((n) => n > 1).length;
    tally.payments += sent.length;
    tally.paymentsLost += lost.length;
    tally.duplicates += twice;
    expect(lost, 'reports lost').to.deep.equal([]);
    expect(twice, 'reports recorded twice').to.equal(0);
    // Each with the order number the shop's server gave and the quantity of its line.
    orders.forEach((order, i) => {
      for (const [j, line] of order.lines.entries()) {
        const p = recorded.find((r) => r.orderCallBackId === line.orderCallBackId)!;
        expect(p.orderId).to.equal(answers[i]!.orderId);
        expect(p.productQuantity).to.equal(String(j + 1));
      }
    });
    watch.assertClean('payments');
  });
});
