import type { Broadcast } from '../api/models.js';

/** A shopper chose a broadcast (a card, a player). Cancel it to handle the navigation yourself. */
export interface SfBroadcastSelectDetail {
  broadcast: Broadcast;
  /** The sauceFlex player URL with the viewer token as `accessToken`, as it would be opened. */
  url: string | undefined;
  /** Where it would open: `_self`, `_blank`, or a named target. */
  target: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-broadcast-select': SfBroadcastSelectDetail;
  }
}
