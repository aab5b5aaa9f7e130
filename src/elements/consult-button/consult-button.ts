import { SfConsultButton } from './consult-button.component.js';

export { SfConsultButton };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-consult-button')) customElements.define('sf-consult-button', SfConsultButton);

declare global {
  interface HTMLElementTagNameMap {
    'sf-consult-button': SfConsultButton;
  }
}
