// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfBroadcastCard } from './broadcast-card.component.js';

export { SfBroadcastCard };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-broadcast-card')) customElements.define('sf-broadcast-card', SfBroadcastCard);

declare global {
  interface HTMLElementTagNameMap {
    'sf-broadcast-card': SfBroadcastCard;
  }
}
