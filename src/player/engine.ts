/**
 * The playback engine behind `<sf-preview-player>`: a plain module with paired `initialize()` /
 * `teardown()` (the shape of Mux's playback-core), so the element stays thin.
 *
 * - hls.js is imported on demand (load-hls.ts), the first time a player needs to play.
 * - The engine is chosen once per source: `auto`, `hlsjs` or `native` (see `chooseEngine`).
 * - Network errors are retried with exponential backoff and jitter, first by hls.js's own load
 *   policies (per request), then here (the whole load restarted) a few times; media errors are
 *   recovered with `recoverMediaError()`, then `swapAudioCodec()` + `recoverMediaError()`; what is
 *   left is reported once through `onFatal`.
 * - `teardown()` stops loading, detaches and destroys hls.js, removes every listener and timer and
 *   empties the video element, so no request leaves after it.
 *
 * Why the light build of hls.js: a preview is one H.264/AAC rendition (fMP4 or MPEG-TS), VOD or
 * live, muted by default. The light build keeps exactly that (playlists, ABR, fMP4 passthrough, the
 * TS transmuxer for H.264/AAC, live, content steering) and leaves out what a preview never uses:
 * subtitles and captions, alternate audio renditions, EME/DRM, CMCD, interstitials, I-frame
 * playlists, variable substitution, HEVC/AC-3 inside MPEG-TS. It is about 35% smaller.
 */
import type Hls from 'hls.js';
import type { ErrorData, HlsConfig, LoadPolicy } from 'hls.js';
import { loadHls } from './load-hls.js';
import { backoffDelay } from '../api/backoff.js';

/** What the `engine` attribute accepts. */
export const ENGINE_PREFERENCES = { auto: 'auto', hlsjs: 'hlsjs', native: 'native' } as const;
export type EnginePreference = (typeof ENGINE_PREFERENCES)[keyof typeof ENGINE_PREFERENCES];
export type EngineKind = 'hlsjs' | 'native';

/** Timings and limits; tests shorten them, benchmarks read them. */
export const playerTiming = {
  /** First engine-level retry after this long; doubles each time (with ±25% jitter). */
  retryBaseMs: 1_000,
  /** Ceiling of one backoff step. */
  retryMaxMs: 8_000,
  /** Engine-level restarts after hls.js (or the browser) gave up on a network error. */
  networkRetries: 3,
  /** Per-request retries inside hls.js (manifest, playlist, segment). */
  loaderRetries: 2,
  /** A second media error within this window escalates: recover → swap codec → fatal. */
  mediaErrorWindowMs: 3_000,
  /** Media recoveries in one session, whatever their spacing, before giving up. */
  maxMediaRecoveries: 4,
};

/** What failed, for the element's error state and `sf-error`. */
export interface PlaybackError {
  kind: 'network' | 'media' | 'unsupported' | 'other';
  message: string;
  /** hls.js error details (e.g. `manifestLoadError`) or the MediaError code name. */
  details?: string;
  engine?: EngineKind;
}

export interface PlaybackOptions {
  /** The m3u8 URL (already checked: http(s) only). */
  src: string;
  engine?: EnginePreference;
  /** Load hls.js from this ES module URL instead of the bundled chunk (`hls-src`). */
  hlsSrc?: string;
  /** Extra hls.js settings, over the preview defaults (`autoStartLoad` stays the engine's). */
  hlsConfig?: Partial<HlsConfig>;
  /** Called once when playback cannot go on (the session is finished; tear it down). */
  onFatal(error: PlaybackError): void;
  /** Called when the engine learns whether the stream is live (once false, then possibly once true; never back). */
  onLive?(live: boolean): void;
  /** Called when the engine starts an automatic recovery (for logs and tests). */
  onRecover?(what: 'network' | 'media' | 'swap-audio-codec', details: string): void;
}

/** The environment facts the engine choice depends on (injectable for tests). */
export interface MediaEnvironment {
  /** `canPlayType('application/vnd.apple.mpegurl')` answers maybe/probably. */
  nativeHls: boolean;
  /** MediaSource (or ManagedMediaSource) takes H.264/AAC in fMP4. */
  mse: boolean;
  /** WebKit on Apple platforms: Safari, and every browser on iOS/iPadOS. */
  appleWebKit: boolean;
}

export interface EngineChoice {
  engine: EngineKind | undefined;
  /** Why, in one sentence, for logs and the docs. */
  reason: string;
  /** Under `auto`: what to use if the first choice cannot start (hls.js failed to load). */
  fallback?: EngineKind;
}

