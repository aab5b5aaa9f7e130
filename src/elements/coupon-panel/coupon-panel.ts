// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfCouponPanel } from './coupon-panel.component.js';

export { SfCouponPanel };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-coupon-panel')) customElements.define('sf-coupon-panel', SfCouponPanel);

declare global {
  interface HTMLElementTagNameMap {
    'sf-coupon-panel': SfCouponPanel;
  }
}
