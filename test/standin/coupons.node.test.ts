// The shop's coupon API sample (쿠폰 연동): lists with and without a viewer token, issuing per
// member, and each refusal (FA1040, FA1041, FA1042, FA1007, FA1008, FA1010).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { qs, startHarness, T0, viewerKeys, viewerToken, type Harness, type ViewerKeys } from './harness.js';
import { broadcastIdAt } from '../../demo/standin/fixtures.js';

const GUIDE_COUPON_KEYS = [
  'maxIssueCount', 'couponId', 'couponName', 'partnerId', 'limitMaxPrice', 'dcType', 'dcPrice', 'dcRate', 'possiblePrice', 'startDt', 'endDt', 'isShow',
];

let h: Harness;
let keys: ViewerKeys;
let demoMember: string;
let otherMember: string;

before(async () => {
  keys = await viewerKeys();
  h = await startHarness({ viewerPublicKey: keys.publicPem });
  demoMember = await viewerToken(keys.privateKey, { memberId: 'demo-member', nickName: '데모' }, { nowMs: T0 });
  otherMember = await viewerToken(keys.privateKey, { memberId: 'member-2' }, { nowMs: T0, base64: false });
});
after(() => h.close());
beforeEach(() => h.standin.reset());

const list = (params: Record<string, string> = {}) => h.call(`/shop/coupons${qs(params)}`);
const issue = (body: Record<string, unknown>) => h.call('/shop/coupons/issue', { method: 'POST', body });
const byId = (items: any[]) => Object.fromEntries(items.map((c) => [c.couponId, c]));

describe('GET /shop/coupons', () => {
  test('without a token: every coupon, guide fields and types, no isIssued; totalCount/count/items envelope', async () => {
    const res = await list();
    assert.equal(res.status, 200);
    assert.equal(res.json.code, 'SU0000');
    const { totalCount, count, items } = res.json.response;
    assert.equal(totalCount, items.length);
    assert.equal(count, items.length);
    assert.ok(items.length >= 8);
    for (const c of items) {
      assert.deepEqual(Object.keys(c).sort(), [...GUIDE_COUPON_KEYS].sort());
      for (const key of ['maxIssueCount', 'limitMaxPrice', 'dcPrice', 'dcRate', 'possiblePrice']) assert.equal(typeof c[key], 'number', key);
      assert.ok(['Rate', 'Fixed'].includes(c.dcType));
      assert.equal(typeof c.isShow, 'boolean');
    }
    const kinds = items as any[];
    assert.ok(kinds.some((c) => c.dcType === 'Rate' && c.limitMaxPrice > 0 && c.dcRate > 0));
    assert.ok(kinds.some((c) => c.dcType === 'Fixed' && c.dcPrice > 0));
    assert.ok(kinds.some((c) => c.maxIssueCount === 0));
    assert.ok(kinds.some((c) => Date.parse(c.endDt) < T0));
    assert.ok(kinds.some((c) => Date.parse(c.startDt) > T0));
    assert.ok(kinds.some((c) => c.isShow === false));
  });

  test('with a viewer token (base64 or raw): each coupon says whether that member has it', async () => {
    const mine = byId((await list({ accessToken: demoMember })).json.response.items);
    assert.equal(mine['CP-WELCOME-2000'].isIssued, true);
    assert.equal(mine['CP-RATE-10'].isIssued, false);
    const theirs = byId((await list({ accessToken: otherMember })).json.response.items);
    assert.equal(theirs['CP-WELCOME-2000'].isIssued, false);
  });

  test('broadcastId narrows to coupons of that broadcast (and the ones for every broadcast)', async () => {
    const beautyBroadcast = broadcastIdAt(1);
    const foodBroadcast = broadcastIdAt(3);
    const beauty = byId((await list({ broadcastId: beautyBroadcast })).json.response.items);
    const food = byId((await list({ broadcastId: foodBroadcast })).json.response.items);
    assert.ok(beauty['CP-BEAUTY-20'] && !beauty['CP-FOOD-4000'] && beauty['CP-RATE-10']);
    assert.ok(food['CP-FOOD-4000'] && !food['CP-BEAUTY-20']);
  });

  test('a bad token is FA1007, an expired one FA1008; unknown parameters FA1010', async () => {
    const bad = await list({ accessToken: 'bm9wZQ==' });
    assert.equal(bad.status, 401);
    assert.equal(bad.json.code, 'FA1007');
    const short = await viewerToken(keys.privateKey, { memberId: 'demo-member' }, { nowMs: T0, expiresInSec: 10 });
    h.clock.now = T0 + 11_000;
    try {
      const expired = await list({ accessToken: short });
      assert.equal(expired.status, 401);
      assert.equal(expired.json.code, 'FA1008');
    } finally {
      h.clock.now = T0;
    }
    const extra = await list({ page: '2' });
    assert.deepEqual(extra.json.response.validError, ["'page' is not allowed"]);
  });
});

