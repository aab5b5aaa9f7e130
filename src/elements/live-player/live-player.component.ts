import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { Broadcast } from '../../api/models.js';
import '../../events/banner-click.js';
import '../../events/error.js';
import '../../events/live-enter.js';
import '../../events/live-exit.js';
import '../../events/live-status.js';
import '../../events/live-time.js';
import '../../events/login-required.js';
import type { SfPlayerProductClickDetail } from '../../events/product-click.js';
import '../../events/share.js';
import { liveMsg, type LiveKey } from '../../i18n/live.js';
import { msg } from '../../i18n/messages.js';
import { listenToPlayer, type BridgeEvent, type IgnoredReason } from '../../player/bridge.js';
import { loadBroadcast } from '../../shared/broadcast-source.js';
import { playerUrl, shopperState, type ShopperState } from '../../shared/broadcast-view.js';
import { cspBlockFor } from '../../shared/csp.js';
import { loginTarget } from '../../shared/login.js';
import { safeUrl } from '../../shared/safe-url.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { share } from '../../shared/share.js';
import type { SfConfig } from '../../store/config.js';
import { sessionStore } from '../../store/session.js';
import { shallowEqual, StoreController } from '../../store/store-controller.js';
import { navigate } from '../../tracking/navigate.js';
import { tracking } from '../../tracking/tracking.js';
import { clampDrag, cornerToward, isCorner, nearestCorner, type Corner } from './floating.js';
import styles from './live-player.styles.js';
import { ViewProgress } from '../../player/progress.js';

/** The player's states, reflected in the read-only `state` attribute. */
export const LIVE_PLAYER_STATES = ['loading', 'playing', 'ended', 'error', 'closed'] as const;
export type LivePlayerState = (typeof LIVE_PLAYER_STATES)[number];

/** How long the player waits for a viewer token being fetched before it loads without one (as a guest). */
const TOKEN_WAIT_MS = 2_000;
/** How long a notice ("link copied") stays. */
const NOTICE_MS = 4_000;
/** A pointer that moved less than this is a press, not a drag. */
const DRAG_SLOP_PX = 4;
/** What the player page may do in its frame: run, keep its own storage, open windows (SNS share), forms, and leave for a link the shopper pressed. */
const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation';
/** The browser features a player needs, and nothing more. */
const ALLOW = 'autoplay; fullscreen; picture-in-picture';

/** The browser's Document Picture-in-Picture API (Chromium 116+), where it exists. */
interface DocumentPip {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
  window: Window | null;
}
const documentPip = (): DocumentPip | undefined => (globalThis as { documentPictureInPicture?: DocumentPip }).documentPictureInPicture;

