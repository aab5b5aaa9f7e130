import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Task, TaskStatus } from '@lit/task';
import type { Broadcast } from '../../api/models.js';
import '../../events/broadcast-select.js';
import '../../events/play.js';
import '../../events/pause.js';
import '../../events/ended.js';
import '../../events/error.js';
import { msg } from '../../i18n/messages.js';
import { playerMsg } from '../../i18n/player.js';
import { initialize, teardown, type EngineKind, type EnginePreference, type Playback, type PlaybackError } from '../../player/engine.js';
import { broadcastThumbnail, playerUrl, shopperState } from '../../shared/broadcast-view.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { safeUrl } from '../../shared/safe-url.js';
import { getViewerToken, startSession } from '../../session/viewer-session.js';
import { loadBroadcast } from '../../shared/broadcast-source.js';
import type { ConfigProblem, SfConfig } from '../../store/config.js';
import { sessionStore } from '../../store/session.js';
import { StoreController } from '../../store/store-controller.js';
import styles from './preview-player.styles.js';

/** The player's states, reflected in the host's `state` attribute. */
export const PLAYER_STATES = { idle: 'idle', loading: 'loading', playing: 'playing', paused: 'paused', ended: 'ended', error: 'error' } as const;
export type PlayerState = (typeof PLAYER_STATES)[keyof typeof PLAYER_STATES];

type PlayReason = 'autoplay' | 'user' | 'api';
type PauseReason = 'hidden' | 'user' | 'api';

/** At least this share of the player on screen (or this share of the viewport filled by it) counts as visible. */
const VISIBLE_SHARE = 0.5;
const THRESHOLDS = Array.from({ length: 21 }, (_, i) => i / 20);
/** How long a click waits for a viewer token being fetched before opening without it. */
const TOKEN_WAIT_MS = 2_000;

/**
 * @summary A muted, lazy HLS preview of a broadcast that opens the full broadcast when activated.
 *
 * Plays `src` (an m3u8), or the `previewUrl` of the broadcast named by `broadcast-id` (its
 * representative thumbnail as the poster). hls.js is fetched only when the player first needs to
 * play. With `autoplay` it plays muted while at least half of it is on screen and the tab is
 * visible, and pauses otherwise. Clicking it (or Enter) opens the broadcast's `outputPath` with the
 * viewer token as `accessToken`, unless `sf-broadcast-select` is cancelled. Its state is reflected in
 * the read-only `state` attribute: idle, loading, playing, paused, ended, error.
 *
 * @event sf-play - Playback started (`detail: { src, engine, reason, muted }`).
 * @event sf-pause - Playback paused (`detail: { src, reason: 'hidden' | 'user' | 'api', currentTime }`).
 * @event sf-ended - The stream ended (`detail: { src, live }`); a live stream that ends says `live: true`.
 * @event sf-error - Playback failed after automatic retries, or the broadcast could not be loaded (`kind: 'load'`).
 *   `detail: { kind, message, src, details, engine }`.
 * @event sf-broadcast-select - The shopper chose the broadcast. Cancelable: cancel it to open the
 *   player yourself. `detail: { broadcast, url, target }`.
 *
 * @csspart base - The frame that holds everything (its size is reserved by the aspect ratio).
 * @csspart video - The `<video>`.
 * @csspart poster - The poster image, shown until the first frame and in the error and ended states.
 * @csspart overlay - The layer above the video: badge, spinner, messages and buttons.
 * @csspart link - The link that opens the broadcast (covers the player; a pill in a corner with `controls`).
 * @csspart play-button - The play button (with `controls` before the first play, or when autoplay was refused).
 * @csspart retry-button - The retry button of the error state.
 * @csspart replay-button - Play again, after the end.
 * @csspart message - The text of the error, ended and empty states.
 * @csspart badge - The LIVE badge.
 *
 * @cssproperty --sf-player-aspect-ratio - The player's ratio (default 9 / 16, a phone broadcast).
 * @cssproperty --sf-player-object-fit - How video and poster fill it (default cover).
 * @cssproperty --sf-player-background - Behind poster and video (default #111).
 * @cssproperty --sf-radius - Corner radius (default 12px).
 * @cssproperty --sf-accent - LIVE badge colour (default #e5203a).
 * @cssproperty --sf-focus-ring - Focus outline colour (default #2563eb).
 * @cssproperty --sf-font-family - Font stack (default system-ui, 'Noto Sans KR', sans-serif).
 * @cssproperty --sf-player-radius - This player's corner radius only (default `--sf-radius`).
 * @cssproperty --sf-player-live-color - This player's LIVE badge colour only (default `--sf-accent`).
 * @cssproperty --sf-skeleton - Placeholder colour while the broadcast loads (default #ececef).
 *
 * @attr state - Read-only: the player's state (idle, loading, playing, paused, ended, error), for CSS.
 */
