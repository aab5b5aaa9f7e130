import { expect } from '@open-wc/testing';
import { readOrderCallBackId, trackedUrl, withoutOrderCallBackId } from '../../src/tracking/url.js';
import { productFixtures } from '../../demo/standin/fixtures.js';
import { HOSTILE_URLS } from '../support/hostile.js';

const ID = '3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b';
const OLD = '11111111-2222-4333-8444-555555555555';

describe('tracking: trackedUrl', () => {
  const cases: [string, string, string][] = [
    ['no query', 'https://shop.example/p', `https://shop.example/p?orderCallBackId=${ID}`],
    ['an existing query', 'https://shop.example/p?id=1', `https://shop.example/p?id=1&orderCallBackId=${ID}`],
    ['several params, kept in order', 'https://shop.example/p?b=2&a=1&b=3', `https://shop.example/p?b=2&a=1&b=3&orderCallBackId=${ID}`],
    ['a fragment', 'https://shop.example/p?id=1#reviews', `https://shop.example/p?id=1&orderCallBackId=${ID}#reviews`],
    ['a fragment without a query', 'https://shop.example/p#size', `https://shop.example/p?orderCallBackId=${ID}#size`],
    ['a hash route with its own query', 'https://shop.example/#/goods?id=7', `https://shop.example/?orderCallBackId=${ID}#/goods?id=7`],
    [
      'encoded characters, byte for byte',
      'https://shop.example/p?q=a%20b&path=%2Fx%2Fy&plus=a+b&ko=%ED%95%9C&amp=%26',
      `https://shop.example/p?q=a%20b&path=%2Fx%2Fy&plus=a+b&ko=%ED%95%9C&amp=%26&orderCallBackId=${ID}`,
    ],
    ['an empty query', 'https://shop.example/p?', `https://shop.example/p?orderCallBackId=${ID}`],
    ['empty pairs', 'https://shop.example/p?&&id=1&', `https://shop.example/p?id=1&orderCallBackId=${ID}`],
    ['a value-less param', 'https://shop.example/p?preview', `https://shop.example/p?preview&orderCallBackId=${ID}`],
    ['an old id (replaced, not doubled)', `https://shop.example/p?orderCallBackId=${OLD}&id=1`, `https://shop.example/p?id=1&orderCallBackId=${ID}`],
    ['an old id with an encoded key', `https://shop.example/p?order%43allBackId=${OLD}&id=1`, `https://shop.example/p?id=1&orderCallBackId=${ID}`],
    ['a look-alike key (kept: keys are case-sensitive)', 'https://shop.example/p?ordercallbackid=x', `https://shop.example/p?ordercallbackid=x&orderCallBackId=${ID}`],
    ['port, user path and http', 'http://127.0.0.1:5173/product.html?id=MBD-1001', `http://127.0.0.1:5173/product.html?id=MBD-1001&orderCallBackId=${ID}`],
    ['upper-case scheme and host', 'HTTPS://SHOP.EXAMPLE/P?id=1', `https://shop.example/P?id=1&orderCallBackId=${ID}`],
    ['spaces around', '  https://shop.example/p?id=1  ', `https://shop.example/p?id=1&orderCallBackId=${ID}`],
  ];
  for (const [what, input, expected] of cases) {
    it(`keeps ${what}`, () => {
      expect(trackedUrl(input, ID)).to.equal(expected);
    });
  }

  it('percent-encodes raw Korean and spaces the way the browser would, and the params read back', () => {
    const url = trackedUrl('https://shop.example/상품/니트?이름=울 니트&c=1#후기', ID)!;
    const parsed = new URL(url);
    expect(parsed.searchParams.get('이름')).to.equal('울 니트');
    expect(parsed.searchParams.get('c')).to.equal('1');
    expect(parsed.searchParams.get('orderCallBackId')).to.equal(ID);
    expect(decodeURIComponent(parsed.pathname)).to.equal('/상품/니트');
    expect(decodeURIComponent(parsed.hash)).to.equal('#후기');
  });

  const refused: [string, unknown][] = [
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in mixed case with spaces', '  JaVaScRiPt:alert(1)'],
    ['javascript: with a tab inside', 'java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['data: base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['relative path', '/product.html?id=1'],
    ['relative file', 'product.html?id=1'],
    ['query only', '?id=1'],
    ['protocol-relative', '//evil.example/product?id=1'],
    ['backslash protocol-relative', '\\\\evil.example/product'],
    ['ftp:', 'ftp://shop.example/p'],
    ['mailto:', 'mailto:a@shop.example'],
    ['http: without a host', 'http://'],
    ['empty', ''],
    ['null', null],
    ['a number', 42],
    ['an object', { href: 'https://shop.example' }],
  ];
  for (const [what, input] of refused) {
    it(`refuses ${what}`, () => {
      expect(trackedUrl(input, ID)).to.equal(undefined);
    });
  }

  it('refuses every hostile URL of the shared list', () => {
    for (const url of HOSTILE_URLS) expect(trackedUrl(url, ID), url).to.equal(undefined);
  });

  it('refuses to put something that is not a UUID into the URL', () => {
    expect(trackedUrl('https://shop.example/p', 'not-a-uuid')).to.equal(undefined);
    expect(trackedUrl('https://shop.example/p', `${ID}&admin=1`)).to.equal(undefined);
  });

  it('tracks every URL shape the stand-in fixtures use and keeps their params and fragment', () => {
    for (const product of productFixtures('http://127.0.0.1:9')) {
      const url = new URL(trackedUrl(product.redirectUrl, ID)!);
      const original = new URL(product.redirectUrl);
      expect(url.searchParams.get('orderCallBackId')).to.equal(ID);
      for (const [key, value] of original.searchParams) expect(url.searchParams.get(key)).to.equal(value);
      expect(url.hash).to.equal(original.hash);
      expect(url.pathname).to.equal(original.pathname);
    }
  });
});

describe('tracking: reading the id back from a landing URL', () => {
  it('reads it from the query', () => {
    expect(readOrderCallBackId(`https://shop.example/p?id=1&orderCallBackId=${ID}#x`)).to.equal(ID);
  });
  it('reads it from a query inside the fragment (hash routers)', () => {
    expect(readOrderCallBackId(`https://shop.example/#/p?orderCallBackId=${ID}`)).to.equal(ID);
  });
  it('ignores malformed ids and URLs', () => {
    expect(readOrderCallBackId('https://shop.example/p?orderCallBackId=<script>')).to.equal(undefined);
    expect(readOrderCallBackId('https://shop.example/p?orderCallBackId=')).to.equal(undefined);
    expect(readOrderCallBackId('https://shop.example/p')).to.equal(undefined);
    expect(readOrderCallBackId('http://[bad')).to.equal(undefined);
  });
  it('removes it from a URL, keeping the rest', () => {
    expect(withoutOrderCallBackId(`https://shop.example/p?id=1&orderCallBackId=${ID}&x=%20#r`)).to.equal('https://shop.example/p?id=1&x=%20#r');
    expect(withoutOrderCallBackId(`https://shop.example/p?orderCallBackId=${ID}`)).to.equal('https://shop.example/p');
    expect(withoutOrderCallBackId(`https://shop.example/#/p?orderCallBackId=${ID}&a=1`)).to.equal('https://shop.example/#/p?a=1');
  });
});
