/**
 * The "done when", as one shopper's visit against the real stand-in and our backend: watch a live
 * broadcast on the shop's page, press a product in the player and land on the product page with an
 * orderCallBackId, log in and come back signed in, share, keep watching in the mini-player while scrolling.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/live-player/live-player.js';
import type { SfLivePlayer } from '../../src/elements/live-player/live-player.component.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { sessionStore } from '../../src/store/session.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { createTracking, tracking } from '../../src/tracking/tracking.js';
import { signIn, signOut } from '../coupons/support.js';
import { frameOf, liveBroadcast, partOf, playing, press } from './support.js';

describe('a shopper watching live on the shop page', function () {
  this.timeout(40_000);

  afterEach(() => {
    fixtureCleanup();
    signOut();
    window.scrollTo(0, 0);
  });

  it('watches, buys through the player with attribution, logs in and comes back, shares, and keeps watching while scrolling', async () => {
    resetSession();
    tracking.clear();
    const broadcast = liveBroadcast();
    const navigations: string[] = [];
    const restore = setNavigator((url) => void navigations.push(url));
    const shopPage = () =>
      fixture<HTMLDivElement>(html`<div>
        <sf-live-player floating login-url="/login" lang="en" style="width:180px" .broadcast=${broadcast}></sf-live-player>
        <div style="height:300vh"></div>
      </div>`);
    try {
      // 1. Watching on the shop's page, as a guest.
      let el = (await shopPage()).querySelector('sf-live-player') as SfLivePlayer;
      await playing(el);
      expect(location.pathname).to.not.contain('/player/');

      // 2. A product pressed in the player: the shop's product page receives an orderCallBackId it can find again.
      const clicked = oneEvent(el, 'sf-product-click');
      press(el, 'product-0');
      const { detail } = await clicked;
      await waitUntil(() => navigations.length === 1);
      const productPage = createTracking({ pageUrl: () => navigations[0]! });
      const landed = productPage.capture({ externalProductId: detail.externalProductId })!;
      expect(landed.orderCallBackId).to.equal(detail.orderCallBackId);
      expect(landed.broadcastId).to.equal(broadcast.broadcastId);

      // 3. Login: the shop's login page, told to come back here; back here signed in, the player has the member's token.
      const asked = oneEvent(el, 'sf-login-required');
      press(el, 'login');
      await asked;
      await waitUntil(() => navigations.length === 2);
      const login = new URL(navigations[1]!);
      expect(login.pathname).to.equal('/login');
      expect(login.searchParams.get('returnUrl')).to.equal(location.href);
      fixtureCleanup(); // the page is left for the login…
      await signIn('demo-member'); // …which signs the shopper in and sends them back to returnUrl
      el = (await shopPage()).querySelector('sf-live-player') as SfLivePlayer;
      await playing(el);
      expect(sessionStore.getState().isMember).to.equal(true);
      expect(new URL(frameOf(el)!.src).searchParams.get('accessToken')).to.equal(sessionStore.getState().token);

      // 4. Share: the shop lets it happen; here the link is copied (no share sheet) and the player says so.
      const share = Object.getOwnPropertyDescriptor(Navigator.prototype, 'share');
      const copied: string[] = [];
      if (share) Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: undefined });
      Object.defineProperty(navigator, 'clipboard', { configurable: true, get: () => ({ writeText: async (text: string) => void copied.push(text) }) });
      try {
        press(el, 'share');
        await waitUntil(() => partOf(el, 'notice')!.textContent === 'Link copied.');
        expect(copied).to.deep.equal([broadcast.shortUrl]);
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard;
        if (share) Object.defineProperty(Navigator.prototype, 'share', share);
      }

      // 5. Scrolling on: the same player keeps playing in the corner.
      const frame = frameOf(el);
      window.scrollTo(0, el.getBoundingClientRect().bottom + window.scrollY + 200);
      await waitUntil(() => el.hasAttribute('docked'), 'no mini-player while scrolling');
      expect(frameOf(el)).to.equal(frame);
      expect(el.state).to.equal('playing');
    } finally {
      restore();
    }
  });
});
