// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfProductList } from './product-list.component.js';

export { SfProductList };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-product-list')) customElements.define('sf-product-list', SfProductList);

declare global {
  interface HTMLElementTagNameMap {
    'sf-product-list': SfProductList;
  }
}
