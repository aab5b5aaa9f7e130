import { SfBroadcastCard } from './broadcast-card.component.js';

export { SfBroadcastCard };

if (!customElements.get('sf-broadcast-card')) customElements.define('sf-broadcast-card', SfBroadcastCard);

declare global {
  interface HTMLElementTagNameMap {
    'sf-broadcast-card': SfBroadcastCard;
  }
}