/**
 * @summary The sauceFlex live player of a broadcast, on the shop's own page: the shopper watches without
 * leaving, the player's product, login and share buttons talk to the shop, and with `floating` it shrinks
 * to a mini-player in a corner while the shopper scrolls on.
 *
 * It embeds the broadcast's `outputPath` (the viewer token from the session as `accessToken`) in an
 * iframe, its size reserved by `--sf-player-aspect-ratio` before anything loads. The player's bridge
 * events become `sf-` events (the README's `<sf-live-player>` section has the table); only messages from the
 * player's own frame and origin are read, and one of the wrong shape is ignored and counted
 * (`ignoredMessages`, and a `console.debug` line), never thrown.
 *
 * @event sf-product-click - A product was pressed in the player (`detail.source: 'player'`); the orderCallBackId is issued and recorded as a card does. Cancelable: cancel it to navigate yourself.
 * @event sf-login-required - The player's login button (`detail: { source: 'player', reason, broadcastId, loginUrl }`). Cancelable: unless cancelled, `login-url` opens with `returnUrl` back to this page.
 * @event sf-share - The player's share button (`detail: { broadcastId, title, url }`). Cancelable: unless cancelled, the Web Share API, else the link is copied and the element says so.
 * @event sf-live-exit - The player's close button (`detail: { broadcastId, action }`). Cancelable: unless cancelled, `exit-action` happens.
 * @event sf-live-status - The broadcast's state changed (`detail: { broadcastId, broadcastStateCode, state }`); an ended broadcast shows the ended state.
 * @event sf-live-time - The player's position while it plays (`detail: { broadcastId, position }`).
 * @event sf-view-progress - Watch time: `start`, then `heartbeat`s with `watchedSeconds` (from the player's play-time messages), the remainder when it closes.
 * @event sf-live-enter - The player entered the broadcast (`detail: { broadcastId }`).
 * @event sf-banner-click - A banner in the player was pressed (`detail: { broadcastId, url, bannerId, broadcastIdx, target }`). Cancelable: unless cancelled, the page goes to `url`.
 * @event sf-error - The broadcast could not be loaded, or the player page did not load in time (`kind: 'load'`).
 *
 * @csspart base - The player's place in the page (its size reserved by the aspect ratio).
 * @csspart frame - What floats: the mini-player bar and the player.
 * @csspart player - The `<iframe>` of the sauceFlex player.
 * @csspart bar - The mini-player's bar (move, pop out, expand, close), while it floats.
 * @csspart move-handle - Drag it, or focus it and press an arrow key, to move the mini-player to another corner.
 * @csspart expand-button - Scrolls back to the player's place, where it stops floating.
 * @csspart close-button - Closes the player.
 * @csspart pop-out-button - Moves the player into a picture-in-picture window outside the page (where the browser has Document Picture-in-Picture).
 * @csspart placeholder - What stays in the player's place while it floats or plays in a window.
 * @csspart message - Ended, closed, error and not-found messages.
 * @csspart retry-button - Retry, in the error state.
 * @csspart reopen-button - Watch again, after the player was closed.
 * @csspart notice - Short confirmations (link copied, please log in).
 *
 * @cssproperty --sf-player-aspect-ratio - The player's ratio (default 9 / 16, a phone broadcast).
 * @cssproperty --sf-player-background - Behind the player (default #111).
 * @cssproperty --sf-floating-width - Width of the mini-player (default 11rem; `floating-width` sets it too).
 * @cssproperty --sf-floating-inset-top - Space the mini-player leaves at the top of the viewport (default 1rem); set it to the height of the page's fixed header.
 * @cssproperty --sf-floating-inset-right - Space at the right (default 1rem).
 * @cssproperty --sf-floating-inset-bottom - Space at the bottom (default 1rem); set it to the height of a fixed bottom bar.
 * @cssproperty --sf-floating-inset-left - Space at the left (default 1rem).
 * @cssproperty --sf-floating-z-index - Stacking of the mini-player (default 2000).
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-accent - Buttons and focus.
 * @cssproperty --sf-on-accent - Text on the accent.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-skeleton - Placeholder colour while the broadcast loads.
 *
 * @attr state - Read-only: loading, playing, ended, error or closed, for CSS.
 * @attr docked - Read-only: present while the player floats as the mini-player.
 */
export class SfLivePlayer extends SauceflexElement {
  static override styles = styles;
  protected static override viewerSession = true;

  // ---- controllers ----

  private readonly session = new StoreController(this, sessionStore, (s) => ({ status: s.status, token: s.token, isMember: s.isMember }), shallowEqual);

  private readonly data = this.loadData({
    args: () => [this.broadcast ? undefined : this.broadcastId, this.config.apiBase, this.config.partnerId],
    skip: ([broadcastId, , partnerId]) => !broadcastId || !partnerId,
    load: ([broadcastId, apiBase, partnerId], signal) => loadBroadcast({ apiBase, partnerId: partnerId! }, broadcastId!, { signal }),
    onError: (error) => this.emit('sf-error', { kind: 'load', message: error instanceof Error ? error.message : String(error) }),
  });

  // ---- queries ----

  @query('iframe') private frameElement?: HTMLIFrameElement;
  @query('.frame') private floatingBox?: HTMLElement;
  @query('.inset-probe') private insetProbe?: HTMLElement;

  // ---- state ----

