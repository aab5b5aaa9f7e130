import { expect, waitUntil } from '@open-wc/testing';
import { issueCoupon as postIssue, listCoupons } from '../../src/coupons/coupon-api.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { issueCoupon } from '../../src/coupons/issue.js';
import { couponStore, issueStateOf, knownCoupon, rememberCoupons, resetCoupons } from '../../src/store/coupons.js';
import { sessionStore } from '../../src/store/session.js';
import { clearFaults, resetStandin, setFault, standinOrigin, standinState } from '../support/standin-control.js';
import { countFetches, signIn, signOut } from './support.js';

const listUrl = () => `${standinOrigin()}/shop/coupons`;
const issueUrl = () => `${standinOrigin()}/shop/coupons/issue`;
const issueCount = async () => (await standinState()).counts['coupons.issue'] ?? 0;

describe('coupon store', () => {
  beforeEach(async () => {
    await resetStandin();
    resetCoupons();
  });
  afterEach(async () => {
    await clearFaults();
    resetSession();
  });

  it('keeps coupons whose ids are Object.prototype names as plain records', () => {
    for (const couponId of ['constructor', 'toString', 'hasOwnProperty']) {
      expect(knownCoupon(couponStore.getState(), couponId), `${couponId} before`).to.equal(undefined);
      expect(issueStateOf(couponStore.getState(), couponId, undefined).status, `${couponId} state`).to.equal('idle');
    }
    const template = { couponName: 'x', maxIssueCount: 1 } as unknown as Parameters<typeof rememberCoupons>[0][number];
    rememberCoupons(['__proto__', 'constructor'].map((couponId) => ({ ...template, couponId, isIssued: true })), 'member-x');
    const state = couponStore.getState();
    expect(knownCoupon(state, '__proto__')?.couponId).to.equal('__proto__');
    expect(knownCoupon(state, 'constructor')?.couponId).to.equal('constructor');
    expect(Object.keys(state.coupons).sort()).to.deep.equal(['__proto__', 'constructor']);
    expect(issueStateOf(state, '__proto__', 'member-x').status).to.equal('already-issued');
    expect(issueStateOf(state, 'toString', 'member-x').status).to.equal('idle');
    expect(({} as Record<string, unknown>).couponId, 'Object.prototype untouched').to.equal(undefined);
  });

  it('sends one request for three simultaneous asks, and none once issued', async () => {
    await signIn('store-member-1');
    await setFault({ route: 'coupons.issue', kind: 'delay', delayMs: 300, times: 1 });
    const outcomes = await Promise.all([1, 2, 3].map(() => issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' })));
    expect(outcomes.map((o) => o.status)).to.deep.equal(['issued', 'issued', 'issued']);
    expect(outcomes.filter((o) => o.initiated)).to.have.length(1);
    expect(await issueCount()).to.equal(1);
    const again = await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' });
    expect(again).to.include({ status: 'issued', initiated: false });
    expect(await issueCount()).to.equal(1);
    // The shop's answer carries the coupon with one fewer left; the store keeps it.
    expect(couponStore.getState().coupons['CP-RATE-10']!.maxIssueCount).to.equal(99);
  });

  it('marks issuing while the request is on its way, and nothing before the shop answers', async () => {
    const { claims } = await signIn('store-member-2').then(() => sessionStore.getState());
    await setFault({ route: 'coupons.issue', kind: 'delay', delayMs: 300, times: 1 });
    let answered = false;
    const pending = issueCoupon({ endpoint: issueUrl(), couponId: 'CP-FIXED-3000' }).finally(() => (answered = true));
    await waitUntil(() => issueStateOf(couponStore.getState(), 'CP-FIXED-3000', claims!.memberId).status === 'issuing', 'never marked issuing');
    expect(answered, 'marked issuing only after the answer').to.equal(false);
    await pending;
    expect(issueStateOf(couponStore.getState(), 'CP-FIXED-3000', claims!.memberId).status).to.equal('issued');
  });

  it('a guest gets login-required and nothing is sent', async () => {
    signOut();
    expect(await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' })).to.deep.equal({ status: 'login-required', reason: 'guest', initiated: true });
    await signIn('guest-with-token', '0');
    expect((await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' })).status).to.equal('login-required');
    expect(await issueCount()).to.equal(0);
  });

  it('keeps issue state per member', async () => {
    await signIn('store-member-3');
    await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' });
    expect(issueStateOf(couponStore.getState(), 'CP-RATE-10', 'store-member-3').status).to.equal('issued');
    expect(issueStateOf(couponStore.getState(), 'CP-RATE-10', 'someone-else').status).to.equal('idle');
    await signIn('store-member-4');
    expect((await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' })).status).to.equal('issued');
    expect(await issueCount()).to.equal(2);
  });

  it('learns isIssued from a member list, and a list never takes back a success', async () => {
    await signIn('demo-member');
    const token = sessionStore.getState().token!;
    const page = await listCoupons({ endpoint: listUrl(), accessToken: token });
    expect(page.items.find((c) => c.couponId === 'CP-WELCOME-2000')!.isIssued).to.equal(true);
    rememberCoupons(page.items, 'demo-member');
    expect(issueStateOf(couponStore.getState(), 'CP-WELCOME-2000', 'demo-member').status).to.equal('already-issued');
    expect(couponStore.getState().coupons['CP-WELCOME-2000']).to.not.have.property('isIssued');
    const outcome = await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-WELCOME-2000' });
    expect(outcome).to.include({ status: 'already-issued', initiated: false });
    expect(await issueCount()).to.equal(0);
    await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' });
    rememberCoupons([{ ...page.items.find((c) => c.couponId === 'CP-RATE-10')!, isIssued: false }], 'demo-member');
    expect(issueStateOf(couponStore.getState(), 'CP-RATE-10', 'demo-member').status).to.equal('issued');
  });

  it('FA1041 from the shop is already-issued', async () => {
    await signIn('store-member-5');
    const token = sessionStore.getState().token!;
    // Issued behind the store's back (another tab, say).
    expect((await postIssue({ endpoint: issueUrl(), accessToken: token, couponId: 'CP-FIXED-3000' })).kind).to.equal('issued');
    const outcome = await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-FIXED-3000' });
    expect(outcome).to.include({ status: 'already-issued', code: 'FA1041', initiated: true });
  });

  it('FA1042 is failed when the recheck still shows coupons left, exhausted when it shows none', async () => {
    await signIn('store-member-6');
    let rechecks = 0;
    const failed = await issueCoupon({
      endpoint: issueUrl(),
      couponId: 'CP-ALWAYS-FAILS',
      recheck: async () => {
        rechecks++;
        const page = await listCoupons({ endpoint: listUrl() });
        return page.items.find((c) => c.couponId === 'CP-ALWAYS-FAILS');
      },
    });
    expect(failed).to.include({ status: 'failed', code: 'FA1042' });
    expect(rechecks).to.equal(1);
    // The shop's list now says none are left (as a coupon that ran out between list and click would).
    const exhausted = await issueCoupon({
      endpoint: issueUrl(),
      couponId: 'CP-ALWAYS-FAILS',
      recheck: async () => ({ ...(await listCoupons({ endpoint: listUrl() })).items.find((c) => c.couponId === 'CP-ALWAYS-FAILS')!, maxIssueCount: 0 }),
    });
    expect(exhausted).to.include({ status: 'exhausted', code: 'FA1042' });
    expect(await issueCount()).to.equal(2);
    // Known to have none left: no further request.
    expect((await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-ALWAYS-FAILS' })).status).to.equal('exhausted');
    expect(await issueCount()).to.equal(2);
  });

  it('FA1040 is unknown', async () => {
    await signIn('store-member-7');
    expect(await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-NO-SUCH' })).to.include({ status: 'unknown', code: 'FA1040' });
  });

  it('never repeats the POST on a 500, a broken body or a timeout', async () => {
    await signIn('store-member-8');
    await setFault({ route: 'coupons.issue', kind: 'error500', times: 1 });
    expect((await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' })).status).to.equal('error');
    expect(await issueCount()).to.equal(1);
    await setFault({ route: 'coupons.issue', kind: 'malformed', times: 1 });
    expect((await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' })).status).to.equal('error');
    expect(await issueCount()).to.equal(2);
    await setFault({ route: 'coupons.issue', kind: 'delay', delayMs: 800, times: 1 });
    expect((await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10', timeoutMs: 200 })).status).to.equal('error');
    expect(await issueCount()).to.equal(3);
    // Trying again is allowed after an error. (The timed-out request may have landed: FA1041 says so.)
    const last = await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' });
    expect(['issued', 'already-issued']).to.include(last.status);
    expect(await issueCount()).to.equal(4);
  });

  it('FA1008: refreshes the token once and sends once more', async () => {
    const session = await signIn('store-member-9');
    await setFault({ route: 'coupons.issue', kind: 'expiredToken', times: 1 });
    const tokenFetches = countFetches(session.endpoint);
    try {
      const outcome = await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' });
      expect(outcome).to.include({ status: 'issued', code: 'SU0000' });
      expect(tokenFetches.count()).to.equal(1);
    } finally {
      tokenFetches.restore();
    }
    expect(await issueCount()).to.equal(2);
  });

  it('FA1008 twice: unauthorized after exactly one retry', async () => {
    await signIn('store-member-10');
    await setFault({ route: 'coupons.issue', kind: 'expiredToken', times: 2 });
    const outcome = await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' });
    expect(outcome).to.include({ status: 'unauthorized', code: 'FA1008', reason: 'expired-token' });
    expect(await issueCount()).to.equal(2);
  });

  it('FA1007 is unauthorized without a retry', async () => {
    await signIn('store-member-11');
    sessionStore.setState({ token: btoa('not.a.token') });
    const outcome = await issueCoupon({ endpoint: issueUrl(), couponId: 'CP-RATE-10' });
    expect(outcome).to.include({ status: 'unauthorized', code: 'FA1007', reason: 'invalid-token' });
    expect(await issueCount()).to.equal(1);
  });
});

