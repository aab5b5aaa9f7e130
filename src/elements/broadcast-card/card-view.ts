/**
 * A broadcast card's template and behaviour, drawn by `<sf-broadcast-card>` (one) and by
 * `<sf-schedule>` (one per broadcast, inside the schedule's own shadow root). The schedule used to
 * draw an `<sf-broadcast-card>` element per broadcast, each with its own shadow root, styles,
 * controllers and update cycle (issue 22: render speed); both elements now share this one template,
 * and one host (`CardHost`) sends every card's events.
 */
import { html, nothing, type ReactiveController } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { Broadcast } from '../../api/models.js';
import '../../events/broadcast-select.js';
import { dayLabel, formatCount, formatDuration, formatTime, parseApiDate } from '../../i18n/format.js';
import { liveMsg } from '../../i18n/live.js';
import { msg } from '../../i18n/messages.js';
import { broadcastThumbnail, durationSeconds, playerUrl, representative, shopperState, type ShopperState } from '../../shared/broadcast-view.js';
import { safeUrl } from '../../shared/safe-url.js';
import type { Lang } from '../../store/config.js';
import { sessionStore } from '../../store/session.js';
import { StoreController } from '../../store/store-controller.js';
import { CardActions, type CardHost } from './card-actions.js';

export type { CardHost } from './card-actions.js';

const PRODUCT_THUMBS = 3;

/** How the host draws its cards: the same for every card of a schedule, but `priority`. */
export interface CardSettings {
  lang: Lang;
  timeZone?: string;
  loginUrl?: string;
  partnerId?: string;
  apiBase: string;
  tokenEndpoint?: string;
  /** The clock states and labels are computed against (ms). */
  now: number;
  target: string;
  open: 'page' | 'inline';
  /** The card's `part` name: `card` in `<sf-broadcast-card>`, `card-link` in a schedule (whose `card` is the whole item). */
  linkPart: string;
  /** Fetch the picture at once with high priority (the first card in view). */
  priority: boolean;
  requiresLogin: boolean;
  noRemind: boolean;
  noShare: boolean;
}

