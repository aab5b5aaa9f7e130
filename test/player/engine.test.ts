import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import Hls, { ErrorDetails, ErrorTypes, Events, type ErrorData } from 'hls.js/light';
import {
  chooseEngine,
  detectEnvironment,
  initialize,
  teardown,
  type MediaEnvironment,
  type Playback,
  type PlaybackError,
} from '../../src/player/engine.js';
import { clearFaults, setFault } from '../support/standin-control.js';
import { hlsInstancesAlive, hlsRequestsPending } from './hls-probe.js';
import { fastRetries, playsPast, requestsFor, roomForResourceTimings, streamUrl } from './support.js';
import { engine, itWhereMseReattachWhilePlaying, itWithNativeHls } from '../support/capabilities.js';

const safari: MediaEnvironment = { nativeHls: true, mse: true, appleWebKit: true };
const iPhoneWithoutMse: MediaEnvironment = { nativeHls: true, mse: false, appleWebKit: true };
const chromium: MediaEnvironment = { nativeHls: true, mse: true, appleWebKit: false };
const firefox: MediaEnvironment = { nativeHls: false, mse: true, appleWebKit: false };
const oldAndroidWebView: MediaEnvironment = { nativeHls: true, mse: false, appleWebKit: false };
const nothing: MediaEnvironment = { nativeHls: false, mse: false, appleWebKit: false };

describe('player engine: choice', () => {
  it('auto: native on Apple WebKit, hls.js wherever MSE exists (Chromium too, native as its fallback), native without MSE', () => {
    expect(chooseEngine('auto', safari).engine).to.equal('native');
    expect(chooseEngine('auto', iPhoneWithoutMse).engine).to.equal('native');
    expect(chooseEngine('auto', chromium)).to.include({ engine: 'hlsjs', fallback: 'native' });
    expect(chooseEngine('auto', firefox)).to.include({ engine: 'hlsjs' });
    expect(chooseEngine('auto', firefox).fallback).to.equal(undefined);
    expect(chooseEngine('auto', oldAndroidWebView).engine).to.equal('native');
    expect(chooseEngine('auto', nothing).engine).to.equal(undefined);
    expect(chooseEngine('something-else', chromium).engine, 'an unknown value means auto').to.equal('hlsjs');
    for (const env of [safari, chromium, firefox]) expect(chooseEngine('auto', env).reason).to.be.a('string').and.not.empty;
  });

  it('forced engines are honoured where they can work, and refused (with a reason) where they cannot', () => {
    expect(chooseEngine('hlsjs', safari).engine).to.equal('hlsjs');
    expect(chooseEngine('native', chromium).engine).to.equal('native');
    expect(chooseEngine('hlsjs', iPhoneWithoutMse).engine).to.equal(undefined);
    expect(chooseEngine('native', firefox)).to.include({ engine: undefined });
    expect(chooseEngine('native', firefox).reason).to.contain('cannot play HLS');
  });

  // What each engine here was measured to have (shared/TOOLCHAIN.md): WebKitGTK says it is Apple's
  // WebKit but has no native HLS, so auto must still pick hls.js there, as in Chromium and Firefox.
  const measured: Record<typeof engine, MediaEnvironment> = {
    chromium: { nativeHls: true, mse: true, appleWebKit: false },
    firefox: { nativeHls: false, mse: true, appleWebKit: false },
    webkit: { nativeHls: false, mse: true, appleWebKit: true },
  };
  it(`this ${engine} is detected as measured (${JSON.stringify(measured[engine])}), and so gets hls.js under auto`, () => {
    const env = detectEnvironment();
    expect(env).to.deep.equal(measured[engine]);
    expect(chooseEngine('auto', env).engine).to.equal('hlsjs');
  });
});

