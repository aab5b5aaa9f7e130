import { configFromAttributes, CONFIG_ATTRIBUTES, setPageConfig } from '../../store/config.js';

// On a server (SSR imports every entry) there is no HTMLElement: the class must still be definable.
const HTMLElementBase: typeof HTMLElement = globalThis.HTMLElement ?? (class {} as unknown as typeof HTMLElement);

/**
 * @summary Page-wide settings for every sauceFlex element, written as HTML attributes so a CMS
 * editor can configure the widgets without JavaScript. An element's own attribute wins over this;
 * this wins over `configure()` in JS. Renders nothing (a plain HTMLElement: no template to carry).
 *
 * @attr partner-id - The partner id sauceFlex issued.
 * @attr api-base - sauceFlex API base URL (default https://api.sauceFlex.com/V1).
 * @attr token-endpoint - The shop backend's viewer token route, e.g. /sauceflex/token.
 * @attr product-endpoint - The shop backend's product route, e.g. /sauceflex/products.
 * @attr coupon-endpoint - The shop's coupon list endpoint.
 * @attr coupon-issue-endpoint - The shop's coupon issue endpoint.
 * @attr lang - ko or en.
 * @attr time-zone - IANA time zone for dates (the viewer's by default).
 * @attr hls-src - A URL to load hls.js from (an ES module exporting Hls) instead of the bundled chunk.
 * @attr login-url - The shop's login page: a guest's coupon press (or "remind me" with `remind-requires-login`) opens it with `returnUrl` (or fills a `{returnUrl}` placeholder).
 * @attr stats-endpoint - The shop backend's broadcast stats route (for `<sf-broadcast-stats>`), e.g. /sauceflex/stats.
 * @attr consent - Storage consent: `pending` (nothing is written to cookies or storage), `granted` or `denied` (ours is removed). Unset: granted, unless Google Consent Mode says otherwise. Change it, or call `SauceflexWidgets.consent(…)`, when the shopper answers.
 * @attr analytics - `datalayer`: push GA4 events (impressions, clicks, coupons, video progress) to `window.dataLayer`. Off by default.
 */

export class SfConfigElement extends HTMLElementBase {
  static get observedAttributes(): string[] {
    return Object.values(CONFIG_ATTRIBUTES);
  }

  connectedCallback(): void {
    this.hidden = true;
    this.publish();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.publish();
  }

  disconnectedCallback(): void {
    // The last <sf-config> on the page speaks for it; removing it hands over or withdraws.
    const remaining = [...document.querySelectorAll('sf-config')].at(-1);
    if (remaining instanceof SfConfigElement) remaining.publish();
    else setPageConfig({});
  }

  private publish(): void {
    setPageConfig(configFromAttributes((name) => this.getAttribute(name)));
  }
}
