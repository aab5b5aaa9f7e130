import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/coupon-panel/coupon-panel.js';
import '../../src/elements/config/config.js';
import type { SfCouponPanel } from '../../src/elements/coupon-panel/coupon-panel.component.js';
import type { SfCouponIssueDetail } from '../../src/events/coupon-issue.js';
import type { SfLoginRequiredDetail } from '../../src/events/login-required.js';
import { issueCoupon as postIssue } from '../../src/coupons/coupon-api.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { resetCoupons } from '../../src/store/coupons.js';
import { sessionStore } from '../../src/store/session.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { broadcastIdAt } from '../../demo/standin/fixtures.js';
import { clearFaults, resetStandin, setFault, standinApiBase, standinOrigin, standinState } from '../support/standin-control.js';
import { countFetches, signIn, signOut, tokenEndpointFor } from './support.js';

type Attrs = Partial<Record<'broadcast-id' | 'external-product-ids' | 'lang' | 'time-zone' | 'timeout' | 'coupon-endpoint', string>> & { showExpired?: boolean };

const listUrl = () => `${standinOrigin()}/shop/coupons`;

async function panel(attrs: Attrs = {}) {
  return fixture<SfCouponPanel>(html`<sf-coupon-panel coupon-endpoint=${attrs['coupon-endpoint'] ?? listUrl()}
    broadcast-id=${attrs['broadcast-id'] ?? ''} external-product-ids=${attrs['external-product-ids'] ?? ''}
    lang=${attrs.lang ?? 'ko'} time-zone=${attrs['time-zone'] ?? 'Asia/Seoul'} timeout=${attrs.timeout ?? '10000'}
    ?show-expired=${attrs.showExpired ?? false}></sf-coupon-panel>`);
}

const root = (el: SfCouponPanel) => el.shadowRoot!;
const settled = (el: SfCouponPanel) =>
  waitUntil(() => !root(el).querySelector('[aria-busy="true"]:not(button)'), 'coupon panel settled', { timeout: 8000 });
const item = (el: SfCouponPanel, id: string) => root(el).querySelector<HTMLLIElement>(`[data-coupon-id="${id}"]`);
const ids = (el: SfCouponPanel) => [...root(el).querySelectorAll<HTMLLIElement>('[data-coupon-id]')].map((li) => li.dataset.couponId);
const stateOf = (el: SfCouponPanel, id: string) => item(el, id)?.dataset.state;
const button = (el: SfCouponPanel, id: string) => item(el, id)!.querySelector<HTMLButtonElement>('button')!;
const text = (el: SfCouponPanel, id: string, part: string) => item(el, id)!.querySelector(`[part~="${part}"]`)?.textContent?.trim() ?? '';
const announcer = (el: SfCouponPanel) => root(el).querySelector('[part="announcer"]')!;
const counts = async () => (await standinState()).counts;
const waitState = (el: SfCouponPanel, id: string, state: string) =>
  waitUntil(() => stateOf(el, id) === state, `${id} becomes ${state} (is ${stateOf(el, id)})`, { timeout: 8000 });