describe('player engine: playback and recovery', function () {
  this.timeout(20_000);
  let video: HTMLVideoElement;
  let playback: Playback | undefined;
  let restore: () => void;
  const fatal: PlaybackError[] = [];

  before(roomForResourceTimings);
  beforeEach(() => {
    video = document.createElement('video');
    video.muted = true;
    video.style.width = '160px';
    document.body.append(video);
    fatal.length = 0;
    restore = fastRetries();
  });
  afterEach(async () => {
    teardown(playback);
    playback = undefined;
    video.remove();
    restore();
    await clearFaults();
  });

  /** Segments are cached by the browser (the stand-in says max-age=300): each request here goes to the stand-in. */
  let nth = 0;
  const uncached = (xhr: XMLHttpRequest, url: string) => xhr.open('GET', `${url}${url.includes('?') ? '&' : '?'}n=${++nth}`, true);

  function start(src: string, engine: 'hlsjs' | 'native' = 'hlsjs'): Playback {
    playback = initialize(video, { src, engine, hlsConfig: { xhrSetup: uncached }, onFatal: (error) => fatal.push(error) });
    return playback;
  }

  it('suspended, fetches the manifest only; resumed, loads and plays', async () => {
    const src = streamUrl('suspend');
    const p = start(src);
    p.suspend();
    await p.ready;
    const hls = p.hls!;
    await new Promise((resolve) => hls.once(Events.MANIFEST_PARSED, resolve));
    await aTimeout(200);
    expect(requestsFor('/media/preview/init.mp4').filter((e) => e.startTime > performance.now() - 300)).to.have.length(0);
    expect(hlsRequestsPending()).to.equal(0);
    p.resume();
    await video.play();
    await playsPast(video, 0.3);
    expect(fatal).to.deep.equal([]);
  });

  it('a segment that fails (HTTP 500) is retried with backoff and playback goes on', async () => {
    const src = streamUrl('segment-fault');
    const p = start(src);
    p.suspend();
    await p.ready;
    const hls = p.hls!;
    await new Promise((resolve) => hls.once(Events.MANIFEST_PARSED, resolve));
    const segmentErrors: ErrorData[] = [];
    hls.on(Events.ERROR, (_event, data) => {
      if (data.details === ErrorDetails.FRAG_LOAD_ERROR) segmentErrors.push(data);
    });
    await setFault({ route: 'media', kind: 'error500' });
    p.resume();
    await waitUntil(() => segmentErrors.length > 0, 'no segment failed');
    await clearFaults();
    await video.play();
    await playsPast(video, 0.5);
    expect(segmentErrors[0]!.response?.code).to.equal(500);
    expect(fatal).to.deep.equal([]);
  });

  it('segments failing past hls.js’s own retries: the engine restarts loading after a backoff', async () => {
    const src = streamUrl('segment-fatal');
    const p = start(src);
    p.suspend();
    await p.ready;
    const hls = p.hls!;
    await new Promise((resolve) => hls.once(Events.MANIFEST_PARSED, resolve));
    let fatalSegmentErrors = 0;
    hls.on(Events.ERROR, (_event, data) => {
      if (data.fatal && data.details === ErrorDetails.FRAG_LOAD_ERROR) fatalSegmentErrors++;
    });
    await setFault({ route: 'media', kind: 'error500' });
    p.resume();
    await waitUntil(() => fatalSegmentErrors > 0, 'hls.js did not give up on the segment');
    await clearFaults();
    await video.play();
    await playsPast(video, 0.5);
    expect(p.recoveries).to.be.greaterThan(0);
    expect(fatal).to.deep.equal([]);
  });

  /** Counts recoverMediaError and swapAudioCodec calls on a playback's hls.js, in order. */
  function countRecoveries(hls: Hls): string[] {
    const calls: string[] = [];
    const recover = hls.recoverMediaError.bind(hls);
    const swap = hls.swapAudioCodec.bind(hls);
    hls.recoverMediaError = () => {
      calls.push('recoverMediaError');
      recover();
    };
    hls.swapAudioCodec = () => {
      calls.push('swapAudioCodec');
      swap();
    };
    return calls;
  }
  const mediaError = { type: ErrorTypes.MEDIA_ERROR, details: ErrorDetails.BUFFER_APPEND_ERROR, fatal: true, error: new Error('test: decode failed') } as ErrorData;

  it('media errors before playback: recoverMediaError first, then swapAudioCodec + recoverMediaError, then fatal', async () => {
    const p = start(streamUrl('media-error-early'));
    p.suspend();
    await p.ready;
    const hls: Hls = p.hls!;
    await new Promise((resolve) => hls.once(Events.MANIFEST_PARSED, resolve));
    const calls = countRecoveries(hls);

    hls.trigger(Events.ERROR, mediaError);
    expect(calls).to.deep.equal(['recoverMediaError']);
    hls.trigger(Events.ERROR, mediaError);
    expect(calls).to.deep.equal(['recoverMediaError', 'swapAudioCodec', 'recoverMediaError']);
    hls.trigger(Events.ERROR, mediaError);
    expect(calls).to.have.length(3);
    await waitUntil(() => fatal.length > 0, 'the third media error was not reported');
    expect(fatal).to.have.length(1);
    expect(fatal[0]).to.include({ kind: 'media', details: 'bufferAppendError', engine: 'hlsjs' });
  });

  itWhereMseReattachWhilePlaying('media errors while playing: recovered, playback resumes; then swapAudioCodec + recoverMediaError, then fatal', async () => {
    const p = start(streamUrl('media-error'));
    await p.ready;
    await video.play();
    await playsPast(video, 0.3);
    const calls = countRecoveries(p.hls!);
    const hls: Hls = p.hls!;

    hls.trigger(Events.ERROR, mediaError);
    expect(calls).to.deep.equal(['recoverMediaError']);
    // Recovered: the engine put loading and playback back by itself.
    await waitUntil(() => video.readyState >= 3 && !video.paused, 'playback did not resume after recoverMediaError', { timeout: 8_000, interval: 50 });
    const at = video.currentTime;
    await playsPast(video, at + 0.3);

    hls.trigger(Events.ERROR, mediaError);
    expect(calls).to.deep.equal(['recoverMediaError', 'swapAudioCodec', 'recoverMediaError']);

    hls.trigger(Events.ERROR, mediaError);
    expect(calls).to.have.length(3);
    await waitUntil(() => fatal.length > 0, 'the third media error was not reported');
    expect(fatal).to.have.length(1);
    expect(fatal[0]).to.include({ kind: 'media', details: 'bufferAppendError', engine: 'hlsjs' });
  });

  it('teardown destroys hls.js, aborts its requests and empties the video', async () => {
    const before = hlsInstancesAlive();
    const p = start(streamUrl('teardown'));
    await p.ready;
    expect(hlsInstancesAlive()).to.equal(before + 1);
    teardown(p);
    teardown(p); // twice is harmless
    expect(hlsInstancesAlive()).to.equal(before);
    expect(hlsRequestsPending()).to.equal(0);
    expect(video.hasAttribute('src')).to.equal(false);
    expect(video.networkState).to.not.equal(HTMLMediaElement.NETWORK_LOADING);
    expect(video.readyState).to.equal(HTMLMediaElement.HAVE_NOTHING);
    expect(p.closed).to.equal(true);
  });

  it('torn down while hls.js is still being imported: nothing is created, nothing is fetched', async () => {
    const src = streamUrl('early');
    const before = hlsInstancesAlive();
    const p = start(src);
    teardown(p);
    await p.ready;
    await aTimeout(100);
    expect(p.hls).to.equal(undefined);
    expect(hlsInstancesAlive()).to.equal(before);
    expect(requestsFor(src)).to.have.length(0);
  });

  itWithNativeHls('native: plays, and a failing manifest is retried then reported once', async () => {
    const src = streamUrl('native-fault');
    await setFault({ route: 'media', kind: 'error500' });
    const p = start(src, 'native');
    await waitUntil(() => fatal.length > 0, 'no fatal error reported');
    await aTimeout(300);
    expect(fatal).to.have.length(1);
    expect(fatal[0]!.engine).to.equal('native');
    expect(p.recoveries).to.equal(2);
    expect(requestsFor(src).length).to.be.greaterThan(1);
    teardown(p);
    await clearFaults();

    const ok = start(streamUrl('native-ok'), 'native');
    await ok.ready;
    await video.play();
    await playsPast(video, 0.3);
    expect(ok.engine).to.equal('native');
    expect(ok.hls).to.equal(undefined);
  });
});
