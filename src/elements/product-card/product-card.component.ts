import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import type { BroadcastProduct } from '../../api/models.js';
import '../../events/product-click.js';
import type { SfProductClickDetail } from '../../events/product-click.js';
import { msg } from '../../i18n/messages.js';
import { productMsg } from '../../i18n/product.js';
import { ImpressionController } from '../../shared/impressions.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { safeUrl } from '../../shared/safe-url.js';
import { configProblems, type SfConfig } from '../../store/config.js';
import { navigate } from '../../tracking/navigate.js';
import { tracking } from '../../tracking/tracking.js';
import { trackedUrl } from '../../tracking/url.js';
import { loadProduct } from './product-source.js';
import { clickPrice, isSoldOut, priceView, thumbnailSources, type PriceView } from './product-view.js';
import styles from './product-card.styles.js';

/** Logged once per page, not once per card: a list of twenty cards would say it twenty times. */
let reportedMissingEndpoint = false;

/**
 * @summary One product: picture, brand, name, price (by `priceTypeCode`), discount badge, sold out.
 * A click opens the shop's product page with a fresh `orderCallBackId` in its query (결제 연동).
 *
 * Give it a `productListDetail` item as the `product` property (as `<sf-product-list>` does), or a
 * `product-id` to load through the shop backend's product route (`product-endpoint`). A listed
 * product has no `redirectUrl`, brand or sold-out flag; with a `product-endpoint` the card fills them
 * from the backend, and until then (or without one) it shows the product but cannot be opened.
 *
 * **Attribution.** The card is a real `<a href>` whose href always carries an orderCallBackId that has
 * not been used yet, so a middle click, Ctrl/⌘/Shift click, "open in new tab" from the context menu or
 * dragging the link to the tab bar all open a tracked URL. The id in the href is issued ahead (at
 * render, and again on pointerdown, focus and keydown once the previous one was used) and recorded
 * only when the link is used: click, Enter, Space, middle click, context menu or drag start. A used
 * id is replaced right after a click (and on the next pointerdown/focus after a context menu, whose
 * "open in new tab" reads the href later), so no id is ever handed out twice. A plain click, Enter
 * or Space is taken over (`preventDefault`) and navigates through `tracking/navigate.ts` to the
 * `target`, unless `sf-product-click` was cancelled; middle and modified clicks stay the browser's.
 *
 * @event sf-impression - The card was at least half on screen for one second (once per page view): `detail: { kind: 'product', id, broadcastId, product }`.
 * @event sf-product-click - Cancelable. `detail: { url, orderCallBackId, broadcastId, productId,
 *   externalProductId, price, priceTypeCode, isSoldout, product, target, newTab }`. Cancel it to
 *   handle navigation yourself; the id is recorded either way.
 *
 * @csspart card - The link (or box, when it cannot be opened) around everything.
 * @csspart thumbnail - The picture's frame.
 * @csspart image - The picture.
 * @csspart badge - The discount rate on the picture.
 * @csspart sold-out - The sold-out veil and label.
 * @csspart brand - Brand name.
 * @csspart name - Product name.
 * @csspart price - The price block.
 * @csspart selling-price - What is paid.
 * @csspart original-price - The struck-through regular price.
 * @csspart saved - The amount saved.
 * @csspart text-price - A text price (`priceTypeCode` text).
 * @csspart retry - Retry button (when details could not be loaded).
 * @csspart message - Empty and error messages.
 *
 * @cssproperty --sf-product-aspect-ratio - Picture ratio (default 1 / 1); may be set on an ancestor.
 * @cssproperty --sf-product-thumb-width - Picture width in the row variant (default 6rem).
 * @cssproperty --sf-product-name-size - Product name font size (default 0.875rem).
 * @cssproperty --sf-sale - Discount colour.
 * @cssproperty --sf-on-accent - Text on the discount badge.
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-surface - Card background.
 * @cssproperty --sf-text - Text colour.
 * @cssproperty --sf-text-muted - Secondary text colour.
 * @cssproperty --sf-border - Border colour.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 * @cssproperty --sf-skeleton - Placeholder colour.
 * @cssproperty --sf-product-radius - This card's corner radius only (default `--sf-radius`).
 * @cssproperty --sf-product-background - This card's background only (default `--sf-surface`).
 * @cssproperty --sf-product-color - This card's text colour only (default `--sf-text`).
 * @cssproperty --sf-product-muted - This card's secondary text colour only (default `--sf-text-muted`).
 * @cssproperty --sf-product-border - This card's border colour only (default `--sf-border`).
 * @cssproperty --sf-product-sale - This card's discount colour only (default `--sf-sale`).
 */
