/**
 * Under a strict `style-src` (no 'unsafe-inline'), what our elements size at run time goes through the
 * CSSOM, which CSP leaves alone; a `style` attribute (Lit's attribute binding, or `styleMap`'s first
 * render) would be refused. The README promises the elements need no `style-src`. This page turns
 * such a policy on (a `<meta>` applies from its insertion on) before any element renders.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/broadcast-stats/broadcast-stats.js';
import '../../src/elements/live-player/live-player.js';
import type { SfBroadcastStats } from '../../src/elements/broadcast-stats/broadcast-stats.component.js';
import type { SfLivePlayer } from '../../src/elements/live-player/live-player.component.js';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import { standinOrigin } from '../support/standin-control.js';

const env = (window as unknown as { __SF_TEST__: { statsEndpoint: string } }).__SF_TEST__;
const refused: string[] = [];

describe('inline styles under a strict style-src', function () {
  this.timeout(15_000);
  before(() => {
    addEventListener('securitypolicyviolation', (event) => refused.push(`${event.effectiveDirective}: ${(event.composedPath()[0] as Element)?.localName ?? '?'} ${event.sample}`));
    const meta = Object.assign(document.createElement('meta'), { httpEquiv: 'Content-Security-Policy', content: "style-src 'self'" });
    document.head.append(meta);
  });
  after(() => (document.cookie = 'sf_demo_member=; path=/; max-age=0'));

  it('the stats draw their bars, and nothing is refused', async () => {
    document.cookie = 'sf_demo_member=staff-1; path=/';
    const broadcast = broadcastFixtures(Date.now(), standinOrigin()).find((b) => b.broadcastStateCode === 'vod' && b.broadcastEndDt)!;
    const el = await fixture<SfBroadcastStats>(html`<sf-broadcast-stats broadcast-id=${broadcast.broadcastId} stats-endpoint=${env.statsEndpoint} lang="en"></sf-broadcast-stats>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.bar span'), 'the age bars', { timeout: 8_000 });
    const widths = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.bar span')].map((bar) => bar.getBoundingClientRect().width);
    expect(widths.some((width) => width > 0), `bars drawn (${widths.join(', ')})`).to.equal(true);
    expect(refused).to.deep.equal([]);
  });

  it('the live player takes its floating-width, and nothing is refused', async () => {
    const el = await fixture<SfLivePlayer>(html`<sf-live-player floating-width="15rem"></sf-live-player>`);
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part~="base"]')!;
    expect(getComputedStyle(base).getPropertyValue('--sf-floating-width').trim()).to.equal('15rem');
    expect(refused).to.deep.equal([]);
  });
});