/** The label of a shopper state, as the badge shows it. */
export function stateLabel(state: ShopperState, lang: Lang): string {
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

/** The placeholder card, the size of the content (the host marks it busy). */
export function cardSkeleton(lang: Lang, linkPart = 'card') {
  return html`<div class="card skeleton" part=${linkPart} role="group" aria-busy="true" aria-label=${msg(lang, 'schedule.loading')}><div class="thumb" part="thumbnail"></div><div class="body"><div class="line"></div><div class="line short"></div></div></div><div class="actions" part="actions"></div>`;
}

/** The cards of one host: their template, their actions row, the select event and the inline player. */
export class CardView implements ReactiveController {
  readonly actions: CardActions;
  private readonly token: StoreController<ReturnType<typeof sessionStore.getState>, string | undefined>;
  /** The broadcast playing in the inline dialog, while it is open. */
  private playing?: Broadcast;

  constructor(private readonly host: CardHost) {
    this.actions = new CardActions(host);
    this.token = new StoreController(host, sessionStore, (state) => state.token);
    host.addController(this);
  }

  hostDisconnected(): void {
    this.playing = undefined;
  }

  /**
   * One card and its actions row, in one template with the card (no wrapper template: a schedule
   * draws a thousand, and every nested template is one more instance to clone and track).
   */
  card(broadcast: Broadcast, settings: CardSettings) {
    const { lang, timeZone, now, target } = settings;
    const state = shopperState(broadcast, now);
    const start = parseApiDate(broadcast.programmingStartDt);
    const url = state === 'cancelled' ? undefined : playerUrl(broadcast, this.token.value);
    const when = start ? `${dayLabel(start, new Date(now), lang, timeZone)} ${formatTime(start, lang, timeZone)}` : '';
    const inner = this.inner(broadcast, state, when, settings);
    const actions = this.actions.render(broadcast, state, settings);
    return url
      ? // The link's name is its visible text (state, title, time, shop), read in that order.
        html`<a class="card" part=${settings.linkPart} href=${url} target=${target} rel=${target === '_self' ? nothing : 'noopener'}
          @click=${(e: MouseEvent) => this.activate(e, broadcast, url, settings)}>${inner}</a>${actions}`
      : html`<div class="card" part=${settings.linkPart} role="group" aria-label=${[broadcast.broadcastName, stateLabel(state, lang), when, broadcast.shopName].filter(Boolean).join(', ')}
          aria-disabled=${state === 'cancelled' ? 'true' : nothing}>${inner}</div>${actions}`;
  }

  /**
   * One card of many (a schedule): drawn again only when its broadcast object, the settings, the
   * viewer token or its actions row changed. A "more" or a refresh then costs the new and changed
   * cards, not every card shown.
   */
  cardOf(broadcast: Broadcast, settings: CardSettings, settingsKey: string) {
    return guard([broadcast, settingsKey, settings.priority, this.stateOf(broadcast)], () => this.card(broadcast, settings));
  }

  /** What a card shows beyond its broadcast and the settings (the token in its link, its actions row): a new value when that changes. */
  stateOf(broadcast: Broadcast): string {
    return `${this.token.value ?? ''}|${this.actions.revision(broadcast.broadcastId)}`;
  }

  /** The inline player's dialog, while one plays (`open="inline"`). */
  dialog(settings: CardSettings) {
    const broadcast = this.playing;
    if (!broadcast) return nothing;
    const { lang } = settings;
    return html`<dialog part="dialog" aria-label=${liveMsg(lang, 'live.dialog', { name: broadcast.broadcastName })} @close=${this.closeInline} @sf-live-exit=${this.closeInline}>
      <div class="dialog-body">
        <button type="button" class="dialog-close" part="dialog-close" @click=${this.closeInline}>${liveMsg(lang, 'live.dialogClose')}</button>
        <sf-live-player .broadcast=${broadcast} lang=${lang} partner-id=${settings.partnerId ?? nothing} api-base=${settings.apiBase}
          token-endpoint=${settings.tokenEndpoint ?? nothing} time-zone=${settings.timeZone ?? nothing}></sf-live-player>
      </div>
    </dialog>`;
  }

  private activate(event: MouseEvent, broadcast: Broadcast, url: string, settings: CardSettings): void {
    // Modified and middle clicks are the browser's (a new tab, a download): we do not intercept them.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const proceed = this.host.cardEvent('sf-broadcast-select', { broadcast, url, target: settings.target });
    if (!proceed || settings.open === 'inline') event.preventDefault();
    if (proceed && settings.open === 'inline') void this.openInline(broadcast);
  }

  /** The live player in a modal dialog: focus moves into it, Escape or the close button ends it, focus comes back to the card. */
  private async openInline(broadcast: Broadcast): Promise<void> {
    await import('../live-player/live-player.js');
    this.playing = broadcast;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.dialogElement();
    if (dialog && !dialog.open) dialog.showModal();
  }

  private readonly closeInline = (): void => {
    const dialog = this.dialogElement();
    if (dialog?.open) dialog.close();
    this.playing = undefined;
    this.host.requestUpdate();
  };

  private dialogElement(): HTMLDialogElement | null | undefined {
    return this.host.shadowRoot?.querySelector<HTMLDialogElement>('dialog[part="dialog"]');
  }

  private inner(broadcast: Broadcast, state: ShopperState, when: string, settings: CardSettings) {
    const { lang, priority } = settings;
    const thumbnail = broadcastThumbnail(broadcast);
    const seconds = durationSeconds(broadcast);
    const viewers = broadcast.room?.incomingCounterInfo;
    const logo = safeUrl(broadcast.partnerProfileImageUrl);
    const products = Array.isArray(broadcast.productListDetail) ? broadcast.productListDetail : [];
    // No white space at the edges of the boxes (text nodes to clone for every card); one space
    // between the texts, so the link's name keeps its words apart whatever a page's CSS does.
    return html`<div class="thumb" part="thumbnail">${thumbnail
        ? // loading before src (Lit sets attributes in this order): a src set first starts an eager fetch of every picture.
          html`<img loading=${priority ? 'eager' : 'lazy'} fetchpriority=${priority ? 'high' : 'auto'} src=${thumbnail} alt="" decoding="async" />`
        : nothing}<span class="badge ${state}" part="badge">${stateLabel(state, lang)}</span> ${state === 'replay' && seconds ? html`<span class="duration">${clock(seconds)}</span>` : nothing}</div>
      <div class="body"><span class="title ${state === 'cancelled' ? 'cancelled-text' : ''}" part="title">${broadcast.broadcastName}</span>
        <span class="meta" part="meta">${state === 'live' || state === 'interrupted'
          ? typeof viewers === 'number'
            ? msg(lang, 'card.viewers', { n: formatCount(viewers, lang), count: viewers })
            : ''
          : state === 'replay' && seconds
            ? `${when} · ${formatDuration(seconds * 1000, lang)}`
            : when}</span>
        ${broadcast.shopName
          ? logo
            ? html`<span class="shop" part="shop"><img loading="lazy" src=${logo} alt="" />${broadcast.shopName}</span>`
            : html`<span class="shop" part="shop">${broadcast.shopName}</span>`
          : nothing}${products.length ? renderProducts(products, lang) : nothing}</div>`;
  }
}

function renderProducts(products: NonNullable<Broadcast['productListDetail']>, lang: Lang) {
  const first = products.slice(0, PRODUCT_THUMBS);
  const rest = products.length - first.length;
  // Decorative inside the link: product names would drown the broadcast's own name.
  return html`<ul class="products" part="products" aria-hidden="true" title=${msg(lang, 'card.products', { n: products.length })}>${first.map((product) => {
    const src = representative(product.productThumbnailUrlList);
    // One template per item, not an item and its picture: a schedule draws three per card.
    return src ? html`<li><img loading="lazy" src=${src} alt="" /></li>` : html`<li></li>`;
  })}${rest > 0 ? html`<li class="more">+${rest}</li>` : nothing}</ul>`;
}

/** 134.6 → "2:14"; an hour or more → "1:02:14". */
function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
