// The fixtures Storybook and the stand-in share: coverage of every code the widgets must handle,
// deterministic ids in the guide's formats, and times that are offsets from `now`.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  broadcastFixtures,
  broadcastIdAt,
  couponFixtures,
  couponRules,
  curationFixtures,
  curationMembers,
  DEMO_MEMBER_ID,
  productFixtures,
} from '../../demo/standin/fixtures.js';
import { BroadcastStateCode, DiscountTypeCode, PriceTypeCode } from '../../src/api/models.js';
import { DAY, HOUR, T0 } from './harness.js';

const ORIGIN = 'http://127.0.0.1:9999';
const HANGUL = /[\uAC00-\uD7A3]/;

describe('broadcastFixtures', () => {
  const broadcasts = broadcastFixtures(T0, ORIGIN);

  test('at least 30, every broadcastStateCode, several onair and vod, each broadcastTypeCode', () => {
    assert.ok(broadcasts.length >= 30);
    const states = broadcasts.map((b) => b.broadcastStateCode);
    for (const state of Object.values(BroadcastStateCode)) assert.ok(states.includes(state), state);
    assert.ok(states.filter((s) => s === 'onair').length >= 3);
    assert.ok(states.filter((s) => s === 'vod').length >= 3);
    assert.ok(broadcasts.some((b) => b.broadcastTypeCode === 'live' && b.broadcastStateCode === 'vod'));
    assert.ok(broadcasts.some((b) => b.broadcastTypeCode === 'vod'));
    assert.ok(broadcasts.some((b) => b.broadcastTypeCode === 'catchup'));
  });

  test('deterministic ids in the guide format, unique, the same on every call', () => {
    const ids = broadcasts.map((b) => b.broadcastId);
    assert.ok(ids.every((id) => /^lkmobidoo-[0-9a-f]{32}$/.test(id)));
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(broadcastFixtures(T0, ORIGIN), broadcasts);
    assert.equal(ids[0], broadcastIdAt(0));
  });

  test('times are offsets from now, spread from days ago to next week; a later now shifts them all', () => {
    const starts = broadcasts.map((b) => Date.parse(b.programmingStartDt));
    assert.ok(Math.min(...starts) <= T0 - 5 * DAY);
    assert.ok(Math.max(...starts) >= T0 + 7 * DAY);
    assert.ok(starts.some((t) => t > T0 && t < T0 + 12 * HOUR), 'later today');
    assert.ok(starts.some((t) => t >= T0 + DAY && t < T0 + 2 * DAY), 'tomorrow');
    const onair = broadcasts.filter((b) => b.broadcastStateCode === 'onair');
    assert.ok(onair.every((b) => Date.parse(b.programmingStartDt) <= T0 && Date.parse(b.programmingEndDt) > T0), 'live now');
    const later = broadcastFixtures(T0 + 3 * HOUR, ORIGIN).map((b) => Date.parse(b.programmingStartDt));
    assert.deepEqual(later, starts.map((t) => t + 3 * HOUR));
    for (const b of broadcasts) assert.ok(Date.parse(b.programmingEndDt) > Date.parse(b.programmingStartDt));
  });

  test('Korean text, 1–6 products each, URLs on the stand-in origin', () => {
    for (const b of broadcasts) {
      assert.match(b.broadcastName, HANGUL);
      assert.match(b.shopName!, HANGUL);
      assert.ok(b.productListDetail!.length >= 1 && b.productListDetail!.length <= 6);
      assert.match(b.thumbnailList![0]!.thumbnailUrl, new RegExp(`^${ORIGIN}/media/img/[\\w-]+\\.svg$`));
      assert.match(b.broadcastThumbnailList![0]!.thumbnailUrl, /\.svg$/);
      assert.match(b.partnerProfileImageUrl!, new RegExp(`^${ORIGIN}/media/img/shop-`));
      assert.equal(b.outputPath, `${ORIGIN}/player/broadcast/${b.broadcastId}`);
      assert.match(b.shortUrl!, new RegExp(`^${ORIGIN}/s/`));
      if (b.previewUrl !== undefined) assert.equal(b.previewUrl, `${ORIGIN}/media/preview/index.m3u8`);
    }
    assert.ok(broadcasts.some((b) => b.productListDetail!.length === 6));
    assert.ok(broadcasts.some((b) => b.previewUrl === undefined), 'some without a preview');
    assert.ok(broadcasts.some((b) => b.explanation === undefined), 'some without an explanation');
    assert.ok(broadcasts.some((b) => (b.hashTagList ?? []).some((t) => HANGUL.test(t))));
  });

  test('every listed product exists in productFixtures with the same name', () => {
    const products = new Map(productFixtures(ORIGIN).map((p) => [p.productId, p]));
    for (const b of broadcasts) {
      for (const item of b.productListDetail!) assert.equal(products.get(item.productId)?.productName, item.productName);
    }
  });
});