  /** The URL in the iframe (token included), fixed once loaded: a token refresh does not reload the player. */
  @state() private frameSrc?: string;
  /** What the iframe was loaded for (broadcast, member or guest, attempt): a change of it is a new iframe. */
  @state() private frameKey = '';
  /** `sf-view-progress` for the broadcast watched here (see `watching`). */
  private progress?: ViewProgress;
  @state() private phase: 'waiting' | 'loading' | 'playing' | 'error' | 'closed' = 'waiting';
  /** The broadcast's state code as the player last said it. */
  @state() private liveCode?: string;
  /** Out of view (and playing): the mini-player floats. */
  @state() private outOfView = false;
  /** Its place has been in view: a player the shopper never saw (below the fold) does not float over the page. */
  @state() private seen = false;
  /** Docked by the player's exit (`minimize`) or PiP button, until expanded. */
  @state() private minimized = false;
  /** The shopper pressed expand: no docking until the player is back in view. */
  @state() private expanding = false;
  @state() private dragOffset?: { dx: number; dy: number };
  @state() private notice = '';
  @state() private poppedOut = false;
  @state() private tokenWaitOver = false;

  private attempt = 0;
  private ignored = 0;
  private observer?: IntersectionObserver;
  private offBridge?: () => void;
  private offPipBridge?: () => void;
  private pipWindow?: Window;
  private pipFrame?: HTMLIFrameElement;
  private loadTimer?: ReturnType<typeof setTimeout>;
  private tokenTimer?: ReturnType<typeof setTimeout>;
  private noticeTimer?: ReturnType<typeof setTimeout>;
  private drag?: { pointerId: number; x: number; y: number; rect: DOMRect; moved: boolean };

  // ---- properties ----

  /** The broadcast to play (its `outputPath` is the sauceFlex player). */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** The broadcast itself, when the page already has it (as `<sf-broadcast-card open="inline">` does). */
  @property({ attribute: false }) broadcast?: Broadcast;
  /** Where a product or banner pressed in the player opens: `_self` (default), `_blank`, or a frame name. */
  @property() target = '_self';
  /** Float as a mini-player in a corner when the player scrolls out of view. */
  @property({ type: Boolean, reflect: true }) floating = false;
  /** The mini-player's corner: bottom-right (default), bottom-left, top-right, top-left. Dragging or the arrow keys change it. */
  @property({ attribute: 'floating-corner', reflect: true }) floatingCorner: Corner = 'bottom-right';
  /** The mini-player's width, a CSS length (default `--sf-floating-width`, 11rem). */
  @property({ attribute: 'floating-width' }) floatingWidth?: string;
  /** What the player's own close button does: `close` (default; stops the player) or `minimize` (floats it). */
  @property({ attribute: 'exit-action' }) exitAction: 'close' | 'minimize' = 'close';
  /** The shop's login page (overrides `<sf-config login-url>`): the player's login button opens it with `returnUrl` back here. */
  @property({ attribute: 'login-url' }) loginUrl?: string;
  /** Accessible name; the broadcast's name by default. */
  @property() label?: string;
  /** Milliseconds the player page may take to load before the error state (default 20000). */
  @property({ attribute: 'load-timeout', type: Number }) loadTimeout = 20_000;

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.offBridge = listenToPlayer(window, this.bridgeOptions);
    this.observer = new IntersectionObserver(this.onIntersect);
    this.observer.observe(this);
    if (!this.tokenWaitOver) this.tokenTimer = setTimeout(() => (this.tokenWaitOver = true), TOKEN_WAIT_MS);
    // Moved within the page: a frame that leaves the document reloads anyway, so it is a new load (with its timer).
    if (this.frameKey && this.phase !== 'closed' && this.phase !== 'error') {
      this.frameKey = '';
      this.attempt++;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.progress?.stop();
    this.offBridge?.();
    this.offBridge = undefined;
    this.observer?.disconnect();
    this.observer = undefined;
    clearTimeout(this.tokenTimer);
    clearTimeout(this.loadTimer);
    clearTimeout(this.noticeTimer);
    this.popIn();
  }

