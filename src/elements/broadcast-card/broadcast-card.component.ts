import { html, nothing } from 'lit';
import { property, query, state as litState } from 'lit/decorators.js';
import type { Broadcast } from '../../api/models.js';
import '../../events/broadcast-select.js';
import { dayLabel, formatCount, formatDuration, formatTime, parseApiDate } from '../../i18n/format.js';
import { liveMsg } from '../../i18n/live.js';
import { msg } from '../../i18n/messages.js';
import { broadcastThumbnail, durationSeconds, playerUrl, representative, shopperState, type ShopperState } from '../../shared/broadcast-view.js';
import { ImpressionController } from '../../shared/impressions.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { safeUrl } from '../../shared/safe-url.js';
import { loadBroadcast } from '../../shared/broadcast-source.js';
import { sessionStore } from '../../store/session.js';
import { StoreController } from '../../store/store-controller.js';
import styles from './broadcast-card.styles.js';
import { CardActions } from './card-actions.js';
import type { SfRemindDetail } from '../../events/remind.js';
import type { SfLoginRequiredDetail } from '../../events/login-required.js';

const PRODUCT_THUMBS = 3;

/**
 * @summary One broadcast: picture, state badge, title, time, shop and its first products. Opens the
 * sauceFlex player (the broadcast's `outputPath` with the viewer token as `accessToken`).
 *
 * Usable alone with `broadcast-id`, or given a `broadcast` object (as `<sf-schedule>` does). With
 * `open="inline"` it opens the broadcast in `<sf-live-player>` inside a dialog on this page instead
 * (the player's code is fetched then, not before).
 *
 * @event sf-impression - The card was at least half on screen for one second (once per page view): `detail: { kind: 'broadcast', id, broadcastId, broadcast }`.
 * @event sf-broadcast-select - The shopper chose the broadcast. Cancelable: cancel it to open the
 *   player yourself (a modal, an SPA route). `detail: { broadcast, url, target }`.
 * @event sf-remind - "Remind me" turned on or off (upcoming broadcasts): `detail: { broadcastId, name, start, end, url, on }` (times ISO, UTC). Cancelable: cancel to skip the add-to-calendar offer (subscribe the shopper in your own system).
 * @event sf-share - The share button: `detail: { broadcastId, title, url }` (`url`: the `shortUrl`, else the player). Cancelable: cancel to share your own way; otherwise the Web Share API, else a copy to the clipboard.
 * @event sf-login-required - With `remind-requires-login`, a guest pressed "remind me": `detail: { broadcastId, source: 'remind', reason: 'guest' }`. Cancel it to open your login yourself; otherwise `login-url` (on `<sf-config>`) opens.
 *
 * @csspart card - The link (or box, when the broadcast cannot be opened) around everything.
 * @csspart thumbnail - The picture's frame.
 * @csspart badge - The state badge (LIVE, 방송 예정, …).
 * @csspart title - The broadcast name.
 * @csspart meta - Time and counters.
 * @csspart shop - Shop name and logo.
 * @csspart products - The first products' thumbnails.
 * @csspart dialog - With `open="inline"`: the dialog the live player opens in.
 * @csspart dialog-close - The dialog's close button.
 * @csspart actions - The row under the card: remind, share and counters.
 * @csspart remind - The "remind me" toggle (`aria-pressed`).
 * @csspart share - The share button.
 * @csspart counters - Views, likes and chats, compact.
 * @csspart calendar - The add-to-calendar offer shown after a reminder is set.
 * @csspart note - What the last action did (reminder set, link copied), announced politely.
 *
 * @cssproperty --sf-thumbnail-aspect-ratio - Picture ratio (default 3 / 4; 16 / 9 in the feed variant); may be set on an ancestor.
 * @cssproperty --sf-card-thumb-width - Picture width in the list variant (default 7.5rem).
 * @cssproperty --sf-card-title-size - Title font size (default 0.95rem).
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-accent - LIVE colour.
 * @cssproperty --sf-on-accent - Text on the accent (LIVE badge, buttons); set a dark one with a light accent.
 * @cssproperty --sf-surface - Card background.
 * @cssproperty --sf-text - Text colour.
 * @cssproperty --sf-text-muted - Secondary text colour.
 * @cssproperty --sf-border - Border colour.
 * @cssproperty --sf-skeleton - Placeholder colour while loading.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 * @cssproperty --sf-card-radius - This card's corner radius only (default `--sf-radius`).
 * @cssproperty --sf-card-background - This card's background only (default `--sf-surface`).
 * @cssproperty --sf-card-color - This card's text colour only (default `--sf-text`).
 * @cssproperty --sf-card-muted - This card's secondary text colour only (default `--sf-text-muted`).
 * @cssproperty --sf-card-border - This card's border colour only (default `--sf-border`).
 * @cssproperty --sf-live-color - This card's LIVE colour only (default `--sf-accent`).
 */
export class SfBroadcastCard extends SauceflexElement {
  static override styles = styles;
  protected static override serverProperties = ['broadcast'];
  protected static override viewerSession = true;

