import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { BroadcastProduct } from '../../api/models.js';
import { msg } from '../../i18n/messages.js';
import { productMsg } from '../../i18n/product.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { loadBroadcast } from '../../shared/broadcast-source.js';
import { broadcastStore, knownBroadcast } from '../../store/broadcasts.js';
import type { SfConfig } from '../../store/config.js';
import { StoreController } from '../../store/store-controller.js';
import '../product-card/product-card.js';
import styles from './product-list.styles.js';

const SKELETON_CARDS = 4;
export const PRODUCT_LIST_LAYOUTS = ['grid', 'list', 'carousel'] as const;
export type ProductListLayout = (typeof PRODUCT_LIST_LAYOUTS)[number];

let listIds = 0;

/**
 * @summary The products of a broadcast as cards: a grid, a list, or a swipeable carousel.
 *
 * Reads the broadcast (`broadcast-id`, shared with every other element that shows it) and renders its
 * `productListDetail` with `<sf-product-card>`; or give it `products` directly. Each card records the
 * broadcast with its clicks. Cards complete themselves (page URL, brand, sold out) through the
 * backend's product route: set `product-endpoint` here or on `<sf-config>`.
 *
 * The carousel scrolls natively (touch swipe, trackpad, shift+wheel) and snaps to cards; the arrow
 * keys move focus to the previous / next card (Home / End: first / last), and the previous / next
 * buttons (hidden on touch-only screens) scroll by a view.
 *
 * @event sf-impression - From a card: a product was seen (half on screen for one second, once per page view).
 * @event sf-product-click - From a card (cancelable); see `<sf-product-card>`.
 *
 * @csspart list - The list of cards.
 * @csspart item - One list item.
 * @csspart product - Each card's link or box (the card's `card` part), exported.
 * @csspart product-name - Each card's name.
 * @csspart product-price - Each card's price block.
 * @csspart product-badge - Each card's discount badge.
 * @csspart product-sold-out - Each card's sold-out veil.
 * @csspart previous - The carousel's previous button.
 * @csspart next - The carousel's next button.
 * @csspart status - Empty and error messages.
 * @csspart retry - The retry button.
 *
 * @cssproperty --sf-product-min-column - Narrowest grid column before wrapping (default 9rem).
 * @cssproperty --sf-product-gap - Space between cards (default 0.75rem).
 * @cssproperty --sf-product-carousel-item - Card width in the carousel (default 10rem).
 * @cssproperty --sf-surface - Background of the carousel buttons, and the cards'.
 * @cssproperty --sf-text - Text colour, cards included.
 * @cssproperty --sf-text-muted - Secondary text colour, cards included.
 * @cssproperty --sf-border - Border colour, cards included.
 * @cssproperty --sf-radius - Corner radius, cards included.
 * @cssproperty --sf-sale - The cards' discount colour.
 * @cssproperty --sf-on-accent - Text on the discount badge.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 */
export class SfProductList extends SauceflexElement {
  static override styles = styles;
  protected static override serverProperties = ['products'];

  /** Broadcasts the page already knows (a schedule's refresh updates the products shown here too). */
  private readonly known = new StoreController(this, broadcastStore, (state) => state.byId);

  private readonly data = this.loadData({
    args: () => [this.products ? undefined : this.broadcastId, this.config.apiBase, this.config.partnerId],
    skip: ([broadcastId, , partnerId]) => !broadcastId || !partnerId,
    load: ([broadcastId, apiBase, partnerId], signal) => loadBroadcast({ apiBase, partnerId: partnerId! }, broadcastId!, { signal }),
  });

  @query('.track') private track?: HTMLElement | null;

  @state() private atStart = true;
  @state() private atEnd = false;

  /** The products to show; when unset, those of `broadcast-id`. */
  @property({ attribute: false }) products?: BroadcastProduct[];
  /** The broadcast whose products to show (and to record with each click). */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** grid (default), list (picture left, one per row) or carousel (one row, swipe and arrow keys). */
  @property({ reflect: true }) layout: ProductListLayout = 'grid';
  /** Where a product opens (passed to each card): `_self` (default), `_blank`, or a frame name. */
  @property() target = '_self';
  /** The backend's product route, passed to each card; overrides `<sf-config>`. */
  @property({ attribute: 'product-endpoint' }) productEndpoint?: string;

