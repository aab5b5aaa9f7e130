/**
 * `<sf-live-player>` against the stand-in's player page, end to end: the page posts every documented
 * bridge event through the transport the adapter assumes, and the element turns them into `sf-` events
 * (product click with attribution, login with a way back, share, exit, status, time, banner, enter).
 */
import { newPageView } from '../../src/index.js';
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/live-player/live-player.js';
import type { SfLivePlayer } from '../../src/elements/live-player/live-player.component.js';
import { HOSTILE_MESSAGES } from '../../demo/standin/player-page.js';
import { DEFAULT_SHOP_ORIGIN } from '../../demo/standin/fixtures.js';
import { bridgeMessage } from '../../src/player/bridge.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { sessionStore } from '../../src/store/session.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { tracking } from '../../src/tracking/tracking.js';
import { readOrderCallBackId } from '../../src/tracking/url.js';
import type { SfPlayerProductClickDetail } from '../../src/events/product-click.js';
import { clearFaults, setFault, setFixtureMode, standinApiBase, standinOrigin } from '../support/standin-control.js';
import { armTrap, trapped } from '../support/hostile.js';
import { HOSTILE_BROADCAST_IDS } from '../../demo/standin/hostile.js';
import { signIn, signOut } from '../coupons/support.js';
import { broadcastIn, frameOf, LIVE_EVENTS, liveBroadcast, partOf, playing, press, recordEvents } from './support.js';

const WIDTH = 180;

