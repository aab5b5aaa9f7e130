/**
 * Something the shopper asked for needs a signed-in member (a coupon, or a reminder where the shop set
 * `remind-requires-login`): open the shop's login.
 *
 * `reason`: `guest` — no member token (the page's session is anonymous or a guest's); nothing was
 * sent. `expired-token` — the shop said the token expired (FA1008) and a refresh did not bring a
 * usable member token back. `invalid-token` — the shop refused the token (FA1007).
 */
export interface SfLoginRequiredDetail {
  /** The coupon asked for (coupons). */
  couponId?: string;
  broadcastId?: string;
  /** What was asked for: `coupon` (the coupon panel; also when absent) or `remind` (a card's reminder). */
  action?: 'coupon' | 'remind';
  reason: 'guest' | 'expired-token' | 'invalid-token';
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-login-required': SfLoginRequiredDetail;
  }
}