describe('POST /shop/coupons (by shop product codes)', () => {
  test('externalProductIds narrow to coupons for those products; without them, all', async () => {
    const all = (await h.call('/shop/coupons', { method: 'POST', body: {} })).json.response.items;
    const food = byId((await h.call('/shop/coupons', { method: 'POST', body: { externalProductIds: ['GFM-4001'] } })).json.response.items);
    assert.ok(food['CP-FOOD-4000'] && !food['CP-BEAUTY-20'] && food['CP-FIXED-3000']);
    assert.ok(Object.keys(food).length < all.length);
    const withToken = byId((await h.call('/shop/coupons', { method: 'POST', body: { accessToken: demoMember } })).json.response.items);
    assert.equal(withToken['CP-WELCOME-2000'].isIssued, true);
    const bad = await h.call('/shop/coupons', { method: 'POST', body: { externalProductIds: 'GFM-4001' } });
    assert.deepEqual(bad.json.response.validError, ['"externalProductIds" must be an array']);
  });
});

describe('POST /shop/coupons/issue', () => {
  test('issues once per member: the coupon comes back isIssued, maxIssueCount goes down, the list agrees', async () => {
    const before = byId((await list()).json.response.items)['CP-RATE-10'].maxIssueCount;
    const res = await issue({ accessToken: demoMember, couponId: 'CP-RATE-10', broadcastId: broadcastIdAt(0) });
    assert.equal(res.status, 200);
    assert.equal(res.json.code, 'SU0000');
    assert.equal(res.json.response.couponId, 'CP-RATE-10');
    assert.equal(res.json.response.isIssued, true);
    assert.equal(res.json.response.maxIssueCount, before - 1);
    assert.equal(byId((await list({ accessToken: demoMember })).json.response.items)['CP-RATE-10'].isIssued, true);

    const again = await issue({ accessToken: demoMember, couponId: 'CP-RATE-10' });
    assert.equal(again.json.code, 'FA1041');
    assert.equal(again.json.message, '이미 발급된 쿠폰입니다.');
    // Another member still can.
    assert.equal((await issue({ accessToken: otherMember, couponId: 'CP-RATE-10' })).json.code, 'SU0000');
  });

  test('the coupon issued to demo-member from the start is FA1041 for it, fine for others', async () => {
    assert.equal((await issue({ accessToken: demoMember, couponId: 'CP-WELCOME-2000' })).json.code, 'FA1041');
    assert.equal((await issue({ accessToken: otherMember, couponId: 'CP-WELCOME-2000' })).json.code, 'SU0000');
  });

  test('FA1042 for the failing, exhausted, expired, not-yet-valid, hidden and other-broadcast coupons', async () => {
    for (const [couponId, broadcastId] of [
      ['CP-ALWAYS-FAILS'],
      ['CP-EXHAUSTED'],
      ['CP-EXPIRED'],
      ['CP-UPCOMING'],
      ['CP-HIDDEN'],
      ['CP-BEAUTY-20', broadcastIdAt(3)],
    ]) {
      const res = await issue({ accessToken: demoMember, couponId, broadcastId });
      assert.equal(res.json.code, 'FA1042', couponId);
      assert.equal(res.json.message, '쿠폰 발급에 실패하였습니다.');
      assert.equal(res.status, 409);
    }
  });

  test('using up the last one: the next member gets FA1042', async () => {
    // CP-RATE-10 starts with 100; issue to 100 members, then one more.
    for (let i = 0; i < 100; i++) {
      const token = await viewerToken(keys.privateKey, { memberId: `bulk-${i}` }, { nowMs: T0, base64: false });
      assert.equal((await issue({ accessToken: token, couponId: 'CP-RATE-10' })).json.code, 'SU0000');
    }
    assert.equal(byId((await list()).json.response.items)['CP-RATE-10'].maxIssueCount, 0);
    assert.equal((await issue({ accessToken: demoMember, couponId: 'CP-RATE-10' })).json.code, 'FA1042');
  });

  test('an unknown coupon is FA1040; no token FA1010; a bad token FA1007; an expired one FA1008', async () => {
    const unknown = await issue({ accessToken: demoMember, couponId: 'CP-NOPE' });
    assert.equal(unknown.json.code, 'FA1040');
    assert.equal(unknown.json.message, '잘못된 쿠폰 아이디입니다.');
    const missing = await issue({ couponId: 'CP-RATE-10' });
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json.response.validError, ['"accessToken" is required']);
    assert.equal((await issue({ accessToken: 'x', couponId: 'CP-RATE-10' })).json.code, 'FA1007');
    h.clock.now = T0 + 2 * 3600_000;
    try {
      const expired = await issue({ accessToken: demoMember, couponId: 'CP-RATE-10' });
      assert.equal(expired.status, 401);
      assert.equal(expired.json.code, 'FA1008');
    } finally {
      h.clock.now = T0;
    }
  });

  test('reset gives the coupons back', async () => {
    await issue({ accessToken: demoMember, couponId: 'CP-FIXED-3000' });
    h.standin.reset();
    assert.equal(byId((await list({ accessToken: demoMember })).json.response.items)['CP-FIXED-3000'].isIssued, false);
  });
});
