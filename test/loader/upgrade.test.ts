/**
 * Frameworks set properties on a tag before the autoloader has defined it (React 19 through
 * @lit/react, Vue with `.prop`, a shop's own script). Those values must survive the upgrade; an
 * object that a framework wrote as an attribute instead ("[object Object]") is lost, and the console
 * must say how to set it. sf-product-card is not defined in this page before the tests run.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { loadElement } from '../../src/loader/autoload.js';
import type { SfProductCard } from '../../src/elements/product-card/product-card.component.js';
import { productFixtures } from '../../demo/standin/fixtures.js';

const product = productFixtures('http://127.0.0.1:9', { shopOrigin: 'https://shop.example' })[0]!;
const part = (el: Element, name: string) => el.shadowRoot?.querySelector(`[part~="${name}"]`);

describe('properties set before definition', () => {
  const errors: string[] = [];
  const consoleError = console.error;
  before(() => {
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
  });
  after(() => {
    console.error = consoleError;
    document.body.replaceChildren();
  });

  it('keeps an object property set on the tag before the element was defined, and reports an object attribute', async () => {
    expect(customElements.get('sf-product-card')).to.equal(undefined);
    const early = document.createElement('sf-product-card') as SfProductCard;
    early.product = structuredClone(product);
    early.setAttribute('lang', 'ko');
    const lost = document.createElement('sf-product-card');
    lost.setAttribute('product', String({}));
    document.body.append(early, lost);

    await loadElement('sf-product-card');
    await early.updateComplete;
    expect(early.product?.productName).to.equal(product.productName);
    expect(part(early, 'name')?.textContent).to.equal(product.productName);

    // Defined now: a property set afterwards renders as well.
    early.product = { ...structuredClone(product), productName: '나중에 바뀐 이름' };
    await early.updateComplete;
    expect(part(early, 'name')?.textContent).to.equal('나중에 바뀐 이름');

    await waitUntil(() => errors.some((e) => e.includes('product="[object Object]"')), 'the object attribute was reported');
    const report = errors.find((e) => e.includes('[object Object]'))!;
    expect(report).to.contain('sauceflex-widgets/react');
    expect(report).to.contain(':product.prop');
    expect(errors.filter((e) => e.includes('[object Object]')), 'only the tag with the attribute').to.have.length(1);
  });
});