export function detectEnvironment(video: HTMLMediaElement = document.createElement('video')): MediaEnvironment {
  const g = globalThis as unknown as { ManagedMediaSource?: typeof MediaSource; MediaSource?: typeof MediaSource; WebKitMediaSource?: typeof MediaSource };
  const Source = g.ManagedMediaSource ?? g.MediaSource ?? g.WebKitMediaSource;
  let mse = false;
  try {
    mse = typeof Source?.isTypeSupported === 'function' && Source.isTypeSupported('video/mp4; codecs="avc1.42E01E,mp4a.40.2"');
  } catch {
    mse = false;
  }
  const nav = globalThis.navigator;
  const ua = nav?.userAgent ?? '';
  const iOS = /\biP(hone|ad|od)\b/.test(ua) || (nav?.platform === 'MacIntel' && (nav?.maxTouchPoints ?? 0) > 1);
  return {
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl') !== '',
    mse,
    appleWebKit: iOS || nav?.vendor === 'Apple Computer, Inc.',
  };
}

/**
 * Which engine plays the stream.
 *
 * `auto`:
 * - Apple WebKit with native HLS → native. Safari's HLS is the platform's own, hardware-backed,
 *   battery-friendly path, and the only one on iPhones without MSE; it costs no download.
 * - Anywhere else with MSE → hls.js, **Chromium included**, although Chromium now plays HLS natively
 *   too: its native HLS is new and differs between versions and platforms; it gives a page one opaque
 *   MediaError instead of typed errors, so no per-request retry with backoff, no recoverMediaError,
 *   no swapAudioCodec; and it offers no buffer limits (a preview keeps 10 s, not a minute) nor a
 *   rendition cap to the player's size. hls.js behaves the same in Chrome, Edge, Firefox and Android;
 *   the price is its chunk (~100 KB brotli), paid only when a preview first plays. Native stays the
 *   fallback if that chunk cannot be loaded.
 * - No MSE but native HLS (older iOS, some Android web views) → native.
 */
export function chooseEngine(preference: EnginePreference | string | undefined, env: MediaEnvironment): EngineChoice {
  switch (preference) {
    case 'hlsjs':
      return env.mse
        ? { engine: 'hlsjs', reason: 'hls.js was asked for and MediaSource is available' }
        : { engine: undefined, reason: 'hls.js was asked for, but this browser has no MediaSource for H.264/AAC' };
    case 'native':
      return env.nativeHls
        ? { engine: 'native', reason: 'native HLS was asked for and the browser plays HLS itself' }
        : { engine: undefined, reason: 'native HLS was asked for, but this browser cannot play HLS itself' };
    default:
      if (env.appleWebKit && env.nativeHls) return { engine: 'native', reason: 'Apple WebKit: native HLS is the platform path (and the only one on iPhone without MSE)' };
      if (env.mse) {
        return {
          engine: 'hlsjs',
          reason: 'MediaSource available: hls.js gives typed errors, retries with backoff, media-error recovery and buffer limits the same way in every browser',
          ...(env.nativeHls ? { fallback: 'native' as const } : {}),
        };
      }
      if (env.nativeHls) return { engine: 'native', reason: 'no MediaSource, but the browser plays HLS itself' };
      return { engine: undefined, reason: 'this browser can play HLS neither natively nor through MediaSource' };
  }
}

// ---- the session ----------------------------------------------------------------------------------

/** One source on one video element, from `initialize()` to `teardown()`. */
export interface Playback {
  readonly video: HTMLVideoElement;
  readonly src: string;
  /** The engine in use (it may change once, from hls.js to native, under `auto`). */
  readonly engine: EngineKind | undefined;
  readonly reason: string;
  /** Resolves once the source is attached to the video (hls.js loaded and attached, or `src` set); a play() waits for it. */
  readonly ready: Promise<void>;
  /** The hls.js instance, once created (hlsjs engine only). For tests and advanced hooks. */
  readonly hls: Hls | undefined;
  /** Whether the stream is (or was) live, once known: stays true after a live playlist closes. */
  readonly live: boolean | undefined;
  /** Engine-level recoveries done so far (network restarts and media recoveries). */
  readonly recoveries: number;
  readonly closed: boolean;
  /** Stop fetching (paused off-screen); `resume()` picks up where it stopped. */
  suspend(): void;
  resume(): void;
}

