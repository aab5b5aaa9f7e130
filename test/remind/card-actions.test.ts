/**
 * The card's actions: "remind me" (sf-remind with UTC times and the short URL, kept per broadcast in
 * localStorage and across cards, working with storage blocked, the add-to-calendar offer unless the shop
 * cancels, undo), the guest-login path, share (sf-share first; Web Share, else clipboard, with a visible
 * outcome; cancelled and dismissed say nothing), compact counters that refresh without moving anything,
 * hostile names, and the accessibility of the whole.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/broadcast-card/broadcast-card.js';
import type { SfBroadcastCard } from '../../src/elements/broadcast-card/broadcast-card.component.js';
import type { Broadcast, BroadcastStateCode } from '../../src/api/models.js';
import type { SfRemindDetail } from '../../src/events/remind.js';
import type { SfShareDetail } from '../../src/events/share.js';
import type { SfLoginRequiredDetail } from '../../src/events/login-required.js';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import { reminderStore } from '../../src/store/reminders.js';
import { recordTable } from '../../src/store/records.js';
import { REMINDERS_KEY } from '../../src/shared/reminders.js';
import { share } from '../../src/shared/share.js';
import { configure, configStore } from '../../src/store/config.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { consent } from '../../src/tracking/consent.js';
import { HOSTILE_TEXT } from '../support/hostile.js';

const ORIGIN = 'https://shop.example';
const fixtures = broadcastFixtures(Date.now(), ORIGIN);
const withState = (state: BroadcastStateCode, overrides: Partial<Broadcast> = {}): Broadcast => ({
  ...structuredClone(fixtures.find((b) => b.broadcastStateCode === state)!),
  ...overrides,
});

async function card(broadcast: Broadcast, attrs: string[] = [], lang = 'ko') {
  const el = await fixture<SfBroadcastCard>(html`<sf-broadcast-card style="width: 300px" .broadcast=${broadcast} lang=${lang}
    ?remind-requires-login=${attrs.includes('remind-requires-login')} ?no-share=${attrs.includes('no-share')}></sf-broadcast-card>`);
  await el.updateComplete;
  return el;
}
const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const part = <T extends Element = HTMLElement>(el: Element, name: string) => q<T>(el, `[part~="${name}"]`);

/** Replace a navigator member for one test; undefined removes it (an engine without it). */
function stubNavigator(name: 'share' | 'canShare' | 'clipboard', value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(navigator, name);
  Object.defineProperty(navigator, name, { configurable: true, value });
  return () => {
    if (own) Object.defineProperty(navigator, name, own);
    else delete (navigator as unknown as Record<string, unknown>)[name];
  };
}

