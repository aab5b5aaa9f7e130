import { SfProductCard } from './product-card.component.js';

export { SfProductCard };

if (!customElements.get('sf-product-card')) customElements.define('sf-product-card', SfProductCard);

declare global {
  interface HTMLElementTagNameMap {
    'sf-product-card': SfProductCard;
  }
}