class Session implements Playback {
  engine: EngineKind | undefined;
  reason: string;
  ready: Promise<void>;
  hls: Hls | undefined;
  live: boolean | undefined;
  recoveries = 0;
  closed = false;

  private Hls: typeof Hls | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private networkAttempts = 0;
  private mediaRecoveries = 0;
  private lastRecoverAt = -Infinity;
  private lastSwapAt = -Infinity;
  private suspended = false;
  private manifestParsed = false;
  private resumeAt: number | undefined;
  private failed = false;
  /** hls.js's MediaSource opened on the video (MEDIA_ATTACHED); a video error before that means MSE is refused. */
  private mseOpen = false;
  /** A play was asked of the video in this session (kept across a fallback to native). */
  private playWanted = false;
  private readonly fallback: EngineKind | undefined;

  constructor(
    readonly video: HTMLVideoElement,
    readonly src: string,
    private readonly options: PlaybackOptions,
  ) {
    const choice = chooseEngine(options.engine ?? 'auto', detectEnvironment(video));
    this.engine = choice.engine;
    this.reason = choice.reason;
    this.fallback = choice.fallback;
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    await null; // callbacks never run inside initialize(): the caller holds its handle first
    if (this.engine === undefined) {
      this.fail({ kind: 'unsupported', message: this.reason });
      return;
    }
    if (this.engine === 'native') {
      this.startNative();
      return;
    }
    let HlsClass: typeof Hls;
    try {
      HlsClass = await loadHls(this.options.hlsSrc);
    } catch (error) {
      if (this.closed) return;
      if (this.fallback === 'native') {
        console.warn(`[sauceflex] hls.js could not be loaded (${String(error)}); playing with the browser's native HLS instead.`);
        this.engine = 'native';
        this.reason = 'hls.js could not be loaded; native HLS as the fallback';
        this.startNative();
        return;
      }
      this.fail({ kind: 'network', message: `hls.js could not be loaded: ${String(error)}`, details: 'hlsImportError' });
      return;
    }
    if (this.closed) return; // removed while hls.js was on its way: create nothing, fetch nothing
    this.Hls = HlsClass;
    this.startHls();
  }

  // ---- hls.js ----

  private startHls(): void {
    const HlsClass = this.Hls!;
    const defaults = HlsClass.DefaultConfig;
    const retry = { maxNumRetry: playerTiming.loaderRetries, retryDelayMs: playerTiming.retryBaseMs, maxRetryDelayMs: playerTiming.retryMaxMs, backoff: 'exponential' as const };
    const policy = (base: LoadPolicy): LoadPolicy => ({ default: { ...base.default, errorRetry: retry } });
    const hls = new HlsClass({
      // A preview: small buffers (memory, data), a rendition no larger than the player, no worker
      // (the ES builds do not inline one, and fMP4 needs no transmuxing).
      enableWorker: false,
      capLevelToPlayerSize: true,
      maxBufferLength: 10,
      maxMaxBufferLength: 20,
      maxBufferSize: 10 * 1000 * 1000,
      backBufferLength: 10,
      lowLatencyMode: false,
      manifestLoadPolicy: policy(defaults.manifestLoadPolicy),
      playlistLoadPolicy: policy(defaults.playlistLoadPolicy),
      fragLoadPolicy: policy(defaults.fragLoadPolicy),
      ...this.options.hlsConfig,
      // Owned here: loading starts when the manifest is in and the player is not suspended.
      autoStartLoad: false,
    });
    this.hls = hls;
    const { Events } = HlsClass;
    hls.on(Events.ERROR, this.onHlsError);
    hls.on(Events.MANIFEST_PARSED, () => {
      this.manifestParsed = true;
      if (!this.suspended) hls.startLoad(-1);
    });
    hls.on(Events.MEDIA_ATTACHED, () => {
      this.mseOpen = true;
    });
    hls.on(Events.LEVEL_LOADED, (_event, data) => this.setLive(data.details.live));
    hls.on(Events.FRAG_BUFFERED, () => {
      this.networkAttempts = 0; // data flows again: the next failure starts the backoff anew
    });
    // hls.js only logs the video's own errors: without this listener a refused MediaSource (a CSP
    // `media-src` without `blob:`) or a decoder failure it did not see would leave the player stalled.
    this.video.addEventListener('error', this.onHlsVideoError);
    this.video.addEventListener('play', this.onPlayAsked);
    hls.attachMedia(this.video);
    hls.loadSource(this.src);
  }

