/**
 * hls.js is its own chunk, fetched the first time a player needs to play: not when the element is
 * defined, not for a player that waits off-screen or is never asked to play, not for native playback.
 * (Its own file: a test page that has loaded the chunk once cannot see it being loaded again.)
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/preview-player/preview-player.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import { nativeHls } from '../support/capabilities.js';
import { playsPast, requestsFor, roomForResourceTimings, streamUrl, videoOf } from './support.js';

const hlsChunkRequests = () => requestsFor('hls.js/dist/hls.');
/** hls.js instances alive in these players, read from each player's engine session (./hls-probe.ts would import hls.js up front). */
const hlsInstancesAlive = (...players: SfPreviewPlayer[]) =>
  players.filter((player) => (player as unknown as { playback?: { hls?: unknown } }).playback?.hls !== undefined).length;

describe('hls.js chunk loading', function () {
  this.timeout(20_000);
  before(roomForResourceTimings);

  it('is not requested before a player needs to play, then exactly once', async () => {
    expect(hlsChunkRequests(), 'requested by merely defining the element').to.have.length(0);
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <sf-preview-player id="still" style="width:160px" engine="hlsjs" src=${streamUrl('still')}></sf-preview-player>
      <sf-preview-player id="native" style="width:160px" autoplay engine="native" src=${streamUrl('native')}></sf-preview-player>
      <div style="height:${window.innerHeight * 3}px"></div>
      <sf-preview-player id="below" style="width:160px" autoplay engine="hlsjs" src=${streamUrl('below')}></sf-preview-player>
      <div style="height:${window.innerHeight}px"></div>
    </div>`);
    const [still, native, below] = ['still', 'native', 'below'].map((id) => wrapper.querySelector<SfPreviewPlayer>(`#${id}`)!);

    // The native player really plays (or, in an engine without native HLS, gives up without hls.js);
    // the others wait: one off-screen, one never asked. Then a quiet moment in which nothing may load.
    if (nativeHls) await playsPast(videoOf(native!), 0.3);
    else await waitUntil(() => native!.state === 'error', 'engine=native without native HLS did not fail');
    await aTimeout(200);
    expect(still!.state).to.equal('idle');
    expect(below!.state).to.equal('idle');
    expect(hlsChunkRequests(), 'requested before any hls.js player needed to play').to.have.length(0);
    expect(hlsInstancesAlive(still!, native!, below!)).to.equal(0);

    below!.scrollIntoView();
    await playsPast(videoOf(below!), 0.3);
    expect(hlsChunkRequests()).to.have.length(1);

    // A second player reuses the chunk already loaded.
    window.scrollTo(0, 0);
    await still!.play();
    await playsPast(videoOf(still!), 0.3);
    await waitUntil(() => hlsInstancesAlive(still!, native!, below!) >= 1);
    expect(hlsChunkRequests()).to.have.length(1);
  });
});
