import { expect } from '@open-wc/testing';
import { isSoldOut, priceView, thumbnailSources } from '../../src/elements/product-card/product-view.js';
import { productFixtures } from '../../demo/standin/fixtures.js';
import type { BroadcastProduct } from '../../src/api/models.js';

const products = productFixtures('http://127.0.0.1:9');
const at = (i: number): BroadcastProduct => structuredClone(products[i]!);

describe('product view: price by priceTypeCode', () => {
  it('basic, discounted: selling price, regular price, rate and amount saved', () => {
    expect(priceView(at(0), 'ko')).to.deep.equal({ kind: 'basic', amount: 39000, price: '₩39,000', original: '₩59,000', rate: '34%', saved: '₩20,000' });
    expect(priceView(at(0), 'en')).to.deep.equal({ kind: 'basic', amount: 39000, price: '₩39,000', original: '₩59,000', rate: '34%', saved: '₩20,000' });
  });

  it('basic, discounted: uses the listed discountPrice; a fractional rate shows whole, as shops show it', () => {
    const p = { ...at(7), discountPrice: '40000' };
    expect(priceView(p, 'ko')).to.include({ amount: 149000, rate: '21%', saved: '₩40,000' });
  });

  it('basic, discount rate missing: computed from the two prices', () => {
    expect(priceView({ ...at(0), discountRate: '0.0' }, 'ko')).to.include({ rate: '34%' });
  });

  it('basic, not discounted: the selling price only', () => {
    expect(priceView(at(1), 'ko')).to.deep.equal({ kind: 'basic', amount: 45000, price: '₩45,000' });
  });

  it('basic with discountTypeCode rate but no lower selling price: no discount shown', () => {
    expect(priceView({ ...at(1), discountTypeCode: 'rate', discountRate: '10' }, 'ko')).to.deep.equal({ kind: 'basic', amount: 45000, price: '₩45,000' });
  });

  it("basic with sellingPrice \"0\" (the guide's own example): the price is what is paid", () => {
    expect(priceView(at(18), 'ko')).to.deep.equal({ kind: 'basic', amount: 1000, price: '₩1,000' });
  });

  it('basic with numbers instead of strings', () => {
    expect(priceView({ ...at(0), price: 59000, sellingPrice: 39000, discountRate: 34 }, 'ko')).to.include({ amount: 39000, price: '₩39,000', rate: '34%' });
  });

  it("money follows the product's currency", () => {
    expect(priceView({ ...at(1), price: '19.99', sellingPrice: '19.99', currencyId: 'USD', currencyNotation: '$' }, 'en')).to.include({ price: '$19.99' });
    expect(priceView({ ...at(1), currencyId: 'NOT-A-CODE', currencyNotation: '원' }, 'ko')).to.include({ price: '45,000원' });
  });

  it('text: the price field as text, unformatted', () => {
    expect(priceView(at(6), 'ko')).to.deep.equal({ kind: 'text', text: '방송에서 공개' });
    expect(priceView(at(6), 'en')).to.deep.equal({ kind: 'text', text: '방송에서 공개' });
  });

  it('hide: no price', () => {
    expect(priceView(at(10), 'ko')).to.deep.equal({ kind: 'hide' });
  });

  it('an unknown priceTypeCode: basic when numeric, text otherwise; nothing when empty', () => {
    expect(priceView({ ...at(1), priceTypeCode: 'special' as never }, 'ko')).to.include({ kind: 'basic', price: '₩45,000' });
    expect(priceView({ ...at(1), priceTypeCode: 'special' as never, price: '문의' }, 'ko')).to.deep.equal({ kind: 'text', text: '문의' });
    expect(priceView({ ...at(1), priceTypeCode: 'text', price: '  ' }, 'ko')).to.deep.equal({ kind: 'hide' });
  });

  it('sold out from 1, "1" or true', () => {
    expect(isSoldOut(at(2))).to.equal(true);
    expect(isSoldOut(at(0))).to.equal(false);
    expect(isSoldOut({ isSoldout: '1' })).to.equal(true);
    expect(isSoldOut({})).to.equal(false);
  });
});

describe('product view: the picture', () => {
  const thumb = (thumbnailUrl: string, isRepresentative = false) => ({ thumbnailUrl, isRepresentative });

  it('the representative picture; no srcset for different pictures', () => {
    expect(thumbnailSources([thumb('https://img.example/a.png'), thumb('https://img.example/b.png', true)])).to.deep.equal({ src: 'https://img.example/b.png' });
  });

  it('a srcset when the list holds several sizes of the representative picture', () => {
    const sources = thumbnailSources([
      thumb('https://img.example/p/1.jpg?w=800&v=2'),
      thumb('https://img.example/p/1.jpg?w=400&v=2', true),
      thumb('https://img.example/p/detail.jpg?w=200&v=2'),
      thumb('https://img.example/p/1.jpg?w=200&v=2'),
    ]);
    expect(sources).to.deep.equal({
      src: 'https://img.example/p/1.jpg?w=400&v=2',
      srcset: 'https://img.example/p/1.jpg?w=200&v=2 200w, https://img.example/p/1.jpg?w=400&v=2 400w, https://img.example/p/1.jpg?w=800&v=2 800w',
    });
  });

  it('sizes named in the file name (-400w, _800w) count too', () => {
    const sources = thumbnailSources([thumb('https://img.example/knit-400w.webp', true), thumb('https://img.example/knit-800w.webp')]);
    expect(sources.srcset).to.equal('https://img.example/knit-400w.webp 400w, https://img.example/knit-800w.webp 800w');
  });

  it('refuses unsafe picture URLs, falling back to a safe one', () => {
    expect(thumbnailSources([thumb('javascript:alert(1)', true), thumb('data:image/svg+xml,<svg onload=alert(1)>')])).to.deep.equal({});
    expect(thumbnailSources([thumb('//evil.example/a.png', true), thumb('https://img.example/ok.png')])).to.deep.equal({ src: 'https://img.example/ok.png' });
    expect(thumbnailSources(undefined)).to.deep.equal({});
    expect(thumbnailSources([null as never])).to.deep.equal({});
  });
});