  private readonly onPlayAsked = (): void => {
    this.playWanted = true;
  };

  private readonly onHlsVideoError = (): void => {
    if (this.closed || this.engine !== 'hlsjs' || !this.hls) return;
    const error = this.video.error;
    const details = mediaErrorName(error?.code);
    // Once the MediaSource is open, "source not supported" or "aborted" is the old source going away while
    // hls.js detaches and re-attaches (recoverMediaError; WebKit reports it late), not a decode failure.
    if (this.mseOpen && (error?.code === 4 || error?.code === 1)) return;
    if (this.mseOpen) {
      this.recoverMedia({ details, error: new Error(error?.message || `the video reported ${details}`) });
      return;
    }
    // The MediaSource never opened: its blob: URL was refused. The browser's own HLS needs no blob:.
    if (this.fallback === 'native') {
      console.warn(`[sauceflex] The video refused hls.js's MediaSource (${details}${error?.message ? `: ${error.message}` : ''}); playing with the browser's native HLS instead.`);
      this.stopHls();
      this.engine = 'native';
      this.reason = 'the MediaSource was refused (a CSP media-src without blob:?); native HLS as the fallback';
      this.startNative();
      if (this.playWanted) this.video.play().catch(() => undefined);
      return;
    }
    this.fail({ kind: 'unsupported', message: `the video refused the MediaSource (${details})${error?.message ? `: ${error.message}` : ''}`, details: 'mediaSourceRefused' });
  };

  private readonly onHlsError = (_event: unknown, data: ErrorData): void => {
    if (this.closed || !data.fatal || !this.Hls) return;
    const { ErrorTypes } = this.Hls;
    if (data.type === ErrorTypes.NETWORK_ERROR) this.retryNetwork(data.details, () => this.reloadHls(data));
    else if (data.type === ErrorTypes.MEDIA_ERROR) this.recoverMedia(data);
    else this.fail({ kind: 'other', message: data.error?.message ?? String(data.details), details: data.details });
  };

  private reloadHls(data: ErrorData): void {
    const hls = this.hls;
    if (!hls) return;
    // Before a manifest was parsed there is nothing to resume: load the source again.
    const manifestLevel = !hls.levels?.length || String(data.details).startsWith('manifest');
    if (manifestLevel) {
      this.manifestParsed = false;
      hls.loadSource(this.src);
    } else if (!this.suspended) {
      hls.startLoad(-1);
    }
  }

  private recoverMedia(data: { details: string; error?: Error }): void {
    const hls = this.hls!;
    const now = performance.now();
    const giveUp = () => this.fail({ kind: 'media', message: data.error?.message ?? 'the media could not be decoded', details: data.details });
    if (this.mediaRecoveries >= playerTiming.maxMediaRecoveries) return giveUp();
    const swap = now - this.lastRecoverAt <= playerTiming.mediaErrorWindowMs;
    if (swap && now - this.lastSwapAt <= playerTiming.mediaErrorWindowMs) return giveUp();
    const time = this.video.currentTime;
    const wasPlaying = !this.video.paused;
    this.mediaRecoveries++;
    if (swap) {
      this.lastSwapAt = now;
      this.noteRecovery('swap-audio-codec', data.details);
      hls.swapAudioCodec();
    } else {
      this.lastRecoverAt = now;
      this.noteRecovery('media', data.details);
    }
    hls.recoverMediaError();
    // hls.js stops loading on every fatal error before our listener runs, and recoverMediaError only
    // restarts what was running; re-attaching also pauses the video. Put both back as they were.
    if (!this.suspended && !hls.loadingEnabled) hls.startLoad(time > 0 ? time : -1);
    if (wasPlaying) this.playOnceAttached();
  }

  /**
   * After a re-attach: play when the new MediaSource is open, and once more when data is there — WebKit rejects
   * a play() made while the old source is still leaving, and Chromium one made before the new one opened.
   */
  private playOnceAttached(): void {
    const play = () => {
      if (!this.closed && this.video.paused) this.video.play().catch(() => undefined);
    };
    this.hls!.once(this.Hls!.Events.MEDIA_ATTACHED, play);
    this.video.addEventListener('canplay', play, { once: true });
  }

  // ---- native ----

  private startNative(): void {
    this.video.addEventListener('error', this.onNativeError);
    this.video.addEventListener('loadedmetadata', this.onNativeMetadata);
    this.video.src = this.src;
    if (this.suspended) this.video.preload = 'none';
  }

