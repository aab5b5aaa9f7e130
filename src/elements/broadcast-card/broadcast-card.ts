// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
import { SfBroadcastCard } from './broadcast-card.component.js';

export { SfBroadcastCard };

if (!customElements.get('sf-broadcast-card')) customElements.define('sf-broadcast-card', SfBroadcastCard);

declare global {
  interface HTMLElementTagNameMap {
    'sf-broadcast-card': SfBroadcastCard;
  }
}
