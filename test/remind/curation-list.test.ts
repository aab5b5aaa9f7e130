/**
 * <sf-curation-list> against the stand-in: the public curations in the partner's order with picture, name
 * and counts; paging by "more" (focus moves to the first new one); opening one shows its broadcasts (an
 * <sf-schedule curation-id>) and can be cancelled by the shop; the error state retries; keyboard and
 * 320 px; nothing jumps when the rail arrives; hostile data stays text.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/curation-list/curation-list.js';
import type { SfCurationList } from '../../src/elements/curation-list/curation-list.component.js';
import { curationFixtures } from '../../demo/standin/fixtures.js';
import { clearFaults, resetStandin, setFault, setFixtureMode, standinApiBase, standinOrigin } from '../support/standin-control.js';
import { armTrap, trapped } from '../support/hostile.js';

async function list(attrs: { limit?: string; lang?: string; width?: string } = {}) {
  return fixture<SfCurationList>(html`<sf-curation-list style="width: ${attrs.width ?? '640px'}" partner-id="mobidoo" api-base=${standinApiBase()}
    limit=${attrs.limit ?? '10'} lang=${attrs.lang ?? 'ko'}></sf-curation-list>`);
}
const root = (el: SfCurationList) => el.shadowRoot!;
const tiles = (el: SfCurationList) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~="curation"]')];
const settled = (el: SfCurationList) => waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'rail settled', { timeout: 8000 });

describe('<sf-curation-list>', () => {
  beforeEach(() => resetStandin());
  afterEach(async () => {
    await clearFaults();
    await setFixtureMode('normal');
  });

  it('shows the public curations in order, with picture, name and live / replay counts; nothing moves when they arrive', async () => {
    const el = await list();
    expect(root(el).querySelector('[aria-busy="true"]'), 'skeleton first').to.not.equal(null);
    const before = el.getBoundingClientRect().height;
    await settled(el);
    const expected = curationFixtures(standinOrigin()).filter((c) => c.isPublic).sort((a, b) => a.ord - b.ord);
    const names = tiles(el).map((tile) => tile.querySelector('[part~="name"]')!.textContent!.trim());
    expect(names).to.deep.equal(expected.map((c) => c.curationName));
    const first = tiles(el)[0]!;
    expect(first.querySelector('img')!.getAttribute('src')).to.equal(expected[0]!.imageUrl);
    expect(first.querySelector('[part~="counts"]')!.textContent).to.include(`라이브 ${expected[0]!.liveCount}`);
    expect(el.getBoundingClientRect().height, 'same height before and after').to.equal(before);
    await expect(el).to.be.accessible();
  });

  it('pages with "more"; keyboard focus continues from the first new curation', async () => {
    const el = await list({ limit: '2', lang: 'en' });
    await settled(el);
    expect(tiles(el)).to.have.length(2);
    const more = root(el).querySelector<HTMLButtonElement>('[part~="more"]')!;
    expect(more.textContent!.trim()).to.equal('More curations');
    more.focus();
    more.click();
    await waitUntil(() => tiles(el).length > 2, 'second page', { timeout: 5000 });
    await waitUntil(() => root(el).activeElement === tiles(el)[2], 'focus on the first new one', { timeout: 2000 });
    while (root(el).querySelector('[part~="more"]')) {
      root(el).querySelector<HTMLButtonElement>('[part~="more"]')!.click();
      await waitUntil(() => !root(el).querySelector('[part~="more"][disabled]'), 'page loaded', { timeout: 5000 });
    }
    expect(tiles(el)).to.have.length(4, 'the private one is never shown');
  });

  it('opening a curation shows its broadcasts; pressing it again closes them', async () => {
    const el = await list();
    await settled(el);
    const selected: string[] = [];
    el.addEventListener('sf-curation-select', (e) => selected.push(e.detail.curation.curationId));
    const tile = tiles(el)[1]!;
    tile.click();
    await waitUntil(() => root(el).querySelector('sf-schedule'), 'panel opened', { timeout: 5000 });
    const schedule = root(el).querySelector('sf-schedule')!;
    const id = curationFixtures(standinOrigin()).filter((c) => c.isPublic)[1]!.curationId;
    expect(selected).to.deep.equal([id]);
    expect(schedule.getAttribute('curation-id')).to.equal(id);
    expect(tile.getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => schedule.shadowRoot?.querySelector('li[data-broadcast-id]'), 'broadcasts shown', { timeout: 8000 });
    tile.click();
    await el.updateComplete;
    expect(root(el).querySelector('sf-schedule')).to.equal(null);
    expect(tile.getAttribute('aria-expanded')).to.equal('false');
  });

  it('a shop that cancels sf-curation-select opens it its own way: nothing opens here', async () => {
    const el = await list();
    await settled(el);
    el.addEventListener('sf-curation-select', (e) => e.preventDefault());
    tiles(el)[0]!.click();
    await el.updateComplete;
    expect(root(el).querySelector('[part~="panel"]')).to.equal(null);
    expect(tiles(el)[0]!.getAttribute('aria-expanded')).to.equal('false');
  });

  it('an error says so and retries', async () => {
    await setFault({ route: 'curation.list', kind: 'error500' });
    const errors = console.error;
    console.error = () => {};
    try {
      const el = await list();
      await waitUntil(() => root(el).querySelector('[role="alert"]'), 'error state', { timeout: 8000 });
      await clearFaults();
      root(el).querySelector<HTMLButtonElement>('[part~="retry"]')!.click();
      await settled(el);
      await waitUntil(() => tiles(el).length > 0, 'loaded after retry', { timeout: 5000 });
    } finally {
      console.error = errors;
    }
  });

  it('is reachable by keyboard, fits 320 px and scrolls its rail', async () => {
    const el = await list({ width: '320px' });
    await settled(el);
    const rail = root(el).querySelector<HTMLElement>('[part~="rail"]')!;
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    expect(rail.scrollWidth, 'more curations than fit: the rail scrolls').to.be.greaterThan(rail.clientWidth);
    expect(document.documentElement.scrollWidth).to.be.at.most(window.innerWidth);
    for (const tile of tiles(el)) expect(tile.tabIndex).to.equal(0);
    tiles(el).at(-1)!.focus();
    await waitUntil(() => rail.scrollLeft > 0, 'focus brought the last curation into view', { timeout: 2000 });
  });

  it('hostile curation data stays text, with no picture from an unsafe URL', async () => {
    armTrap();
    await setFixtureMode('hostile');
    const errors = console.error;
    const warn = console.warn;
    console.error = () => {};
    console.warn = () => {};
    try {
      const el = await list({ limit: '50' });
      await waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'settled', { timeout: 8000 });
      for (const img of root(el).querySelectorAll('img')) expect(img.getAttribute('src')).to.match(/^https?:\/\//);
      expect(root(el).querySelector('script, iframe, svg, object, embed')).to.equal(null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(trapped()).to.deep.equal([]);
    } finally {
      console.error = errors;
      console.warn = warn;
    }
  });
});
