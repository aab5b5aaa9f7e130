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
    box.innerHTML = '<sf-coupon-panel></sf-coupon-panel><sf-schedule></sf-schedule><sf-preview-player></sf-preview-player>';
    document.body.append(box);
    try {
      const [panel, schedule, player] = [...box.children] as HTMLElement[];
      expect(panel!.getBoundingClientRect().height).to.equal(0);
      reserveSpace();
      reserveSpace();
      // One constructed sheet (no <style>: a strict CSP's style-src would refuse that).
      expect(document.adoptedStyleSheets.length - before.length).to.equal(1);
      expect([...document.querySelectorAll('style')].some((style) => style.textContent?.includes(':not(:defined)'))).to.equal(false);
      expect(panel!.getBoundingClientRect().height).to.equal(256);
      expect(schedule!.getBoundingClientRect().height).to.equal(384);
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