  private readonly token = new StoreController(this, sessionStore, (state) => state.token);
  private readonly actions = new CardActions(this);

  private readonly data = this.loadData({
    args: () => [this.broadcast ? undefined : this.broadcastId, this.config.apiBase, this.config.partnerId],
    skip: ([broadcastId, , partnerId]) => !broadcastId || !partnerId,
    load: ([broadcastId, apiBase, partnerId], signal) => loadBroadcast({ apiBase, partnerId: partnerId! }, broadcastId!, { signal }),
  });

  /** `sf-impression` once the card has been half on screen for a second. */
  protected readonly impressions = new ImpressionController(
    this,
    () => (this.shown ? [{ target: this, detail: { kind: 'broadcast', id: this.shown.broadcastId, broadcastId: this.shown.broadcastId, broadcast: this.shown } }] : []),
    (detail) => this.emit('sf-impression', detail),
  );

  /** The broadcast to show; set by `<sf-schedule>`, or loaded from `broadcast-id`. */
  @property({ attribute: false }) broadcast?: Broadcast;
  /** Load and show this broadcast by id (when no `broadcast` object is given). */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** Where the player opens: `_self` (default), `_blank`, or a frame name. */
  @property() target = '_self';
  /** list (picture left), feed (picture on top, default) or grid (text over the picture). */
  @property({ reflect: true }) variant: 'list' | 'feed' | 'grid' = 'feed';
  /** The picture is among the first the shopper sees: fetched at once with high priority, not lazily (the schedule sets it on its first card in view). */
  @property({ type: Boolean }) priority = false;
  /** The clock the state and labels are computed against (ms); the schedule passes its own. */
  @property({ attribute: false }) now?: number;
  /** `page` (default): open the sauceFlex player's page. `inline`: play it here, in a dialog with `<sf-live-player>`. */
  @property() open: 'page' | 'inline' = 'page';

  /** The broadcast playing in the inline dialog, while it is open. */
  @litState() private playing?: Broadcast;
  @query('dialog') private dialog?: HTMLDialogElement;
  /** A guest's "remind me" asks to sign in first (`sf-login-required`, then `login-url`). */
  @property({ attribute: 'remind-requires-login', type: Boolean }) remindRequiresLogin = false;
  /** Hide the "remind me" toggle. */
  @property({ attribute: 'no-remind', type: Boolean }) noRemind = false;
  /** Hide the share button. */
  @property({ attribute: 'no-share', type: Boolean }) noShare = false;

  /** @internal For the actions row: its typed events. */
  emitRemind(detail: SfRemindDetail): boolean {
    return this.emit('sf-remind', detail, { cancelable: true });
  }

  /** @internal */
  emitLoginRequired(detail: SfLoginRequiredDetail): boolean {
    return this.emit('sf-login-required', detail, { cancelable: true });
  }

  private get shown(): Broadcast | null | undefined {
    return this.broadcast ?? this.data.value;
  }

  private onActivate(event: MouseEvent, broadcast: Broadcast, url: string | undefined): void {
    // Modified and middle clicks are the browser's (a new tab, a download): we do not intercept them.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const proceed = this.emit('sf-broadcast-select', { broadcast, url, target: this.target }, { cancelable: true });
    if (!proceed || this.open === 'inline') event.preventDefault();
    if (proceed && this.open === 'inline') void this.openInline(broadcast);
  }

  /** The live player in a modal dialog: focus moves into it, Escape or the close button ends it, focus comes back to the card. */
  private async openInline(broadcast: Broadcast): Promise<void> {
    await import('../live-player/live-player.js');
    this.playing = broadcast;
    await this.updateComplete;
    if (this.dialog && !this.dialog.open) this.dialog.showModal();
  }

  private readonly closeInline = (): void => {
    if (this.dialog?.open) this.dialog.close();
    this.playing = undefined;
  };

  override render() {
    // Only a card that must load by id needs the API settings; without either it is a placeholder.
    return this.renderStates(this.data, {
      problems: this.broadcast || !this.broadcastId ? [] : this.checkConfig(),
      value: this.shown,
      content: (broadcast) => this.renderBroadcast(broadcast),
      loading: () => this.renderSkeleton(),
      empty: () => msg(this.config.lang, 'card.notFound'),
      message: (role, text, action) =>
        action
          ? html`<div class="card message" part="card" role=${role}><span>${text}</span>${action}</div>`
          : html`<div class="card message" part="card" role=${role}>${text}</div>`,
    });
  }

  private renderSkeleton() {
    return html`<div class="card skeleton" part="card" role="group" aria-busy="true" aria-label=${msg(this.config.lang, 'schedule.loading')}>
      <div class="thumb" part="thumbnail"></div>
      <div class="body"><div class="line"></div><div class="line short"></div></div>
    </div>
    <div class="actions" part="actions"></div>`;
  }

