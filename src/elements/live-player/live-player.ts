// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
import { SfLivePlayer } from './live-player.component.js';

export { SfLivePlayer };
export { LIVE_PLAYER_STATES, type LivePlayerState } from './live-player.component.js';

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-live-player')) customElements.define('sf-live-player', SfLivePlayer);

declare global {
  interface HTMLElementTagNameMap {
    'sf-live-player': SfLivePlayer;
  }
}
