import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/schedule/schedule.js';
import type { SfSchedule } from '../../src/elements/schedule/schedule.component.js';
import { scheduleCards } from '../support/schedule-cards.js';
import { resetStandin, standinState } from '../support/standin-control.js';
import { scheduleSourceEndpoint, smartstream } from '../support/other-standins.js';

/** `<sf-schedule source>`: the list comes from the backend's SmartSTREAM source (against its stand-in), not sauceFlex. */
async function schedule(attrs: { source?: string; limit?: string; lang?: string } = {}, style = '') {
  return fixture<SfSchedule>(html`<sf-schedule style=${style} source=${attrs.source ?? scheduleSourceEndpoint()} limit=${attrs.limit ?? '10'}
    layout="list" lang=${attrs.lang ?? 'ko'} refresh-interval="0"></sf-schedule>`);
}

const root = (el: SfSchedule) => el.shadowRoot!;
const cards = scheduleCards;
const settled = (el: SfSchedule) => waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'schedule settled', { timeout: 8000 });
const scheduleCalls = (counts: Record<string, number | undefined>) =>
  Object.entries(counts).filter(([route]) => route.startsWith('broadcast')).reduce((sum, [, n]) => sum + (n ?? 0), 0);

describe('<sf-schedule source> (SmartSTREAM through the backend)', () => {
  beforeEach(async () => {
    await Promise.all([smartstream.reset(), resetStandin()]);
  });
  afterEach(() => smartstream.reset());

  it('shows the SmartSTREAM events as broadcasts: the one on air as LIVE, the rest upcoming, at 320 px, without asking sauceFlex', async () => {
    const el = await schedule({ limit: '20' }, 'display:block;width:320px');
    await settled(el);
    const list = cards(el);
    expect(list.length).to.equal(6);
    const names = list.map((card) => card.broadcast.broadcastName);
    expect(names).to.include('오늘의 라이브 특가: 겨울 니트');
    expect(names, 'ended events are left out').to.not.include('어제의 가전 라이브');
    const live = list.find((card) => card.broadcast.broadcastStateCode === 'onair')!;
    expect(live.li.querySelector('[part="badge"]')!.textContent!.trim()).to.equal('LIVE');
    const thumb = live.li.querySelector('img');
    expect(thumb?.getAttribute('src') ?? '').to.match(/^http:\/\/127\.0\.0\.1:\d+\/images\/preview_[0-9a-f]{32}_image\.svg$/);
    expect(el.scrollWidth, 'no horizontal overflow at 320 px').to.be.at.most(el.clientWidth + 1);
    expect(scheduleCalls((await standinState()).counts as Record<string, number>), 'sauceFlex was not asked').to.equal(0);
    expect((await smartstream.requests()).requests.length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('"more" pages through the source with its nextKey', async () => {
    const el = await schedule({ limit: '2' });
    await settled(el);
    expect(cards(el).length).to.equal(2);
    for (const wanted of [4, 6]) {
      root(el).querySelector<HTMLButtonElement>('[part="more"]')!.click();
      await waitUntil(() => cards(el).length === wanted, `${wanted} cards`);
    }
    await waitUntil(() => !root(el).querySelector('[part="more"]'), 'no more after the last page');
    const ids = cards(el).map((card) => card.broadcast.broadcastId);
    expect(new Set(ids).size).to.equal(6);
    const pages = (await smartstream.requests()).requests.map((r) => r.query.page);
    expect(pages).to.include.members(['1', '2', '3']);
  });

  it('SmartSTREAM refusing: the error state with a retry that recovers, in English', async () => {
    await smartstream.setFault({ kind: 'unauthorized' });
    const el = await schedule({ lang: 'en' });
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'error shown', { timeout: 8000 });
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.match(/could not|couldn’t|try again/i);
    expect(cards(el).length).to.equal(0);
    await smartstream.reset();
    root(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await waitUntil(() => cards(el).length === 6, 'loaded after retry', { timeout: 8000 });
    await expect(el).to.be.accessible();
  });

  it('a source that is not an http(s) URL is a configuration message, and nothing is fetched', async () => {
    const el = await schedule({ source: 'javascript:alert(1)' });
    await el.updateComplete;
    const alert = root(el).querySelector('[role="alert"]');
    expect(alert?.textContent ?? '').to.contain('source');
    expect((await smartstream.requests()).requests.length).to.equal(0);
  });

  it('hostile events render as text and never run', async () => {
    let trapped = 0;
    (window as unknown as { __sfTrap: () => void }).__sfTrap = () => void trapped++;
    await smartstream.setFault({ kind: 'hostile' });
    // A limit no other test asks for: the backend lets browsers cache a source page for 15 s.
    const el = await schedule({ limit: '19' });
    await settled(el);
    const list = cards(el);
    expect(list.length).to.equal(2);
    const title = list.map((card) => card.li.querySelector('[part="title"]')!.textContent!).join('|');
    expect(title).to.contain('<img src=x onerror=');
    for (const card of list) {
      for (const img of card.li.querySelectorAll('img')) expect(img.getAttribute('src') ?? '').to.not.match(/^(javascript|data):/);
    }
    await new Promise(requestAnimationFrame);
    expect(trapped).to.equal(0);
  });
});
