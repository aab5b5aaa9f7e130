/**
 * What the schedule adds for this issue, against the stand-in: schema.org JSON-LD with `structured-data`
 * (parsed back, one VideoObject + BroadcastEvent per broadcast shown, only safe URLs, hostile names escaped
 * so they cannot close the script); counters that a refresh changes where they stand; the cards' remind
 * options passed through; and the cards' behaviour now that the schedule draws them itself (each card's own
 * reminder, calendar offer and undo; impressions; keyboard "more").
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/schedule/schedule.js';
import type { SfSchedule } from '../../src/elements/schedule/schedule.component.js';
import { scheduleCards } from '../support/schedule-cards.js';
import type { Broadcast } from '../../src/api/models.js';
import { structuredDataFor } from '../../src/shared/structured-data.js';
import { clearFaults, resetStandin, setFixtureMode, standinApiBase } from '../support/standin-control.js';
import { armTrap, HOSTILE_TEXT, HOSTILE_URLS, trapped } from '../support/hostile.js';
import { sendKeys } from '@web/test-runner-commands';
import { reminderStore } from '../../src/store/reminders.js';
import { recordTable } from '../../src/store/records.js';
import { REMINDERS_KEY, setReminder } from '../../src/shared/reminders.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { newPageView } from '../../src/shared/page-view.js';
import type { SfImpressionDetail } from '../../src/events/impression.js';
import type { SfRemindDetail } from '../../src/events/remind.js';

const root = (el: SfSchedule) => el.shadowRoot!;
const cards = scheduleCards;
const settled = (el: SfSchedule) => waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'schedule settled', { timeout: 8000 });
const jsonLd = (el: Element) => el.querySelector<HTMLScriptElement>(':scope > script[type="application/ld+json"]');

describe('<sf-schedule> structured data, counters and remind options', () => {
  beforeEach(() => resetStandin());
  afterEach(async () => {
    await clearFaults();
    await setFixtureMode('normal');
  });

  it('structured-data writes one VideoObject with its BroadcastEvent per broadcast shown, into the light DOM', async () => {
    const el = await fixture<SfSchedule>(html`<sf-schedule structured-data type="latest" limit="6" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0"></sf-schedule>`);
    await settled(el);
    await waitUntil(() => jsonLd(el), 'JSON-LD written');
    const doc = JSON.parse(jsonLd(el)!.textContent!) as { '@context': string; '@graph': Record<string, any>[] };
    expect(doc['@context']).to.equal('https://schema.org');
    const shown = cards(el).map((card) => card.broadcast).filter((b) => b.broadcastStateCode !== 'cancel');
    expect(doc['@graph'].map((v) => v.name)).to.deep.equal(shown.map((b) => b.broadcastName));
    for (const [i, video] of doc['@graph'].entries()) {
      const b = shown[i]!;
      expect(video['@type']).to.equal('VideoObject');
      expect(video.url).to.equal(b.shortUrl);
      expect(video.thumbnailUrl[0]).to.match(/^https?:\/\//);
      if (b.broadcastTypeCode === 'vod') {
        expect(video.publication, 'an uploaded VOD was never broadcast').to.equal(undefined);
        continue;
      }
      expect(video.publication).to.deep.include({ '@type': 'BroadcastEvent', isLiveBroadcast: true, startDate: new Date(b.programmingStartDt).toISOString() });
      expect(Date.parse(video.publication.endDate)).to.be.greaterThan(Date.parse(video.publication.startDate));
    }
    for (const [i, video] of doc['@graph'].entries()) expect(video.publisher).to.deep.include({ '@type': 'Organization', name: shown[i]!.shopName });
    expect(doc['@graph'].some((video) => video.publication), 'live broadcasts carry their BroadcastEvent').to.equal(true);
    expect(root(el).querySelector('script'), 'nothing in the shadow root').to.equal(null);
    el.structuredData = false;
    await el.updateComplete;
    expect(jsonLd(el), 'removed when turned off').to.equal(null);
  });

  it('hostile names are escaped for the script element and unsafe URLs are never used', () => {
    const base: Broadcast = {
      broadcastId: 'b1', broadcastName: 'x', broadcastTypeCode: 'live', broadcastStateCode: 'standby',
      programmingStartDt: '2026-12-01T10:00:00.000Z', programmingEndDt: '2026-12-01T11:00:00.000Z',
      shortUrl: 'https://sflex.example/s/abc', shopName: 'shop',
    };
    const names = [...HOSTILE_TEXT, '</script><script>__sfTrap("close")</script>', 'line\u2028sep & <b>'];
    const text = structuredDataFor(names.map((name, i) => ({ ...base, broadcastId: `b${i}`, broadcastName: name, shopName: name, explanation: name })));
    expect(text).to.not.match(/[<>\u2028\u2029]/);
    expect(text.toLowerCase()).to.not.include('</script');
    const parsed = JSON.parse(text) as { '@graph': { name: string; publisher: { name: string } }[] };
    expect(parsed['@graph'].map((v) => v.name)).to.deep.equal(names);
    expect(parsed['@graph'].map((v) => v.publisher.name)).to.deep.equal(names);
    const edge = JSON.parse(structuredDataFor([{ ...base, programmingStartDt: '+275760-09-13T00:00:00.000Z', programmingEndDt: 'x' }])) as { '@graph': unknown[] };
    expect(edge['@graph'], 'no end can be computed: left out, nothing thrown').to.deep.equal([]);
    for (const url of HOSTILE_URLS) {
      const out = JSON.parse(structuredDataFor([{ ...base, shortUrl: url, outputPath: url, partnerProfileImageUrl: url, broadcastThumbnailList: [{ thumbnailUrl: url, isRepresentative: true }] }])) as { '@graph': unknown[] };
      expect(out['@graph'], `no entry without a safe page URL: ${url}`).to.deep.equal([]);
      const withPage = JSON.parse(structuredDataFor([{ ...base, partnerProfileImageUrl: url, broadcastThumbnailList: [{ thumbnailUrl: url, isRepresentative: true }] }])) as { '@graph': Record<string, any>[] };
      expect(withPage['@graph'][0]!.thumbnailUrl).to.equal(undefined);
      expect(withPage['@graph'][0]!.publisher.logo).to.equal(undefined);
    }
  });

  it('the hostile corpus from the stand-in gives valid JSON-LD that runs nothing', async () => {
    armTrap();
    await setFixtureMode('hostile');
    const quiet = { error: console.error, warn: console.warn };
    console.error = () => {};
    console.warn = () => {};
    try {
      const el = await fixture<SfSchedule>(html`<sf-schedule structured-data type="all" limit="30" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0"></sf-schedule>`);
      await waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'settled', { timeout: 8000 });
      await waitUntil(() => jsonLd(el), 'JSON-LD written');
      const script = jsonLd(el)!;
      const doc = JSON.parse(script.textContent!) as { '@graph': Record<string, any>[] };
      for (const video of doc['@graph']) expect(video.url).to.match(/^https?:\/\//);
      expect(script.textContent).to.not.match(/[<>]/);
      expect(el.querySelectorAll('script').length).to.be.at.most(1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(trapped()).to.deep.equal([]);
    } finally {
      console.error = quiet.error;
      console.warn = quiet.warn;
    }
  });

  it('a refresh updates the cards’ counters in place: same cards, same heights', async () => {
    const el = await fixture<SfSchedule>(html`<sf-schedule style="width: 360px" type="vod" layout="list" limit="4" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0"></sf-schedule>`);
    await settled(el);
    const before = cards(el);
    expect(before.length).to.be.greaterThan(0);
    // Measure once the fonts are in (WebKit loads the CJK fallback late): only the refresh may move things after.
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const heights = before.map((card) => card.li.getBoundingClientRect().height);
    const tops = before.map((card) => card.li.getBoundingClientRect().top);
    const counters = before.map((card) => card.li.querySelector('[part~="counters"]')!.textContent!.replace(/\s+/g, ' '));
    expect(counters[0]).to.match(/\d/);
    // Simulate the API's new figures: the stand-in's data is fixed, so the refreshed page is rewritten.
    const original = window.fetch;
    window.fetch = async (input, init) => {
      const res = await original(input, init);
      if (!String(input instanceof Request ? input.url : input).includes('/front/broadcast')) return res;
      const body = (await res.json()) as { response: { items: Broadcast[] } };
      for (const item of body.response.items) if (item.room) item.room = { incomingCounterInfo: 1_234_567, reactionCounterInfo: 98_765, chatCounterInfo: 43_210 };
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    try {
      await el.refresh();
      await el.updateComplete;
    } finally {
      window.fetch = original;
    }
    const after = cards(el);
    expect(after.map((card) => card.li), 'the same card elements, updated where they stand').to.deep.equal(before.map((card) => card.li));
    expect(after[0]!.li.querySelector('[part~="counters"]')!.textContent!.replace(/\s+/g, ' ')).to.include('9.9만').and.include('4.3만');
    expect(after.map((card) => card.li.getBoundingClientRect().height)).to.deep.equal(heights);
    expect(after.map((card) => card.li.getBoundingClientRect().top)).to.deep.equal(tops);
  });

  it('passes remind-requires-login and no-share to its cards', async () => {
    const el = await fixture<SfSchedule>(html`<sf-schedule remind-requires-login no-share limit="3" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0"></sf-schedule>`);
    await settled(el);
    const card = cards(el)[0]!;
    expect(card.li.querySelector('[part~="share"]')).to.equal(null);
    const asked: string[] = [];
    el.addEventListener('sf-login-required', (event) => {
      asked.push(event.detail.broadcastId ?? '');
      event.preventDefault();
    });
    card.li.querySelector<HTMLButtonElement>('[part~="remind"]')!.click();
    expect(asked, 'a guest is asked to sign in, from the schedule').to.deep.equal([card.broadcast.broadcastId]);
  });

  it('each card keeps its own reminder, calendar offer and undo; the events leave from the schedule', async () => {
    resetSession();
    localStorage.removeItem(REMINDERS_KEY);
    reminderStore.setState({ byId: recordTable<number>() });
    const el = await fixture<SfSchedule>(html`<sf-schedule limit="4" lang="en" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0"></sf-schedule>`);
    await settled(el);
    const [first, second] = cards(el).filter((card) => card.li.querySelector('[part~="remind"]'));
    expect(second, 'two remindable cards').to.not.equal(undefined);
    const reminded: SfRemindDetail[] = [];
    el.addEventListener('sf-remind', (event) => reminded.push(event.detail));
    const toggle = (card: typeof first) => card!.li.querySelector<HTMLButtonElement>('[part~="remind"]')!;
    toggle(first).click();
    await waitUntil(() => first!.li.querySelector('[part~="calendar"]'), 'calendar offer on the first card', { timeout: 5000 });
    expect(reminded.map((d) => [d.broadcastId, d.on])).to.deep.equal([[first!.broadcast.broadcastId, true]]);
    expect(toggle(first).getAttribute('aria-pressed')).to.equal('true');
    expect(toggle(second).getAttribute('aria-pressed'), 'the other card is not reminded').to.equal('false');
    expect(second!.li.querySelector('[part~="calendar"]'), 'nor offered the calendar').to.equal(null);
    expect(first!.li.querySelector('[part~="note"]')!.textContent).to.include(first!.broadcast.broadcastName);
    expect(second!.li.querySelector('[part~="note"]')!.textContent!.trim(), 'each card has its own note').to.equal('');
    // A second card's reminder opens its own offer; the first keeps its own.
    toggle(second).click();
    await waitUntil(() => second!.li.querySelector('[part~="calendar"]'), 'calendar offer on the second card', { timeout: 5000 });
    expect(first!.li.querySelector('[part~="calendar"]')).to.not.equal(null);
    [...first!.li.querySelectorAll<HTMLButtonElement>('[part~="calendar"] button')].find((b) => b.textContent!.trim() === 'Undo')!.click();
    await el.updateComplete;
    expect(reminded.at(-1)).to.include({ broadcastId: first!.broadcast.broadcastId, on: false });
    expect(toggle(first).getAttribute('aria-pressed')).to.equal('false');
    expect(first!.li.querySelector('[part~="calendar"]')).to.equal(null);
    expect(toggle(second).getAttribute('aria-pressed')).to.equal('true');
    localStorage.removeItem(REMINDERS_KEY);
    reminderStore.setState({ byId: recordTable<number>() });
  });

  it('a card half on screen for a second makes one sf-impression, from the schedule', async () => {
    newPageView();
    const el = await fixture<SfSchedule>(html`<sf-schedule limit="1" lang="en" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0" no-countdown></sf-schedule>`);
    await settled(el);
    const [card] = cards(el);
    const seen: SfImpressionDetail[] = [];
    el.addEventListener('sf-impression', (event) => {
      expect(event.target, 'dispatched by the schedule').to.equal(el);
      seen.push(event.detail);
    });
    await waitUntil(() => seen.length > 0, 'no impression', { timeout: 5000 });
    expect(seen).to.have.length(1);
    expect(seen[0]).to.include({ kind: 'broadcast', id: card!.broadcast.broadcastId, broadcastId: card!.broadcast.broadcastId });
    // Drawn again (a refresh): the same card is not counted twice in a page view.
    await el.refresh();
    await el.updateComplete;
    expect(seen).to.have.length(1);
  });

  it('"more" from the keyboard moves focus to the first new card', async () => {
    const el = await fixture<SfSchedule>(html`<sf-schedule type="all" limit="2" lang="en" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0"></sf-schedule>`);
    await settled(el);
    expect(cards(el)).to.have.length(2);
    root(el).querySelector<HTMLButtonElement>('[part="more"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cards(el).length === 4, 'two more cards', { timeout: 5000 });
    await waitUntil(() => root(el).activeElement === cards(el)[2]!.li.querySelector('.card'), 'focus on the third card', { timeout: 5000 });
  });

  it('a reminder set elsewhere (another card, another tab) shows on every day of the schedule', async () => {
    localStorage.removeItem(REMINDERS_KEY);
    reminderStore.setState({ byId: recordTable<number>() });
    const el = await fixture<SfSchedule>(html`<sf-schedule limit="20" lang="en" partner-id="mobidoo" api-base=${standinApiBase()} refresh-interval="0"></sf-schedule>`);
    await settled(el);
    // The last remindable card of the last day: days are drawn again only when something of theirs changed.
    const days = [...root(el).querySelectorAll('section[part~="group"]')];
    expect(days.length, 'several days').to.be.greaterThan(1);
    const last = [...days.at(-1)!.querySelectorAll<HTMLElement>('li[data-broadcast-id]')].filter((li) => li.querySelector('[part~="remind"]')).at(-1)!;
    const id = last.getAttribute('data-broadcast-id')!;
    setReminder(id, true, Date.now() + 86_400_000);
    await el.updateComplete;
    expect(last.querySelector('[part~="remind"]')!.getAttribute('aria-pressed')).to.equal('true');
    setReminder(id, false, 0);
    await el.updateComplete;
    expect(last.querySelector('[part~="remind"]')!.getAttribute('aria-pressed')).to.equal('false');
    localStorage.removeItem(REMINDERS_KEY);
  });
});
