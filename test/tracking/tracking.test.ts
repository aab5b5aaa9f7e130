import { expect } from '@open-wc/testing';
import { createTracking } from '../../src/tracking/tracking.js';
import type { TrackedClick } from '../../src/tracking/storage.js';
import { paymentReports } from '../../src/tracking/checkout.js';

const KEY = 'sf:test:tracking';
const ID = '3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b';
const ID2 = '7a1d2c3b-4e5f-4a6b-9c8d-0e1f2a3b4c5d';

describe('tracking: the click and the landing', () => {
  let page = 'https://shop.example/';
  const make = (extra: Parameters<typeof createTracking>[0] = {}) => createTracking({ key: KEY, pageUrl: () => page, ...extra });

  beforeEach(() => {
    localStorage.removeItem(KEY);
    page = 'https://shop.example/';
  });
  afterEach(() => localStorage.removeItem(KEY));

  it('click(): issues an id, records product, broadcast and time, and returns the tracked URL', () => {
    const t = make();
    const before = Date.now();
    const result = t.click({ productId: 'mobidoo-1', externalProductId: 'MBD-1001', broadcastId: 'lkmobidoo-1', redirectUrl: 'https://shop.example/p?id=MBD-1001#top' })!;
    const { click, url } = result;
    expect(click.orderCallBackId).to.match(/^[0-9a-f-]{36}$/);
    expect(click).to.include({ productId: 'mobidoo-1', externalProductId: 'MBD-1001', broadcastId: 'lkmobidoo-1' });
    expect(Date.parse(click.clickedAt)).to.be.within(before, Date.now());
    expect(url).to.equal(`https://shop.example/p?id=MBD-1001&orderCallBackId=${click.orderCallBackId}#top`);
    expect(t.list()).to.deep.equal([click]);
  });

  it('click() with an unsafe product URL still records the id but gives no URL', () => {
    const t = make();
    const result = t.click({ productId: 'p', redirectUrl: 'javascript:alert(1)' })!;
    expect(result.url).to.equal(undefined);
  });

  it('click() uses a pre-issued id (the one already in a link)', () => {
    const t = make();
    const id = t.issue()!;
    expect(t.list()).to.deep.equal([]);
    expect(t.click({ orderCallBackId: id, productId: 'p' })!.click.orderCallBackId).to.equal(id);
  });

  it('current() reads the id from the page URL on its first call, and keeps it after a reload', () => {
    page = `https://shop.example/product.html?id=MBD-1001&orderCallBackId=${ID}`;
    expect(make().current()?.orderCallBackId).to.equal(ID);
    page = 'https://shop.example/cart.html';
    expect(make().current()?.orderCallBackId).to.equal(ID);
  });

  it('current() is the newest landing, not the newest click', () => {
    let now = Date.now();
    const t = make({ now: () => now });
    page = `https://shop.example/p?orderCallBackId=${ID}`;
    t.capture();
    now += 1000;
    t.click({ productId: 'other' });
    expect(t.current()?.orderCallBackId).to.equal(ID);
  });

  it('capture() keeps the product with the id, so forProduct() finds it by either id', () => {
    const t = make();
    t.capture({ url: `https://shop.example/p?orderCallBackId=${ID}`, externalProductId: 'MBD-1001', productId: 'mobidoo-1' });
    expect(t.forProduct('MBD-1001')?.orderCallBackId).to.equal(ID);
    expect(t.forProduct('mobidoo-1')?.orderCallBackId).to.equal(ID);
    expect(t.forProduct('MBD-9999')).to.equal(undefined);
  });

  it('a landing on the same site merges with the click it came from (click time and broadcast kept)', () => {
    let now = Date.UTC(2026, 0, 1, 12);
    const t = make({ now: () => now });
    const { click, url } = t.click({ productId: 'mobidoo-1', externalProductId: 'MBD-1001', broadcastId: 'lk-1', redirectUrl: 'https://shop.example/p?id=MBD-1001' })!;
    now += 3000;
    const landed = t.capture({ url: url! })!;
    expect(landed).to.deep.equal({ ...click, landedAt: new Date(now).toISOString() } satisfies TrackedClick);
    expect(t.list()).to.have.length(1);
  });

  it('capture() ignores a URL without an id, or with a malformed one', () => {
    const t = make();
    expect(t.capture({ url: 'https://shop.example/p?id=1' })).to.equal(undefined);
    expect(t.capture({ url: 'https://shop.example/p?orderCallBackId=%3Cscript%3E' })).to.equal(undefined);
    expect(t.list()).to.deep.equal([]);
  });

  it('capture({clean: true}) removes the id from the address bar and keeps the rest', () => {
    const original = location.href;
    history.replaceState(history.state, '', `?id=MBD-1001&orderCallBackId=${ID}#reviews`);
    try {
      const t = createTracking({ key: KEY });
      expect(t.capture({ clean: true, externalProductId: 'MBD-1001' })?.orderCallBackId).to.equal(ID);
      expect(location.search).to.equal('?id=MBD-1001');
      expect(location.hash).to.equal('#reviews');
      expect(t.forProduct('MBD-1001')?.orderCallBackId).to.equal(ID);
    } finally {
      history.replaceState(history.state, '', original);
    }
  });

  it('forget() drops an id once it is reported', () => {
    const t = make();
    t.capture({ url: `https://shop.example/p?orderCallBackId=${ID}`, externalProductId: 'A' });
    t.capture({ url: `https://shop.example/p?orderCallBackId=${ID2}`, externalProductId: 'B' });
    t.forget(ID);
    expect(t.list().map((r) => r.orderCallBackId)).to.deep.equal([ID2]);
  });

  it('announces each click through one replaceable function; its failures never reach the click', async () => {
    const t = make();
    const heard: TrackedClick[] = [];
    const restore = t.setAnnouncer((click) => void heard.push(click));
    const { click } = t.click({ productId: 'p1' })!;
    expect(heard).to.deep.equal([click]);
    const warn = console.warn;
    const warnings: unknown[] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      t.setAnnouncer(() => {
        throw new Error('sync failure');
      });
      expect(t.click({ productId: 'p2' })).to.not.equal(undefined);
      t.setAnnouncer(() => Promise.reject(new Error('async failure')));
      expect(t.click({ productId: 'p3' })).to.not.equal(undefined);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(warnings).to.have.length(2);
    } finally {
      console.warn = warn;
    }
    restore();
  });
});

