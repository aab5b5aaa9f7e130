import { SfConfigElement } from './config.component.js';

export { SfConfigElement };

if (!customElements.get('sf-config')) customElements.define('sf-config', SfConfigElement);

declare global {
  interface HTMLElementTagNameMap {
    'sf-config': SfConfigElement;
  }
}