  protected override ownConfig(): SfConfig {
    return { ...super.ownConfig(), loginUrl: this.loginUrl };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('floatingCorner') && !isCorner(this.floatingCorner)) this.floatingCorner = 'bottom-right';
    this.chooseFrame();
    // As it starts playing, where it is now (the observer's first answer may still be on its way): in view counts as seen.
    if (this.floating && !this.seen && (changed as PropertyValues).has('phase') && this.phase === 'playing') {
      const box = this.getBoundingClientRect();
      this.seen = box.width > 0 && box.bottom > 0 && box.top < innerHeight;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Through the CSSOM, not style attributes: a strict CSP's style-src refuses those (the README promises none is needed).
    const width = this.floatingWidth?.trim();
    const base = this.renderRoot.querySelector<HTMLElement>('.base');
    if (width) base?.style.setProperty('--sf-floating-width', width);
    else base?.style.removeProperty('--sf-floating-width');
    const frame = this.renderRoot.querySelector<HTMLElement>('.frame');
    if (frame) frame.style.transform = this.dragOffset ? `translate(${this.dragOffset.dx}px, ${this.dragOffset.dy}px)` : '';
    const status = this.state;
    if (this.getAttribute('state') !== status) this.setAttribute('state', status);
    this.toggleAttribute('docked', this.docked);
  }

  // ---- handlers ----

  private readonly bridgeOptions = {
    frame: () => (this.poppedOut ? this.pipFrame?.contentWindow : this.frameElement?.contentWindow),
    origin: () => originOf(this.frameSrc),
    onEvent: (event: BridgeEvent) => this.onBridge(event),
    onIgnored: (reason: IgnoredReason, detail: string) => {
      this.ignored++;
      console.debug(`[sauceflex] <sf-live-player> ignored a message (${reason}): ${detail}`);
    },
  };

  private readonly onIntersect = (entries: IntersectionObserverEntry[]): void => {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    this.outOfView = !entry.isIntersecting;
    if (entry.isIntersecting) {
      this.seen = true;
      this.expanding = false;
      this.minimized = false;
    }
  };

  private readonly onFrameLoad = (): void => {
    if (this.phase !== 'loading') return;
    clearTimeout(this.loadTimer);
    // The page's CSP refused the frame (frame-src / child-src): the frame "loads" an error page.
    if (cspBlockFor([this.frameSrc])) this.fail('the page’s Content-Security-Policy refused the player');
    else this.phase = 'playing';
  };

  private onBridge(event: BridgeEvent): void {
    const broadcast = this.shown;
    const broadcastId = broadcast?.broadcastId ?? this.broadcastId ?? '';
    switch (event.name) {
      case 'sauceflexEnter':
        if (this.phase === 'loading') this.onFrameLoad();
        this.emit('sf-live-enter', { broadcastId });
        break;
      case 'sauceflexBroadcastStatus': {
        const code = event.payload.broadcastStateCode;
        this.liveCode = code;
        const state = shopperState({ broadcastStateCode: code as Broadcast['broadcastStateCode'], programmingStartDt: broadcast?.programmingStartDt ?? '' });
        this.emit('sf-live-status', { broadcastId, broadcastStateCode: code, state });
        break;
      }
      case 'sauceflexSendPlayTime':
        this.emit('sf-live-time', { broadcastId, position: event.payload.position });
        this.watching(broadcastId).update({ currentTime: event.payload.position, duration: Number.NaN, live: true, playing: true, now: performance.now() });
        break;
      case 'sauceflexMoveBanner': {
        const url = safeUrl(event.payload.linkUrl);
        const detail = { broadcastId, url, bannerId: event.payload.bannerId, broadcastIdx: event.payload.broadcastIdx, target: this.target };
        if (this.emit('sf-banner-click', detail, { cancelable: true }) && url) navigate(url, this.target);
        break;
      }
      case 'sauceflexMoveExit':
        if (this.emit('sf-live-exit', { broadcastId, action: this.exitAction }, { cancelable: true })) {
          if (this.exitAction === 'minimize') this.minimize();
          else this.close();
        }
        break;
      case 'sauceflexPictureInPicture':
        // The player hides its own controls for a picture-in-picture: ours is the mini-player.
        this.minimize();
        break;
      case 'sauceflexMoveLogin': {
        const login = loginTarget(this.config.loginUrl);
        const detail = { source: 'player' as const, broadcastId, reason: 'guest' as const, loginUrl: login };
        if (this.emit('sf-login-required', detail, { cancelable: true })) {
          if (login) navigate(login);
          else this.say('live.loginNeeded');
        }
        break;
      }
      case 'sauceflexMoveProduct':
        this.productClick(event.payload, broadcastId);
        break;
      case 'sauceflexOnShare':
        void this.share(event.payload, broadcast, broadcastId);
        break;
    }
  }

