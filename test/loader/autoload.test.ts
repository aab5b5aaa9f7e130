/**
 * The autoloader: an element's code is fetched the first time the document uses it, and only then.
 * Each test file runs in a page of its own, so nothing here has been loaded before the first test.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { discover, loadElement, startAutoload } from '../../src/loader/autoload.js';

/** Source modules of an element folder the page has fetched (the test runner serves src/ as is). */
const fetched = (folder: string) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.includes(`/src/elements/${folder}/`));

const mount = (html: string) => {
  const holder = document.createElement('div');
  holder.innerHTML = html;
  document.body.append(holder);
  return holder;
};

describe('autoload', () => {
  after(() => document.body.replaceChildren());

  it('defines an element when it appears and fetches nothing for elements the page does not use', async () => {
    expect(customElements.get('sf-countdown')).to.equal(undefined);
    mount('<sf-countdown to="2030-01-01T00:00:00Z"></sf-countdown>');
    startAutoload();
    await customElements.whenDefined('sf-countdown');
    expect(document.querySelector('sf-countdown')!.matches(':defined')).to.equal(true);
    expect(fetched('countdown')).to.not.be.empty;
    for (const unused of ['coupon-panel', 'preview-player', 'product-list']) {
      expect(fetched(unused), `${unused} fetched`).to.deep.equal([]);
      expect(customElements.get(`sf-${unused}`), `sf-${unused} defined`).to.equal(undefined);
    }
  });

  it('finds an element added later, deep inside an added subtree', async () => {
    expect(customElements.get('sf-coupon-panel')).to.equal(undefined);
    mount('<section><article><sf-coupon-panel broadcast-id="x"></sf-coupon-panel></article></section>');
    await waitUntil(() => customElements.get('sf-coupon-panel') !== undefined, 'sf-coupon-panel was never defined', { timeout: 10_000 });
    expect(fetched('coupon-panel')).to.not.be.empty;
  });

  it('does not see into other shadow roots; loadElement() is the way for those', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const list = document.createElement('sf-product-list');
    host.attachShadow({ mode: 'open' }).append(list);
    discover(document); // what the observer would do: it only looks at the document
    expect(customElements.get('sf-product-list')).to.equal(undefined);
    const Element = await loadElement('sf-product-list');
    expect(list).to.be.instanceOf(Element);
    expect(list.matches(':defined')).to.equal(true);
  });

  it('loads one element once however often it is asked, and is not fooled by case', async () => {
    const first = loadElement('sf-product-card');
    const second = loadElement('SF-PRODUCT-CARD');
    expect(second).to.equal(first);
    expect(await first).to.equal(customElements.get('sf-product-card'));
  });

  it('rejects a tag that is not ours with a clear error, and for inherited names too', async () => {
    for (const tag of ['sf-nope', 'constructor', '__proto__', 'hasOwnProperty']) {
      const error = await loadElement(tag).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, tag).to.be.instanceOf(Error);
      expect((error as Error).message).to.contain(`<${tag}>`).and.contain('sf-schedule');
    }
  });
});