export class SfProductCard extends SauceflexElement {
  static override styles = styles;
  /** `card.focus()` focuses the link inside (the list's arrow keys rely on it). */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  private readonly data = this.loadData({
    args: () => [this.needsDetails ? this.wantedId : undefined, this.endpointIfUsable],
    skip: ([productId, endpoint]) => !productId || !endpoint,
    load: ([productId, endpoint], signal) => loadProduct(endpoint!, productId!, { signal }),
  });

  /** `sf-impression` once the card has been half on screen for a second. */
  protected readonly impressions = new ImpressionController(
    this,
    () => (this.shown ? [{ target: this, detail: { kind: 'product', id: this.shown.productId, broadcastId: this.broadcastId || undefined, product: this.shown } }] : []),
    (detail) => this.emit('sf-impression', detail),
  );

  @query('a.card') private link?: HTMLAnchorElement | null;

  /** The id in the href: issued ahead, recorded when the link is used, replaced once used. */
  private pendingId?: string;
  private pendingUsed = false;
  private rotateTimer?: ReturnType<typeof setTimeout>;

  /** A `productListDetail` item or a full product; set by `<sf-product-list>`. */
  @property({ attribute: false }) product?: BroadcastProduct;
  /** Load and show this product through the backend (when no `product` is given). */
  @property({ attribute: 'product-id' }) productId?: string;
  /** The broadcast the product is shown in; recorded with the click. */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** The backend's product route (GET `${product-endpoint}/${productId}`); overrides `<sf-config>`. */
  @property({ attribute: 'product-endpoint' }) productEndpoint?: string;
  /** Where a plain click opens the product: `_self` (default), `_blank`, or a frame name. */
  @property() target = '_self';
  /** tile (picture on top, default) or row (picture left). */
  @property({ reflect: true }) variant: 'tile' | 'row' = 'tile';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.rotateTimer);
    this.rotateTimer = undefined;
  }

  protected override ownConfig(): SfConfig {
    return { ...super.ownConfig(), productEndpoint: this.productEndpoint };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.pendingId) this.pendingId = tracking.issue();
    if (this.product && this.needsDetails && !this.endpointIfUsable && !reportedMissingEndpoint) {
      reportedMissingEndpoint = true;
      console.error(
        '[sauceflex] <sf-product-card>: a broadcast lists products without their page URL; set the "product-endpoint" attribute ' +
          '(on the element or on <sf-config>) to your backend\'s product route so the cards can open them.',
      );
    }
  }

  private get wantedId(): string | undefined {
    return this.product?.productId ?? this.productId ?? undefined;
  }

  /** A listed product lacks the page URL; a product given by id has nothing yet. */
  private get needsDetails(): boolean {
    return !this.product || this.product.redirectUrl === undefined;
  }

  private get endpointIfUsable(): string | undefined {
    const endpoint = this.config.productEndpoint;
    return endpoint && configProblems({ productEndpoint: endpoint }, ['productEndpoint']).length === 0 ? endpoint : undefined;
  }

  /** What the card shows: the given product, completed by the backend's details. */
  private get shown(): BroadcastProduct | undefined {
    const details = this.data.value ?? undefined;
    if (!this.product) return details;
    if (!details) return this.product;
    const merged: Record<string, unknown> = { ...details };
    for (const [key, value] of Object.entries(this.product)) if (value !== undefined && value !== null) merged[key] = value;
    return merged as unknown as BroadcastProduct;
  }

  // ---- handlers -------------------------------------------------------------------------------

  /** Make sure the href carries an unused id, synchronously (a click's default action reads it next). */
  private freshen = (): void => {
    if (this.pendingId && !this.pendingUsed) return;
    this.pendingId = tracking.issue();
    this.pendingUsed = false;
    const product = this.shown;
    const url = product && this.pendingId ? trackedUrl(product.redirectUrl, this.pendingId) : undefined;
    if (url && this.link) this.link.href = url;
    this.requestUpdate();
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    this.freshen();
    // Space activates like a button would; stop it scrolling the page.
    if (event.key === ' ' && !event.altKey && !event.ctrlKey && !event.metaKey) event.preventDefault();
  };

  private onKeyUp = (event: KeyboardEvent): void => {
    if (event.key !== ' ' || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const go = this.activate(false);
    if (go) navigate(go.url, this.target);
  };

  private onClick = (event: MouseEvent): void => {
    this.freshen();
    const newTab = event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;
    const go = this.activate(newTab);
    if (newTab) {
      if (!go) event.preventDefault();
      return;
    }
    // A plain click (or Enter): ours to navigate, through the one replaceable function.
    event.preventDefault();
    if (go) navigate(go.url, this.target);
  };

  private onAuxClick = (event: MouseEvent): void => {
    if (event.button !== 1) return;
    this.freshen();
    if (!this.activate(true)) event.preventDefault();
  };

  /** The context menu and drag-and-drop may open the link later: record the id, keep it in the href. */
  private onMaybeOpened = (): void => {
    this.freshen();
    this.record();
  };

  /** Record the click; returns what the event and the navigation need, or undefined when it cannot be opened. */
  private record(): { url: string; orderCallBackId: string; product: BroadcastProduct } | undefined {
    const product = this.shown;
    if (!product || isSoldOut(product)) return undefined;
    const plain = safeUrl(product.redirectUrl);
    if (!plain) return undefined;
    const result = tracking.click({
      orderCallBackId: this.pendingId,
      productId: product.productId,
      externalProductId: product.externalProductId,
      broadcastId: this.broadcastId,
      redirectUrl: product.redirectUrl,
    });
    this.pendingUsed = true;
    return { url: result?.url ?? plain, orderCallBackId: result?.click.orderCallBackId ?? '', product };
  }

  /** Record, announce with `sf-product-click`; the URL to open unless the event was cancelled. */
  private activate(newTab: boolean): { url: string } | undefined {
    const recorded = this.record();
    if (!recorded) return undefined;
    const { url, orderCallBackId, product } = recorded;
    // A used id leaves the href as soon as the browser has read it.
    clearTimeout(this.rotateTimer);
    this.rotateTimer = setTimeout(this.freshen, 0);
    const detail: SfProductClickDetail = {
      source: 'card',
      url,
      orderCallBackId,
      broadcastId: this.broadcastId || undefined,
      productId: product.productId,
      externalProductId: product.externalProductId ?? undefined,
      price: clickPrice(priceView(product, this.config.lang)),
      priceTypeCode: product.priceTypeCode,
      isSoldout: false,
      product,
      target: this.target,
      newTab,
    };
    return this.emit('sf-product-click', detail, { cancelable: true }) ? { url } : undefined;
  }

  // ---- render ---------------------------------------------------------------------------------

  override render() {
    const product = this.shown;
    // Without a product-endpoint a card given only an id has nothing to show: say which option is missing.
    const needsEndpoint = !product && !!this.productId && !this.endpointIfUsable;
    return this.renderStates(this.data, {
      problems: needsEndpoint ? this.checkConfig(['productEndpoint']) : [],
      value: product,
      content: (shown) => this.renderProduct(shown),
      loading: () => this.renderSkeleton(),
      empty: () => productMsg(this.config.lang, 'product.notFound'),
      retryPart: 'retry',
      message: (role, text, action) =>
        action
          ? html`<div class="card message" part="card message" role=${role}><span>${text}</span>${action}</div>`
          : html`<div class="card message" part="card message" role=${role}>${text}</div>`,
    });
  }

  private renderSkeleton() {
    return html`<div class="card skeleton" part="card" aria-busy="true">
      <span class="visually-hidden">${productMsg(this.config.lang, 'product.loading')}</span>
      <div class="thumb" part="thumbnail"></div>
      <div class="body"><span class="brand line"></span><span class="name line"></span><span class="price line"></span></div>
    </div>`;
  }

  private renderProduct(product: BroadcastProduct) {
    const lang = this.config.lang;
    const price = priceView(product, lang);
    const soldOut = isSoldOut(product);
    const url = soldOut || !this.pendingId ? undefined : trackedUrl(product.redirectUrl, this.pendingId);
    const inner = this.renderInner(product, price, soldOut);
    if (url) {
      // The link is named by what it shows (WCAG 2.5.3): brand, name, price, with hidden words for context.
      const newWindow = this.target !== '_self' && this.target !== '';
      return html`<a
        class="card"
        part="card"
        href=${url}
        target=${newWindow ? this.target : nothing}
        rel=${newWindow ? 'noopener' : nothing}
        @pointerdown=${this.freshen}
        @focus=${this.freshen}
        @keydown=${this.onKeyDown}
        @keyup=${this.onKeyUp}
        @click=${this.onClick}
        @auxclick=${this.onAuxClick}
        @contextmenu=${this.onMaybeOpened}
        @dragstart=${this.onMaybeOpened}
        >${inner}${newWindow ? html`<span class="visually-hidden">(${productMsg(lang, 'product.newTab')})</span>` : nothing}</a
      >`;
    }
    const loading = this.needsDetails && this.data.status === 'loading';
    const failed = this.needsDetails && this.data.status === 'error';
    return html`<div
      class="card"
      part="card"
      role="group"
      aria-label=${this.label(product, price, soldOut)}
      aria-disabled=${soldOut ? 'true' : nothing}
      aria-busy=${loading ? 'true' : nothing}
    >
      ${inner}
      ${failed
        ? html`<button type="button" class="retry" part="retry" @click=${() => void this.data.reload()}>${msg(lang, 'error.retry')}</button>`
        : nothing}
    </div>`;
  }

  private renderInner(product: BroadcastProduct, price: PriceView, soldOut: boolean) {
    const lang = this.config.lang;
    const picture = thumbnailSources(product.productThumbnailUrlList);
    const discounted = price.kind === 'basic' && price.rate !== undefined;
    return html`
      <div class="thumb" part="thumbnail">
        ${picture.src
          ? html`<img
              part="image"
              src=${picture.src}
              srcset=${picture.srcset ?? nothing}
              sizes=${picture.srcset ? 'auto, 12rem' : nothing}
              alt=""
              loading="lazy"
              decoding="async"
            />`
          : nothing}
        ${discounted && !soldOut ? html`<span class="badge" part="badge" aria-hidden="true">${price.rate}</span>` : nothing}
        ${soldOut ? html`<span class="sold-out" part="sold-out">${productMsg(lang, 'product.soldOut')}</span>` : nothing}
      </div>
      <div class="body">
        <span class="brand" part="brand">${product.brandName ?? ''}</span>
        <span class="name" part="name">${product.productName}</span>
        ${this.renderPrice(price)}
      </div>
    `;
  }

  private renderPrice(price: PriceView) {
    const lang = this.config.lang;
    switch (price.kind) {
      case 'hide':
        return html`<span class="price"></span>`;
      case 'text':
        return html`<span class="price" part="price"><span class="text-price" part="text-price">${price.text}</span></span>`;
      case 'basic':
        return html`<span class="price" part="price">
          ${price.rate
            ? html`<span class="rate">${price.rate}<span class="visually-hidden"> ${productMsg(lang, 'product.rateLabel')}</span></span>`
            : nothing}
          <span class="visually-hidden">${productMsg(lang, 'product.sellingLabel')}</span>
          <strong class="selling" part="selling-price">${price.price}</strong>
          ${price.original
            ? html`<span class="visually-hidden">${productMsg(lang, 'product.originalLabel')}</span>
                <del class="original" part="original-price">${price.original}</del>`
            : nothing}
          ${price.saved ? html`<span class="saved" part="saved">${productMsg(lang, 'product.discountAmount', { amount: price.saved })}</span>` : nothing}
        </span>`;
    }
  }

  /** The name of a card that cannot be opened (a group): brand, name, price (with discount), sold out. */
  private label(product: BroadcastProduct, price: PriceView, soldOut: boolean): string {
    const lang = this.config.lang;
    const parts = [product.brandName, product.productName];
    if (price.kind === 'text') parts.push(price.text);
    if (price.kind === 'basic') {
      if (price.rate) parts.push(productMsg(lang, 'product.discountRate', { rate: price.rate }));
      parts.push(productMsg(lang, 'product.price', { price: price.price }));
      if (price.original) parts.push(productMsg(lang, 'product.originalPrice', { price: price.original }));
    }
    if (soldOut) parts.push(productMsg(lang, 'product.soldOut'));
    return parts.filter(Boolean).join(', ');
  }
}