  private readonly trackId = `sf-product-track-${++listIds}`;
  private resizeObserver?: ResizeObserver;
  /** The frame at whose start the carousel is measured after an update (0: none pending). */
  private measureFrame = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver ??= new ResizeObserver(() => this.measure());
      if (this.track) this.resizeObserver.observe(this.track);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    cancelAnimationFrame(this.measureFrame);
    this.measureFrame = 0;
  }

  protected override ownConfig(): SfConfig {
    return { ...super.ownConfig(), productEndpoint: this.productEndpoint };
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const track = this.track;
    if (track && this.resizeObserver) {
      this.resizeObserver.disconnect();
      this.resizeObserver.observe(track);
    }
    // At the next frame, not inside this update: setting atStart/atEnd here would schedule an update from
    // updated() (Lit warns "change-in-update"), and a layout read now would force a layout in the middle of
    // the page's first renders (measured: 130 ms of it at 4× CPU slowdown). At the frame's start it is the
    // layout the frame does anyway, and still before paint, so the buttons never flash.
    this.measureFrame ||= requestAnimationFrame(() => {
      this.measureFrame = 0;
      this.measure();
    });
  }

  private get currentLayout(): ProductListLayout {
    return (PRODUCT_LIST_LAYOUTS as readonly string[]).includes(this.layout) ? this.layout : 'grid';
  }

  private get items(): BroadcastProduct[] | undefined {
    if (this.products) return Array.isArray(this.products) ? this.products : [];
    const broadcast = (this.broadcastId ? knownBroadcast(this.known.value, this.broadcastId) : undefined) ?? this.data.value;
    if (!broadcast) return undefined;
    return Array.isArray(broadcast.productListDetail) ? broadcast.productListDetail : [];
  }

  // ---- handlers -------------------------------------------------------------------------------

  /** Where the carousel stands: the buttons at its ends are disabled. */
  private measure = (): void => {
    const track = this.track;
    if (!track || this.currentLayout !== 'carousel') return;
    const atStart = track.scrollLeft <= 1;
    const atEnd = track.scrollLeft + track.clientWidth >= track.scrollWidth - 1;
    if (atStart !== this.atStart) this.atStart = atStart;
    if (atEnd !== this.atEnd) this.atEnd = atEnd;
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    if (this.currentLayout !== 'carousel' || event.altKey || event.ctrlKey || event.metaKey) return;
    const cards = [...this.renderRoot.querySelectorAll<HTMLElement>('sf-product-card')];
    const current = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.localName === 'sf-product-card');
    const index = current ? cards.indexOf(current) : -1;
    if (index < 0) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    let next: number;
    switch (event.key) {
      case 'ArrowRight':
        next = index + (rtl ? -1 : 1);
        break;
      case 'ArrowLeft':
        next = index + (rtl ? 1 : -1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = cards.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const target = cards[Math.max(0, Math.min(cards.length - 1, next))];
    if (!target || target === current) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: reducedMotion() ? 'auto' : 'smooth' });
  };

  private scrollByPage(direction: 1 | -1): void {
    const track = this.track;
    if (!track) return;
    const rtl = getComputedStyle(this).direction === 'rtl';
    track.scrollBy({ left: direction * (rtl ? -1 : 1) * track.clientWidth * 0.9, behavior: reducedMotion() ? 'auto' : 'smooth' });
  }

  // ---- render ---------------------------------------------------------------------------------

  override render() {
    const lang = this.config.lang;
    const items = this.items;
    return this.renderStates(this.data, {
      problems: this.products || !this.broadcastId ? [] : this.checkConfig(),
      value: items,
      isEmpty: (list) => list.length === 0,
      content: (list) => this.renderItems(list),
      loading: () => this.renderSkeleton(),
      // A broadcast without products, or no broadcast by that id.
      empty: () => productMsg(lang, items ? 'productList.empty' : 'productList.notFound'),
      retryPart: 'retry',
      message: (role, text, action) =>
        action
          ? html`<div class="status" part="status" role=${role}><span>${text}</span>${action}</div>`
          : html`<p class="status" part="status" role=${role}>${text}</p>`,
    });
  }

  private renderSkeleton() {
    const variant = this.currentLayout === 'list' ? 'row' : 'tile';
    return html`<div class="frame">
      <span class="visually-hidden" role="status">${productMsg(this.config.lang, 'productList.loading')}</span>
      <ul class="track" part="list" aria-hidden="true">
        ${Array.from({ length: SKELETON_CARDS }, () => html`<li part="item"><sf-product-card variant=${variant}></sf-product-card></li>`)}
      </ul>
    </div>`;
  }

  private renderItems(items: BroadcastProduct[]) {
    const lang = this.config.lang;
    const layout = this.currentLayout;
    const carousel = layout === 'carousel';
    const variant = layout === 'list' ? 'row' : 'tile';
    const list = html`<ul
      class="track"
      id=${this.trackId}
      part="list"
      aria-label=${productMsg(lang, 'productList.label', { n: items.length })}
      @keydown=${this.onKeyDown}
      @scroll=${carousel ? this.measure : nothing}
    >
      ${repeat(
        items,
        (product, index) => product?.productId ?? `#${index}`,
        (product) => html`<li part="item">
          <sf-product-card
            exportparts="card: product, name: product-name, price: product-price, badge: product-badge, sold-out: product-sold-out"
            .product=${product}
            .broadcastId=${this.broadcastId}
            .target=${this.target}
            .variant=${variant}
            .productEndpoint=${this.productEndpoint}
            .partnerId=${this.partnerId}
            .apiBase=${this.apiBase}
            .language=${this.language}
            .timeZone=${this.timeZone}
          ></sf-product-card>
        </li>`,
      )}
    </ul>`;
    if (!carousel) return html`<div class="frame">${list}</div>`;
    return html`<div class="frame">${this.renderNav('previous')}${list}${this.renderNav('next')}</div>`;
  }

  /** A carousel end button: `previous` scrolls back by a view, `next` forward; disabled at its end. */
  private renderNav(side: 'previous' | 'next') {
    const back = side === 'previous';
    return html`<button
      type="button"
      class="nav ${side}"
      part=${side}
      aria-controls=${this.trackId}
      aria-label=${productMsg(this.config.lang, back ? 'productList.previous' : 'productList.next')}
      ?disabled=${back ? this.atStart : this.atEnd}
      @click=${() => this.scrollByPage(back ? -1 : 1)}
    >
      <span aria-hidden="true">${back ? '‹' : '›'}</span>
    </button>`;
  }
}

function reducedMotion(): boolean {
  return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
}
