import { expect } from '@open-wc/testing';
import type { Coupon } from '../../src/api/models.js';
import { couponCheck, defaultIssueEndpoint } from '../../src/coupons/coupon-api.js';
import { couponViewState, nextBoundary, parseIdList, visibleCoupons } from '../../src/elements/coupon-panel/coupon-view.js';
import { formatValidity } from '../../src/i18n/coupon.js';
import type { CouponIssueState } from '../../src/store/coupons.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

function coupon(overrides: Partial<Coupon> = {}): Coupon {
  return {
    couponId: 'C1',
    couponName: '테스트 쿠폰',
    partnerId: 'mobidoo',
    maxIssueCount: 10,
    dcType: 'Rate',
    dcPrice: 0,
    dcRate: 10,
    limitMaxPrice: 5000,
    possiblePrice: 10000,
    startDt: new Date(NOW - 24 * HOUR).toISOString(),
    endDt: new Date(NOW + 24 * HOUR).toISOString(),
    isShow: true,
    ...overrides,
  };
}

const idle: CouponIssueState = { status: 'idle' };

describe('coupon view state', () => {
  it('a member can get an open coupon; a guest is asked to sign in', () => {
    expect(couponViewState(coupon(), idle, NOW, true)).to.equal('available');
    expect(couponViewState(coupon(), idle, NOW, false)).to.equal('login');
  });

  it('issuing, issued and already issued win over everything the coupon says', () => {
    const spent = coupon({ maxIssueCount: 0, endDt: new Date(NOW - HOUR).toISOString() });
    expect(couponViewState(spent, { status: 'issuing' }, NOW, true)).to.equal('issuing');
    expect(couponViewState(spent, { status: 'issued' }, NOW, true)).to.equal('issued');
    expect(couponViewState(spent, { status: 'already-issued' }, NOW, true)).to.equal('already-issued');
  });

  it('maxIssueCount 0 is exhausted, for members and guests', () => {
    expect(couponViewState(coupon({ maxIssueCount: 0 }), idle, NOW, true)).to.equal('exhausted');
    expect(couponViewState(coupon({ maxIssueCount: 0 }), idle, NOW, false)).to.equal('exhausted');
    expect(couponViewState(coupon(), { status: 'exhausted' }, NOW, true)).to.equal('exhausted');
  });

  it('before startDt it is upcoming, after endDt expired', () => {
    expect(couponViewState(coupon({ startDt: new Date(NOW + HOUR).toISOString() }), idle, NOW, true)).to.equal('upcoming');
    expect(couponViewState(coupon({ endDt: new Date(NOW - 1).toISOString() }), idle, NOW, true)).to.equal('expired');
  });

  it('failed, error and unauthorized offer a retry to a member', () => {
    expect(couponViewState(coupon(), { status: 'failed', code: 'FA1042' }, NOW, true)).to.equal('failed');
    expect(couponViewState(coupon(), { status: 'error' }, NOW, true)).to.equal('error');
    expect(couponViewState(coupon(), { status: 'unauthorized', code: 'FA1008' }, NOW, true)).to.equal('unauthorized');
    expect(couponViewState(coupon(), { status: 'unknown', code: 'FA1040' }, NOW, true)).to.equal('unknown');
  });

  it('hides isShow false always and expired coupons unless asked, keeping the shop order', () => {
    const list = [
      coupon({ couponId: 'A' }),
      coupon({ couponId: 'HIDDEN', isShow: false }),
      coupon({ couponId: 'OLD', endDt: new Date(NOW - HOUR).toISOString() }),
      coupon({ couponId: 'SOON', startDt: new Date(NOW + HOUR).toISOString() }),
    ];
    expect(visibleCoupons(list, NOW, false).map((c) => c.couponId)).to.deep.equal(['A', 'SOON']);
    expect(visibleCoupons(list, NOW, true).map((c) => c.couponId)).to.deep.equal(['A', 'OLD', 'SOON']);
  });

  it('finds the next moment a coupon opens or ends', () => {
    const opens = NOW + 2 * HOUR;
    const ends = NOW + 24 * HOUR;
    expect(nextBoundary([coupon({ startDt: new Date(opens).toISOString() }), coupon()], NOW)).to.equal(opens);
    expect(nextBoundary([coupon()], NOW)).to.equal(ends + 1);
    expect(nextBoundary([coupon({ endDt: new Date(NOW - HOUR).toISOString() })], NOW)).to.equal(undefined);
  });

  it('reads external-product-ids as a trimmed list without empties or repeats', () => {
    expect(parseIdList(' SFB-2001, SFB-2002,,SFB-2001 , ')).to.deep.equal(['SFB-2001', 'SFB-2002']);
    expect(parseIdList('')).to.deep.equal([]);
    expect(parseIdList(undefined)).to.deep.equal([]);
  });
});

describe('coupon formatting and checks', () => {
  const start = new Date('2026-11-22T00:00:00.000Z');
  const end = new Date('2026-11-30T23:59:59.000Z');

  it('shows the validity in the viewer zone', () => {
    const seoul = formatValidity(start, end, 'ko', 'Asia/Seoul', new Date(NOW));
    expect(seoul).to.include('11월 22일');
    expect(seoul).to.include('오전 9:00');
    expect(seoul).to.include('12월 1일');
    expect(seoul).to.include('오전 8:59');
    const la = formatValidity(start, end, 'en', 'America/Los_Angeles', new Date(NOW));
    expect(la).to.include('Nov 21');
    expect(la).to.include('4:00');
    expect(la).to.include('Nov 30');
    expect(la).to.include('3:59');
    expect(la).to.not.include('2026');
  });

  it('adds the year when a coupon reaches into another year', () => {
    expect(formatValidity(start, new Date('2027-01-10T00:00:00Z'), 'en', 'UTC', new Date(NOW))).to.include('2027');
  });

  it('accepts numeric strings for amounts and refuses an unknown dcType', () => {
    const report: string[] = [];
    const checked = couponCheck({ ...coupon(), dcRate: '15', possiblePrice: '20,000', isIssued: true }, 'c', (issue) => report.push(issue.path));
    expect(checked.dcRate).to.equal(15);
    expect(checked.possiblePrice).to.equal(20000);
    expect(checked.isIssued).to.equal(true);
    expect(() => couponCheck({ ...coupon(), dcType: 'Percent' }, 'c', () => undefined)).to.throw();
    expect(() => couponCheck({ ...coupon(), couponId: '' }, 'c', () => undefined)).to.throw();
    expect(report).to.deep.equal([]);
  });

  it('derives the issue endpoint from the list endpoint', () => {
    expect(defaultIssueEndpoint('https://shop.example/api/coupons?x=1')).to.equal('https://shop.example/api/coupons/issue');
    expect(defaultIssueEndpoint('/shop/coupons/')).to.equal(new URL('/shop/coupons/issue', location.href).toString());
  });
});
