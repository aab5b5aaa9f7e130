// First: it must listen before Lit loads (a Trusted Types refusal stops Lit while it loads).
import '../../shared/csp.js';
// Then, before Lit loads: hydration of server-rendered elements.
import '../../shared/hydrate.js';
import { SfBroadcastCard } from './broadcast-card.component.js';

export { SfBroadcastCard };

// Only where custom elements exist: every entry also imports on a server (SSR) without a DOM.
if (typeof customElements !== 'undefined' && !customElements.get('sf-broadcast-card')) customElements.define('sf-broadcast-card', SfBroadcastCard);

declare global {
  interface HTMLElementTagNameMap {
    'sf-broadcast-card': SfBroadcastCard;
  }
}

/** @internal The card's template, behaviour and styles, for `<sf-schedule>`, which draws its cards itself. */
export { CardView, cardSkeleton, type CardHost, type CardSettings } from './card-view.js';
/** @internal */
export { cardStyles, playerDialogStyles } from './broadcast-card.styles.js';
/** @internal */
export type { CardEventName } from './card-actions.js';