  private renderBroadcast(broadcast: Broadcast) {
    const { lang, timeZone } = this.config;
    const now = this.now ?? Date.now();
    const state = shopperState(broadcast, now);
    const start = parseApiDate(broadcast.programmingStartDt);
    const url = state === 'cancelled' ? undefined : playerUrl(broadcast, this.token.value);
    const when = start ? `${dayLabel(start, new Date(now), lang, timeZone)} ${formatTime(start, lang, timeZone)}` : '';
    const label = [broadcast.broadcastName, this.stateLabel(state), when, broadcast.shopName].filter(Boolean).join(', ');
    const inner = this.renderInner(broadcast, state, when);
    const card = url
      ? // The link's name is its visible text (state, title, time, shop), read in that order.
        html`<a class="card" part="card" href=${url} target=${this.target} rel=${this.target === '_self' ? nothing : 'noopener'}
          @click=${(e: MouseEvent) => this.onActivate(e, broadcast, url)}>${inner}</a>${this.renderDialog()}`
      : html`<div class="card" part="card" role="group" aria-label=${label} aria-disabled=${state === 'cancelled' ? 'true' : nothing}>${inner}</div>`;
    return html`${card}${this.renderActions(broadcast, state)}`;
  }

  private renderActions(broadcast: Broadcast, state: ShopperState) {
    const { lang, loginUrl } = this.config;
    return this.actions.render(broadcast, state, { lang, loginUrl, requiresLogin: this.remindRequiresLogin, noRemind: this.noRemind, noShare: this.noShare });
  }

  private renderDialog() {
    const broadcast = this.playing;
    if (!broadcast) return nothing;
    const { lang, timeZone } = this.config;
    return html`<dialog part="dialog" aria-label=${liveMsg(lang, 'live.dialog', { name: broadcast.broadcastName })} @close=${this.closeInline} @sf-live-exit=${this.closeInline}>
      <div class="dialog-body">
        <button type="button" class="dialog-close" part="dialog-close" @click=${this.closeInline}>${liveMsg(lang, 'live.dialogClose')}</button>
        <sf-live-player .broadcast=${broadcast} lang=${lang} partner-id=${this.config.partnerId ?? nothing} api-base=${this.config.apiBase}
          token-endpoint=${this.config.tokenEndpoint ?? nothing} time-zone=${timeZone ?? nothing}></sf-live-player>
      </div>
    </dialog>`;
  }

  private renderInner(broadcast: Broadcast, state: ShopperState, when: string) {
    const { lang } = this.config;
    const thumbnail = broadcastThumbnail(broadcast);
    const seconds = durationSeconds(broadcast);
    const viewers = broadcast.room?.incomingCounterInfo;
    const logo = safeUrl(broadcast.partnerProfileImageUrl);
    const products = Array.isArray(broadcast.productListDetail) ? broadcast.productListDetail : [];
    return html`
      <div class="thumb" part="thumbnail">
        ${thumbnail
          ? html`<img src=${thumbnail} alt="" loading=${this.priority ? 'eager' : 'lazy'} fetchpriority=${this.priority ? 'high' : 'auto'} decoding="async" />`
          : nothing}
        <span class="badge ${state}" part="badge">${this.stateLabel(state)}</span>
        ${state === 'replay' && seconds ? html`<span class="duration">${clock(seconds)}</span>` : nothing}
      </div>
      <div class="body">
        <span class="title ${state === 'cancelled' ? 'cancelled-text' : ''}" part="title">${broadcast.broadcastName}</span>
        <span class="meta" part="meta">
          ${state === 'live' || state === 'interrupted'
            ? typeof viewers === 'number' ? msg(lang, 'card.viewers', { n: formatCount(viewers, lang), count: viewers }) : ''
            : state === 'replay' && seconds ? `${when} · ${formatDuration(seconds * 1000, lang)}` : when}
        </span>
        ${broadcast.shopName
          ? html`<span class="shop" part="shop">${logo ? html`<img src=${logo} alt="" loading="lazy" />` : nothing}${broadcast.shopName}</span>`
          : nothing}
        ${products.length ? this.renderProducts(products) : nothing}
      </div>
    `;
  }

  private renderProducts(products: NonNullable<Broadcast['productListDetail']>) {
    const { lang } = this.config;
    const first = products.slice(0, PRODUCT_THUMBS);
    const rest = products.length - first.length;
    // Decorative inside the link: product names would drown the broadcast's own name.
    return html`<ul class="products" part="products" aria-hidden="true" title=${msg(lang, 'card.products', { n: products.length })}>
      ${first.map((product) => {
        const src = representative(product.productThumbnailUrlList);
        return html`<li>${src ? html`<img src=${src} alt="" loading="lazy" />` : nothing}</li>`;
      })}
      ${rest > 0 ? html`<li class="more">+${rest}</li>` : nothing}
    </ul>`;
  }

  private stateLabel(state: ShopperState): string {
    const lang = this.config.lang;
    switch (state) {
      case 'live':
        return msg(lang, 'state.live');
      case 'interrupted':
        return msg(lang, 'state.paused');
      case 'converting':
        return msg(lang, 'state.converting');
      case 'replay':
        return msg(lang, 'state.replay');
      case 'cancelled':
        return msg(lang, 'state.cancel');
      default:
        return msg(lang, 'state.upcoming');
    }
  }
}

/** 134.6 → "2:14"; an hour or more → "1:02:14". */
function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
