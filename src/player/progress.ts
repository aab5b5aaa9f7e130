/**
 * How far a shopper watched, for `sf-view-progress`: a small module fed with samples (position,
 * length, live or not, playing or not, the wall clock), so any player can use it — the preview
 * player feeds it from `timeupdate`, a live player from its own clock. No DOM, no timers.
 *
 * A recording (VOD): `start` at the first playing sample, `progress` at 25, 50 and 75 % (every
 * quarter reached, also by seeking), `complete` at the end (the `ended` event, or a looping video
 * wrapping round from its last tenth). A live stream: `start`, then a `heartbeat` for each
 * `heartbeatSeconds` watched and one for the remainder on `stop()`. Watch time is wall-clock time
 * between playing samples (a gap over `maxGapSeconds` — a frozen tab — counts as that much only).
 * Each milestone of a stream is reported once per page view, however many players or loops show it.
 */
import type { SfViewProgressDetail } from '../events/view-progress.js';
import { onNewPageView } from '../shared/page-view.js';

export interface ProgressSample {
  currentTime: number;
  /** Length (s); NaN or Infinity while unknown or for live. */
  duration: number;
  live: boolean;
  playing: boolean;
  /** Wall clock (ms). */
  now: number;
}

export type ProgressReport = Pick<SfViewProgressDetail, 'milestone' | 'percent' | 'live' | 'currentTime' | 'duration' | 'watchedSeconds'>;

export interface ProgressOptions {
  heartbeatSeconds?: number;
  maxGapSeconds?: number;
}

/** Defaults for every tracker made from now on (a test shortens the heartbeat). */
export const progressTiming = { heartbeatSeconds: 30, maxGapSeconds: 5 };

const QUARTERS = [25, 50, 75] as const;
/** Milestones reported on this page view, by stream. */
const reported = new Set<string>();
// A single-page app's route change is a new page view (shared/page-view.ts): milestones are reported again.
onNewPageView(() => reported.clear());

export class ViewProgress {
  private readonly heartbeat: number;
  private readonly maxGap: number;
  private lastNow?: number;
  private lastTime = 0;
  /** Watched since the last heartbeat (live), and in all (VOD). */
  private pending = 0;
  private total = 0;
  private live = false;

  constructor(
    /** The stream (its URL): what "once per page view" is counted by. */
    private readonly key: string,
    private readonly report: (report: ProgressReport) => void,
    options: ProgressOptions = {},
  ) {
    this.heartbeat = Math.max(0.5, options.heartbeatSeconds ?? progressTiming.heartbeatSeconds);
    this.maxGap = options.maxGapSeconds ?? progressTiming.maxGapSeconds;
  }

  /** A new position (from `timeupdate`, `playing`, `pause`, …). */
  update(sample: ProgressSample): void {
    if (!Number.isFinite(sample.currentTime) || !Number.isFinite(sample.now)) return;
    const duration = sample.live || !(sample.duration > 0) || !Number.isFinite(sample.duration) ? undefined : sample.duration;
    this.live = sample.live;
    if (sample.playing && this.lastNow !== undefined) {
      const watched = Math.min(Math.max(0, (sample.now - this.lastNow) / 1000), this.maxGap);
      this.pending += watched;
      this.total += watched;
    }
    this.lastNow = sample.playing ? sample.now : undefined;
    if (!sample.playing) return;
    this.once('start', 0, sample, duration);
    if (sample.live) {
      if (this.pending >= this.heartbeat) this.flush(sample.currentTime);
    } else if (duration) {
      // A loop starting over from its last tenth is a complete view.
      if (this.lastTime > duration * 0.9 && sample.currentTime < duration * 0.1) this.complete(this.lastTime, duration);
      const percent = (sample.currentTime / duration) * 100;
      for (const quarter of QUARTERS) if (percent >= quarter) this.once('progress', quarter, sample, duration);
    }
    this.lastTime = sample.currentTime;
  }

  /** The media ended (a recording played to its end). */
  ended(currentTime: number, duration: number): void {
    this.lastNow = undefined;
    if (this.live) this.flush(currentTime);
    else if (duration > 0 && Number.isFinite(duration)) this.complete(currentTime, duration);
  }

  /** Watching stopped (pause, unload, the page hidden): a live stream reports the remainder. */
  stop(currentTime = this.lastTime): void {
    this.lastNow = undefined;
    if (this.live && this.pending > 0.5) this.flush(currentTime);
  }

  private complete(currentTime: number, duration: number): void {
    for (const quarter of QUARTERS) this.once('progress', quarter, { currentTime, live: false }, duration);
    this.once('complete', 100, { currentTime, live: false }, duration);
  }

  private flush(currentTime: number): void {
    const watchedSeconds = round(this.pending);
    this.pending = 0;
    this.report({ milestone: 'heartbeat', live: true, currentTime: round(currentTime), watchedSeconds });
  }

  private once(milestone: 'start' | 'progress' | 'complete', percent: number, sample: Pick<ProgressSample, 'currentTime' | 'live'>, duration: number | undefined): void {
    const id = `${this.key}\n${milestone}${percent}`;
    if (reported.has(id)) return;
    reported.add(id);
    const report: ProgressReport = { milestone, live: sample.live, currentTime: round(sample.currentTime), watchedSeconds: round(this.total) };
    if (!sample.live) report.percent = percent;
    if (duration !== undefined) report.duration = round(duration);
    this.report(report);
  }
}


const round = (seconds: number) => Math.round(seconds * 10) / 10;