export class SfPreviewPlayer extends SauceflexElement {
  static override styles = styles;

  // ---- controllers ----

  private readonly token = new StoreController(this, sessionStore, (s) => s.token);

  private readonly loader = new Task(this, {
    task: async ([broadcastId, apiBase, partnerId], { signal }) => {
      if (!broadcastId || !partnerId) return undefined;
      return loadBroadcast({ apiBase, partnerId }, broadcastId, { signal });
    },
    args: () => [this.broadcast ? undefined : this.broadcastId, this.config.apiBase, this.config.partnerId] as const,
    onError: (error) => {
      if ((error as Error)?.name === 'AbortError') return;
      this.emit('sf-error', { kind: 'load', message: error instanceof Error ? error.message : String(error) });
    },
  });

  // ---- queries ----

  @query('video', true) private video!: HTMLVideoElement;

  // ---- state ----

  @state() private status: PlayerState = 'idle';
  @state() private failure?: PlaybackError;
  /** The video shows a frame of its own (the poster can go). */
  @state() private hasFrame = false;
  @state() private live = false;
  /** The browser refused muted autoplay (power saving, data saver): offer a play button. */
  @state() private autoplayRefused = false;

  private playback?: Playback;
  private observer?: IntersectionObserver;
  private onScreen = false;
  /** Why the current run plays; `requested` is the reason of the play() call not yet seen as a `play` event. */
  private intent?: PlayReason;
  private requested?: PlayReason;
  /** Why we are pausing (set before our own `video.pause()`), and why the player is paused now. */
  private pausing?: PauseReason;
  private pausedFor?: PauseReason;
  /** sf-play was sent for this run (so sf-pause / sf-ended follow it, and buffering does not repeat it). */
  private announced = false;

  // ---- properties ----

