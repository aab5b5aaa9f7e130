/**
 * Storage consent across real reloads: a shop page (consent-page.html) in an iframe of the same
 * origin, so the test reads the same localStorage and reloads the page for real. While pending,
 * nothing reaches storage and the orderCallBackId still travels in the URL and lives in memory;
 * granting stores what the page has; denying removes ours; storage that throws changes nothing of
 * that and never throws into the page; Google Consent Mode is honoured; the backend's guest cookie
 * follows the same consent.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type * as Widgets from '../../src/index.js';
import type * as SessionStore from '../../src/store/session.js';
import type * as ViewerSession from '../../src/session/viewer-session.js';

const KEY = 'sf:orderCallBackIds';
const PAGE = '/test/tracking/consent-page.html';
const env = (window as unknown as { __SF_TEST__: { tokenEndpoint: string } }).__SF_TEST__;

type ShopWindow = Window & {
  console: Console;
  widgets?: typeof Widgets;
  session?: typeof SessionStore;
  viewer?: typeof ViewerSession;
  loadError?: string;
  dataLayer?: unknown[];
  gtag?: (...args: unknown[]) => void;
};

let frame: HTMLIFrameElement;

async function settled(): Promise<ShopWindow> {
  const win = () => frame.contentWindow as ShopWindow | null;
  await waitUntil(() => win()?.widgets || win()?.loadError, 'the shop page loaded the widgets', { timeout: 8000 });
  expect(win()!.loadError).to.equal(undefined);
  return win()!;
}

/** Open the shop page (a new page view). */
async function open(query: Record<string, string>): Promise<ShopWindow> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `${PAGE}?${new URLSearchParams(query)}`;
  await loaded;
  return settled();
}

/** Reload the page the frame shows, as the browser's reload button does. */
async function reload(): Promise<ShopWindow> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.contentWindow!.location.reload();
  await loaded;
  return settled();
}

const stored = (): string[] => {
  const raw = localStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as { records: { orderCallBackId: string }[] }).records.map((r) => r.orderCallBackId) : [];
};
const ids = (w: ShopWindow) => w.widgets!.tracking.list().map((r) => r.orderCallBackId);
const clickIn = (w: ShopWindow, productId: string) => w.widgets!.tracking.click({ productId, broadcastId: 'lk-consent', redirectUrl: `https://shop.example/p/${productId}?color=red#top` })!;
const ourCookies = (w: ShopWindow) => w.document.cookie.split('; ').filter((c) => c.startsWith('sf_') && !c.startsWith('sf_demo_member'));

/** Do `act`, and wait until the page's token request it causes (with exactly `body`) has been answered. */
async function untilAnswered(w: ShopWindow, act: () => void, body: Record<string, string>): Promise<void> {
  const realFetch = w.fetch;
  const answered: Promise<unknown>[] = [];
  const bodies: unknown[] = [];
  w.fetch = (input, init) => {
    const pending = realFetch.call(w, input, init);
    if (String(input instanceof Request ? input.url : input) === env.tokenEndpoint) {
      bodies.push(JSON.parse(String(init?.body)));
      answered.push(pending.then((res) => res.clone().text()));
    }
    return pending;
  };
  try {
    act();
    await waitUntil(() => answered.length > 0, 'a token request', { timeout: 8000 });
    await Promise.all(answered);
    expect(bodies).to.deep.equal([body]);
  } finally {
    w.fetch = realFetch;
  }
}

