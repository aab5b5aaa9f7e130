import type { ShopperState } from '../shared/broadcast-view.js';

/**
 * The broadcast's state changed, as the sauceFlex player says (its `sauceflexBroadcastStatus`). When it
 * says the broadcast is over (`converting`, `cancel`), `<sf-live-player>` shows its ended state.
 */
export interface SfLiveStatusDetail {
  broadcastId: string;
  /** The code as the player sent it (the guide's codes: `onair`, `standby`, `converting`, `vod`, …). */
  broadcastStateCode: string;
  /** What it means for a shopper, the same mapping the cards use. */
  state: ShopperState;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-live-status': SfLiveStatusDetail;
  }
}
