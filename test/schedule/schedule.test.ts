import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/schedule/schedule.js';
import '../../src/elements/config/config.js';
import { SfSchedule } from '../../src/elements/schedule/schedule.component.js';
import { scheduleCards } from '../support/schedule-cards.js';
import { clearFaults, resetStandin, setFault, standinApiBase, standinState } from '../support/standin-control.js';

type Attrs = Partial<Record<'type' | 'limit' | 'layout' | 'lang' | 'search' | 'curation-id' | 'refresh-interval', string>>;

async function schedule(attrs: Attrs = {}, style = '') {
  const el = await fixture<SfSchedule>(html`<sf-schedule style=${style} partner-id="mobidoo" api-base=${standinApiBase()}
    type=${attrs.type ?? 'upcoming'} limit=${attrs.limit ?? '10'} layout=${attrs.layout ?? 'list'} lang=${attrs.lang ?? 'ko'}
    search=${attrs.search ?? ''} curation-id=${attrs['curation-id'] ?? ''} refresh-interval=${attrs['refresh-interval'] ?? '0'}></sf-schedule>`);
  return el;
}

const root = (el: SfSchedule) => el.shadowRoot!;
const cards = scheduleCards;
const settled = (el: SfSchedule) => waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'schedule settled', { timeout: 8000 });