describe('tracking: payment reports from a paid cart', () => {
  it('reports attributed lines only, as the guide\'s strings', () => {
    const reports = paymentReports({
      orderId: 'ORD-1',
      memberId: 'demo-member',
      paidAt: '2026-01-02T03:04:05.000Z',
      lines: [
        { orderCallBackId: ID, quantity: 2, unitPrice: 39000 },
        { orderCallBackId: null, quantity: 1, unitPrice: 10000 },
        { orderCallBackId: 'not-a-uuid', quantity: 1, unitPrice: 10000 },
      ],
    });
    expect(reports).to.deep.equal([
      { orderCallBackId: ID, orderId: 'ORD-1', payClickTime: '2026-01-02T03:04:05.000Z', productQuantity: '2', amount: '78000', memberId: 'demo-member' },
    ]);
  });

  it('sums lines that share one id (sauceFlex takes an id once)', () => {
    const reports = paymentReports({
      orderId: 'ORD-2',
      memberId: 'm',
      lines: [
        { orderCallBackId: ID, quantity: 1, unitPrice: 12.5 },
        { orderCallBackId: ID.toUpperCase(), quantity: 2, unitPrice: 12.5 },
        { orderCallBackId: ID2, quantity: 1, unitPrice: 0 },
      ],
    });
    expect(reports.map((r) => [r.orderCallBackId, r.productQuantity, r.amount])).to.deep.equal([
      [ID, '3', '37.5'],
      [ID2, '1', '0'],
    ]);
  });

  it('refuses nonsense quantities and prices', () => {
    expect(() => paymentReports({ orderId: 'o', memberId: 'm', lines: [{ orderCallBackId: ID, quantity: 0, unitPrice: 1 }] })).to.throw(RangeError);
    expect(() => paymentReports({ orderId: 'o', memberId: 'm', lines: [{ orderCallBackId: ID, quantity: 1, unitPrice: -1 }] })).to.throw(RangeError);
    expect(() => paymentReports({ orderId: 'o', memberId: 'm', paidAt: 'yesterday', lines: [] })).to.throw(RangeError);
  });
});
