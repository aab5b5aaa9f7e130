// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfProductCard } from './product-card.component.js';

export { SfProductCard };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-product-card')) customElements.define('sf-product-card', SfProductCard);

declare global {
  interface HTMLElementTagNameMap {
    'sf-product-card': SfProductCard;
  }
}
