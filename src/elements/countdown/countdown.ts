// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfCountdown } from './countdown.component.js';

export { SfCountdown };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-countdown')) customElements.define('sf-countdown', SfCountdown);

declare global {
  interface HTMLElementTagNameMap {
    'sf-countdown': SfCountdown;
  }
}