  /** The HLS playlist (m3u8) to play. Wins over the broadcast's `previewUrl`. */
  @property() src?: string;
  /** Load this broadcast: its `previewUrl` plays, its representative thumbnail is the poster, activating opens it. */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** The broadcast itself, when the page already has it (as `<sf-schedule>` does). */
  @property({ attribute: false }) broadcast?: Broadcast;
  /** Poster image URL; the broadcast's thumbnail by default. */
  @property() poster?: string;
  /** Play muted while at least half of the player is on screen and the tab is visible; pause otherwise. */
  @property({ type: Boolean }) autoplay = false;
  /** Show the browser's playback controls (and a play button before the first play). */
  @property({ type: Boolean }) controls = false;
  /** Start again at the end. */
  @property({ type: Boolean }) loop = false;
  /** Play without sound (autoplay is always muted). */
  @property({ type: Boolean }) muted = false;
  /** `auto` (native HLS on Safari/iOS, hls.js elsewhere), `hlsjs` or `native`. */
  @property() engine: EnginePreference = 'auto';
  /** Where the broadcast opens: `_self` (default), `_blank`, or a frame name. */
  @property() target = '_self';
  /** Accessible name; the broadcast's name by default. */
  @property() label?: string;
  /** Load hls.js from this ES module URL (default: the chunk beside the script). */
  @property({ attribute: 'hls-src' }) hlsSrc?: string;

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer = new IntersectionObserver(this.onIntersect, { threshold: THRESHOLDS });
    this.observer.observe(this);
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer?.disconnect();
    this.observer = undefined;
    this.onScreen = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    // Moved within the page (disconnected and connected again in one go): keep playing. Removed: unload.
    queueMicrotask(() => {
      if (!this.isConnected) this.unload();
    });
  }

  protected override ownConfig(): SfConfig {
    return { ...super.ownConfig(), hlsSrc: this.hlsSrc };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    startSession(this.config.tokenEndpoint);
    // A new source (or engine) is one reload, however many properties changed together.
    if (this.playback && (this.playback.src !== this.source || changed.has('engine') || changed.has('hlsSrc'))) this.unload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.getAttribute('state') !== this.status) this.setAttribute('state', this.status);
    this.syncAutoplay();
  }

  // ---- handlers ----

  private readonly onIntersect = (entries: IntersectionObserverEntry[]): void => {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const viewport = entry.rootBounds?.height ?? window.innerHeight;
    // A player taller than twice the viewport can never be half on screen: filling half the viewport counts too.
    this.onScreen = entry.isIntersecting && (entry.intersectionRatio >= VISIBLE_SHARE || (viewport > 0 && entry.intersectionRect.height >= viewport * VISIBLE_SHARE));
    this.syncAutoplay();
  };

  private readonly onVisibility = (): void => this.syncAutoplay();

  private readonly onPlay = (): void => {
    if (!this.playback) return;
    if (this.requested) {
      this.intent = this.requested;
      this.requested = undefined;
    } else if (this.status !== 'playing' && this.status !== 'loading') {
      this.intent = 'user'; // the browser's own controls
    }
    this.pausedFor = undefined;
  };

  private readonly onPlaying = (): void => {
    if (!this.playback) return;
    this.status = 'playing';
    this.hasFrame = true;
    this.autoplayRefused = false;
    if (!this.announced) {
      this.announced = true;
      this.emit('sf-play', { src: this.playback.src, engine: this.playback.engine, reason: this.intent ?? 'user', muted: this.video.muted });
    }
  };

  private readonly onPause = (): void => {
    if (!this.playback || this.video.ended) return;
    const reason = this.pausing ?? 'user';
    this.pausing = undefined;
    this.setPaused(reason);
  };

  private readonly onWaiting = (): void => {
    if (this.playback && !this.video.paused) this.status = 'loading';
  };

  private readonly onLoadedData = (): void => {
    if (this.playback) this.hasFrame = true;
  };

  private readonly onEnded = (): void => {
    if (!this.playback) return;
    this.status = 'ended';
    this.announced = false;
    this.emit('sf-ended', { src: this.playback.src, live: this.live });
  };

  private onFatal(error: PlaybackError): void {
    const src = this.playback?.src;
    teardown(this.playback);
    this.playback = undefined;
    this.failure = error;
    this.status = 'error';
    this.announced = false;
    this.intent = undefined;
    this.emit('sf-error', { kind: error.kind, message: error.message, src, details: error.details, engine: error.engine });
  }

  private async onActivate(event: MouseEvent, broadcast: Broadcast): Promise<void> {
    // Modified and middle clicks are the browser's (a new tab, a download): the href already has the token.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // A token still on its way is worth a short wait; a dead token endpoint is not.
    const fresh = await Promise.race([getViewerToken().catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(resolve, TOKEN_WAIT_MS))]);
    const url = playerUrl(broadcast, fresh ?? sessionStore.getState().token);
    if (!url) return;
    const target = this.target || '_self';
    if (!this.emit('sf-broadcast-select', { broadcast, url, target }, { cancelable: true })) return;
    if (target === '_self') location.assign(url);
    else window.open(url, target, target === '_blank' ? 'noopener' : undefined);
  }

  /** Back online: a broadcast that failed to load is asked for again, and a stream lost to the network is reloaded. */
  protected override backOnline(): void {
    if (this.loader.status === TaskStatus.ERROR) void this.loader.run();
    if (this.status === 'error' && this.failure?.kind === 'network') void this.retry();
  }

  // ---- public methods ----

  /** The player's state: idle, loading, playing, paused, ended or error. */
  get state(): PlayerState {
    return this.status;
  }

  /** The engine playing now (`hlsjs` or `native`), once loading has started. */
  get activeEngine(): EngineKind | undefined {
    return this.playback?.engine ?? this.failure?.engine;
  }

  /** Load (hls.js included, the first time) and play. Resolves when playback has been asked for. */
  play(): Promise<void> {
    return this.start('api');
  }

  /** Pause; autoplay leaves it paused until the next `play()` or a press on play. */
  pause(): void {
    this.pauseFor('api');
  }

  /** After an error: load the stream again and play. */
  retry(): Promise<void> {
    this.unload();
    return this.start(this.autoplay && this.wantsAutoplay() ? 'autoplay' : 'user');
  }

  // ---- internals ----

  /** The m3u8 to play: `src` (page-relative allowed, http(s) only), else the broadcast's previewUrl. */
  private get source(): string | undefined {
    if (this.src) return pageUrl(this.src);
    return safeUrl(this.shown?.previewUrl);
  }

  private get shown(): Broadcast | undefined {
    return this.broadcast ?? this.loader.value ?? undefined;
  }

  private get posterUrl(): string | undefined {
    if (this.poster) return pageUrl(this.poster);
    const broadcast = this.shown;
    return broadcast ? broadcastThumbnail(broadcast) : undefined;
  }

  private wantsAutoplay(): boolean {
    return this.autoplay && this.isConnected && this.onScreen && document.visibilityState === 'visible';
  }

  private syncAutoplay(): void {
    if (!this.autoplay || !this.source) return;
    if (this.wantsAutoplay()) {
      // The shopper (or the page) paused it, or the browser refused autoplay: leave it paused. Ended and failed players stay so.
      if (this.pausedFor === 'user' || this.pausedFor === 'api' || this.autoplayRefused) return;
      if (this.status === 'idle' || (this.status === 'paused' && this.pausedFor === 'hidden')) void this.start('autoplay');
    } else if (this.intent === 'autoplay' && (this.status === 'playing' || this.status === 'loading')) {
      this.pauseFor('hidden');
    }
  }

  private async start(reason: PlayReason): Promise<void> {
    await this.updateComplete;
    const source = this.source;
    if (!source || !this.isConnected) return;
    if (this.status === 'error') this.unload();
    this.intent = reason;
    this.pausedFor = undefined;
    if (!this.playback) this.load(source);
    else if (!this.hasFrame) this.status = 'loading';
    const playback = this.playback!;
    playback.resume();
    this.video.muted = this.autoplay || this.muted;
    await playback.ready;
    // Superseded while hls.js was loading: removed, reloaded, paused, or scrolled away.
    if (playback !== this.playback || playback.closed || this.intent !== reason || this.pausedFor) return;
    if (reason === 'autoplay' && !this.wantsAutoplay()) return;
    if (this.video.ended) this.video.currentTime = 0;
    this.requested = reason;
    try {
      await this.video.play();
    } catch (error) {
      if (playback !== this.playback) return;
      // NotAllowedError: even muted autoplay was refused. AbortError: a pause or a reload came first.
      if ((error as DOMException)?.name === 'NotAllowedError') {
        this.autoplayRefused = true;
        this.setPaused('hidden');
      }
    }
  }

  private load(source: string): void {
    this.failure = undefined;
    this.hasFrame = false;
    this.live = false;
    this.announced = false;
    this.autoplayRefused = false;
    this.status = 'loading';
    this.playback = initialize(this.video, {
      src: source,
      engine: this.engine,
      hlsSrc: this.config.hlsSrc,
      onFatal: (error) => this.onFatal(error),
      onLive: (live) => {
        this.live = live;
      },
    });
  }

  private pauseFor(reason: PauseReason): void {
    if (!this.playback) {
      if (reason !== 'hidden') this.pausedFor = reason;
      return;
    }
    if (reason === 'hidden') this.playback.suspend();
    if (this.video.paused) {
      // Nothing is playing yet (hls.js still loading): no `pause` event will come.
      this.setPaused(reason);
      return;
    }
    this.pausing = reason;
    this.video.pause();
  }

  private setPaused(reason: PauseReason): void {
    this.pausedFor = reason;
    this.status = 'paused';
    if (this.announced && this.playback) {
      this.announced = false;
      this.emit('sf-pause', { src: this.playback.src, reason, currentTime: this.video.currentTime });
    }
  }

  /** Tear the engine down and go back to idle (the poster). */
  private unload(): void {
    teardown(this.playback);
    this.playback = undefined;
    this.status = 'idle';
    this.failure = undefined;
    this.hasFrame = false;
    this.live = false;
    this.announced = false;
    this.autoplayRefused = false;
    this.intent = this.requested = this.pausing = this.pausedFor = undefined;
  }

  // ---- render ----

  override render() {
    const lang = this.config.lang;
    const needsApi = !this.broadcast && !!this.broadcastId;
    const problems = needsApi ? this.checkConfig() : [];
    const broadcast = this.shown;
    const source = this.source;
    const poster = this.posterUrl;
    const name = this.label || broadcast?.broadcastName;
    const loadingData = needsApi && !problems.length && !broadcast && (this.loader.status === TaskStatus.INITIAL || this.loader.status === TaskStatus.PENDING);
    const url = broadcast && shopperState(broadcast) !== 'cancelled' ? playerUrl(broadcast, this.token.value) : undefined;
    const status = this.status;
    const showPoster = poster && (!this.hasFrame || status === 'error' || status === 'ended');
    const nativeControls = this.controls && this.playback !== undefined;
    return html`<div
      class="frame ${loadingData ? 'skeleton' : ''}"
      part="base"
      role="group"
      aria-label=${name ? playerMsg(lang, 'player.label', { name }) : playerMsg(lang, 'player.labelDefault')}
      aria-busy=${loadingData || status === 'loading' ? 'true' : 'false'}
    >
      <video
        part="video"
        playsinline
        preload="none"
        disableremoteplayback
        .muted=${this.autoplay || this.muted}
        ?loop=${this.loop}
        ?controls=${nativeControls}
        aria-hidden=${nativeControls ? nothing : 'true'}
        aria-label=${nativeControls ? (name ? playerMsg(lang, 'player.label', { name }) : playerMsg(lang, 'player.labelDefault')) : nothing}
        @play=${this.onPlay}
        @playing=${this.onPlaying}
        @pause=${this.onPause}
        @waiting=${this.onWaiting}
        @loadeddata=${this.onLoadedData}
        @ended=${this.onEnded}
      ></video>
      ${showPoster ? html`<img class="poster" part="poster" src=${poster} alt="" decoding="async" />` : nothing}
      ${url && broadcast
        ? html`<a
            class="link ${this.controls ? 'pill' : 'cover'}"
            part="link"
            href=${url}
            target=${this.target || '_self'}
            rel=${this.target && this.target !== '_self' ? 'noopener' : nothing}
            aria-label=${name ? playerMsg(lang, 'player.open', { name }) : playerMsg(lang, 'player.openDefault')}
            @click=${(event: MouseEvent) => void this.onActivate(event, broadcast)}
            >${this.controls ? playerMsg(lang, 'player.openShort') : nothing}</a
          >`
        : nothing}
      <div class="overlay" part="overlay">${this.renderOverlay(problems, source)}</div>
    </div>`;
  }

  private renderOverlay(problems: readonly ConfigProblem[], source: string | undefined) {
    const lang = this.config.lang;
    if (problems.length) {
      return html`<p class="message" part="message" role="alert">${this.configMessage(problems)}</p>`;
    }
    if (!this.shown && this.broadcastId && !this.broadcast && !this.src) {
      if (this.loader.status === TaskStatus.ERROR) {
        return html`<div class="message" part="message" role="alert">
          <span>${msg(lang, 'error.load')}</span>
          <button part="retry-button" @click=${() => void this.loader.run()}>${msg(lang, 'error.retry')}</button>
        </div>`;
      }
      if (this.loader.status === TaskStatus.COMPLETE) return html`<p class="message" part="message" role="status">${playerMsg(lang, 'player.notFound')}</p>`;
      return nothing;
    }
    const status = this.status;
    const live = this.live && (status === 'playing' || status === 'paused' || status === 'loading');
    return html`
      ${live ? html`<span class="badge" part="badge">${playerMsg(lang, 'player.live')}</span>` : nothing}
      ${status === 'loading' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
      ${!source && (this.shown || this.src !== undefined) && !this.posterUrl
        ? html`<p class="message" part="message" role="status">${playerMsg(lang, 'player.noPreview')}</p>`
        : nothing}
      ${source && ((status === 'idle' && this.controls) || (status === 'paused' && this.autoplayRefused))
        ? html`<button class="play" part="play-button" aria-label=${playerMsg(lang, 'player.play')} @click=${() => void this.start('user')}></button>`
        : nothing}
      ${status === 'error' ? this.renderError() : nothing}
      ${status === 'ended' && !this.loop
        ? html`<div class="message" part="message" role="status">
            <span>${playerMsg(lang, this.live ? 'player.liveEnded' : 'player.ended')}</span>
            ${this.live ? nothing : html`<button part="replay-button" @click=${() => void this.start('user')}>${playerMsg(lang, 'player.replay')}</button>`}
          </div>`
        : nothing}
    `;
  }

  private renderError() {
    const lang = this.config.lang;
    const kind = this.failure?.kind;
    const text = kind === 'network' ? 'player.errorNetwork' : kind === 'unsupported' ? 'player.errorUnsupported' : 'player.error';
    return html`<div class="message" part="message" role="alert">
      <span>${playerMsg(lang, text)}</span>
      <button part="retry-button" @click=${() => void this.retry()}>${msg(lang, 'error.retry')}</button>
    </div>`;
  }
}

/** A URL the page author wrote (relative allowed), resolved against the page; only http(s) survives. */
function pageUrl(value: string): string | undefined {
  try {
    return safeUrl(new URL(value.trim(), document.baseURI).toString());
  } catch {
    return undefined;
  }
}