describe('<sf-coupon-panel>', () => {
  beforeEach(async () => {
    await resetStandin();
    resetCoupons();
    signOut();
  });
  afterEach(async () => {
    await clearFaults();
    resetSession();
  });

  describe('coupon shapes', () => {
    it('shows a skeleton, then every coupon the shop shows, each with its terms', async () => {
      const el = await panel();
      const skeleton = root(el).querySelector('[aria-busy="true"]');
      expect(skeleton, 'skeleton while loading').to.not.equal(null);
      expect(skeleton!.querySelectorAll('.skeleton').length).to.equal(2);
      await settled(el);

      // isShow false never shows; expired ones are hidden by default.
      expect(ids(el)).to.deep.equal(['CP-RATE-10', 'CP-FIXED-3000', 'CP-EXHAUSTED', 'CP-UPCOMING', 'CP-ALWAYS-FAILS', 'CP-WELCOME-2000', 'CP-BEAUTY-20', 'CP-FOOD-4000']);

      // Rate: the percentage and its cap.
      expect(text(el, 'CP-RATE-10', 'amount')).to.equal('10% 할인');
      expect(text(el, 'CP-RATE-10', 'cap')).to.equal('최대 ₩10,000 할인');
      expect(text(el, 'CP-RATE-10', 'minimum')).to.equal('₩30,000 이상 구매 시');
      expect(text(el, 'CP-RATE-10', 'remaining')).to.equal('100장 남음');
      expect(text(el, 'CP-RATE-10', 'name')).to.equal('라이브 시청 감사 10% 할인');
      // Fixed: money, no cap.
      expect(text(el, 'CP-FIXED-3000', 'amount')).to.equal('₩3,000 할인');
      expect(item(el, 'CP-FIXED-3000')!.querySelector('[part~="cap"]')).to.equal(null);
      // Validity in the viewer's zone (the stand-in ends coupons at 23:59:59 UTC = 08:59 in Seoul).
      expect(text(el, 'CP-RATE-10', 'validity')).to.match(/오전 9:00.*오전 8:59/);
      // Exhausted, and not yet open.
      expect(stateOf(el, 'CP-EXHAUSTED')).to.equal('exhausted');
      expect(text(el, 'CP-EXHAUSTED', 'remaining')).to.equal('선착순 마감');
      expect(button(el, 'CP-EXHAUSTED').getAttribute('aria-disabled')).to.equal('true');
      expect(stateOf(el, 'CP-UPCOMING')).to.equal('upcoming');
      expect(text(el, 'CP-UPCOMING', 'note')).to.include('부터 받을 수 있어요');
      expect(button(el, 'CP-UPCOMING').getAttribute('aria-disabled')).to.equal('true');
      // A guest sees an invitation to sign in.
      expect(stateOf(el, 'CP-RATE-10')).to.equal('login');
      expect(button(el, 'CP-RATE-10').textContent!.trim()).to.equal('로그인하고 받기');
      expect(button(el, 'CP-RATE-10').getAttribute('aria-disabled')).to.equal('false');
      // The live region is there before anything is announced.
      expect(announcer(el).getAttribute('role')).to.equal('status');
      expect(announcer(el).getAttribute('aria-live')).to.equal('polite');
      await expect(el).to.be.accessible();
    });

    it('marks expired coupons with show-expired, and never offers them', async () => {
      const el = await panel({ showExpired: true });
      await settled(el);
      expect(stateOf(el, 'CP-EXPIRED')).to.equal('expired');
      expect(text(el, 'CP-EXPIRED', 'note')).to.equal('사용 기간이 끝났습니다');
      expect(button(el, 'CP-EXPIRED').getAttribute('aria-disabled')).to.equal('true');
      expect(ids(el)).to.not.include('CP-HIDDEN');
      await expect(el).to.be.accessible();
    });

    it('speaks English', async () => {
      const el = await panel({ lang: 'en', 'time-zone': 'America/Los_Angeles' });
      await settled(el);
      expect(text(el, 'CP-RATE-10', 'amount')).to.equal('10% off');
      expect(text(el, 'CP-RATE-10', 'cap')).to.equal('Up to ₩10,000 off');
      expect(text(el, 'CP-RATE-10', 'minimum')).to.equal('On orders of ₩30,000 or more');
      expect(text(el, 'CP-RATE-10', 'remaining')).to.equal('100 left');
      expect(text(el, 'CP-RATE-10', 'validity')).to.match(/4:00\sPM.*3:59\sPM/);
      expect(button(el, 'CP-RATE-10').textContent!.trim()).to.equal('Sign in to get');
      expect(text(el, 'CP-EXHAUSTED', 'remaining')).to.equal('All claimed');
    });

    it('GETs the coupons of a broadcast', async () => {
      const el = await panel({ 'broadcast-id': broadcastIdAt(3) });
      await settled(el);
      expect(ids(el)).to.include('CP-FOOD-4000');
      expect(ids(el)).to.not.include('CP-BEAUTY-20');
      expect((await counts())['coupons.list']).to.equal(1);
    });

    it('POSTs the list for external-product-ids', async () => {
      const el = await panel({ 'external-product-ids': 'SFB-2001, SFB-2004' });
      await settled(el);
      expect(ids(el)).to.include('CP-BEAUTY-20');
      expect(ids(el)).to.not.include('CP-FOOD-4000');
      expect((await counts())['coupons.list']).to.equal(1);
    });

    it('says so when the shop has no coupons', async () => {
      // An endpoint that answers an empty list in the same envelope (the stand-in's schedule, searched for nothing).
      const el = await panel({ 'coupon-endpoint': `${standinApiBase()}/front/broadcast/schedule?partnerId=mobidoo&searchWord=zzz-none` });
      await settled(el);
      const status = root(el).querySelector('[part="status"]')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent).to.include('지금 받을 수 있는 쿠폰이 없습니다');
      await expect(el).to.be.accessible();
    });

    it('takes coupon-endpoint from <sf-config>', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <sf-config coupon-endpoint=${listUrl()} lang="en"></sf-config>
        <sf-coupon-panel></sf-coupon-panel>
      </div>`);
      const el = wrapper.querySelector('sf-coupon-panel')!;
      await el.updateComplete;
      await settled(el);
      expect(ids(el)).to.include('CP-RATE-10');
      expect(text(el, 'CP-RATE-10', 'amount')).to.equal('10% off');
      wrapper.remove();
    });

    it('names the missing attribute when not configured', async () => {
      const errors: string[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => void errors.push(args.join(' '));
      try {
        const el = await fixture<SfCouponPanel>(html`<sf-coupon-panel lang="ko"></sf-coupon-panel>`);
        const alert = root(el).querySelector('[role="alert"]')!;
        expect(alert.textContent).to.include('coupon-endpoint');
        expect(errors.join('\n')).to.include('coupon-endpoint');
      } finally {
        console.error = original;
      }
    });
  });

  describe('a guest', () => {
    it('gets sf-login-required and nothing is sent', async () => {
      const el = await panel({ 'broadcast-id': broadcastIdAt(3) });
      await settled(el);
      const received: CustomEvent<SfLoginRequiredDetail>[] = [];
      const onLogin = (e: CustomEvent<SfLoginRequiredDetail>) => received.push(e);
      document.addEventListener('sf-login-required', onLogin);
      try {
        const event = oneEvent(document, 'sf-login-required');
        button(el, 'CP-RATE-10').click();
        const got = (await event) as CustomEvent<SfLoginRequiredDetail>;
        expect(got.bubbles).to.equal(true);
        expect(got.composed).to.equal(true);
        expect(got.detail).to.deep.equal({ couponId: 'CP-RATE-10', broadcastId: broadcastIdAt(3), reason: 'guest' });
        await waitUntil(() => announcer(el).textContent!.includes('로그인'), 'login announced');
      } finally {
        document.removeEventListener('sf-login-required', onLogin);
      }
      expect(received).to.have.length(1);
      expect((await counts())['coupons.issue'] ?? 0).to.equal(0);
      expect(stateOf(el, 'CP-RATE-10')).to.equal('login');
      // Without a login page to open, the press shows on the coupon itself, not only to screen readers.
      await waitUntil(() => text(el, 'CP-RATE-10', 'note') === '로그인하면 이 쿠폰을 받을 수 있어요.', 'sign-in prompt shown');
      expect(text(el, 'CP-FIXED-3000', 'note')).to.equal('');
    });

    it('opens login-url (from <sf-config>) with the page as returnUrl; an own attribute wins and may place it', async () => {
      const config = await fixture(html`<sf-config login-url="/login?from=coupon"></sf-config>`);
      const visited: string[] = [];
      const restore = setNavigator((url) => visited.push(url));
      try {
        const el = await panel();
        await settled(el);
        button(el, 'CP-RATE-10').click();
        await waitUntil(() => visited.length === 1, 'login opened');
        const url = new URL(visited[0]!);
        expect(url.origin + url.pathname).to.equal(`${location.origin}/login`);
        expect(url.searchParams.get('from')).to.equal('coupon');
        expect(url.searchParams.get('returnUrl')).to.equal(location.href);
        expect(text(el, 'CP-RATE-10', 'note')).to.equal('');

        el.setAttribute('login-url', 'https://shop.example/signin?next={returnUrl}');
        await el.updateComplete;
        button(el, 'CP-RATE-10').click();
        await waitUntil(() => visited.length === 2, 'login opened again');
        expect(visited[1]).to.equal(`https://shop.example/signin?next=${encodeURIComponent(location.href)}`);

        // A shop that cancels the event opens its own login; a javascript: URL is never followed.
        el.setAttribute('login-url', 'javascript:alert(1)');
        await el.updateComplete;
        button(el, 'CP-FIXED-3000').click();
        await waitUntil(() => text(el, 'CP-FIXED-3000', 'note') !== '', 'prompt instead of a javascript: URL');
        const cancel = (e: Event) => e.preventDefault();
        el.setAttribute('login-url', '/login');
        await el.updateComplete;
        el.addEventListener('sf-login-required', cancel);
        button(el, 'CP-RATE-10').click();
        await oneEvent(el, 'sf-login-required');
        el.removeEventListener('sf-login-required', cancel);
        expect(visited).to.have.length(2);
      } finally {
        restore();
        config.remove();
      }
    });

    it('with a guest token (memberType 0) is still a guest', async () => {
      await signIn('guest-token-viewer', '0');
      const el = await panel();
      await settled(el);
      expect(stateOf(el, 'CP-RATE-10')).to.equal('login');
      const event = oneEvent(el, 'sf-login-required');
      button(el, 'CP-RATE-10').click();
      expect(((await event) as CustomEvent<SfLoginRequiredDetail>).detail.reason).to.equal('guest');
      expect((await counts())['coupons.issue'] ?? 0).to.equal(0);
    });
  });

  describe('a member', () => {
    it('issues a coupon: busy while asking, issued only when the shop says so, announced', async () => {
      await signIn('panel-member-1');
      const el = await panel({ 'broadcast-id': broadcastIdAt(3) });
      await settled(el);
      expect(stateOf(el, 'CP-RATE-10')).to.equal('available');
      expect(button(el, 'CP-RATE-10').textContent!.trim()).to.equal('쿠폰 받기');
      await setFault({ route: 'coupons.issue', kind: 'delay', delayMs: 400, times: 1 });
      const event = oneEvent(el, 'sf-coupon-issue');
      button(el, 'CP-RATE-10').click();
      await waitState(el, 'CP-RATE-10', 'issuing');
      expect(button(el, 'CP-RATE-10').getAttribute('aria-busy')).to.equal('true');
      expect(button(el, 'CP-RATE-10').getAttribute('aria-disabled')).to.equal('true');
      expect(button(el, 'CP-RATE-10').textContent!.trim()).to.equal('발급 중…');
      const { detail, bubbles, composed } = (await event) as CustomEvent<SfCouponIssueDetail>;
      expect(bubbles && composed).to.equal(true);
      expect(detail.status).to.equal('issued');
      expect(detail.code).to.equal('SU0000');
      expect(detail.coupon.couponId).to.equal('CP-RATE-10');
      expect(detail.broadcastId).to.equal(broadcastIdAt(3));
      await el.updateComplete;
      expect(stateOf(el, 'CP-RATE-10')).to.equal('issued');
      expect(button(el, 'CP-RATE-10').getAttribute('aria-busy')).to.equal('false');
      expect(button(el, 'CP-RATE-10').getAttribute('aria-disabled')).to.equal('true');
      expect(text(el, 'CP-RATE-10', 'remaining')).to.equal('99장 남음');
      await waitUntil(() => announcer(el).textContent!.includes('받았습니다'), 'issue announced');
      expect((await counts())['coupons.issue']).to.equal(1);
      await expect(el).to.be.accessible();
    });

    it('double and triple clicks send exactly one request and dispatch one event', async () => {
      await signIn('panel-member-2');
      const el = await panel();
      await settled(el);
      await setFault({ route: 'coupons.issue', kind: 'delay', delayMs: 300, times: 1 });
      const events: SfCouponIssueDetail[] = [];
      el.addEventListener('sf-coupon-issue', (e) => events.push(e.detail));
      const target = button(el, 'CP-FIXED-3000');
      target.click();
      target.click();
      target.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await aTimeout(20);
      button(el, 'CP-FIXED-3000').click();
      await waitState(el, 'CP-FIXED-3000', 'issued');
      // Clicks on the issued coupon do nothing either.
      button(el, 'CP-FIXED-3000').click();
      button(el, 'CP-RATE-10').click();
      button(el, 'CP-RATE-10').click();
      button(el, 'CP-RATE-10').click();
      await waitState(el, 'CP-RATE-10', 'issued');
      await aTimeout(50);
      expect((await counts())['coupons.issue']).to.equal(2);
      expect(events.map((d) => `${d.coupon.couponId}:${d.status}`)).to.deep.equal(['CP-FIXED-3000:issued', 'CP-RATE-10:issued']);
    });

    it('two panels showing the same coupon stay consistent, and share one request', async () => {
      await signIn('panel-member-3');
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <sf-coupon-panel id="a" lang="ko" coupon-endpoint=${listUrl()} broadcast-id=${broadcastIdAt(1)}></sf-coupon-panel>
        <sf-coupon-panel id="b" lang="ko" coupon-endpoint=${listUrl()} external-product-ids="SFB-2001"></sf-coupon-panel>
      </div>`);
      const a = wrapper.querySelector<SfCouponPanel>('#a')!;
      const b = wrapper.querySelector<SfCouponPanel>('#b')!;
      await settled(a);
      await settled(b);
      expect(stateOf(a, 'CP-BEAUTY-20')).to.equal('available');
      expect(stateOf(b, 'CP-BEAUTY-20')).to.equal('available');
      await setFault({ route: 'coupons.issue', kind: 'delay', delayMs: 300, times: 1 });
      const events: string[] = [];
      wrapper.addEventListener('sf-coupon-issue', (e) => events.push((e.target as HTMLElement).id));
      button(a, 'CP-BEAUTY-20').click();
      button(b, 'CP-BEAUTY-20').click();
      await waitState(b, 'CP-BEAUTY-20', 'issuing');
      expect(stateOf(a, 'CP-BEAUTY-20')).to.equal('issuing');
      await waitState(a, 'CP-BEAUTY-20', 'issued');
      await waitState(b, 'CP-BEAUTY-20', 'issued');
      expect(text(a, 'CP-BEAUTY-20', 'remaining')).to.equal('299장 남음');
      expect(text(b, 'CP-BEAUTY-20', 'remaining')).to.equal('299장 남음');
      button(b, 'CP-BEAUTY-20').click();
      await aTimeout(50);
      expect((await counts())['coupons.issue']).to.equal(1);
      expect(events).to.deep.equal(['a']);
      await expect(a).to.be.accessible();
      await expect(b).to.be.accessible();
    });

    it('shows coupons the member already has, from the list, without a request', async () => {
      await signIn('demo-member');
      const el = await panel();
      await settled(el);
      expect(stateOf(el, 'CP-WELCOME-2000')).to.equal('already-issued');
      expect(button(el, 'CP-WELCOME-2000').textContent!.trim()).to.equal('받은 쿠폰');
      expect(button(el, 'CP-WELCOME-2000').getAttribute('aria-disabled')).to.equal('true');
      button(el, 'CP-WELCOME-2000').click();
      await aTimeout(50);
      expect((await counts())['coupons.issue'] ?? 0).to.equal(0);
      await expect(el).to.be.accessible();
    });

    it('with token-endpoint, waits for the session and asks for the list once, with the token', async () => {
      resetSession();
      const { endpoint } = await tokenEndpointFor('demo-member');
      const el = await fixture<SfCouponPanel>(html`<sf-coupon-panel lang="ko" coupon-endpoint=${listUrl()} token-endpoint=${endpoint}></sf-coupon-panel>`);
      expect(root(el).querySelector('[aria-busy="true"]'), 'skeleton while the session starts').to.not.equal(null);
      await waitState(el, 'CP-WELCOME-2000', 'already-issued');
      expect(stateOf(el, 'CP-RATE-10')).to.equal('available');
      expect((await counts())['coupons.list']).to.equal(1);
    });

    it('signing in while the panel shows refreshes it in place with what the member has', async () => {
      const el = await panel();
      await settled(el);
      expect(stateOf(el, 'CP-WELCOME-2000')).to.equal('login');
      const before = item(el, 'CP-WELCOME-2000');
      await signIn('demo-member');
      await waitState(el, 'CP-WELCOME-2000', 'already-issued');
      expect(item(el, 'CP-WELCOME-2000')).to.equal(before);
      expect((await counts())['coupons.list']).to.equal(2);
    });

    it('FA1041: already issued (elsewhere)', async () => {
      await signIn('panel-member-4');
      const el = await panel();
      await settled(el);
      await postIssue({ endpoint: `${listUrl()}/issue`, accessToken: sessionStore.getState().token!, couponId: 'CP-FIXED-3000' });
      const event = oneEvent(el, 'sf-coupon-issue');
      button(el, 'CP-FIXED-3000').click();
      const { detail } = (await event) as CustomEvent<SfCouponIssueDetail>;
      expect(detail).to.include({ status: 'already-issued', code: 'FA1041' });
      await waitState(el, 'CP-FIXED-3000', 'already-issued');
      await waitUntil(() => announcer(el).textContent!.includes('이미 받은'), 'already issued announced');
    });

    it('FA1042: failed, says so, and lets the shopper try again', async () => {
      await signIn('panel-member-5');
      const el = await panel();
      await settled(el);
      const event = oneEvent(el, 'sf-coupon-issue');
      button(el, 'CP-ALWAYS-FAILS').click();
      const { detail } = (await event) as CustomEvent<SfCouponIssueDetail>;
      expect(detail).to.include({ status: 'failed', code: 'FA1042' });
      await waitState(el, 'CP-ALWAYS-FAILS', 'failed');
      expect(text(el, 'CP-ALWAYS-FAILS', 'note')).to.include('발급하지 못했습니다');
      expect(button(el, 'CP-ALWAYS-FAILS').textContent!.trim()).to.equal('다시 받기');
      expect(button(el, 'CP-ALWAYS-FAILS').getAttribute('aria-disabled')).to.equal('false');
      await waitUntil(() => announcer(el).textContent!.includes('발급하지 못했습니다'), 'failure announced');
      // The list was read again once, to tell "none left" from a refusal.
      expect((await counts())['coupons.list']).to.equal(2);
      const again = oneEvent(el, 'sf-coupon-issue');
      button(el, 'CP-ALWAYS-FAILS').click();
      expect(((await again) as CustomEvent<SfCouponIssueDetail>).detail.status).to.equal('failed');
      expect((await counts())['coupons.issue']).to.equal(2);
      await expect(el).to.be.accessible();
    });

    it('an exhausted coupon sends nothing', async () => {
      await signIn('panel-member-6');
      const el = await panel();
      await settled(el);
      expect(stateOf(el, 'CP-EXHAUSTED')).to.equal('exhausted');
      expect(button(el, 'CP-EXHAUSTED').textContent!.trim()).to.equal('마감');
      button(el, 'CP-EXHAUSTED').click();
      button(el, 'CP-UPCOMING').click();
      await aTimeout(50);
      expect((await counts())['coupons.issue'] ?? 0).to.equal(0);
    });

    it('FA1008: refreshes the token through the session and retries once', async () => {
      const session = await signIn('panel-member-7');
      const el = await panel();
      await settled(el);
      await setFault({ route: 'coupons.issue', kind: 'expiredToken', times: 1 });
      const tokenFetches = countFetches(session.endpoint);
      try {
        const event = oneEvent(el, 'sf-coupon-issue');
        button(el, 'CP-RATE-10').click();
        expect(((await event) as CustomEvent<SfCouponIssueDetail>).detail).to.include({ status: 'issued', code: 'SU0000' });
        expect(tokenFetches.count()).to.equal(1);
      } finally {
        tokenFetches.restore();
      }
      expect((await counts())['coupons.issue']).to.equal(2);
      expect(stateOf(el, 'CP-RATE-10')).to.equal('issued');
    });

    it('a token that stays expired: one retry, then sf-login-required', async () => {
      await signIn('panel-member-8');
      const el = await panel({ 'broadcast-id': broadcastIdAt(3) });
      await settled(el);
      await setFault({ route: 'coupons.issue', kind: 'expiredToken', times: 2 });
      const issued = oneEvent(el, 'sf-coupon-issue');
      const login = oneEvent(el, 'sf-login-required');
      button(el, 'CP-RATE-10').click();
      expect(((await issued) as CustomEvent<SfCouponIssueDetail>).detail).to.include({ status: 'unauthorized', code: 'FA1008' });
      expect(((await login) as CustomEvent<SfLoginRequiredDetail>).detail).to.deep.equal({ couponId: 'CP-RATE-10', broadcastId: broadcastIdAt(3), reason: 'expired-token' });
      expect((await counts())['coupons.issue']).to.equal(2);
      await waitState(el, 'CP-RATE-10', 'unauthorized');
      expect(button(el, 'CP-RATE-10').getAttribute('aria-disabled')).to.equal('false');
    });

    it('a refused token still lists the coupons (without what the member has)', async () => {
      await signIn('demo-member');
      sessionStore.setState({ token: btoa('not.a.token') });
      const el = await panel();
      await settled(el);
      expect(ids(el)).to.include('CP-RATE-10');
      // Asked with the token (FA1007), then without it.
      expect((await counts())['coupons.list']).to.equal(2);
    });
  });

  describe('endpoint faults', () => {
    for (const kind of ['error500', 'malformed', 'html502', 'wrongShape'] as const) {
      it(`list ${kind}: error state, then a working retry`, async () => {
        await setFault({ route: 'coupons.list', kind });
        const el = await panel();
        await waitUntil(() => root(el).querySelector('[role="alert"]'), 'error shown', { timeout: 8000 });
        expect(root(el).querySelector('[role="alert"]')!.textContent).to.include('쿠폰을 불러오지 못했습니다');
        await expect(el).to.be.accessible();
        await clearFaults();
        root(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
        await el.updateComplete;
        await settled(el);
        expect(ids(el)).to.include('CP-RATE-10');
      });
    }

    it('a slow list keeps the skeleton, then shows the coupons', async () => {
      await setFault({ route: 'coupons.list', kind: 'delay', delayMs: 500, times: 1 });
      const el = await panel();
      await aTimeout(250);
      expect(root(el).querySelector('[aria-busy="true"]')).to.not.equal(null);
      await settled(el);
      expect(ids(el)).to.include('CP-RATE-10');
    });

    it('a list slower than timeout: error state with the timeout message, then a working retry', async () => {
      await setFault({ route: 'coupons.list', kind: 'delay', delayMs: 1500, times: 3 });
      const el = await panel({ timeout: '200' });
      await waitUntil(() => root(el).querySelector('[role="alert"]'), 'error shown', { timeout: 8000 });
      expect(root(el).querySelector('[role="alert"]')!.textContent).to.include('응답이 늦어지고 있습니다');
      await clearFaults();
      root(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await el.updateComplete;
      await settled(el);
      expect(ids(el)).to.include('CP-RATE-10');
    });

    for (const kind of ['error500', 'malformed'] as const) {
      it(`issue ${kind}: error, one request only, and trying again works`, async () => {
        await signIn(`panel-member-fault-${kind}`);
        const el = await panel();
        await settled(el);
        await setFault({ route: 'coupons.issue', kind, times: 1 });
        const event = oneEvent(el, 'sf-coupon-issue');
        button(el, 'CP-RATE-10').click();
        expect(((await event) as CustomEvent<SfCouponIssueDetail>).detail.status).to.equal('error');
        await waitState(el, 'CP-RATE-10', 'error');
        expect(text(el, 'CP-RATE-10', 'note')).to.include('다시 시도해 주세요');
        expect((await counts())['coupons.issue']).to.equal(1);
        button(el, 'CP-RATE-10').click();
        await waitState(el, 'CP-RATE-10', 'issued');
        expect((await counts())['coupons.issue']).to.equal(2);
        await expect(el).to.be.accessible();
      });
    }

    it('a panel removed while issuing leaves no error and the other panel gets the result', async () => {
      await signIn('panel-member-9');
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <sf-coupon-panel id="a" lang="ko" coupon-endpoint=${listUrl()}></sf-coupon-panel>
        <sf-coupon-panel id="b" lang="ko" coupon-endpoint=${listUrl()}></sf-coupon-panel>
      </div>`);
      const a = wrapper.querySelector<SfCouponPanel>('#a')!;
      const b = wrapper.querySelector<SfCouponPanel>('#b')!;
      await settled(a);
      await settled(b);
      await setFault({ route: 'coupons.issue', kind: 'delay', delayMs: 300, times: 1 });
      button(a, 'CP-RATE-10').click();
      await waitState(b, 'CP-RATE-10', 'issuing');
      a.remove();
      await waitState(b, 'CP-RATE-10', 'issued');
      expect((await counts())['coupons.issue']).to.equal(1);
    });
  });
});
