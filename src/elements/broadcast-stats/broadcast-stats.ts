// Before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfBroadcastStats } from './broadcast-stats.component.js';

export { SfBroadcastStats };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-broadcast-stats')) customElements.define('sf-broadcast-stats', SfBroadcastStats);

declare global {
  interface HTMLElementTagNameMap {
    'sf-broadcast-stats': SfBroadcastStats;
  }
}
