/**
 * <sf-broadcast-stats> against the real backend and the stand-in's analysis routes: the partner's staff
 * (the demo login stands in for the shop's staff session) sees totals formatted with Intl, viewers by age,
 * one chart per chosen metric with a table to read instead; a shopper without the right sees why; a missing
 * option names the attribute; the skeleton holds the space; nothing from the API reaches markup.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/broadcast-stats/broadcast-stats.js';
import type { SfBroadcastStats } from '../../src/elements/broadcast-stats/broadcast-stats.component.js';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import { standinOrigin } from '../support/standin-control.js';

interface TestEnv {
  statsEndpoint: string;
}
const env = (window as unknown as { __SF_TEST__: TestEnv }).__SF_TEST__;
const MEMBER_COOKIE = 'sf_demo_member';
const signIn = () => (document.cookie = `${MEMBER_COOKIE}=staff-1; path=/`);
const signOut = () => (document.cookie = `${MEMBER_COOKIE}=; path=/; max-age=0`);

const ended = () => broadcastFixtures(Date.now(), standinOrigin()).find((b) => b.broadcastStateCode === 'vod' && b.broadcastEndDt)!;
const root = (el: SfBroadcastStats) => el.shadowRoot!;
const loaded = (el: SfBroadcastStats) => waitUntil(() => !root(el).querySelector('[aria-busy="true"]'), 'stats never left the skeleton', { timeout: 8_000 });

async function stats(attrs: { broadcastId?: string; endpoint?: string; lang?: string; metrics?: string } = {}) {
  return fixture<SfBroadcastStats>(html`<sf-broadcast-stats
    style="width: 640px"
    broadcast-id=${attrs.broadcastId ?? ended().broadcastId}
    stats-endpoint=${attrs.endpoint ?? env.statsEndpoint}
    lang=${attrs.lang ?? 'ko'}
    metrics=${attrs.metrics ?? 'uniqueVisitor likeCount productClickCount orderCount'}
  ></sf-broadcast-stats>`);
}

describe('<sf-broadcast-stats>', function () {
  this.timeout(15_000);
  afterEach(signOut);

  it('shows the partner’s staff the totals, viewers by age and one chart per metric, each with a table', async () => {
    signIn();
    const el = await stats();
    const skeletonHeight = el.getBoundingClientRect().height;
    expect(root(el).querySelector('[aria-busy="true"]')).to.not.equal(null);
    await loaded(el);
    const totals = [...root(el).querySelectorAll('[part="total"]')].map((t) => [t.querySelector('dt')!.textContent, t.querySelector('dd')!.textContent]);
    expect(totals.map(([label]) => label)).to.deep.equal(['시청자', '조회수', '총 시청 시간', '평균 시청 시간', '좋아요', '채팅', '상품 클릭', '주문']);
    const viewers = totals[0]![1]!;
    // Grouped with Intl (a believable broadcast has thousands of viewers).
    expect(viewers).to.match(/^\d{1,3}(,\d{3})*$/);
    expect(Number(viewers.replace(/,/g, ''))).to.be.greaterThan(0);
    expect(root(el).querySelectorAll('[part="ages"] li')).to.have.length(7);
    const charts = root(el).querySelectorAll('[part="chart"]');
    expect(charts).to.have.length(4);
    const rows = charts[0]!.querySelectorAll('tbody tr');
    expect(rows.length).to.be.greaterThan(2);
    // The picture is for eyes; the table carries the same numbers for everyone.
    expect(charts[0]!.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    expect(charts[0]!.querySelector('polyline')!.getAttribute('points')!.split(' ')).to.have.length(rows.length);
    // Content and skeleton share a floor: the page below does not jump up when figures arrive.
    expect(el.getBoundingClientRect().height).to.be.at.least(skeletonHeight - 1);
    await expect(el).to.be.accessible();
  });

  it('in English, with the metrics asked for', async () => {
    signIn();
    const el = await stats({ lang: 'en', metrics: 'pageView chatCount bogus' });
    await loaded(el);
    const captions = [...root(el).querySelectorAll('figcaption span:first-child')].map((c) => c.textContent);
    expect(captions).to.deep.equal(['Views', 'Chats']);
    expect(root(el).querySelector('summary')!.textContent).to.equal('Show as a table');
  });

  it('a shopper without the right sees why, with a retry', async () => {
    signOut();
    const el = await stats({ lang: 'en' });
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'no message', { timeout: 8_000 });
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('You may not see these stats.');
    expect(root(el).querySelector('button.retry')).to.not.equal(null);
  });

  it('without stats-endpoint, says which attribute to set; without broadcast-id, stays a quiet placeholder', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const el = await fixture<SfBroadcastStats>(html`<sf-broadcast-stats broadcast-id="lkmobidoo-x" lang="en"></sf-broadcast-stats>`);
      expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('stats-endpoint');
      expect(errors.join('\n')).to.contain('"stats-endpoint"');
      const placeholder = await fixture<SfBroadcastStats>(html`<sf-broadcast-stats stats-endpoint=${env.statsEndpoint}></sf-broadcast-stats>`);
      expect(root(placeholder).querySelector('[aria-busy="true"]')).to.not.equal(null);
    } finally {
      console.error = original;
    }
  });

  it('an upcoming broadcast with nothing counted yet says so', async () => {
    signIn();
    const soon = broadcastFixtures(Date.now(), standinOrigin()).find((b) => !b.broadcastStartDt && b.broadcastStateCode !== 'cancel')!;
    const el = await stats({ broadcastId: soon.broadcastId });
    await loaded(el);
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('아직 집계된 통계가 없습니다.');
  });
});
