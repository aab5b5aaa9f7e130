/** Counts in text: plural forms through Intl.PluralRules, digits grouped by the language. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { msg } from '../../src/i18n/messages.js';
import { couponMsg } from '../../src/i18n/coupon.js';
import { productMsg } from '../../src/i18n/product.js';
import { formatPercent } from '../../src/i18n/format.js';

test('English counts take their plural form; Korean has one form', () => {
  assert.equal(msg('en', 'schedule.count', { n: 1 }), '1 broadcast');
  assert.equal(msg('en', 'schedule.count', { n: 2 }), '2 broadcasts');
  assert.equal(msg('en', 'schedule.count', { n: 0 }), '0 broadcasts');
  assert.equal(msg('en', 'card.products', { n: 1 }), '1 product');
  assert.equal(couponMsg('en', 'coupon.count', { n: 1 }), '1 coupon');
  assert.equal(productMsg('en', 'productList.label', { n: 1 }), '1 product in this broadcast');
  assert.equal(msg('ko', 'schedule.count', { n: 1 }), '방송 1개');
  assert.equal(msg('ko', 'schedule.count', { n: 2 }), '방송 2개');
});

test('a count shown pre-formatted still picks the form by its number', () => {
  assert.equal(msg('en', 'card.viewers', { n: '1', count: 1 }), '1 view');
  assert.equal(msg('en', 'card.viewers', { n: '1.2K', count: 1234 }), '1.2K views');
});

test('numbers in messages are grouped as the language writes them', () => {
  assert.equal(couponMsg('en', 'coupon.left', { n: 12345 }), '12,345 left');
  assert.equal(couponMsg('ko', 'coupon.left', { n: 12345 }), '12,345장 남음');
});

test('rates are whole percents, as shops show them', () => {
  assert.equal(formatPercent(31.1, 'en'), '31%');
  assert.equal(formatPercent(33.9, 'ko'), '34%');
  assert.equal(formatPercent('10', 'ko'), '10%');
});