describe('card actions: remind me', () => {
  beforeEach(() => {
    resetSession();
    localStorage.removeItem(REMINDERS_KEY);
    reminderStore.setState({ byId: recordTable<number>() });
  });

  it('an upcoming card offers "알림 받기"; pressing it emits sf-remind, keeps the choice and offers the calendar', async () => {
    const broadcast = withState('standby');
    const el = await card(broadcast);
    const toggle = part<HTMLButtonElement>(el, 'remind')!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal(`알림 받기: ${broadcast.broadcastName}`);
    const events: SfRemindDetail[] = [];
    el.addEventListener('sf-remind', (e) => events.push(e.detail));
    toggle.click();
    await waitUntil(() => part(el, 'calendar'), 'calendar offer', { timeout: 5000 });
    expect(events).to.have.length(1);
    expect(events[0]).to.deep.equal({
      broadcastId: broadcast.broadcastId,
      name: broadcast.broadcastName,
      start: new Date(broadcast.programmingStartDt).toISOString(),
      end: new Date(broadcast.programmingEndDt).toISOString(),
      url: broadcast.shortUrl,
      on: true,
    });
    expect(events[0]!.start).to.match(/Z$/);
    expect(part(el, 'remind')!.getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'remind')!.textContent!.trim()).to.match(/^알림 받는 중:/);
    expect(part(el, 'note')!.textContent).to.include('알림을 설정했습니다');
    const google = new URL(q<HTMLAnchorElement>(el, '[part~="calendar"] a[href*="google"]')!.href);
    expect(google.searchParams.get('text')).to.equal(broadcast.broadcastName);
    expect(google.searchParams.get('dates')).to.match(/^\d{8}T\d{6}Z\/\d{8}T\d{6}Z$/);
    expect(q<HTMLAnchorElement>(el, '[part~="calendar"] a[href*="outlook"]')!.target).to.equal('_blank');
    expect(part(el, 'calendar')!.textContent).to.include('.ics');
    const stored = JSON.parse(localStorage.getItem(REMINDERS_KEY)!) as { byId: Record<string, number> };
    expect(stored.byId[broadcast.broadcastId]).to.be.greaterThan(Date.parse(broadcast.programmingEndDt));
    // Another card of the same broadcast (a schedule's and a lone one) agrees at once.
    const other = await card(broadcast);
    expect(part(other, 'remind')!.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('the .ics button offers a file named after the broadcast', async () => {
    const broadcast = withState('ready');
    const el = await card(broadcast);
    part<HTMLButtonElement>(el, 'remind')!.click();
    await waitUntil(() => part(el, 'calendar'), 'calendar offer', { timeout: 5000 });
    const clicked: HTMLAnchorElement[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      [...part(el, 'calendar')!.querySelectorAll('button')].find((b) => b.textContent!.includes('.ics'))!.click();
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]!.download).to.match(/\.ics$/);
    expect(clicked[0]!.href).to.match(/^blob:/);
    const text = await (await fetch(clicked[0]!.href)).text();
    expect(text).to.include('BEGIN:VEVENT').and.to.include(`UID:${broadcast.broadcastId}@sauceflex`);
  });

  it('undo takes it back (sf-remind on: false) and the choice is forgotten', async () => {
    const broadcast = withState('standby');
    const el = await card(broadcast, [], 'en');
    part<HTMLButtonElement>(el, 'remind')!.click();
    await waitUntil(() => part(el, 'calendar'), 'calendar offer', { timeout: 5000 });
    expect(part(el, 'remind')!.textContent!.trim()).to.match(/^Reminder set:/);
    const events: SfRemindDetail[] = [];
    el.addEventListener('sf-remind', (e) => events.push(e.detail));
    [...part(el, 'calendar')!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Undo')!.click();
    await el.updateComplete;
    expect(events.map((e) => e.on)).to.deep.equal([false]);
    expect(part(el, 'calendar')).to.equal(null);
    expect(part(el, 'remind')!.getAttribute('aria-pressed')).to.equal('false');
    expect(part(el, 'note')!.textContent).to.include('Reminder removed');
    const stored = JSON.parse(localStorage.getItem(REMINDERS_KEY)!) as { byId: Record<string, number> };
    expect(stored.byId[broadcast.broadcastId]).to.equal(undefined);
  });

  it('a shop that cancels sf-remind gets no calendar offer, and the choice still shows as set', async () => {
    const el = await card(withState('standby'));
    el.addEventListener('sf-remind', (e) => e.preventDefault());
    part<HTMLButtonElement>(el, 'remind')!.click();
    await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(part(el, 'remind')!.getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'calendar')).to.equal(null);
  });

  it('with storage refusing every read and write it works for the page and never throws', async () => {
    // A broadcast of this test's own: in WebKit every test file shares one session's storage, and another
    // file's page may still write its reminders there; this test answers for its own broadcast only.
    const broadcast = withState('standby', { broadcastId: 'lkmobidoo-blocked-storage-reminder' });
    // Storage that refuses (blocked, or full) mid-page: its methods throw. (Not a redefined window.localStorage
    // getter: WebKit can keep using the getter it saw earlier in the page; a getter that throws from the page's
    // start is test/tracking/consent.test.ts's block=1 page.)
    const methods = { getItem: Storage.prototype.getItem, setItem: Storage.prototype.setItem, removeItem: Storage.prototype.removeItem };
    const refuse = () => {
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    Object.assign(Storage.prototype, { getItem: refuse, setItem: refuse, removeItem: refuse });
    try {
      const el = await card(broadcast);
      part<HTMLButtonElement>(el, 'remind')!.click();
      await waitUntil(() => part(el, 'calendar'), 'calendar offer', { timeout: 5000 });
      const other = await card(broadcast);
      expect(part(other, 'remind')!.getAttribute('aria-pressed')).to.equal('true');
      // Read behind the refusal (the real storage), while it still holds: the page never reached it.
      // (Once storage is back, a later change may be written: that is storage working again.)
      const stored = methods.getItem.call(localStorage, REMINDERS_KEY) ?? '';
      expect(stored, 'nothing reached storage').not.to.include(broadcast.broadcastId);
    } finally {
      Object.assign(Storage.prototype, methods);
    }
  });

  it('under storage consent: pending keeps the reminder for the page only, granted stores it, denied removes it', async () => {
    const broadcast = withState('standby', { broadcastId: 'lkmobidoo-consent-reminder' });
    consent('pending');
    try {
      const el = await card(broadcast);
      part<HTMLButtonElement>(el, 'remind')!.click();
      await waitUntil(() => part(el, 'calendar'), 'calendar offer', { timeout: 5000 });
      expect(part(await card(broadcast), 'remind')!.getAttribute('aria-pressed'), 'kept for this page').to.equal('true');
      expect(localStorage.getItem(REMINDERS_KEY), 'nothing stored while pending').to.equal(null);
      consent('granted');
      expect(localStorage.getItem(REMINDERS_KEY), 'stored once granted').to.include(broadcast.broadcastId);
      consent('denied');
      expect(localStorage.getItem(REMINDERS_KEY), 'ours removed when denied').to.equal(null);
    } finally {
      consent('granted');
      localStorage.removeItem(REMINDERS_KEY);
    }
  });

  it('a start at the end of Date’s range (hostile data) offers no reminder rather than throwing', async () => {
    const el = await card(withState('standby', { programmingStartDt: '+275760-09-13T00:00:00.000Z', programmingEndDt: 'not a date' }));
    expect(part(el, 'remind')).to.equal(null);
    expect(part(el, 'share')).to.not.equal(null);
  });

  it('only upcoming broadcasts can be reminded of; a cancelled one has no actions', async () => {
    expect(part(await card(withState('onair')), 'remind')).to.equal(null);
    expect(part(await card(withState('vod')), 'remind')).to.equal(null);
    const cancelled = await card(withState('cancel'));
    expect(part(cancelled, 'remind')).to.equal(null);
    expect(part(cancelled, 'share')).to.equal(null);
  });

  it('remind-requires-login: a guest gets sf-login-required, then the shop’s login with returnUrl; nothing is set', async () => {
    const visited: string[] = [];
    const restore = setNavigator((url) => visited.push(url));
    configure({ loginUrl: '/login' });
    try {
      const el = await card(withState('standby'), ['remind-requires-login']);
      const logins: SfLoginRequiredDetail[] = [];
      const reminds: SfRemindDetail[] = [];
      el.addEventListener('sf-login-required', (e) => logins.push(e.detail));
      el.addEventListener('sf-remind', (e) => reminds.push(e.detail));
      part<HTMLButtonElement>(el, 'remind')!.click();
      await el.updateComplete;
      expect(logins).to.deep.equal([{ broadcastId: el.broadcast!.broadcastId, source: 'remind', reason: 'guest' }]);
      expect(reminds).to.deep.equal([]);
      expect(visited).to.have.length(1);
      const target = new URL(visited[0]!);
      expect(target.pathname).to.equal('/login');
      expect(target.searchParams.get('returnUrl')).to.equal(location.href);
      expect(part(el, 'remind')!.getAttribute('aria-pressed')).to.equal('false');
    } finally {
      restore();
      configStore.setState({ script: {} });
    }
  });

  it('remind-requires-login without a login page: the card says to sign in', async () => {
    const el = await card(withState('standby'), ['remind-requires-login']);
    part<HTMLButtonElement>(el, 'remind')!.click();
    await el.updateComplete;
    expect(part(el, 'note')!.textContent).to.include('로그인');
  });

  it('hostile names reach the event and the calendar links as text only', async () => {
    for (const name of HOSTILE_TEXT) {
      reminderStore.setState({ byId: recordTable<number>() });
      const el = await card(withState('standby', { broadcastName: name }));
      let detail: SfRemindDetail | undefined;
      el.addEventListener('sf-remind', (e) => (detail = e.detail));
      part<HTMLButtonElement>(el, 'remind')!.click();
      await waitUntil(() => part(el, 'calendar'), 'calendar offer', { timeout: 5000 });
      expect(detail!.name).to.equal(name);
      expect(new URL(q<HTMLAnchorElement>(el, 'a[href*="google"]')!.href).searchParams.get('text')).to.equal(name);
      expect(q(el, 'script, iframe, img[onerror], svg:not(.icon)')).to.equal(null);
    }
  });
});

describe('card actions: share', () => {
  let restores: (() => void)[] = [];
  afterEach(() => {
    for (const restore of restores.reverse()) restore();
    restores = [];
  });

  it('sf-share first, then the Web Share API with the short URL; the card says it was shared', async () => {
    const shared: ShareData[] = [];
    restores.push(stubNavigator('share', async (data: ShareData) => void shared.push(data)), stubNavigator('canShare', undefined));
    const broadcast = withState('onair');
    const el = await card(broadcast);
    const events: SfShareDetail[] = [];
    el.addEventListener('sf-share', (e) => events.push(e.detail));
    part<HTMLButtonElement>(el, 'share')!.click();
    await waitUntil(() => part(el, 'note')!.textContent!.trim(), 'outcome shown');
    expect(events).to.deep.equal([{ broadcastId: broadcast.broadcastId, title: broadcast.broadcastName, url: broadcast.shortUrl }]);
    expect(shared).to.deep.equal([{ title: broadcast.broadcastName, url: broadcast.shortUrl }]);
    expect(part(el, 'note')!.textContent!.trim()).to.equal('공유했습니다.');
  });

  it('without Web Share the URL is copied, and the card says so; without a short URL the player URL (no token) is shared', async () => {
    const copied: string[] = [];
    restores.push(stubNavigator('share', undefined), stubNavigator('clipboard', { writeText: async (text: string) => void copied.push(text) }));
    const broadcast = withState('vod', { shortUrl: undefined });
    const el = await card(broadcast, [], 'en');
    part<HTMLButtonElement>(el, 'share')!.click();
    await waitUntil(() => part(el, 'note')!.textContent!.trim(), 'outcome shown');
    expect(copied).to.deep.equal([broadcast.outputPath]);
    expect(part(el, 'note')!.textContent!.trim()).to.equal('Link copied.');
  });

  it('share() reports every outcome: cancelled, dismissed, failed', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const detail = { broadcastId: 'b1', title: 'T', url: 'https://s.example/x' };
    try {
      const cancel = (e: Event) => e.preventDefault();
      host.addEventListener('sf-share', cancel);
      let called = false;
      restores.push(stubNavigator('share', async () => void (called = true)));
      expect(await share(host, detail)).to.equal('cancelled');
      expect(called, 'nothing shared once cancelled').to.equal(false);
      host.removeEventListener('sf-share', cancel);
      restores.push(stubNavigator('share', async () => Promise.reject(new DOMException('closed', 'AbortError'))));
      expect(await share(host, detail)).to.equal('dismissed');
      restores.push(stubNavigator('share', undefined), stubNavigator('clipboard', { writeText: async () => Promise.reject(new DOMException('no', 'NotAllowedError')) }));
      expect(await share(host, detail)).to.equal('failed');
      restores.push(stubNavigator('clipboard', undefined));
      expect(await share(host, detail)).to.equal('failed');
    } finally {
      host.remove();
    }
  });

  it('when nothing works the card shows the URL to copy by hand', async () => {
    restores.push(stubNavigator('share', undefined), stubNavigator('clipboard', undefined));
    const broadcast = withState('onair');
    const el = await card(broadcast);
    part<HTMLButtonElement>(el, 'share')!.click();
    await waitUntil(() => part(el, 'note')!.textContent!.trim(), 'outcome shown');
    expect(part(el, 'note')!.textContent).to.include(broadcast.shortUrl!);
  });

  it('no-share hides the button', async () => {
    expect(part(await card(withState('onair'), ['no-share']), 'share')).to.equal(null);
  });
});

describe('card actions: counters', () => {
  it('likes and chats in compact form (1.2만 / 12K), views on replays; a refresh changes them without moving anything', async () => {
    const broadcast = withState('vod', { room: { incomingCounterInfo: 12_345, reactionCounterInfo: 999, chatCounterInfo: 7 } });
    const ko = await card(broadcast);
    const counters = () => part(ko, 'counters')!.textContent!.replace(/\s+/g, ' ').trim();
    expect(counters()).to.include('1.2만').and.to.include('999').and.to.include('7');
    expect(counters()).to.include('좋아요');
    const en = await card(broadcast, [], 'en');
    expect(part(en, 'counters')!.textContent!.replace(/\s+/g, ' ')).to.include('12.3K').and.to.include('Likes');
    const before = { card: ko.getBoundingClientRect().height, row: part(ko, 'actions')!.getBoundingClientRect() };
    ko.broadcast = { ...broadcast, room: { incomingCounterInfo: 1_234_567, reactionCounterInfo: 10_500, chatCounterInfo: 99_999 } };
    await ko.updateComplete;
    expect(counters()).to.include('123.5만').and.to.include('1.1만').and.to.include('10만');
    expect(ko.getBoundingClientRect().height).to.equal(before.card);
    const after = part(ko, 'actions')!.getBoundingClientRect();
    expect([after.top, after.height]).to.deep.equal([before.row.top, before.row.height]);
  });

  it('a live card keeps its viewers in the meta line and shows likes and chats; upcoming ones show none', async () => {
    const live = await card(withState('onair', { room: { incomingCounterInfo: 5000, reactionCounterInfo: 1500, chatCounterInfo: 20 } }), [], 'en');
    expect(part(live, 'meta')!.textContent).to.include('5K');
    const text = part(live, 'counters')!.textContent!;
    expect(text).to.include('1.5K').and.to.include('20');
    expect(text).to.not.include('Views');
    expect(part(await card(withState('standby')), 'counters')).to.equal(null);
  });

  it('fits 320 px: the row never overflows the card', async () => {
    const el = await fixture<SfBroadcastCard>(html`<div style="width: 320px"><sf-broadcast-card variant="list" .broadcast=${withState('standby')} lang="ko"></sf-broadcast-card></div>`);
    const cardEl = el.querySelector('sf-broadcast-card')!;
    await cardEl.updateComplete;
    const row = part(cardEl, 'actions')!;
    expect(row.scrollWidth).to.be.at.most(row.clientWidth + 1);
    expect(cardEl.getBoundingClientRect().width).to.be.at.most(320);
  });

  it('in a narrow card (a five-column grid on a phone) the buttons show icons only and stay inside the card', async () => {
    const el = await fixture<HTMLElement>(html`<div style="width: 160px"><sf-broadcast-card variant="grid" .broadcast=${withState('standby')} lang="en"></sf-broadcast-card></div>`);
    const cardEl = el.querySelector('sf-broadcast-card')!;
    await cardEl.updateComplete;
    const box = cardEl.getBoundingClientRect();
    for (const name of ['remind', 'share']) {
      const button = part(cardEl, name)!.getBoundingClientRect();
      expect(button.right, `${name} inside the card`).to.be.at.most(box.right + 0.5);
      expect(button.width, `${name} keeps a 24 px target`).to.be.at.least(24);
      expect(button.height).to.be.at.least(24);
    }
    // The text is still the button's name for screen readers.
    expect(part(cardEl, 'remind')!.textContent!.trim()).to.match(/^(Remind me|Reminder set): /);
    await expect(cardEl).to.be.accessible();
  });
});