  /** A product pressed in the player: recorded through tracking as a card records one, announced, followed. */
  private productClick(payload: Extract<BridgeEvent, { name: 'sauceflexMoveProduct' }>['payload'], broadcastId: string): void {
    const plain = safeUrl(payload.linkUrl);
    if (!plain) {
      this.bridgeOptions.onIgnored('payload', 'sauceflexMoveProduct with a link that is not http(s)');
      return;
    }
    const result = tracking.click({ externalProductId: payload.externalProductId, broadcastId: broadcastId || undefined, redirectUrl: payload.linkUrl });
    const url = result?.url ?? plain;
    const detail: SfPlayerProductClickDetail = {
      source: 'player',
      url,
      orderCallBackId: result?.click.orderCallBackId ?? '',
      broadcastId: broadcastId || undefined,
      externalProductId: payload.externalProductId ?? undefined,
      price: priceOf(payload.price),
      isSoldout: payload.isSoldout,
      broadcastIdx: payload.broadcastIdx,
      target: this.target,
      newTab: false,
    };
    if (this.emit('sf-product-click', detail, { cancelable: true })) navigate(url, this.target);
  }

  private async share(payload: { linkUrl: string; shortUrl: string | null }, broadcast: Broadcast | null | undefined, broadcastId: string): Promise<void> {
    const url = safeUrl(payload.shortUrl) ?? safeUrl(payload.linkUrl);
    if (!url) return;
    const outcome = await share(this, { broadcastId, title: broadcast?.broadcastName ?? '', url });
    if (outcome === 'copied') this.say('live.copied');
    else if (outcome === 'failed') this.say('live.shareFailed', { url });
  }

  // ---- mini-player: drag and keys ----

  private readonly onHandleDown = (event: PointerEvent): void => {
    if (event.button !== 0 || !this.floatingBox) return;
    try {
      (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
    } catch {
      // a pointer the browser no longer knows (a synthetic one): the drag still follows its moves here
    }
    this.drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, rect: this.floatingBox.getBoundingClientRect(), moved: false };
  };

