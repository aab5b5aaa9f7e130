import { expect } from '@open-wc/testing';
import { reserveSpace } from '../../src/shared/reserve.js';

// No element is registered in this file's page: the tags stay undefined, as before their chunk arrives.
describe('reserveSpace()', () => {
  // The page's sheets before: what reserveSpace() adds is taken away after the test.
  let before: CSSStyleSheet[];
  beforeEach(() => (before = [...document.adoptedStyleSheets]));
  afterEach(() => {
    document.adoptedStyleSheets = before;
    delete (document as Document & { sfReserved?: true }).sfReserved;
  });

  it('gives undefined elements their skeleton size, once, and a rule of the page still wins', () => {
    const box = document.createElement('div');
    box.style.width = '320px';
    box.innerHTML = '<sf-coupon-panel></sf-coupon-panel><sf-schedule></sf-schedule><sf-preview-player></sf-preview-player><sf-product-list layout="carousel"></sf-product-list>';
    document.body.append(box);
    try {
      const [panel, schedule, player, carousel] = [...box.children] as HTMLElement[];
      expect(panel!.getBoundingClientRect().height).to.equal(0);
      reserveSpace();
      reserveSpace();
      // One constructed sheet (no <style>: a strict CSP's style-src would refuse that).
      expect(document.adoptedStyleSheets.length - before.length).to.equal(1);
      expect([...document.querySelectorAll('style')].some((style) => style.textContent?.includes(':not(:defined)'))).to.equal(false);
      expect(panel!.getBoundingClientRect().height).to.equal(256);
      // To the fold: its `limit` cards reach below it, and a box ending below the fold moves nothing in view.
      expect(schedule!.getBoundingClientRect().height).to.equal(innerHeight);
      expect(carousel!.getBoundingClientRect().height).to.equal(286);
      expect(player!.getBoundingClientRect().height).to.be.closeTo((320 * 16) / 9, 1);

      const shop = document.createElement('style');
      shop.textContent = 'sf-coupon-panel:not(:defined) { min-height: 5rem; }';
      document.head.append(shop);
      expect(panel!.getBoundingClientRect().height).to.equal(80);
      shop.remove();
    } finally {
      box.remove();
    }
  });
});
