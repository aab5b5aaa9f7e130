/**
 * The player never stalls silently: a media error the video reports (and hls.js only logs) ends in
 * recovery, a fallback to native HLS, or the error state with a message, a retry and `sf-error`.
 * Provoked without a CSP: a refused MediaSource is a blob: URL that leads nowhere (what a `media-src`
 * without `blob:` does to it), a decoder failure is the video's own `error` event.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/preview-player/preview-player.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import { initialize, teardown, type Playback, type PlaybackError } from '../../src/player/engine.js';
import { engine, nativeHls } from '../support/capabilities.js';
import { fastRetries, partOf, playsPast, streamUrl, videoOf } from './support.js';

/** Every MediaSource object URL made while `fn` runs points at nothing: the video refuses it (code 4). */
function refuseMediaSource(): () => void {
  const original = URL.createObjectURL;
  URL.createObjectURL = (object: Blob | MediaSource) =>
    object instanceof Blob ? original.call(URL, object) : `blob:${location.origin}/00000000-0000-4000-8000-000000000000`;
  return () => {
    URL.createObjectURL = original;
  };
}

describe(`player media errors (${engine})`, function () {
  this.timeout(20_000);
  let restoreTiming: () => void;
  let restoreMse: (() => void) | undefined;
  let playback: Playback | undefined;
  let video: HTMLVideoElement | undefined;

  beforeEach(() => {
    restoreTiming = fastRetries();
  });
  afterEach(() => {
    restoreMse?.();
    restoreMse = undefined;
    teardown(playback);
    playback = undefined;
    video?.remove();
    video = undefined;
    restoreTiming();
    fixtureCleanup();
  });

  (nativeHls ? it : it.skip)('auto, MediaSource refused: falls back to native HLS and plays', async () => {
    restoreMse = refuseMediaSource();
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:160px" autoplay src=${streamUrl('mse-refused')}></sf-preview-player>`);
    await playsPast(videoOf(el), 0.3);
    expect(el.activeEngine).to.equal('native');
    expect(el.state).to.equal('playing');
  });

  it('MediaSource refused and no native HLS to fall back on (engine=hlsjs): error state, message, retry, sf-error', async () => {
    restoreMse = refuseMediaSource();
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:160px" lang="en" engine="hlsjs" src=${streamUrl('mse-refused-hlsjs')}></sf-preview-player>`);
    const failed = oneEvent(el, 'sf-error');
    void el.play();
    const { detail } = await failed;
    expect(detail).to.include({ kind: 'unsupported', details: 'mediaSourceRefused', engine: 'hlsjs' });
    await waitUntil(() => el.state === 'error', `state stayed ${el.state}`);
    await el.updateComplete;
    expect(partOf(el, 'message')!.getAttribute('role')).to.equal('alert');
    expect(partOf(el, 'message')!.textContent!.trim()).to.not.equal('');
    const retry = partOf(el, 'retry-button') as HTMLButtonElement;
    expect(retry).to.exist;
    // The page's MediaSource works again: the retry plays.
    restoreMse();
    restoreMse = undefined;
    retry.click();
    await playsPast(videoOf(el), 0.3);
    expect(el.state).to.equal('playing');
  });

  it('hls.js playing: errors the video reports itself are recovered, then reported once', async () => {
    video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const fatal: PlaybackError[] = [];
    playback = initialize(video, { src: streamUrl('video-error'), engine: 'hlsjs', onFatal: (error) => fatal.push(error) });
    await playback.ready;
    await video.play();
    await playsPast(video, 0.3);
    const recoveries = playback.recoveries;
    video.dispatchEvent(new Event('error'));
    expect(playback.recoveries, 'the first video error starts a media recovery').to.equal(recoveries + 1);
    video.dispatchEvent(new Event('error'));
    video.dispatchEvent(new Event('error'));
    await waitUntil(() => fatal.length > 0, 'repeated video errors were never reported');
    expect(fatal).to.have.length(1);
    expect(fatal[0]).to.include({ kind: 'media', engine: 'hlsjs' });
  });
});
