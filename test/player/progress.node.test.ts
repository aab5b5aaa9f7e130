/**
 * The view-progress tracker (src/player/progress.ts) fed with samples as a player would feed it:
 * a recording's milestones in order and once each, seeking, a loop's wrap as a complete view, and a
 * live stream's heartbeats whose watch times add up to the time really watched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ViewProgress, type ProgressReport } from '../../src/player/progress.js';
import { newPageView } from '../../src/shared/page-view.js';

let stream = 0;
function tracker(options = {}) {
  const reports: ProgressReport[] = [];
  const key = `https://cdn.example/${++stream}.m3u8`;
  return { reports, key, progress: new ViewProgress(key, (report) => reports.push(report), options) };
}
const label = (r: ProgressReport) => (r.milestone === 'progress' ? `progress ${r.percent}` : r.milestone);

test('a recording played through: start, 25, 50, 75 %, complete, each once, with the time watched', () => {
  const { reports, progress } = tracker();
  // timeupdate every 250 ms of a 40 s recording, played from 0 to the end.
  for (let t = 0; t <= 40; t += 0.25) progress.update({ currentTime: t, duration: 40, live: false, playing: true, now: 1_000 + t * 1000 });
  progress.ended(40, 40);
  progress.ended(40, 40);
  assert.deepEqual(reports.map(label), ['start', 'progress 25', 'progress 50', 'progress 75', 'complete']);
  assert.deepEqual(reports.map((r) => r.percent), [0, 25, 50, 75, 100]);
  assert.equal(reports[1]!.currentTime, 10);
  assert.equal(reports[4]!.watchedSeconds, 40);
  assert.ok(reports.every((r) => r.duration === 40 && r.live === false));
});

test('nothing before playing, paused time is not watched, and a seek reports every quarter it passes', () => {
  const { reports, progress } = tracker();
  progress.update({ currentTime: 0, duration: 100, live: false, playing: false, now: 0 });
  const none: ProgressReport[] = [];
  assert.deepEqual(reports, none, 'loaded but not playing is not a start');
  progress.update({ currentTime: 0, duration: 100, live: false, playing: true, now: 0 });
  progress.update({ currentTime: 5, duration: 100, live: false, playing: true, now: 5_000 });
  progress.stop(5); // paused for a minute
  progress.update({ currentTime: 5, duration: 100, live: false, playing: true, now: 65_000 });
  progress.update({ currentTime: 60, duration: 100, live: false, playing: true, now: 65_500 }); // seek to 60 %
  assert.deepEqual(reports.map(label), ['start', 'progress 25', 'progress 50']);
  progress.ended(100, 100);
  assert.equal(reports.at(-1)!.milestone, 'complete');
  assert.equal(reports.at(-1)!.watchedSeconds, 5.5, 'the paused minute is not counted');
});

test('a looping preview that wraps from its last tenth is complete once; a second player of the same stream on the page repeats nothing', () => {
  const { reports, progress, key } = tracker();
  for (let loop = 0; loop < 3; loop++) {
    for (let t = 0; t < 10; t += 0.5) progress.update({ currentTime: t, duration: 10, live: false, playing: true, now: loop * 10_000 + t * 1000 });
  }
  assert.deepEqual(reports.map(label), ['start', 'progress 25', 'progress 50', 'progress 75', 'complete']);

  const again: ProgressReport[] = [];
  const second = new ViewProgress(key, (r) => again.push(r));
  for (let t = 0; t < 10; t += 0.5) second.update({ currentTime: t, duration: 10, live: false, playing: true, now: t * 1000 });
  second.ended(10, 10);
  assert.equal(again.length, 0, 'once per stream per page view');
  newPageView();
  const third = new ViewProgress(key, (r) => again.push(r));
  third.update({ currentTime: 0, duration: 10, live: false, playing: true, now: 0 });
  assert.deepEqual(again.map(label), ['start'], 'a new page view (an SPA route change) counts again');
});

test('live: start, a heartbeat per 30 s watched, the remainder on stop; the heartbeats add up to the time watched', () => {
  const { reports, progress } = tracker();
  let now = 0;
  let position = 1000;
  const tick = (seconds: number, playing = true) => {
    for (let i = 0; i < seconds * 4; i++) {
      now += 250;
      position += playing ? 0.25 : 0;
      progress.update({ currentTime: position, duration: Number.POSITIVE_INFINITY, live: true, playing, now });
    }
  };
  tick(70);
  progress.stop();
  tick(20, false); // paused: nothing counts
  tick(12);
  progress.stop();
  assert.deepEqual(reports.map(label), ['start', 'heartbeat', 'heartbeat', 'heartbeat', 'heartbeat']);
  assert.ok(reports.every((r) => r.live && r.percent === undefined && r.duration === undefined));
  const beats = reports.filter((r) => r.milestone === 'heartbeat').map((r) => r.watchedSeconds);
  assert.deepEqual(beats.slice(0, 2), [30, 30]);
  const total = beats.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - (70 + 12)) <= 0.6, `heartbeats sum to ${total} s, watched 82 s`);
});

test('a frozen tab counts as at most the gap limit, and bad samples are ignored without throwing', () => {
  const { reports, progress } = tracker({ heartbeatSeconds: 10, maxGapSeconds: 5 });
  progress.update({ currentTime: 0, duration: Number.NaN, live: true, playing: true, now: 0 });
  progress.update({ currentTime: 1, duration: Number.NaN, live: true, playing: true, now: 600_000 }); // ten minutes frozen
  progress.update({ currentTime: Number.NaN, duration: 1, live: false, playing: true, now: 600_100 });
  progress.update({ currentTime: 2, duration: -1, live: true, playing: true, now: Number.NaN });
  progress.stop();
  assert.deepEqual(reports.map(label), ['start', 'heartbeat']);
  assert.equal(reports[1]!.watchedSeconds, 5);
});
