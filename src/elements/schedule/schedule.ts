// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfSchedule } from './schedule.component.js';

export { SfSchedule };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-schedule')) customElements.define('sf-schedule', SfSchedule);

declare global {
  interface HTMLElementTagNameMap {
    'sf-schedule': SfSchedule;
  }
}
