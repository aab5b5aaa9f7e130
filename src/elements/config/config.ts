import { SfConfigElement } from './config.component.js';

export { SfConfigElement };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-config')) customElements.define('sf-config', SfConfigElement);

declare global {
  interface HTMLElementTagNameMap {
    'sf-config': SfConfigElement;
  }
}
