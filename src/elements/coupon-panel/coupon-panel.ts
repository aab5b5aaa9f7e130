import { SfCouponPanel } from './coupon-panel.component.js';

export { SfCouponPanel };

if (!customElements.get('sf-coupon-panel')) customElements.define('sf-coupon-panel', SfCouponPanel);

declare global {
  interface HTMLElementTagNameMap {
    'sf-coupon-panel': SfCouponPanel;
  }
}
