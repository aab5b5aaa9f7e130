// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
import { SfCouponPanel } from './coupon-panel.component.js';

export { SfCouponPanel };

if (!customElements.get('sf-coupon-panel')) customElements.define('sf-coupon-panel', SfCouponPanel);

declare global {
  interface HTMLElementTagNameMap {
    'sf-coupon-panel': SfCouponPanel;
  }
}
