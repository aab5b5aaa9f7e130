/**
 * `sf-view-progress` from a real `<sf-preview-player>` playing the stand-in's streams: a recording's
 * milestones in order, each once, at the positions they name; a live stream's heartbeats adding up
 * to the time it was really watched.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/preview-player/preview-player.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import type { SfViewProgressDetail } from '../../src/events/view-progress.js';
import { progressTiming } from '../../src/player/progress.js';
import { liveStreamUrl } from '../support/standin-control.js';
import { playsPast, streamUrl, videoOf } from './support.js';

const label = (d: SfViewProgressDetail) => (d.milestone === 'progress' ? `progress ${d.percent}` : d.milestone);

function collect(el: EventTarget): SfViewProgressDetail[] {
  const seen: SfViewProgressDetail[] = [];
  el.addEventListener('sf-view-progress', (event) => seen.push((event as CustomEvent<SfViewProgressDetail>).detail));
  return seen;
}

describe('sf-view-progress', function () {
  this.timeout(30_000);
  const saved = { ...progressTiming };
  afterEach(() => {
    Object.assign(progressTiming, saved);
    fixtureCleanup();
  });

  it('a recording: start, 25, 50, 75 %, complete, in order, once each, at the positions they name', async () => {
    const src = streamUrl('progress');
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:240px" muted src=${src} lang="en"></sf-preview-player>`);
    const seen = collect(document);
    const started = performance.now();
    await el.play();
    const video = videoOf(el);
    // Played at normal speed: WebKitGTK unmutes a video whose playbackRate changes (a volumechange to
    // muted=false), and `muted` is reported as the video really is.
    await waitUntil(() => seen.some((d) => d.milestone === 'complete'), `complete (seen: ${seen.map(label).join(', ')})`, { timeout: 20_000, interval: 50 });
    const wall = (performance.now() - started) / 1000;
    expect(seen.map(label)).to.deep.equal(['start', 'progress 25', 'progress 50', 'progress 75', 'complete']);
    const duration = video.duration;
    for (const detail of seen) {
      expect(detail, label(detail)).to.include({ src, live: false, muted: true });
      expect(detail.duration).to.be.closeTo(duration, 0.1);
      if (detail.milestone === 'progress') expect(detail.currentTime, `${detail.percent} %`).to.be.at.least((duration * detail.percent!) / 100 - 0.1);
    }
    const positions = seen.map((d) => d.currentTime);
    expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
    // Never more than the wall time it took.
    const complete = seen.at(-1)!;
    expect(complete.watchedSeconds).to.be.greaterThan(0);
    expect(complete.watchedSeconds).to.be.at.most(wall + 0.1);

    // Played again on this page: nothing is counted twice.
    video.currentTime = 0;
    await el.play();
    await playsPast(video, 1);
    expect(seen).to.have.length(5);
  });

  it('live: start, then heartbeats whose watch times add up to the time watched, the remainder on pause', async () => {
    progressTiming.heartbeatSeconds = 1;
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:240px" muted src=${liveStreamUrl({ seconds: 60 })} lang="en"></sf-preview-player>`);
    const seen = collect(el);
    await el.play();
    await waitUntil(() => el.state === 'playing', 'playing');
    await waitUntil(() => seen.filter((d) => d.milestone === 'heartbeat').length >= 3, `three heartbeats (seen: ${seen.map(label).join(', ')})`, { timeout: 15_000, interval: 50 });
    // Watch a little more than the half-second a remainder needs to be reported, then pause: 0.7 s of the
    // wall clock the tracker counts by, seen in the player's own samples (a live stream's media clock may jump).
    const video = videoOf(el);
    const beatAt = performance.now();
    let sampledAt = beatAt;
    const onSample = () => (sampledAt = performance.now());
    video.addEventListener('timeupdate', onSample);
    await waitUntil(() => sampledAt > beatAt + 700 && !video.paused, 'played on past the third heartbeat', { timeout: 5_000, interval: 20 });
    video.removeEventListener('timeupdate', onSample);
    el.pause();
    // What was watched, by the stream's own clock (at normal speed): from the start event to the pause.
    const watched = video.currentTime - seen[0]!.currentTime;
    await waitUntil(() => el.state === 'paused');
    // The remainder comes with the video's own pause event, which WebKit fires a task after the element says paused.
    await waitUntil(() => seen.filter((d) => d.milestone === 'heartbeat').length >= 4, `the remainder on pause (seen: ${seen.map(label).join(', ')})`, { timeout: 3_000, interval: 20 });
    expect(seen[0]!.milestone).to.equal('start');
    expect(seen.every((d) => d.live && d.percent === undefined && d.duration === undefined)).to.equal(true);
    const beats = seen.filter((d) => d.milestone === 'heartbeat');
    expect(beats.length).to.be.at.least(4, 'three, and the remainder on pause');
    const total = beats.reduce((sum, d) => sum + d.watchedSeconds, 0);
    // timeupdate comes every 250 ms or so: the sum is the time watched to within a sample or two.
    expect(total, `${total} s in heartbeats, ${watched.toFixed(2)} s watched`).to.be.closeTo(watched, 0.8);
  });
});