describe('productFixtures', () => {
  const products = productFixtures(ORIGIN, { shopOrigin: 'http://127.0.0.1:5173' });

  test('about 20, every priceTypeCode and discountTypeCode, some sold out, guide id format', () => {
    assert.ok(products.length >= 20);
    for (const code of Object.values(PriceTypeCode)) assert.ok(products.some((p) => p.priceTypeCode === code), code);
    for (const code of Object.values(DiscountTypeCode)) assert.ok(products.some((p) => p.discountTypeCode === code), code);
    assert.ok(products.filter((p) => p.isSoldout === 1).length >= 2);
    assert.ok(products.every((p) => /^mobidoo-[0-9a-f]{32}$/.test(p.productId)));
    assert.equal(new Set(products.map((p) => p.productId)).size, products.length);
  });

  test('₩ prices as the guide strings; discounted ones cheaper; brands and Korean names', () => {
    for (const p of products) {
      assert.equal(typeof p.price, 'string');
      assert.equal(p.currencyId, 'KRW');
      assert.equal(p.currencyNotation, '₩');
      assert.match(p.productName + p.brandName, HANGUL);
      if (p.priceTypeCode === 'basic') assert.match(String(p.price), /^\d+$/);
      if (p.discountTypeCode === 'rate') {
        assert.ok(Number(p.sellingPrice) < Number(p.price));
        assert.ok(Number(p.discountRate) > 0);
      }
    }
  });

  test('redirectUrls lead to the demo shop, some with their own query and hash', () => {
    const urls = products.map((p) => new URL(p.redirectUrl));
    assert.ok(urls.every((u) => u.origin === 'http://127.0.0.1:5173'));
    assert.ok(urls.some((u) => [...u.searchParams.keys()].length > 1 && u.hash === ''));
    assert.ok(urls.some((u) => u.hash !== '' && u.search !== ''));
    assert.ok(urls.some((u) => u.search === ''));
  });
});

describe('curations and coupons', () => {
  test('3+ curations whose members are fixture broadcasts; counts match', () => {
    const curations = curationFixtures(ORIGIN);
    const members = curationMembers();
    const ids = new Set(broadcastFixtures(T0, ORIGIN).map((b) => b.broadcastId));
    assert.ok(curations.length >= 3);
    for (const c of curations) {
      const list = members[c.curationId]!;
      assert.ok(list.every((id) => ids.has(id)));
      assert.equal(c.liveCount + c.vodCount, list.length);
    }
  });

  test('coupons: Rate with a cap, Fixed, exhausted, expired, not yet valid, hidden, failing, pre-issued', () => {
    const coupons = couponFixtures(T0);
    const rules = couponRules();
    assert.ok(coupons.some((c) => c.dcType === 'Rate' && c.limitMaxPrice > 0));
    assert.ok(coupons.some((c) => c.dcType === 'Fixed' && c.dcPrice > 0));
    assert.ok(coupons.some((c) => c.maxIssueCount === 0));
    assert.ok(coupons.some((c) => Date.parse(c.endDt) < T0));
    assert.ok(coupons.some((c) => Date.parse(c.startDt) > T0));
    assert.ok(coupons.some((c) => !c.isShow));
    assert.ok(Object.values(rules).some((r) => r.alwaysFails));
    assert.ok(Object.values(rules).some((r) => r.issuedTo?.includes(DEMO_MEMBER_ID)));
    assert.ok(coupons.every((c) => HANGUL.test(c.couponName) && c.partnerId === 'mobidoo'));
  });
});
