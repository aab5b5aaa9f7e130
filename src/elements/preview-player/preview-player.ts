// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfPreviewPlayer } from './preview-player.component.js';

export { SfPreviewPlayer };
export type { PlayerState } from './preview-player.component.js';

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-preview-player')) customElements.define('sf-preview-player', SfPreviewPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'sf-preview-player': SfPreviewPlayer;
  }
}