describe('storage consent', () => {
  beforeEach(() => {
    localStorage.removeItem(KEY);
    document.cookie = 'sf_demo_member=; path=/; max-age=0';
    frame = document.createElement('iframe');
    frame.style.cssText = 'width:320px;height:200px';
    document.body.append(frame);
  });
  afterEach(() => {
    frame.remove();
    localStorage.removeItem(KEY);
  });

  it('pending: the id travels in the URL and lives in memory, nothing is stored; a reload forgets it; granting stores what the page has', async () => {
    let w = await open({ consent: 'pending' });
    expect(w.widgets!.consent()).to.equal('pending');
    const first = clickIn(w, 'p-1');
    expect(first.url).to.equal(`https://shop.example/p/p-1?color=red&orderCallBackId=${first.click.orderCallBackId}#top`);
    expect(ids(w)).to.deep.equal([first.click.orderCallBackId]);
    // The landing on the product page is kept too, in memory.
    w.widgets!.tracking.capture({ url: first.url, externalProductId: 'MBD-1' });
    expect(w.widgets!.tracking.forProduct('MBD-1')?.orderCallBackId).to.equal(first.click.orderCallBackId);
    expect(stored(), 'nothing in localStorage').to.deep.equal([]);
    expect(ourCookies(w), 'no cookie of ours').to.deep.equal([]);

    w = await reload();
    expect(ids(w), 'memory ends with the page').to.deep.equal([]);
    const second = clickIn(w, 'p-2');
    expect(stored()).to.deep.equal([]);

    expect(w.widgets!.consent('granted')).to.equal('granted');
    expect(stored(), 'granting stores what the page already has').to.deep.equal([second.click.orderCallBackId]);

    w = await open({ consent: 'granted' });
    expect(ids(w), 'kept across the reload').to.deep.equal([second.click.orderCallBackId]);
    const third = clickIn(w, 'p-3');
    expect(stored()).to.deep.equal([third.click.orderCallBackId, second.click.orderCallBackId]);

    // Denied: ours is removed from storage; what this page learned stays for the page.
    expect(w.widgets!.consent('denied')).to.equal('denied');
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(ids(w)).to.include(third.click.orderCallBackId);
    clickIn(w, 'p-4');
    expect(localStorage.getItem(KEY)).to.equal(null);

    w = await open({ consent: 'denied' });
    expect(ids(w)).to.deep.equal([]);
  });

  it('the <sf-config> attribute changing later decides as well, and a value that is none of the three is ignored', async () => {
    const w = await open({ consent: 'pending' });
    const config = w.document.querySelector('sf-config')!;
    const errors: unknown[] = [];
    const error = w.console.error;
    w.console.error = (...args: unknown[]) => void errors.push(args.join(' '));
    try {
      config.setAttribute('consent', 'yes-please');
      expect(w.widgets!.consent(), 'bad value ignored').to.equal('pending');
      expect(String(errors[0])).to.include('consent "yes-please"');
      const click = clickIn(w, 'p-5');
      config.setAttribute('consent', 'granted');
      expect(w.widgets!.consent()).to.equal('granted');
      expect(stored()).to.deep.equal([click.click.orderCallBackId]);
    } finally {
      w.console.error = error;
    }
  });

  it('storage that throws (a privacy mode): granted or not, clicks keep their id in URL and memory, nothing throws, a reload starts empty', async () => {
    let w = await open({ consent: 'granted', block: '1' });
    expect(() => w.localStorage).to.throw();
    const warn = w.console.warn;
    w.console.warn = () => {};
    const click = clickIn(w, 'p-6');
    expect(click.url).to.include(`orderCallBackId=${click.click.orderCallBackId}`);
    expect(ids(w)).to.deep.equal([click.click.orderCallBackId]);
    expect(() => w.widgets!.consent('denied')).not.to.throw();
    expect(() => w.widgets!.consent('granted')).not.to.throw();
    expect(ids(w)).to.deep.equal([click.click.orderCallBackId]);
    w.console.warn = warn;
    expect(stored(), 'the blocked page never reached storage').to.deep.equal([]);

    w = await reload();
    expect(ids(w)).to.deep.equal([]);
    w = await open({ consent: 'pending', block: '1' });
    expect(() => clickIn(w, 'p-7')).not.to.throw();
    expect(() => w.widgets!.consent('granted')).not.to.throw();
  });

  it('honours Google Consent Mode: its default "denied" holds storage (without wiping it), its update decides', async () => {
    // What an earlier visit stored, with consent.
    localStorage.setItem(KEY, JSON.stringify({ v: 1, records: [{ orderCallBackId: '00000000-0000-4000-8000-000000000001', clickedAt: new Date().toISOString() }] }));
    const w = await open({ gcm: 'default-denied' });
    expect(w.widgets!.consent()).to.equal('pending');
    expect(ids(w), 'not read while pending').to.deep.equal([]);
    const click = clickIn(w, 'p-8');
    expect(stored(), 'not written, not wiped').to.deep.equal(['00000000-0000-4000-8000-000000000001']);

    w.gtag!('consent', 'update', { analytics_storage: 'granted' });
    // Noticed at the next use of storage (here: reading the list).
    expect(ids(w)).to.have.members([click.click.orderCallBackId, '00000000-0000-4000-8000-000000000001']);
    expect(stored()).to.have.members([click.click.orderCallBackId, '00000000-0000-4000-8000-000000000001']);

    w.gtag!('consent', 'update', { analytics_storage: 'denied' });
    expect(w.widgets!.consent()).to.equal('denied');
    expect(localStorage.getItem(KEY)).to.equal(null);

    // Our own say wins over Consent Mode.
    expect(w.widgets!.consent('granted')).to.equal('granted');
  });

  it('the guest cookie follows consent: one viewer per page while pending, remembered once granted, forgotten when denied', async () => {
    const guestOf = async (w: ShopWindow) => {
      await waitUntil(() => w.session!.sessionStore.getState().claims?.memberId, 'a viewer token', { timeout: 8000 });
      return w.session!.sessionStore.getState().claims!.memberId;
    };
    // Start clean: a denied page has the backend remove any guest cookie an earlier test left.
    let w = await open({ consent: 'denied', token: env.tokenEndpoint });
    await guestOf(w);

    w = await open({ consent: 'pending', token: env.tokenEndpoint });
    const pendingGuest = await guestOf(w);
    expect(pendingGuest).to.match(/^guest-[0-9a-f]{32}$/);
    await w.viewer!.getViewerToken({ forceRefresh: true });
    expect(w.session!.sessionStore.getState().claims!.memberId, 'a refresh keeps the page\'s guest').to.equal(pendingGuest);

    w = await reload();
    const nextGuest = await guestOf(w);
    expect(nextGuest, 'nothing remembered the first one').to.not.equal(pendingGuest);

    // Granting: the session asks again, and the backend's cookie now holds the guest the page has.
    await untilAnswered(w, () => w.widgets!.consent('granted'), { consent: 'granted', guestId: nextGuest });
    expect(w.session!.sessionStore.getState().claims!.memberId).to.equal(nextGuest);
    w = await open({ consent: 'pending', token: env.tokenEndpoint });
    expect(await guestOf(w), 'remembered by the cookie').to.equal(nextGuest);

    await untilAnswered(w, () => w.widgets!.consent('denied'), { consent: 'denied', guestId: nextGuest });
    w = await open({ consent: 'pending', token: env.tokenEndpoint });
    expect(await guestOf(w), 'the cookie is gone').to.not.equal(nextGuest);
  });
});
