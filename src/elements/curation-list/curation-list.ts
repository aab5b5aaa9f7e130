// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
import { SfCurationList } from './curation-list.component.js';

export { SfCurationList };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-curation-list')) customElements.define('sf-curation-list', SfCurationList);

declare global {
  interface HTMLElementTagNameMap {
    'sf-curation-list': SfCurationList;
  }
}
