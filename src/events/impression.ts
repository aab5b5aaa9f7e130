import type { Broadcast, BroadcastProduct, Coupon } from '../api/models.js';

/**
 * A broadcast card, a product card or a coupon was at least half on screen, in a visible tab, for
 * one second without a break: an impression. Once per item per page view (a re-render, a list
 * refreshing in place or the same item shown by a second element does not count it again).
 */
export type SfImpressionDetail =
  | { kind: 'broadcast'; id: string; broadcastId: string; broadcast: Broadcast }
  | { kind: 'product'; id: string; broadcastId: string | undefined; product: BroadcastProduct }
  | { kind: 'coupon'; id: string; broadcastId: string | undefined; coupon: Coupon };

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-impression': SfImpressionDetail;
  }
}