describe('<sf-live-player>', function () {
  this.timeout(20_000);
  let navigations: Array<[string, string]>;
  let restoreNavigator: () => void;

  beforeEach(() => {
    resetSession();
    tracking.clear();
    navigations = [];
    restoreNavigator = setNavigator((url, target) => void navigations.push([url, target]));
  });
  afterEach(async () => {
    restoreNavigator();
    fixtureCleanup();
    signOut();
    await clearFaults();
  });

  async function mount(template = html`<sf-live-player style="width:${WIDTH}px" lang="en" .broadcast=${liveBroadcast()}></sf-live-player>`) {
    const el = await fixture<SfLivePlayer>(template);
    await playing(el);
    return el;
  }

  it('reserves its size by the aspect ratio before anything loads, then embeds the player with only the permissions a player needs', async () => {
    const broadcast = liveBroadcast();
    const el = await fixture<SfLivePlayer>(
      html`<sf-live-player style="width:${WIDTH}px" lang="en" broadcast-id=${broadcast.broadcastId} api-base=${standinApiBase()} partner-id="mobidoo"></sf-live-player>`,
    );
    // Loading: already the final size.
    expect(el.getBoundingClientRect().height).to.be.closeTo((WIDTH * 16) / 9, 1);
    const entered = oneEvent(el, 'sf-live-enter');
    await playing(el);
    expect(el.getAttribute('state')).to.equal('playing');
    expect(el.getBoundingClientRect().height).to.be.closeTo((WIDTH * 16) / 9, 1);
    const frame = frameOf(el)!;
    expect(frame.src).to.equal(broadcast.outputPath);
    expect(frame.getAttribute('allow')).to.equal('autoplay; fullscreen; picture-in-picture');
    expect(frame.getAttribute('sandbox')!.split(' ')).to.not.include('allow-top-navigation');
    expect(frame.title).to.contain(broadcast.broadcastName);
    expect((await entered).detail).to.deep.equal({ broadcastId: broadcast.broadcastId });
    await expect(el).to.be.accessible();
  });

  it('passes the viewer token from the session as accessToken, and gives a guest who logs in (an SPA) a new player with the token', async () => {
    const el = await mount();
    expect(new URL(frameOf(el)!.src).searchParams.has('accessToken')).to.equal(false);
    await signIn('live-member');
    const token = sessionStore.getState().token!;
    await waitUntil(() => new URL(frameOf(el)?.src ?? 'about:blank').searchParams.get('accessToken') === token, 'the player did not get the member token');
    await playing(el);
  });

  it('sauceflexMoveProduct → sf-product-click with a fresh orderCallBackId recorded as a card records it, then navigation to the tracked link', async () => {
    const broadcast = liveBroadcast();
    const el = await mount(html`<sf-live-player style="width:${WIDTH}px" lang="en" .broadcast=${broadcast}></sf-live-player>`);
    const heard = oneEvent(el, 'sf-product-click');
    press(el, 'product-0');
    const event = (await heard) as CustomEvent<SfPlayerProductClickDetail>;
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    const d = event.detail;
    const product = broadcast.productListDetail![0]!;
    expect(d).to.include({ source: 'player', broadcastId: broadcast.broadcastId, externalProductId: product.externalProductId ?? undefined, isSoldout: false, target: '_self', newTab: false });
    expect(d.price).to.equal(Number(product.sellingPrice));
    expect(readOrderCallBackId(d.url)).to.equal(d.orderCallBackId);
    // The product's own page on the shop (the stand-in's fixtures point at the demo shop), its query kept.
    const landing = new URL(d.url);
    expect(`${landing.origin}${landing.pathname}`).to.equal(`${DEFAULT_SHOP_ORIGIN}/product.html`);
    expect(landing.searchParams.get('id')).to.equal(product.externalProductId);
    // Recorded exactly as a product card records it: the shop's product page finds it again.
    expect(tracking.list()[0]).to.include({ orderCallBackId: d.orderCallBackId, broadcastId: broadcast.broadcastId, externalProductId: product.externalProductId });
    expect(tracking.forProduct(product.externalProductId!)?.orderCallBackId).to.equal(d.orderCallBackId);
    await waitUntil(() => navigations.length === 1);
    expect(navigations[0]).to.deep.equal([d.url, '_self']);

    // A second press is a second id; a cancelled one does not navigate.
    el.addEventListener('sf-product-click', (e) => e.preventDefault(), { once: true });
    const again = oneEvent(el, 'sf-product-click');
    press(el, 'product-1');
    const second = ((await again) as CustomEvent<SfPlayerProductClickDetail>).detail;
    expect(second.orderCallBackId).to.not.equal(d.orderCallBackId);
    expect(tracking.list()).to.have.length(2);
    expect(navigations).to.have.length(1);
  });

  it('sauceflexMoveLogin → sf-login-required, then the login page with returnUrl back to this page; without one it says so', async () => {
    const el = await mount(html`<sf-live-player style="width:${WIDTH}px" lang="en" login-url="/login?from=live" .broadcast=${liveBroadcast()}></sf-live-player>`);
    const heard = oneEvent(el, 'sf-login-required');
    press(el, 'login');
    const { detail } = await heard;
    const expected = new URL('/login?from=live', location.href);
    expected.searchParams.set('returnUrl', location.href);
    expect(detail).to.deep.include({ source: 'player', reason: 'guest', loginUrl: expected.href });
    await waitUntil(() => navigations.length === 1);
    expect(navigations[0]![0]).to.equal(expected.href);

    el.loginUrl = undefined;
    await el.updateComplete;
    press(el, 'login');
    await waitUntil(() => partOf(el, 'notice')!.textContent === 'Please log in.', 'no "please log in" notice');
    expect(navigations).to.have.length(1);
  });

  it('sauceflexOnShare → sf-share with the short link; unless cancelled the link is copied and the element says so', async () => {
    const broadcast = liveBroadcast();
    const el = await mount(html`<sf-live-player style="width:${WIDTH}px" lang="en" .broadcast=${broadcast}></sf-live-player>`);
    const share = Object.getOwnPropertyDescriptor(Navigator.prototype, 'share');
    const copied: string[] = [];
    const clipboard = navigator.clipboard;
    const writeText = clipboard?.writeText;
    // This test is about our fallback: no Web Share API, a clipboard that records what it is given.
    if (share) Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: undefined });
    const fakeClipboard = { writeText: async (text: string) => void copied.push(text) };
    Object.defineProperty(navigator, 'clipboard', { configurable: true, get: () => fakeClipboard });
    try {
      const heard = oneEvent(el, 'sf-share');
      press(el, 'share');
      const event = await heard;
      expect(event.cancelable && event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({ broadcastId: broadcast.broadcastId, title: broadcast.broadcastName, url: broadcast.shortUrl });
      await waitUntil(() => partOf(el, 'notice')!.textContent === 'Link copied.', 'no "link copied" confirmation');
      expect(copied).to.deep.equal([broadcast.shortUrl]);

      // Cancelled: the shop shares its own way; nothing is copied.
      el.addEventListener('sf-share', (e) => e.preventDefault(), { once: true });
      const cancelled = oneEvent(el, 'sf-share');
      press(el, 'share');
      await cancelled;
      const marker = oneEvent(el, 'sf-live-enter');
      press(el, 'enter');
      await marker;
      expect(copied).to.have.length(1);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (share) Object.defineProperty(Navigator.prototype, 'share', share);
      if (clipboard) expect(navigator.clipboard.writeText).to.equal(writeText);
    }
  });

  it('sauceflexMoveExit → sf-live-exit; close stops the player, "watch again" brings it back; minimize floats it', async () => {
    const el = await mount(html`<sf-live-player style="width:${WIDTH}px" lang="en" floating .broadcast=${liveBroadcast()}></sf-live-player>`);
    const heard = oneEvent(el, 'sf-live-exit');
    press(el, 'exit');
    expect((await heard).detail.action).to.equal('close');
    await waitUntil(() => el.state === 'closed');
    expect(frameOf(el)).to.equal(null);
    partOf(el, 'reopen-button')!.click();
    await playing(el);

    el.exitAction = 'minimize';
    await el.updateComplete;
    press(el, 'exit');
    await waitUntil(() => el.hasAttribute('docked'), 'minimize did not float the player');
    expect(el.state).to.equal('playing');

    // The player's own PiP button (sauceflexPictureInPicture) floats it as well, once it is back in its place.
    partOf(el, 'expand-button')!.click();
    await waitUntil(() => !el.hasAttribute('docked'));
    press(el, 'pip');
    await waitUntil(() => el.hasAttribute('docked'), 'the player’s PiP button did not float it');
  });

  it('status, play time, banner and enter become sf-live-status, sf-live-time, sf-banner-click and sf-live-enter; an ended broadcast shows the ended state', async () => {
    const broadcast = liveBroadcast();
    newPageView(); // earlier players of this broadcast already started its view on this page
    const el = await mount(html`<sf-live-player style="width:${WIDTH}px" lang="en" .broadcast=${broadcast}></sf-live-player>`);
    const seen = recordEvents(el, [...LIVE_EVENTS, 'sf-view-progress']);
    press(el, 'time');
    press(el, 'banner');
    press(el, 'enter');
    press(el, 'status', { status: 'warning' });
    await waitUntil(() => seen.some((e) => e.type === 'sf-live-status'), 'no sf-live-status');
    const of = (type: string) => seen.find((e) => e.type === type)?.detail;
    expect(of('sf-live-time')).to.have.property('position').that.is.a('number');
    // The play time is also the watch-time clock: the first one starts the view.
    expect(of('sf-view-progress')).to.include({ milestone: 'start', live: true, broadcastId: broadcast.broadcastId, src: broadcast.outputPath });
    expect(of('sf-banner-click')).to.deep.equal({ broadcastId: broadcast.broadcastId, url: new URL('/banner/spring', broadcast.outputPath).href, bannerId: 'BN-1', broadcastIdx: broadcast.broadcastId, target: '_self' });
    expect(navigations).to.deep.equal([[new URL('/banner/spring', broadcast.outputPath).href, '_self']]);
    expect(of('sf-live-enter')).to.deep.equal({ broadcastId: broadcast.broadcastId });
    expect(of('sf-live-status')).to.deep.equal({ broadcastId: broadcast.broadcastId, broadcastStateCode: 'warning', state: 'interrupted' });
    expect(el.state).to.equal('playing');

    press(el, 'status', { status: 'converting' });
    await waitUntil(() => el.state === 'ended', 'a broadcast that ended did not show the ended state');
    expect(frameOf(el)).to.equal(null);
    expect(partOf(el, 'message')!.textContent).to.contain('The broadcast has ended.');
  });

  it('a broadcast already over shows the ended state without loading a player; one cancelled says so', async () => {
    const ended = await fixture<SfLivePlayer>(html`<sf-live-player style="width:${WIDTH}px" lang="ko" .broadcast=${broadcastIn('converting')}></sf-live-player>`);
    expect(ended.state).to.equal('ended');
    expect(frameOf(ended)).to.equal(null);
    expect(partOf(ended, 'message')!.textContent).to.contain('방송이 종료되었습니다.');
    const cancelled = await fixture<SfLivePlayer>(html`<sf-live-player style="width:${WIDTH}px" lang="en" .broadcast=${broadcastIn('cancel')}></sf-live-player>`);
    expect(partOf(cancelled, 'message')!.textContent).to.contain('cancelled');
    await expect(ended).to.be.accessible();
  });

  it('a player page that does not load in time is an error with retry (sf-error without the token); retry loads it', async () => {
    await setFault({ route: 'player', kind: 'delay', delayMs: 3_000, times: 1 });
    const errors: unknown[] = [];
    const el = await fixture<SfLivePlayer>(html`<sf-live-player style="width:${WIDTH}px" lang="en" load-timeout="400" .broadcast=${liveBroadcast()} @sf-error=${(e: CustomEvent) => errors.push(e.detail)}></sf-live-player>`);
    await waitUntil(() => el.state === 'error', 'no error state');
    expect(errors).to.have.length(1);
    expect(errors[0]).to.include({ kind: 'load', src: liveBroadcast().outputPath });
    expect(JSON.stringify(errors[0])).to.not.contain('accessToken');
    expect(partOf(el, 'message')!.getAttribute('role')).to.equal('alert');
    el.loadTimeout = 20_000;
    partOf(el, 'retry-button')!.click();
    await playing(el);
  });

  it('a broadcast that cannot be loaded is an error with retry; an unknown one says it was not found', async () => {
    // Another broadcast than the first test's: the page's broadcast store would answer that one without a request.
    await setFault({ route: 'broadcast.one', kind: 'error500' });
    const broken = await fixture<SfLivePlayer>(html`<sf-live-player style="width:${WIDTH}px" lang="en" broadcast-id=${broadcastIn('ready').broadcastId} api-base=${standinApiBase()} partner-id="mobidoo"></sf-live-player>`);
    await waitUntil(() => partOf(broken, 'retry-button') !== null, 'no retry button', { timeout: 15_000 });
    expect(broken.state).to.equal('error');
    await clearFaults();
    partOf(broken, 'retry-button')!.click();
    await playing(broken);
    const missing = await fixture<SfLivePlayer>(html`<sf-live-player style="width:${WIDTH}px" lang="en" broadcast-id="lkmobidoo-nope" api-base=${standinApiBase()} partner-id="mobidoo"></sf-live-player>`);
    await waitUntil(() => missing.shadowRoot!.textContent!.includes('not found') || missing.shadowRoot!.textContent!.includes('Broadcast'), 'no not-found message');
  });

  describe('origin checks', () => {
    it('reads nothing from another window or origin: a well-formed message posted by the page itself is ignored and counted', async () => {
      const el = await mount();
      // The player's own play-time messages keep coming while it plays: everything else must stay silent.
      const seen = recordEvents(el, LIVE_EVENTS.filter((name) => name !== 'sf-live-time'));
      const before = el.ignoredMessages;
      window.postMessage(bridgeMessage('sauceflexMoveProduct', { linkUrl: `${standinOrigin()}/p/1`, externalProductId: 'X', isSoldout: false }), '*');
      await waitUntil(() => el.ignoredMessages === before + 1, 'the foreign message was not counted');
      expect(seen).to.deep.equal([]);
      expect(tracking.list()).to.have.length(0);
    });

    it(`the player page's hostile burst (${HOSTILE_MESSAGES.length} malformed messages, and a well-formed one from a nested frame of another origin) is ignored and counted, never thrown`, async () => {
      const el = await mount();
      const seen = recordEvents(el, LIVE_EVENTS.filter((name) => name !== 'sf-live-time'));
      const thrown: unknown[] = [];
      const onError = (e: ErrorEvent) => thrown.push(e.message);
      window.addEventListener('error', onError);
      try {
        const before = el.ignoredMessages;
        press(el, 'hostile');
        await waitUntil(() => el.ignoredMessages === before + HOSTILE_MESSAGES.length + 1, `counted ${el.ignoredMessages - before}`, { timeout: 8_000 });
        // A well-formed message after the burst still works: nothing was broken by it.
        press(el, 'enter');
        await waitUntil(() => seen.some((e) => e.type === 'sf-live-enter'));
        expect(el.ignoredMessages).to.equal(before + HOSTILE_MESSAGES.length + 1);
        expect(seen.map((e) => e.type)).to.deep.equal(['sf-live-enter']);
        expect(tracking.list()).to.have.length(0);
        expect(navigations).to.deep.equal([]);
        expect(thrown).to.deep.equal([]);
        expect(el.state).to.equal('playing');
      } finally {
        window.removeEventListener('error', onError);
      }
    });

    it("in the stand-in's hostile mode, a broadcast of hostile data plays, its player page's burst on load is ignored and counted, and no payload runs", async () => {
      await setFixtureMode('hostile');
      armTrap();
      try {
        const el = await fixture<SfLivePlayer>(
          html`<sf-live-player style="width:${WIDTH}px" lang="en" broadcast-id=${HOSTILE_BROADCAST_IDS.playable} api-base=${standinApiBase()} partner-id="mobidoo"></sf-live-player>`,
        );
        const seen = recordEvents(el, ['sf-product-click', 'sf-login-required', 'sf-share', 'sf-live-exit', 'sf-banner-click']);
        await playing(el);
        await waitUntil(() => el.ignoredMessages >= HOSTILE_MESSAGES.length + 1, `counted ${el.ignoredMessages}`, { timeout: 8_000 });
        expect(seen).to.deep.equal([]);
        expect(navigations).to.deep.equal([]);
        expect(trapped()).to.deep.equal([]);
        await expect(el).to.be.accessible();
      } finally {
        await setFixtureMode('normal');
      }
    });
  });
});
