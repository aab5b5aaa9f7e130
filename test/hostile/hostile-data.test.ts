/**
 * Hostile API data in Chromium: the stand-in in its hostile fixture mode (demo/standin/hostile.ts)
 * answers every route with XSS payloads in every text field, script / data / protocol-relative URLs
 * in every URL field, wrong types, missing fields, huge strings and lists, unknown codes, duplicate
 * ids and ids named like Object.prototype members. Every element, in every type and layout, is
 * rendered against it and used (links clicked, buttons pressed, more pages loaded), and:
 *
 * - no payload runs: the trap stays empty, and no shadow root holds a script, an iframe, an on*
 *   attribute or a URL that is not http(s);
 * - nothing throws: no uncaught error, no unhandled rejection, no console.error (validation repairs
 *   are console.warn, counted but allowed);
 * - each element shows content (the payloads as plain text) or a clear message.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ELEMENT_TAGS, loadElement } from '../../src/index.js';
import type { SfSchedule } from '../../src/elements/schedule/schedule.component.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import type { SfCouponPanel } from '../../src/elements/coupon-panel/coupon-panel.component.js';
import { broadcastStore } from '../../src/store/broadcasts.js';
import { couponStore } from '../../src/store/coupons.js';
import { clearProductCache } from '../../src/elements/product-card/product-source.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { tracking } from '../../src/tracking/tracking.js';
import { playerTiming } from '../../src/player/engine.js';
import { setFixtureMode, standinApiBase, standinOrigin } from '../support/standin-control.js';
import {
  HOSTILE_BROADCAST_IDS as IDS,
  HOSTILE_PAYLOAD_COUNT,
  armTrap,
  deepQueryAll,
  deepText,
  hostileProductId,
  scanForActiveContent,
  trapped,
  watchPage,
  type Watch,
} from '../support/hostile.js';

interface TestEnv {
  tokenEndpoint: string;
  productEndpoint: string;
}
const env = (window as unknown as { __SF_TEST__: TestEnv }).__SF_TEST__;

/** Counts for the report: payload deliveries rendered, elements checked, interactions made. */
const tally = { elements: 0, nodesScanned: 0, clicks: 0, warnings: 0 };

/** Done loading: no skeleton or busy region anywhere inside. */
async function settled(el: Element, timeout = 15_000): Promise<void> {
  await waitUntil(() => deepQueryAll(el, '[aria-busy="true"]').length === 0, `<${el.localName}> stayed busy`, { timeout, interval: 50 });
}

/** The three promises of the suite, for one rendered element. */
function assertSafe(el: Element, watch: Watch, context: string): void {
  expect(trapped(), `${context}: payloads ran`).to.deep.equal([]);
  const { problems, nodes } = scanForActiveContent(el);
  expect(problems, `${context}: active content in the shadow DOM`).to.deep.equal([]);
  watch.assertClean(context);
  expect((Object.prototype as Record<string, unknown>).polluted, 'Object.prototype polluted').to.equal(undefined);
  tally.elements++;
  tally.nodesScanned += nodes;
}