  private readonly onHandleMove = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < DRAG_SLOP_PX) return;
    drag.moved = true;
    this.dragOffset = clampDrag(dx, dy, drag.rect, { width: window.innerWidth, height: window.innerHeight }, this.insets());
  };

  private readonly onHandleUp = (event: PointerEvent): void => {
    const drag = this.drag;
    if (!drag || drag.pointerId !== event.pointerId) return;
    this.drag = undefined;
    const offset = this.dragOffset;
    this.dragOffset = undefined;
    if (!drag.moved || !offset) return;
    const x = drag.rect.left + offset.dx + drag.rect.width / 2;
    const y = drag.rect.top + offset.dy + drag.rect.height / 2;
    this.moveTo(nearestCorner(x, y, window.innerWidth, window.innerHeight));
  };

  private readonly onHandleKey = (event: KeyboardEvent): void => {
    const corner = cornerToward(this.floatingCorner, event.key);
    if (corner === this.floatingCorner && !event.key.startsWith('Arrow')) return;
    event.preventDefault();
    this.moveTo(corner);
  };

  private moveTo(corner: Corner): void {
    if (corner !== this.floatingCorner) this.floatingCorner = corner;
    this.say('live.moved', { corner: liveMsg(this.config.lang, `live.corner.${corner}` as LiveKey) });
  }

  /** The page's insets for the mini-player, in px, as the browser resolves `--sf-floating-inset-*`. */
  private insets(): { top: number; right: number; bottom: number; left: number } {
    const style = this.insetProbe ? getComputedStyle(this.insetProbe) : undefined;
    const px = (value: string | undefined) => (value && Number.isFinite(parseFloat(value)) ? parseFloat(value) : 16);
    return { top: px(style?.top), right: px(style?.right), bottom: px(style?.bottom), left: px(style?.left) };
  }

  // ---- public methods ----

  /** loading, playing, ended, error or closed. */
  get state(): LivePlayerState {
    const broadcast = this.shown;
    if (this.phase === 'closed') return 'closed';
    if (!broadcast) return this.data.status === 'error' || this.data.status === 'ready' ? 'error' : 'loading';
    if (this.ended(broadcast)) return 'ended';
    if (this.phase === 'error' || !playerUrl(broadcast, undefined)) return 'error';
    if (this.phase === 'playing') return 'playing';
    return 'loading';
  }

  /** Whether the player floats as the mini-player now. */
  get docked(): boolean {
    return this.floating && this.state === 'playing' && !this.poppedOut && !this.expanding && ((this.outOfView && this.seen) || this.minimized);
  }

  /** Messages that reached this player's listener and were not read (another frame or origin, or the wrong shape), since it was created. */
  get ignoredMessages(): number {
    return this.ignored;
  }

  /** Load the player again (the error state's retry, the closed state's "watch again"). */
  reload(): void {
    this.phase = 'waiting';
    this.attempt++;
    this.frameKey = '';
    if (!this.shown) void this.data.reload();
    this.requestUpdate();
  }

  /**
   * `sf-view-progress` from the player's play-time messages (the only clock it shares): `start`, then watch-time
   * heartbeats, the remainder when it closes or leaves the page. `muted` is unknown inside the player: false.
   */
  private watching(broadcastId: string): ViewProgress {
    const src = this.shown?.outputPath ?? '';
    return (this.progress ??= new ViewProgress(`live:${broadcastId}`, (report) =>
      this.emit('sf-view-progress', { ...report, src, broadcastId, title: this.shown?.broadcastName, muted: false }),
    ));
  }

  /** Stop the player: the iframe goes, "watch again" stays. */
  close(): void {
    this.progress?.stop();
    clearTimeout(this.loadTimer);
    this.popIn();
    this.phase = 'closed';
    this.frameSrc = undefined;
    this.minimized = false;
  }

  /** Float as the mini-player now (with `floating`), even while its place is in view. */
  minimize(): void {
    if (this.floating) {
      this.minimized = true;
      this.expanding = false;
    }
  }

  /** Back to its place in the page: scrolls there; the mini-player stops floating. */
  expand(): void {
    this.minimized = false;
    // Until its place is in view again (the observer says so), the scroll back must not dock it again.
    this.expanding = this.outOfView;
    const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    this.scrollIntoView({ block: 'center', behavior: smooth ? 'smooth' : 'auto' });
  }

  /** Where the browser has Document Picture-in-Picture: play in a small window outside the page. Call it from a press (the browser asks for one). */
  async popOut(): Promise<void> {
    const pip = documentPip();
    const src = this.frameSrc;
    if (!pip || !src || this.poppedOut) return;
    const { width, height } = this.floatingBox?.getBoundingClientRect() ?? { width: 360, height: 640 };
    const win = await pip.requestWindow({ width: Math.round(Math.max(width, 240)), height: Math.round(Math.max(height, 320)) });
    const doc = win.document;
    doc.body.style.cssText = 'margin:0;background:#000';
    const frame = doc.createElement('iframe');
    frame.setAttribute('sandbox', SANDBOX);
    frame.setAttribute('allow', ALLOW);
    frame.title = this.frameTitle;
    frame.style.cssText = 'border:0;width:100vw;height:100vh;display:block';
    frame.src = src;
    doc.body.append(frame);
    this.pipWindow = win;
    this.pipFrame = frame;
    this.offPipBridge = listenToPlayer(win, this.bridgeOptions);
    win.addEventListener('pagehide', () => this.popIn(), { once: true });
    this.poppedOut = true;
  }

  /** Back from the picture-in-picture window into the page. */
  popIn(): void {
    if (!this.poppedOut) return;
    this.offPipBridge?.();
    this.offPipBridge = undefined;
    const win = this.pipWindow;
    this.pipWindow = undefined;
    this.pipFrame = undefined;
    this.poppedOut = false;
    // A new frame in the page (an iframe that moves between documents reloads anyway).
    this.attempt++;
    this.frameKey = '';
    this.phase = this.phase === 'closed' ? 'closed' : 'waiting';
    if (win && !win.closed) win.close();
  }

  // ---- internals ----

  private get shown(): Broadcast | null | undefined {
    return this.broadcast ?? this.data.value;
  }

  /** Over (or cancelled), by what the player last said or else by the broadcast itself. */
  private ended(broadcast: Broadcast): ShopperState | undefined {
    const state = shopperState(this.liveCode ? { ...broadcast, broadcastStateCode: this.liveCode as Broadcast['broadcastStateCode'] } : broadcast);
    return state === 'converting' || state === 'cancelled' || state === 'hidden' ? state : undefined;
  }

  /**
   * The iframe's URL, decided once per broadcast and per member/guest: after the session has answered
   * (or `TOKEN_WAIT_MS`), so a member's player opens with the token; a refreshed token does not reload it.
   */
  private chooseFrame(): void {
    // An update may still run after the element left the page (it was removed before its first render): no timer then.
    if (!this.isConnected) return;
    const broadcast = this.shown;
    if (!broadcast || this.phase === 'closed' || this.poppedOut || this.ended(broadcast)) {
      if (broadcast && this.ended(broadcast)) this.stopFrame();
      return;
    }
    const session = sessionStore.getState();
    if (session.status === 'loading' && !this.tokenWaitOver) return;
    const key = `${broadcast.broadcastId}|${session.isMember ? 'member' : 'guest'}|${this.attempt}`;
    if (key === this.frameKey) return;
    this.frameKey = key;
    this.frameSrc = playerUrl(broadcast, session.token);
    clearTimeout(this.loadTimer);
    if (!this.frameSrc) return;
    this.phase = 'loading';
    this.loadTimer = setTimeout(() => this.fail(`the player page did not load within ${this.loadTimeout} ms`), this.loadTimeout);
  }

  private stopFrame(): void {
    clearTimeout(this.loadTimer);
    this.frameSrc = undefined;
    this.frameKey = '';
    this.minimized = false;
    this.popIn();
  }

  private fail(message: string): void {
    clearTimeout(this.loadTimer);
    this.phase = 'error';
    this.frameSrc = undefined;
    // The player's address without the viewer token: nothing secret goes into an event or a log.
    this.emit('sf-error', { kind: 'load', message, src: safeUrl(this.shown?.outputPath) });
  }

  private say(key: LiveKey, params?: Record<string, string>): void {
    this.notice = liveMsg(this.config.lang, key, params);
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = ''), NOTICE_MS);
  }

  private get name(): string | undefined {
    return this.label || this.shown?.broadcastName || undefined;
  }

  private get frameTitle(): string {
    return this.name ? liveMsg(this.config.lang, 'live.frameTitle', { name: this.name }) : liveMsg(this.config.lang, 'live.labelDefault');
  }

  // ---- render ----

  override render() {
    const lang = this.config.lang;
    return html`<div class="base" part="base">
      ${this.renderStates(this.data, {
        problems: this.broadcast || !this.broadcastId ? [] : this.checkConfig(),
        value: this.shown,
        content: (broadcast) => this.renderPlayer(broadcast),
        loading: () => html`<div class="skeleton" role="status" aria-busy="true"><span class="visually-hidden">${liveMsg(lang, 'live.loading')}</span></div>`,
        empty: () => msg(lang, 'card.notFound'),
        error: () => liveMsg(lang, 'live.error'),
        retryPart: 'retry-button',
        message: (role, text, action) => html`<div class="message" part="message" role=${role}><span>${text}</span>${action ?? nothing}</div>`,
      })}
      <p class="notice" part="notice" role="status">${this.notice}</p>
    </div>`;
  }

  private renderPlayer(broadcast: Broadcast) {
    const lang = this.config.lang;
    const ended = this.ended(broadcast);
    if (ended) {
      const key: LiveKey = ended === 'cancelled' ? 'live.cancelled' : ended === 'hidden' ? 'live.noPlayer' : 'live.ended';
      return html`<div class="message" part="message" role="status"><span>${liveMsg(lang, key)}</span></div>`;
    }
    if (this.phase === 'closed') {
      return html`<div class="message" part="message" role="status">
        <span>${liveMsg(lang, 'live.closed')}</span>
        <button type="button" part="reopen-button" @click=${() => this.reload()}>${liveMsg(lang, 'live.reopen')}</button>
      </div>`;
    }
    if (!playerUrl(broadcast, undefined)) return html`<div class="message" part="message" role="alert"><span>${liveMsg(lang, 'live.noPlayer')}</span></div>`;
    if (this.phase === 'error') {
      const blocked = cspBlockFor([safeUrl(broadcast.outputPath)]);
      return html`<div class="message" part="message" role="alert">
        <span>${blocked ? msg(lang, 'error.csp', { directive: blocked.fix }) : liveMsg(lang, 'live.error')}</span>
        <button type="button" part="retry-button" @click=${() => this.reload()}>${msg(lang, 'error.retry')}</button>
      </div>`;
    }
    if (this.poppedOut) {
      return html`<div class="placeholder" part="placeholder">
        <span>${liveMsg(lang, 'live.poppedOut')}</span>
        <button type="button" @click=${() => this.popIn()}>${liveMsg(lang, 'live.popIn')}</button>
      </div>`;
    }
    const docked = this.docked;
    const offset = this.dragOffset;
    const name = this.name;
    return html`
      ${docked ? html`<div class="placeholder" part="placeholder" aria-hidden="true">${liveMsg(lang, 'live.mini')}</div>` : nothing}
      <div
        class="frame ${docked ? 'docked' : ''} ${offset ? 'dragging' : ''}"
        part="frame"
        role="region"
        aria-label=${name ? liveMsg(lang, 'live.label', { name }) : liveMsg(lang, 'live.labelDefault')}
      >
        ${docked ? this.renderBar() : nothing}
        <div class="screen">
          ${this.frameSrc
            ? keyed(
                this.frameKey,
                html`<iframe part="player" src=${this.frameSrc} title=${this.frameTitle} allow=${ALLOW} sandbox=${SANDBOX} referrerpolicy="origin" @load=${this.onFrameLoad}></iframe>`,
              )
            : nothing}
          ${this.phase !== 'playing' ? html`<span class="spinner" role="status"><span class="visually-hidden">${liveMsg(lang, 'live.loading')}</span></span>` : nothing}
        </div>
        ${docked ? html`<span class="inset-probe" aria-hidden="true"></span>` : nothing}
      </div>
    `;
  }

  private renderBar() {
    const lang = this.config.lang;
    return html`<div class="bar" part="bar">
      <button type="button" class="handle" part="move-handle" aria-label=${liveMsg(lang, 'live.move')} title=${liveMsg(lang, 'live.move')}
        @pointerdown=${this.onHandleDown} @pointermove=${this.onHandleMove} @pointerup=${this.onHandleUp} @pointercancel=${this.onHandleUp} @keydown=${this.onHandleKey}>
        <span aria-hidden="true">⠿</span>
      </button>
      ${documentPip()
        ? html`<button type="button" part="pop-out-button" aria-label=${liveMsg(lang, 'live.popOut')} title=${liveMsg(lang, 'live.popOut')} @click=${() => void this.popOut()}>
            <span aria-hidden="true">⧉</span>
          </button>`
        : nothing}
      <button type="button" part="expand-button" aria-label=${liveMsg(lang, 'live.expand')} title=${liveMsg(lang, 'live.expand')} @click=${() => this.expand()}>
        <span aria-hidden="true">⤢</span>
      </button>
      <button type="button" part="close-button" aria-label=${liveMsg(lang, 'live.close')} title=${liveMsg(lang, 'live.close')} @click=${() => this.close()}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>`;
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The player's price: a number, or a numeric string ("12000", "12,000"); undefined otherwise. */
function priceOf(price: string | number | undefined): number | undefined {
  if (typeof price === 'number') return Number.isFinite(price) ? price : undefined;
  if (typeof price !== 'string' || price.trim() === '') return undefined;
  const value = Number(price.replace(/,/g, '').trim());
  return Number.isFinite(value) ? value : undefined;
}
