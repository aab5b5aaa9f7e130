import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { Broadcast } from '../../api/models.js';
import '../../events/broadcast-select.js';
import '../../events/play.js';
import '../../events/pause.js';
import '../../events/ended.js';
import '../../events/error.js';
import '../../events/view-progress.js';
import { formatCount } from '../../i18n/format.js';
import { msg } from '../../i18n/messages.js';
import { playerMsg } from '../../i18n/player.js';
import { initialize, teardown, type EngineKind, type EnginePreference, type Playback, type PlaybackError } from '../../player/engine.js';
import { autoplayAction, IDLE, reduce, type PauseReason, type PlayerAction, type PlayerEvent, type PlayerModel, type PlayerState, type PlayReason } from '../../player/state.js';
import { VisibilityController } from '../../player/visibility.js';
import { ViewProgress } from '../../player/progress.js';
import { broadcastThumbnail, playerUrl, shopperState } from '../../shared/broadcast-view.js';
import { loadBroadcast } from '../../shared/broadcast-source.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { cspBlockFor } from '../../shared/csp.js';
import { safeUrl } from '../../shared/safe-url.js';
import { getViewerToken } from '../../session/viewer-session.js';
import type { ConfigProblem, SfConfig } from '../../store/config.js';
import { sessionStore } from '../../store/session.js';
import { StoreController } from '../../store/store-controller.js';
import { navigate } from '../../tracking/navigate.js';
import styles from './preview-player.styles.js';

export { PLAYER_STATES, type PlayerState } from '../../player/state.js';

/** Speaker icons of the mute button (its name is in aria-label; the icons are decoration). */
const SOUND_OFF = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M11 5 6 9H3v6h3l5 4z" fill="currentColor"/><path d="m16 9 5 6m0-6-5 6"/></svg>`;
const SOUND_ON = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M11 5 6 9H3v6h3l5 4z" fill="currentColor"/><path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"/></svg>`;

/** Picture-in-picture icon (its name is in aria-label). */
const PIP = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><rect x="2.5" y="4.5" width="19" height="15" rx="2"/><rect x="12" y="12" width="7" height="5" fill="currentColor"/></svg>`;