  private readonly onNativeMetadata = (): void => {
    this.setLive(!Number.isFinite(this.video.duration));
    this.networkAttempts = 0;
    if (this.resumeAt !== undefined && Number.isFinite(this.video.duration)) this.video.currentTime = this.resumeAt;
    this.resumeAt = undefined;
  };

  private readonly onNativeError = (): void => {
    if (this.closed || this.engine !== 'native') return;
    const error = this.video.error;
    // The browser hides what failed (a 500, a broken playlist, a network drop all look alike),
    // so every error but a decode error is retried as a network error, a few times.
    const name = mediaErrorName(error?.code);
    if (error?.code === 3) {
      this.fail({ kind: 'media', message: error.message || 'the media could not be decoded', details: name });
      return;
    }
    const at = this.video.currentTime;
    this.retryNetwork(name, () => {
      this.resumeAt = at > 0 ? at : undefined;
      this.video.src = this.src;
      this.video.load();
    }, error?.code === 4 ? 'unsupported' : 'network', error?.message);
  };

  // ---- shared ----

  private retryNetwork(details: string, again: () => void, finalKind: PlaybackError['kind'] = 'network', message?: string): void {
    if (this.networkAttempts >= playerTiming.networkRetries) {
      this.fail({ kind: finalKind, message: message || `the stream could not be loaded (${details})`, details });
      return;
    }
    const delay = backoffDelay(this.networkAttempts + 1, { baseDelayMs: playerTiming.retryBaseMs, maxDelayMs: playerTiming.retryMaxMs });
    this.networkAttempts++;
    this.noteRecovery('network', details);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) again();
    }, delay);
  }

  private noteRecovery(what: 'network' | 'media' | 'swap-audio-codec', details: string): void {
    this.recoveries++;
    this.options.onRecover?.(what, details);
  }

  /** Sticky: a live stream whose playlist closes (#EXT-X-ENDLIST) is still a live broadcast that ended. */
  private setLive(live: boolean): void {
    if (this.live === true || this.live === live) return;
    this.live = live;
    this.options.onLive?.(live);
  }

  private fail(error: PlaybackError): void {
    if (this.closed || this.failed) return;
    this.failed = true;
    // Reported after the current hls.js event has finished dispatching (the caller tears hls.js down).
    const report = { ...error, engine: this.engine };
    queueMicrotask(() => {
      if (!this.closed) this.options.onFatal(report);
    });
  }

  private stopHls(): void {
    this.video.removeEventListener('error', this.onHlsVideoError);
    this.video.removeEventListener('play', this.onPlayAsked);
    const hls = this.hls;
    if (!hls) return;
    this.hls = undefined;
    hls.off(this.Hls!.Events.ERROR, this.onHlsError);
    hls.stopLoad();
    hls.detachMedia();
    hls.destroy();
  }

  suspend(): void {
    if (this.suspended || this.closed) return;
    this.suspended = true;
    this.hls?.stopLoad();
  }

  resume(): void {
    if (!this.suspended || this.closed) return;
    this.suspended = false;
    if (this.hls) {
      if (this.manifestParsed) this.hls.startLoad(-1);
    } else if (this.engine === 'native' && this.video.preload === 'none') this.video.preload = 'auto';
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.stopHls();
    this.video.removeEventListener('error', this.onNativeError);
    this.video.removeEventListener('loadedmetadata', this.onNativeMetadata);
    // Empty the element: aborts the native fetch and frees the decoder and the MediaSource.
    if (this.video.hasAttribute('src') || this.video.currentSrc) {
      this.video.removeAttribute('src');
      this.video.load();
    }
  }
}

function mediaErrorName(code: number | undefined): string {
  return ['MEDIA_ERR', 'MEDIA_ERR_ABORTED', 'MEDIA_ERR_NETWORK', 'MEDIA_ERR_DECODE', 'MEDIA_ERR_SRC_NOT_SUPPORTED'][code ?? 0] ?? 'MEDIA_ERR';
}

/** Start playing `options.src` on `video` (loading and attaching only; call `video.play()` after `ready`). */
export function initialize(video: HTMLVideoElement, options: PlaybackOptions): Playback {
  return new Session(video, options.src, options);
}

/** Stop everything `initialize()` started. Safe to call twice, or with nothing. */
export function teardown(playback: Playback | undefined): void {
  if (playback instanceof Session) playback.close();
}