/** Press every link and button under `el` (navigation is intercepted), as a shopper would. */
async function pressEverything(el: Element): Promise<void> {
  for (const target of deepQueryAll<HTMLElement>(el, 'a[href], button:not([disabled])')) {
    target.focus();
    target.click();
    tally.clicks++;
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Text that shows a payload was rendered as text: markup characters appear literally. */
const showsPayloadText = (el: Element) => /__sfTrap|<img|<script|javascript:/.test(deepText(el));

describe('hostile API data: nothing runs, nothing throws, something sensible shows', function () {
  this.timeout(60_000);
  let watch: Watch;
  let restoreNavigator: () => void;
  const savedTiming = { ...playerTiming };

  before(async () => {
    // Elements load on first use (src/loader/autoload.ts); the fixtures here create them before the
    // loader could, so every element is loaded first, through the same main entry a page uses.
    await Promise.all(ELEMENT_TAGS.map(loadElement));
    await setFixtureMode('hostile');
  });
  after(async () => {
    await setFixtureMode('normal');
    console.log(
      `[hostile] corpus of ${HOSTILE_PAYLOAD_COUNT} payloads; ${tally.elements} elements checked, ${tally.nodesScanned} nodes scanned, ${tally.clicks} links and buttons pressed, ${tally.warnings} validation warnings`,
    );
  });
  beforeEach(() => {
    armTrap();
    broadcastStore.setState({ byId: {} });
    couponStore.setState({ coupons: {}, issues: {} });
    clearProductCache();
    resetSession();
    tracking.clear();
    restoreNavigator = setNavigator(() => undefined);
    // Any broadcast choice stays on this page.
    document.addEventListener('sf-broadcast-select', cancel);
    Object.assign(playerTiming, { retryBaseMs: 50, retryMaxMs: 200, networkRetries: 1, loaderRetries: 0 });
    watch = watchPage();
  });
  afterEach(() => {
    tally.warnings += watch.warnings.length;
    watch.stop();
    restoreNavigator();
    document.removeEventListener('sf-broadcast-select', cancel);
    Object.assign(playerTiming, savedTiming);
    document.cookie = 'sf_demo_member=; path=/; max-age=0';
  });

  it('the instruments work: an injected payload trips the trap, and the scan and the watch see it', async () => {
    const unsafe = await fixture<HTMLDivElement>(html`<div></div>`);
    // What an element must never do: put API text into innerHTML.
    unsafe.innerHTML = `<img src=x onerror="__sfTrap('control')"><a href="javascript:void 0">x</a>`;
    await waitUntil(() => trapped().length > 0, 'the trap never fired');
    expect(trapped()).to.deep.equal(['control']);
    const { problems } = scanForActiveContent(unsafe);
    expect(problems.some((p) => p.startsWith('event handler attribute onerror'))).to.equal(true);
    expect(problems.some((p) => p.startsWith('href="javascript:'))).to.equal(true);
    console.error('deliberate');
    void Promise.reject(new Error('deliberate'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(() => watch.assertClean()).to.throw(/console\.error: deliberate[\s\S]*|unhandled rejection: Error: deliberate/);
    expect(watch.uncaught).to.deep.equal(['unhandled rejection: Error: deliberate']);
    watch.errors.length = 0;
    watch.uncaught.length = 0;
    armTrap();
  });

  describe('<sf-schedule>', () => {
    const cases = [
      ...(['upcoming', 'live', 'vod', 'catchup', 'latest', 'all'] as const).flatMap((type) => (['list', 'feed', 'grid'] as const).map((layout) => ({ type, layout }))),
      { type: 'upcoming', layout: 'grid', curation: 'hostile-curation-1' },
    ];
    for (const { type, layout, curation } of cases as { type: string; layout: string; curation?: string }[]) {
      it(`type=${type} layout=${layout}${curation ? ' curation' : ''}: cards with the payloads as text; every card pressed`, async () => {
        const el = await fixture<SfSchedule>(html`<sf-schedule partner-id="mobidoo" api-base=${standinApiBase()} type=${type} layout=${layout}
          limit="100" refresh-interval="0" curation-id=${curation ?? ''} lang=${tally.elements % 2 ? 'en' : 'ko'}></sf-schedule>`);
        await settled(el);
        const cards = deepQueryAll(el, 'li[data-broadcast-id]');
        if (type === 'live') {
          // Only what is on air: the playable and huge ones at least.
          expect(cards.length, 'live cards').to.be.greaterThan(2);
        } else {
          expect(cards.length, 'cards').to.be.greaterThan(30);
        }
        expect(showsPayloadText(el), 'payloads shown as text').to.equal(true);
        // Broken items were dropped, and said so (console.warn, not an error).
        expect(watch.warnings.some((w) => /dropped/.test(w)), 'dropped items reported').to.equal(true);
        await pressEverything(el);
        assertSafe(el, watch, `schedule ${type}/${layout}`);
      });
    }

    it('pages with a hostile nextKey: "more" loads the rest without running it', async () => {
      const el = await fixture<SfSchedule>(html`<sf-schedule partner-id="mobidoo" api-base=${standinApiBase()} type="all" limit="10" refresh-interval="0"></sf-schedule>`);
      await settled(el);
      let more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="more"]');
      let pages = 1;
      while (more && pages < 10) {
        more.click();
        await el.updateComplete;
        await waitUntil(() => !el.shadowRoot!.querySelector('[part="more"][aria-busy="true"]'), 'the next page never came', { timeout: 8_000 });
        expect(el.shadowRoot!.querySelector('[part="more"]')?.textContent ?? '', 'a page failed').not.to.match(/다시 시도|retry/i);
        pages++;
        more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="more"]');
      }
      expect(pages, 'pages loaded').to.be.greaterThan(4);
      expect(el.shadowRoot!.querySelector('[part="more"]'), 'the last page has no "more"').to.equal(null);
      expect(deepQueryAll(el, 'li[data-broadcast-id]').length).to.be.greaterThan(35);
      assertSafe(el, watch, 'schedule paging');
    });
  });

  describe('<sf-broadcast-card broadcast-id>', () => {
    for (const id of Object.values(IDS)) {
      it(`${id}: content or a clear message, and a click stays safe`, async () => {
        const el = await fixture(html`<sf-broadcast-card partner-id="mobidoo" api-base=${standinApiBase()} broadcast-id=${id}></sf-broadcast-card>`);
        await settled(el);
        const card = el.shadowRoot!.querySelector('[part="card"]')!;
        const title = card.querySelector('[part="title"]');
        // The stand-in serves every one of these ids: each must show as a broadcast, not a message.
        expect(title, `${id} shows a broadcast (got: ${card.textContent?.slice(0, 120)})`).to.not.equal(null);
        expect(title!.textContent!.length).to.be.greaterThan(0);
        await pressEverything(el);
        assertSafe(el, watch, `card ${id}`);
      });
    }

    it('an unknown id says "not found"; an id that is a broken item is dropped and reported as an error with a retry', async () => {
      const unknown = await fixture(html`<sf-broadcast-card partner-id="mobidoo" api-base=${standinApiBase()} broadcast-id="lkmobidoo-hostile-nope"></sf-broadcast-card>`);
      const broken = await fixture(html`<sf-broadcast-card partner-id="mobidoo" api-base=${standinApiBase()} broadcast-id="lkmobidoo-hostile-number-name"></sf-broadcast-card>`);
      await settled(unknown);
      await settled(broken);
      expect(unknown.shadowRoot!.querySelector('[role="status"]')).to.not.equal(null);
      const alert = broken.shadowRoot!.querySelector('[role="alert"]');
      expect(alert, 'a broadcast that came back broken is an error').to.not.equal(null);
      expect(alert!.querySelector('button')).to.not.equal(null);
      assertSafe(unknown, watch, 'unknown card');
      assertSafe(broken, watch, 'broken card');
    });
  });

  describe('<sf-product-list> and <sf-product-card>', () => {
    for (const [id, layout] of [[IDS.playable, 'grid'], [IDS.huge, 'list'], [IDS.wrongTypes, 'carousel'], [IDS.unknownCodes, 'grid'], [IDS.proto, 'grid']] as const) {
      it(`${id} (${layout}): products with payloads as text; details from the backend; every card pressed`, async () => {
        const el = await fixture(html`<sf-product-list partner-id="mobidoo" api-base=${standinApiBase()} product-endpoint=${env.productEndpoint}
          broadcast-id=${id} layout=${layout}></sf-product-list>`);
        await settled(el, 30_000);
        const cards = deepQueryAll(el, 'sf-product-card');
        const status = el.shadowRoot!.querySelector('[part="status"]');
        if (id === IDS.wrongTypes) {
          // productListDetail is not a list there: an empty list, said so.
          expect(status?.getAttribute('role')).to.equal('status');
        } else {
          // One product in ten has a field of the wrong type and is dropped; the rest show.
          expect(cards.length, 'cards').to.be.greaterThan(id === IDS.huge ? 250 : 1);
          expect(showsPayloadText(el)).to.equal(true);
        }
        await pressEverything(el);
        // Clicks recorded ids only for cards with an http(s) URL; never one with anything else in it.
        for (const click of tracking.list()) expect(click.orderCallBackId).to.match(/^[0-9a-f-]{36}$/);
        assertSafe(el, watch, `product list ${id}`);
      });
    }

    it('a card by product-id: hostile details through the backend, a 100 kB name, a sold-out flag of the wrong type', async () => {
      const cards = await fixture(html`<div>
        ${[0, 1, 5, 7, 10, 25].map((n) => html`<sf-product-card product-id=${hostileProductId(n)} product-endpoint=${env.productEndpoint}></sf-product-card>`)}
        <sf-product-card product-id="mobidoo-unknown-product" product-endpoint=${env.productEndpoint}></sf-product-card>
        <sf-product-card product-id="<img src=x onerror=__sfTrap('product-id')>" product-endpoint=${env.productEndpoint}></sf-product-card>
      </div>`);
      await settled(cards, 20_000);
      const all = [...cards.querySelectorAll('sf-product-card')];
      for (const card of all.slice(0, 6)) expect(card.shadowRoot!.querySelector('[part~="name"]'), `${card.getAttribute('product-id')} shows`).to.not.equal(null);
      expect(all[3]!.shadowRoot!.querySelector('[part~="name"]')!.textContent!.length, 'the 100 kB name').to.be.greaterThan(100_000);
      expect(all[6]!.shadowRoot!.querySelector('[role="status"]'), 'unknown product: not found').to.not.equal(null);
      expect(all[7]!.shadowRoot!.querySelector('[role="alert"] button'), 'refused id: an error with a retry').to.not.equal(null);
      await pressEverything(cards);
      assertSafe(cards, watch, 'product cards by id');
    });
  });

  describe('<sf-coupon-panel>', () => {
    it('as a guest: payload names as text, odd values shown or left out; presses ask for a login', async () => {
      const el = await fixture<SfCouponPanel>(html`<sf-coupon-panel coupon-endpoint=${`${standinOrigin()}/shop/coupons`} broadcast-id=${IDS.playable} show-expired></sf-coupon-panel>`);
      await settled(el);
      const coupons = el.shadowRoot!.querySelectorAll('[part~="coupon"]');
      expect(coupons.length, 'coupons').to.be.greaterThan(50);
      expect(showsPayloadText(el)).to.equal(true);
      let loginAsked = 0;
      el.addEventListener('sf-login-required', () => loginAsked++);
      await pressEverything(el);
      expect(loginAsked).to.be.greaterThan(0);
      assertSafe(el, watch, 'coupon panel (guest)');
    });

    it('as a member: an issue answered with another, hostile coupon stays safe', async () => {
      document.cookie = `sf_demo_member=${encodeURIComponent('hostile-member')}; path=/`;
      const el = await fixture<SfCouponPanel>(html`<sf-coupon-panel token-endpoint=${env.tokenEndpoint} coupon-endpoint=${`${standinOrigin()}/shop/coupons`}
        external-product-ids="A,B"></sf-coupon-panel>`);
      await settled(el);
      const available = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="issue-button-available"]');
      expect(available, 'a coupon a member can get').to.not.equal(null);
      const outcome = await el.issue(available!.closest('[data-coupon-id]')!.getAttribute('data-coupon-id')!);
      expect(outcome.status).to.equal('issued');
      await el.updateComplete;
      assertSafe(el, watch, 'coupon panel (member)');
    });
  });

  describe('<sf-preview-player broadcast-id>', () => {
    for (const id of Object.values(IDS)) {
      it(`${id}: plays, or shows a poster / a clear message; never a hostile URL`, async () => {
        const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:120px" partner-id="mobidoo" api-base=${standinApiBase()}
          broadcast-id=${id} autoplay engine="hlsjs"></sf-preview-player>`);
        await settled(el);
        // A final state: playing (a real stream), idle (nothing playable), or an error with a retry. Where the
        // outcome is known it is waited for: idle is also the moment between the data and autoplay's start.
        const known = id === IDS.playable || id === IDS.huge ? 'playing' : id === IDS.htmlPreview ? 'error' : undefined;
        const finals = known ? [known] : ['playing', 'idle', 'error'];
        await waitUntil(() => finals.includes(el.state), `state stayed ${el.state}${known ? ` (expected ${known})` : ''}`, { timeout: 15_000, interval: 50 });
        if (el.state === 'error') expect(el.shadowRoot!.querySelector('[part="retry-button"]'), 'error with a retry').to.not.equal(null);
        await pressEverything(el);
        el.pause();
        assertSafe(el, watch, `player ${id}`);
      });
    }
  });
});

function cancel(event: Event): void {
  event.preventDefault();
}
