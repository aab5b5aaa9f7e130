/** Players created and removed at every stage leave nothing behind: no hls.js, no request, no timer at work. */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/preview-player/preview-player.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import { hlsInstancesAlive, hlsRequestsPending } from './hls-probe.js';
import { nativeHls } from '../support/capabilities.js';
import { requestsFor, roomForResourceTimings, streamUrl, videoOf } from './support.js';

const CYCLES = 50;

describe('<sf-preview-player> create/remove cycles', function () {
  this.timeout(60_000);
  before(roomForResourceTimings);

  it(`${CYCLES} create/remove cycles leave no live hls.js instance, no pending request, no request after removal`, async () => {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const removed: HTMLVideoElement[] = [];
    for (let i = 0; i < CYCLES; i++) {
      const phase = i % 10;
      const el = document.createElement('sf-preview-player') as SfPreviewPlayer;
      el.autoplay = true;
      // Phases 8 and 9 play natively where the engine can (Chromium); elsewhere they are two more hls.js cycles.
      const native = nativeHls && (phase === 8 || phase === 9);
      el.engine = native ? 'native' : 'hlsjs';
      el.src = streamUrl(`cycle-${i}`);
      el.style.width = '160px';
      container.append(el);
      // Removed at every stage: at once; rendered; hls.js on its way; a request in flight; playing.
      if (phase >= 1) await el.updateComplete;
      if (phase === 2 || phase === 3) await waitUntil(() => el.state !== 'idle', 'never started loading');
      if (phase === 4 || phase === 5) await waitUntil(() => hlsRequestsPending() > 0 || el.state === 'playing', 'no request started');
      if (phase === 6 || phase === 7 || phase === 9) await waitUntil(() => el.state === 'playing', 'never played', { timeout: 8_000 });
      if (phase === 8 && native) await waitUntil(() => videoOf(el).networkState === HTMLMediaElement.NETWORK_LOADING || el.state === 'playing');
      if (phase === 8 && !native) await waitUntil(() => hlsRequestsPending() > 0 || el.state === 'playing', 'no request started');
      el.remove();
      await null; // the removal is confirmed a microtask later (a move within the page is not a removal)
      await null;
      expect(hlsInstancesAlive(), `cycle ${i} (phase ${phase}) left hls.js alive`).to.equal(0);
      expect(hlsRequestsPending(), `cycle ${i} (phase ${phase}) left a request in flight`).to.equal(0);
      await el.updateComplete;
      removed.push(videoOf(el));
    }
    for (const video of removed) {
      expect(video.hasAttribute('src')).to.equal(false);
      expect(video.readyState).to.equal(HTMLMediaElement.HAVE_NOTHING);
    }
    // Then a quiet window: no request may start after every player is gone.
    await aTimeout(100);
    const settled = requestsFor('/media/preview/').length;
    await aTimeout(600);
    expect(requestsFor('/media/preview/').length, 'a request was made after removal').to.equal(settled);
    expect(hlsInstancesAlive()).to.equal(0);
  });
});