describe('<sf-schedule>', () => {
  beforeEach(async () => {
    await resetStandin();
  });
  afterEach(() => clearFaults());

  it('shows upcoming broadcasts grouped by day, soonest first, with a countdown', async () => {
    const el = await schedule({ limit: '20' });
    expect(root(el).querySelector('[aria-busy="true"]'), 'skeleton while loading').to.not.equal(null);
    await settled(el);
    const list = cards(el);
    expect(list.length).to.be.greaterThan(3);
    const starts = list.map((card) => Date.parse(card.broadcast.programmingStartDt));
    expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
    expect(starts.every((start) => start > Date.now() - 60_000)).to.equal(true);
    const days = [...root(el).querySelectorAll('[part="day"]')].map((d) => d.textContent!.trim());
    expect(days.length).to.be.greaterThan(1);
    expect(days).to.include('내일');
    expect(root(el).querySelector('sf-countdown')).to.not.equal(null);
    const states = list.map((card) => card.broadcast.broadcastStateCode);
    expect(states).to.not.include('rehearsal');
    expect(states).to.not.include('rehearsalonair');
    await expect(el).to.be.accessible();
  });

  it('speaks English with lang="en"', async () => {
    const el = await schedule({ lang: 'en', limit: '20' });
    await settled(el);
    const days = [...root(el).querySelectorAll('[part="day"]')].map((d) => d.textContent!.trim());
    expect(days).to.include('Tomorrow');
    const badge = cards(el)[0]!.li.querySelector('[part="badge"]')!.textContent!.trim();
    expect(badge).to.equal('Upcoming');
  });

  it('type="live" fills `limit` by paging on, since the API pages before the live filter', async () => {
    const all = await schedule({ type: 'live', limit: '50' });
    await settled(all);
    const total = cards(all).length;
    expect(total, 'the stand-in has more live broadcasts than the limit below').to.be.greaterThan(3);
    const el = await schedule({ type: 'live', limit: '3' });
    await settled(el);
    expect(cards(el).length).to.equal(3);
    const more = root(el).querySelector<HTMLButtonElement>('[part="more"]');
    if (more) {
      more.click();
      await waitUntil(() => cards(el).length > 3, 'more added');
      expect(cards(el).length).to.equal(Math.min(6, total));
    }
  });

  it('type="live" shows only what is on air; type="vod" replays', async () => {
    const live = await schedule({ type: 'live', limit: '50' });
    await settled(live);
    const liveStates = cards(live).map((c) => c.broadcast.broadcastStateCode);
    expect(liveStates.length).to.be.greaterThan(0);
    expect(liveStates.every((s) => s === 'onair' || s === 'warning' || s === 'error')).to.equal(true);
    const vod = await schedule({ type: 'vod', limit: '50' });
    await settled(vod);
    expect(cards(vod).length).to.be.greaterThan(0);
    expect(cards(vod).every((c) => c.broadcast.broadcastTypeCode === 'vod')).to.equal(true);
  });

  it('pages through nextKey with "more" until everything is shown, without duplicates', async () => {
    const el = await schedule({ type: 'all', limit: '5' });
    await settled(el);
    expect(cards(el).length).to.be.at.most(5);
    let guard = 0;
    for (let more = root(el).querySelector<HTMLButtonElement>('[part="more"]'); more; more = root(el).querySelector('[part="more"]')) {
      more.click();
      await el.updateComplete;
      await waitUntil(() => !root(el).querySelector('[part="more"][aria-busy="true"]'), 'more loaded');
      await el.updateComplete;
      if (++guard > 20) throw new Error('paging does not end');
    }
    const ids = cards(el).map((c) => c.broadcast.broadcastId);
    expect(new Set(ids).size).to.equal(ids.length);
    const { counts } = await standinState();
    expect(counts['broadcast.latest']).to.equal(guard + 1);
    expect(ids.length).to.be.greaterThan(10);
  });

  it('searches with search="…" and says when nothing matches', async () => {
    const el = await schedule({ type: 'all', limit: '50', search: 'zzz-없는-검색어' });
    await settled(el);
    expect(root(el).querySelector('[part="status"]')!.textContent).to.include('zzz-없는-검색어');
    expect(cards(el).length).to.equal(0);
  });

  it('refreshes in place: same card elements, scroll position kept', async () => {
    const el = await schedule({ type: 'all', limit: '30' }, 'display:block; height: 300px; overflow: auto');
    await settled(el);
    const before = cards(el);
    el.scrollTop = 400;
    const scrolled = el.scrollTop;
    expect(scrolled).to.be.greaterThan(0);
    await el.refresh();
    await el.updateComplete;
    const after = cards(el);
    expect(after.length).to.equal(before.length);
    expect(after.every((card, i) => card.li === before[i]!.li), 'cards reused, not re-created').to.equal(true);
    expect(el.scrollTop).to.equal(scrolled);
    expect(root(el).querySelector('[aria-busy="true"]'), 'no skeleton on refresh').to.equal(null);
    const { counts } = await standinState();
    expect(counts['broadcast.latest']).to.equal(2);
  });

  it('a failed refresh keeps what is shown', async () => {
    const el = await schedule({ type: 'all', limit: '10' });
    await settled(el);
    const count = cards(el).length;
    await setFault({ route: 'broadcast.latest', kind: 'error500' });
    await el.refresh();
    await el.updateComplete;
    expect(cards(el).length).to.equal(count);
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
  });

  for (const kind of ['error500', 'malformed', 'html502'] as const) {
    it(`shows an error with a working retry when the API answers ${kind}`, async () => {
      await setFault({ route: 'broadcast.schedule', kind });
      const el = await schedule();
      await settled(el);
      const alert = root(el).querySelector('[role="alert"]');
      expect(alert, 'error state').to.not.equal(null);
      await expect(el).to.be.accessible();
      await clearFaults();
      root(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => cards(el).length > 0 && !root(el).querySelector('[aria-busy="true"]'), 'content after retry');
      expect(root(el).querySelector('[role="alert"]')).to.equal(null);
    });
  }

  it('waits through a slow answer with the skeleton, then shows content', async () => {
    await setFault({ route: 'broadcast.schedule', kind: 'delay', delayMs: 600, times: 1 });
    const el = await schedule();
    // Rendered, and the answer is still 600 ms away: the skeleton is what shows.
    expect(root(el).querySelector('[aria-busy="true"]')).to.not.equal(null);
    await settled(el);
    expect(cards(el).length).to.be.greaterThan(0);
  });

  it('keeps the height the page reserved before it was defined while the skeleton shows', async () => {
    await setFault({ route: 'broadcast.schedule', kind: 'delay', delayMs: 600, times: 1 });
    // Laid out by the page's rule while undefined, then defined (as the autoloader does): a tag of its own, since
    // <sf-schedule> is defined in this file's page already.
    const box = document.createElement('div');
    box.innerHTML = `<style>sf-schedule-reserved:not(:defined) { display: block; min-height: 900px; }</style>
      <sf-schedule-reserved partner-id="mobidoo" api-base="${standinApiBase()}" type="upcoming" limit="1" layout="list" refresh-interval="0"></sf-schedule-reserved>`;
    document.body.append(box);
    try {
      const el = box.querySelector('sf-schedule-reserved') as SfSchedule;
      expect(el.getBoundingClientRect().height).to.equal(900);
      customElements.define('sf-schedule-reserved', class extends SfSchedule {});
      await el.updateComplete;
      // One card's skeleton is far shorter than 900 px: the box stays as the page reserved it.
      expect(root(el).querySelector('[aria-busy="true"]'), 'the skeleton shows').to.not.equal(null);
      expect(el.getBoundingClientRect().height).to.equal(900);
      await settled(el);
      expect(cards(el).length).to.equal(1);
    } finally {
      box.remove();
    }
  });

  it('shows a curation by curation-id', async () => {
    const curations = await fetch(`${standinApiBase()}/front/curation/mobidoo?returnLimit=10`).then((r) => r.json());
    const curationId = curations.response.items[0].curationId as string;
    const el = await schedule({ 'curation-id': curationId, limit: '20' });
    await settled(el);
    expect(cards(el).length).to.be.greaterThan(0);
    const { counts } = await standinState();
    expect(counts['curation.detail']).to.equal(1);
  });

  it('names the missing attribute when the partner id is missing', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await fixture<SfSchedule>(html`<sf-schedule api-base=${standinApiBase()}></sf-schedule>`);
      expect(root(el).querySelector('[role="alert"]')!.textContent).to.include('partner-id');
    } finally {
      console.error = original;
    }
    expect(errors.some((line) => line.includes('partner-id'))).to.equal(true);
  });

  it('takes its settings from <sf-config> and lets its own attributes win', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <sf-config partner-id="mobidoo" api-base=${standinApiBase()} lang="en"></sf-config>
      <sf-schedule limit="3" refresh-interval="0"></sf-schedule>
      <sf-schedule limit="3" refresh-interval="0" lang="ko"></sf-schedule>
    </div>`);
    const [english, korean] = [...wrapper.querySelectorAll('sf-schedule')] as SfSchedule[];
    await settled(english!);
    await settled(korean!);
    expect(cards(english!)[0]!.li.querySelector('[part="badge"]')!.textContent!.trim()).to.equal('Upcoming');
    expect(cards(korean!)[0]!.li.querySelector('[part="badge"]')!.textContent!.trim()).to.equal('방송 예정');
    wrapper.querySelector('sf-config')!.remove();
  });

  it('stops its timers when removed', async () => {
    const el = await schedule({ 'refresh-interval': '5' });
    await settled(el);
    el.remove();
    expect((el as unknown as { refreshTimer?: unknown }).refreshTimer).to.equal(undefined);
  });
});
