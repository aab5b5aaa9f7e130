/**
 * A live stream that ends shows an ended state: the stand-in's live playlist (/media/live/, a
 * sliding window over the preview's segments) closes with #EXT-X-ENDLIST after a few reloads; the
 * player, which learnt the stream was live, plays to the end, says `sf-ended {live: true}` and shows
 * "the live broadcast has ended" without a replay button (a live broadcast cannot be replayed here).
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/preview-player/preview-player.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import { hlsInstancesAlive } from './hls-probe.js';
import { playerMsg } from '../../src/i18n/player.js';
import { clearFaults, liveStreamUrl } from '../support/standin-control.js';
import { partOf, videoOf } from './support.js';
import { itWithNativeHls } from '../support/capabilities.js';

const WIDTH = 160;

describe('<sf-preview-player> and a live stream that ends', function () {
  this.timeout(30_000);

  afterEach(async () => {
    fixtureCleanup();
    await clearFaults();
  });

  for (const engine of ['hlsjs', 'native'] as const) {
    (engine === 'native' ? itWithNativeHls : it)(`${engine}: plays the live stream, then shows the ended state with sf-ended {live: true}`, async () => {
      const src = liveStreamUrl({ reloads: 3 });
      const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" autoplay engine=${engine} src=${src} lang="en"></sf-preview-player>`);
      const ended = oneEvent(el, 'sf-ended');
      await oneEvent(el, 'sf-play');
      // While it plays, the stream is live: the badge says so.
      await waitUntil(() => partOf(el, 'badge') !== null, 'no LIVE badge while the live stream played', { timeout: 8_000, interval: 50 });
      const { detail } = await ended;
      expect(detail).to.deep.equal({ src, live: true });
      await waitUntil(() => el.state === 'ended', `state stayed ${el.state}`, { timeout: 2_000, interval: 25 });
      expect(el.getAttribute('state')).to.equal('ended');
      expect(videoOf(el).ended).to.equal(true);
      const message = partOf(el, 'message')!;
      expect(message.getAttribute('role')).to.equal('status');
      expect(message.textContent).to.contain(playerMsg('en', 'player.liveEnded'));
      expect(partOf(el, 'replay-button'), 'a live broadcast is not replayed').to.equal(null);
      expect(partOf(el, 'badge'), 'no LIVE badge once it ended').to.equal(null);
      await expect(el).to.be.accessible();
      el.remove();
      await waitUntil(() => hlsInstancesAlive() === 0, 'hls.js left alive');
    });
  }
});