/** The video element's own picture-in-picture, where the browser has it (Chromium and Safari; not Firefox, whose own toggle remains). */
const pipSupported = (): boolean =>
  typeof document !== 'undefined' && document.pictureInPictureEnabled === true && typeof HTMLVideoElement.prototype.requestPictureInPicture === 'function';

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
 * @event sf-view-progress - How far the shopper watched: `start`, `progress` at 25/50/75 %, `complete` (recordings), `heartbeat` with `watchedSeconds` (live); once per milestone per stream per page view.
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
 * @csspart badge - The state badge: LIVE while a live stream plays (or the broadcast is on air), else upcoming or replay; also `badge-<live|upcoming|replay>`.
 * @csspart viewers - The viewer count beside the LIVE badge.
 * @csspart mute-button - Turns the sound on and off while the preview plays (not with `controls`).
 * @csspart pip-button - Plays the video in the browser's picture-in-picture window and back, while the preview plays (where the browser has it; not with `controls`).
 * @csspart info - The bottom band: the broadcast's title and the call to open it.
 * @csspart title - The broadcast's title.
 * @csspart cta - "라이브 보러 가기 ›" / "방송 보기 ›": says what a tap does (the whole player is the link).
 *
 * @cssproperty --sf-player-aspect-ratio - The player's ratio (default 9 / 16, a phone broadcast).
 * @cssproperty --sf-player-object-fit - How video and poster fill it (default cover).
 * @cssproperty --sf-player-background - Behind poster and video (default #111).
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-accent - LIVE badge colour.
 * @cssproperty --sf-on-accent - Text on the accent (LIVE badge, buttons); set a dark one with a light accent.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-player-radius - This player's corner radius only (default `--sf-radius`).
 * @cssproperty --sf-player-live-color - This player's LIVE badge colour only (default `--sf-accent`).
 * @cssproperty --sf-skeleton - Placeholder colour while the broadcast loads.
 *
 * @attr state - Read-only: the player's state (idle, loading, playing, paused, ended, error), for CSS.
 */
export class SfPreviewPlayer extends SauceflexElement {
  static override styles = styles;
  protected static override viewerSession = true;

  // ---- controllers ----

  private readonly token = new StoreController(this, sessionStore, (s) => s.token);

  private readonly data = this.loadData({
    args: () => [this.broadcast ? undefined : this.broadcastId, this.config.apiBase, this.config.partnerId],
    skip: ([broadcastId, , partnerId]) => !broadcastId || !partnerId,
    load: ([broadcastId, apiBase, partnerId], signal) => loadBroadcast({ apiBase, partnerId: partnerId! }, broadcastId!, { signal }),
    onError: (error) => this.emit('sf-error', { kind: 'load', message: error instanceof Error ? error.message : String(error) }),
  });

  private readonly visibility = new VisibilityController(this, () => this.syncAutoplay());

  // ---- queries ----

  @query('video', true) private video!: HTMLVideoElement;

  // ---- state ----

  /** Everything the player knows about playback, changed only through `dispatch()`. */
  @state() private model: PlayerModel = IDLE;
  /** The shopper's choice from the sound toggle; until then autoplay and `muted` play without sound. */
  @state() private soundOn?: boolean;
  /** The video is in the browser's picture-in-picture window. */
  @state() private inPip = false;

  private playback?: Playback;
  /** `sf-view-progress` for the stream loaded now. */
  private progress?: ViewProgress;

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

  override disconnectedCallback(): void {
    super.disconnectedCallback();
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
    // A new source (or engine) is one reload, however many properties changed together.
    if (this.playback && (this.playback.src !== this.source || changed.has('engine') || changed.has('hlsSrc'))) this.unload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.getAttribute('state') !== this.model.status) this.setAttribute('state', this.model.status);
    this.syncAutoplay();
  }

  // ---- handlers ----

  /** The media element reports; only for the session attached now. */
  private media(action: PlayerAction): void {
    if (this.playback) this.dispatch(action);
  }

  private readonly onPlay = (): void => this.media({ type: 'media-play' });
  private readonly onPlaying = (): void => this.media({ type: 'media-playing' });
  private readonly onPause = (): void => this.media({ type: 'media-pause', ended: this.video.ended });
  private readonly onWaiting = (): void => this.media({ type: 'media-waiting', paused: this.video.paused });
  private readonly onLoadedData = (): void => this.media({ type: 'media-loadeddata' });
  private readonly onEnded = (): void => {
    this.progress?.ended(this.video.currentTime, this.video.duration);
    this.media({ type: 'media-ended' });
  };
  private readonly onTimeUpdate = (): void => this.progress?.update(this.progressSample());
  private readonly onPaused = (): void => {
    // The time up to the pause was watched; then a live stream reports what is left.
    this.progress?.update({ ...this.progressSample(), playing: true });
    this.progress?.stop(this.video.currentTime);
    this.onPause();
  };

  private onFatal(error: PlaybackError): void {
    const playback = this.playback;
    teardown(playback);
    this.playback = undefined;
    this.dispatch({ type: 'fatal', error }, playback);
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
    if (this.emit('sf-broadcast-select', { broadcast, url, target }, { cancelable: true })) navigate(url, target);
  }

  /** Back online: a failed load is asked for again (the base), and a stream lost to the network is reloaded. */
  protected override backOnline(): void {
    super.backOnline();
    if (this.model.status === 'error' && this.model.failure?.kind === 'network') void this.retry();
  }

  // ---- public methods ----

  /** The player's state: idle, loading, playing, paused, ended or error. */
  get state(): PlayerState {
    return this.model.status;
  }

  /** The engine playing now (`hlsjs` or `native`), once loading has started. */
  get activeEngine(): EngineKind | undefined {
    return this.playback?.engine ?? this.model.failure?.engine;
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

  /** The one way the player's state changes; the event it produces is announced as an `sf-` event. */
  private dispatch(action: PlayerAction, playback = this.playback): void {
    const { state: next, event } = reduce(this.model, action);
    this.model = next;
    if (event && playback) this.announce(event, playback);
  }

  private announce(event: PlayerEvent, playback: Playback): void {
    switch (event.type) {
      case 'play':
        this.emit('sf-play', { src: playback.src, engine: playback.engine, reason: event.reason, muted: this.video.muted });
        break;
      case 'pause':
        this.emit('sf-pause', { src: playback.src, reason: event.reason, currentTime: this.video.currentTime });
        break;
      case 'ended':
        this.emit('sf-ended', { src: playback.src, live: event.live });
        break;
      case 'error': {
        const { kind, message, details, engine } = event.error;
        this.emit('sf-error', { kind, message, src: playback.src, details, engine });
        break;
      }
    }
  }

  /** The m3u8 to play: `src` (page-relative allowed, http(s) only), else the broadcast's previewUrl. */
  private get source(): string | undefined {
    if (this.src) return pageUrl(this.src);
    return safeUrl(this.shown?.previewUrl);
  }

  private get shown(): Broadcast | null | undefined {
    return this.broadcast ?? this.data.value;
  }

  private get posterUrl(): string | undefined {
    if (this.poster) return pageUrl(this.poster);
    const broadcast = this.shown;
    return broadcast ? broadcastThumbnail(broadcast) : undefined;
  }

  private wantsAutoplay(): boolean {
    return this.autoplay && this.isConnected && this.visibility.visible;
  }

  private syncAutoplay(): void {
    if (!this.autoplay || !this.source) return;
    const action = autoplayAction(this.model, this.wantsAutoplay());
    if (action === 'start') void this.start('autoplay');
    else if (action === 'pause') this.pauseFor('hidden');
  }

  private async start(reason: PlayReason): Promise<void> {
    await this.updateComplete;
    const source = this.source;
    if (!source || !this.isConnected) return;
    if (this.model.status === 'error') this.unload();
    this.dispatch({ type: 'start', reason });
    if (!this.playback) this.load(source);
    const playback = this.playback!;
    playback.resume();
    this.video.muted = this.autoplay || this.muted;
    await playback.ready;
    // Superseded while hls.js was loading: removed, reloaded, paused, or scrolled away.
    if (playback !== this.playback || playback.closed || this.model.intent !== reason || this.model.pausedFor) return;
    if (reason === 'autoplay' && !this.wantsAutoplay()) return;
    if (this.video.ended) this.video.currentTime = 0;
    this.dispatch({ type: 'play-call', reason });
    try {
      await this.video.play();
    } catch (error) {
      if (playback !== this.playback) return;
      // NotAllowedError: even muted autoplay was refused. AbortError: a pause or a reload came first.
      if ((error as DOMException)?.name === 'NotAllowedError') this.dispatch({ type: 'play-refused' });
    }
  }

  private load(source: string): void {
    this.dispatch({ type: 'load' });
    this.playback = initialize(this.video, {
      src: source,
      engine: this.engine,
      hlsSrc: this.config.hlsSrc,
      onFatal: (error) => this.onFatal(error),
      onLive: (live) => this.dispatch({ type: 'live', live }),
    });
    this.progress = new ViewProgress(source, (report) =>
      this.emit('sf-view-progress', { ...report, src: source, broadcastId: this.shown?.broadcastId ?? this.broadcastId, title: this.shown?.broadcastName, muted: this.video.muted }),
    );
  }

  private progressSample() {
    const video = this.video;
    return { currentTime: video.currentTime, duration: video.duration, live: this.model.live, playing: this.model.status === 'playing' && !video.paused, now: performance.now() };
  }

  private pauseFor(reason: PauseReason): void {
    const playback = this.playback;
    if (playback && reason === 'hidden') playback.suspend();
    const playing = !!playback && !this.video.paused;
    this.dispatch({ type: 'pause', reason, attached: !!playback, playing });
    if (playing) this.video.pause();
  }

  /** Tear the engine down and go back to idle (the poster). */
  private unload(): void {
    this.progress?.stop();
    this.progress = undefined;
    teardown(this.playback);
    this.playback = undefined;
    this.dispatch({ type: 'unload' });
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
    const loadingData = needsApi && !problems.length && !broadcast && (this.data.status === 'idle' || this.data.status === 'loading');
    const url = broadcast && shopperState(broadcast) !== 'cancelled' ? playerUrl(broadcast, this.token.value) : undefined;
    const { status, hasFrame } = this.model;
    const showPoster = poster && (!hasFrame || status === 'error' || status === 'ended');
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
        .muted=${this.silent}
        ?loop=${this.loop}
        ?controls=${nativeControls}
        aria-hidden=${nativeControls ? nothing : 'true'}
        aria-label=${nativeControls ? (name ? playerMsg(lang, 'player.label', { name }) : playerMsg(lang, 'player.labelDefault')) : nothing}
        @play=${this.onPlay}
        @playing=${this.onPlaying}
        @pause=${this.onPaused}
        @timeupdate=${this.onTimeUpdate}
        @waiting=${this.onWaiting}
        @loadeddata=${this.onLoadedData}
        @ended=${this.onEnded}
        @enterpictureinpicture=${this.onPipChange}
        @leavepictureinpicture=${this.onPipChange}
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
    // Only a player that has nothing to play until its broadcast arrives shows the data states.
    const waitsForData = !!this.broadcastId && !this.broadcast && !this.src;
    return this.renderStates(this.data, {
      problems,
      value: waitsForData ? this.shown : true,
      content: () => this.renderPlayback(source),
      loading: () => nothing,
      empty: () => playerMsg(lang, 'player.notFound'),
      retryPart: 'retry-button',
      message: (role, text, action) =>
        action
          ? html`<div class="message" part="message" role=${role}><span>${text}</span>${action}</div>`
          : html`<p class="message" part="message" role=${role}>${text}</p>`,
    });
  }

  private renderPlayback(source: string | undefined) {
    const lang = this.config.lang;
    const { status, autoplayRefused } = this.model;
    const playing = status === 'playing' || status === 'paused' || status === 'loading';
    const badge = this.badgeKind(playing);
    const viewers = badge === 'live' ? this.shown?.room?.incomingCounterInfo : undefined;
    return html`
      ${badge || (source && !this.controls && playing)
        ? html`<div class="top">
            ${badge
              ? html`<span class="badge ${badge}" part="badge badge-${badge}">${badge === 'live' ? playerMsg(lang, 'player.live') : msg(lang, badge === 'upcoming' ? 'state.upcoming' : 'state.replay')}</span>`
              : nothing}
            ${typeof viewers === 'number'
              ? html`<span class="viewers" part="viewers">${msg(lang, 'card.viewers', { n: formatCount(viewers, lang), count: viewers })}</span>`
              : nothing}
            ${source && !this.controls && playing
              ? html`<button class="mute" part="mute-button" aria-pressed=${this.silent ? 'false' : 'true'}
                  aria-label=${playerMsg(lang, 'player.unmute')} title=${playerMsg(lang, this.silent ? 'player.unmute' : 'player.mute')}
                  @click=${this.toggleSound}>${this.silent ? SOUND_OFF : SOUND_ON}</button>`
              : nothing}
            ${source && !this.controls && playing && pipSupported()
              ? html`<button class="mute pip" part="pip-button" aria-pressed=${this.inPip ? 'true' : 'false'}
                  aria-label=${playerMsg(lang, 'player.pip')} title=${playerMsg(lang, 'player.pip')} @click=${this.togglePip}>${PIP}</button>`
              : nothing}
          </div>`
        : nothing}
      ${this.renderInfo(badge)}
      ${status === 'loading' ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
      ${!source && (this.shown || this.src !== undefined) && !this.posterUrl
        ? html`<p class="message" part="message" role="status">${playerMsg(lang, 'player.noPreview')}</p>`
        : nothing}
      ${source && ((status === 'idle' && this.controls) || (status === 'paused' && autoplayRefused))
        ? html`<button class="play" part="play-button" aria-label=${playerMsg(lang, 'player.play')} @click=${() => void this.start('user')}></button>`
        : nothing}
      ${status === 'error' ? this.renderError() : nothing}
      ${status === 'ended' && !this.loop
        ? html`<div class="message" part="message" role="status">
            <span>${playerMsg(lang, this.model.live ? 'player.liveEnded' : 'player.ended')}</span>
            ${this.model.live ? nothing : html`<button part="replay-button" @click=${() => void this.start('user')}>${playerMsg(lang, 'player.replay')}</button>`}
          </div>`
        : nothing}
    `;
  }

  /** LIVE while a live stream plays or the broadcast is on air (not once its stream ended); else what the broadcast is. */
  private badgeKind(playing: boolean): 'live' | 'upcoming' | 'replay' | undefined {
    if (this.model.live && playing) return 'live';
    const broadcast = this.shown;
    if (!broadcast) return undefined;
    const state = shopperState(broadcast);
    if (state === 'live' || state === 'interrupted') return this.model.status === 'ended' ? undefined : 'live';
    if (state === 'upcoming') return 'upcoming';
    return state === 'replay' || state === 'converting' ? 'replay' : undefined;
  }

  /** The title and what a tap does, over the bottom of the picture; taps go through to the link below. */
  private renderInfo(badge: 'live' | 'upcoming' | 'replay' | undefined) {
    const broadcast = this.shown;
    if (this.controls || !broadcast || shopperState(broadcast) === 'cancelled') return nothing;
    const { status } = this.model;
    if (status === 'error' || (status === 'ended' && !this.loop)) return nothing;
    const lang = this.config.lang;
    const name = this.label || broadcast.broadcastName;
    return html`<div class="info" part="info" aria-hidden="true">
      ${name ? html`<p class="title" part="title">${name}</p>` : nothing}
      <span class="cta" part="cta">${playerMsg(lang, badge === 'live' ? 'player.watchLive' : 'player.watch')} ›</span>
    </div>`;
  }

  /** Whether the video plays without sound now. */
  private get silent(): boolean {
    return this.soundOn === undefined ? this.autoplay || this.muted : !this.soundOn;
  }

  private readonly onPipChange = (): void => {
    this.inPip = document.pictureInPictureElement === this.video;
  };

  /** Into the browser's picture-in-picture window, or back (inside the press: the browser asks for one). */
  private readonly togglePip = (): void => {
    const request = document.pictureInPictureElement === this.video ? document.exitPictureInPicture() : this.video.requestPictureInPicture();
    request.then(undefined, (error: unknown) => console.warn(`[sauceflex] <sf-preview-player> picture-in-picture: ${error instanceof Error ? error.message : String(error)}`));
  };

  private readonly toggleSound = () => {
    this.soundOn = this.silent;
    // Now, inside the click: a browser lets sound start only from a gesture.
    this.video.muted = !this.soundOn;
  };

  private renderError() {
    const lang = this.config.lang;
    const kind = this.model.failure?.kind;
    const text = kind === 'network' ? 'player.errorNetwork' : kind === 'unsupported' ? 'player.errorUnsupported' : 'player.error';
    // The stream's host (hls.js: connect-src; native: media-src) or hls.js's blob: refused by the page's CSP.
    const blocked = cspBlockFor([this.source, this.model.failure?.details === 'mediaSourceRefused' ? 'blob:' : undefined]);
    return html`<div class="message" part="message" role="alert">
      <span>${blocked ? msg(lang, 'error.csp', { directive: blocked.fix }) : playerMsg(lang, text)}</span>
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
