import { SfBroadcastStats } from './broadcast-stats.component.js';

export { SfBroadcastStats };

if (!customElements.get('sf-broadcast-stats')) customElements.define('sf-broadcast-stats', SfBroadcastStats);

declare global {
  interface HTMLElementTagNameMap {
    'sf-broadcast-stats': SfBroadcastStats;
  }
}
