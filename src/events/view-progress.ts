/**
 * How far a shopper has watched (src/player/progress.ts). A recording (VOD): `start`, then
 * `progress` at 25, 50 and 75 %, then `complete` — each once per stream per page view. A live
 * stream: `start`, then a `heartbeat` every `heartbeatSeconds` of watching (30 by default) and a
 * last one when watching stops (pause, end, leaving the page), each with the watch time since the
 * previous one, so the sum of `watchedSeconds` is the time watched.
 */
export interface SfViewProgressDetail {
  milestone: 'start' | 'progress' | 'complete' | 'heartbeat';
  /** 25, 50 or 75 for `progress`; 100 for `complete`; 0 for `start`; absent for live. */
  percent?: number;
  live: boolean;
  /** The playlist being watched. */
  src: string;
  broadcastId: string | undefined;
  /** The broadcast's name, when the player knows the broadcast. */
  title: string | undefined;
  /** Position in the stream (s). */
  currentTime: number;
  /** Length of a recording (s); absent for live. */
  duration?: number;
  /** Seconds watched since the previous event of this stream (heartbeats), or in total (`complete`). */
  watchedSeconds: number;
  /** Playing without sound (a muted autoplay preview, say). */
  muted: boolean;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-view-progress': SfViewProgressDetail;
  }
}
