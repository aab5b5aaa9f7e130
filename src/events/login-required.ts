/**
 * Something the shopper asked for needs a signed-in member (a coupon, a live consultation): open the
 * shop's login. `feature` says which (`coupon` when absent, as before); `couponId` is set for coupons.
 *
 * `reason`: `guest` — no member token (the page's session is anonymous or a guest's); nothing was
 * sent. `expired-token` — the shop said the token expired (FA1008) and a refresh did not bring a
 * usable member token back. `invalid-token` — the shop refused the token (FA1007).
 */
export interface SfLoginRequiredDetail {
  /** The coupon asked for (coupons only). */
  couponId?: string;
  /** What needs the login: `coupon` (`<sf-coupon-panel>`) or `consultation` (`<sf-consult-button>`). */
  feature?: 'coupon' | 'consultation';
  broadcastId?: string;
  reason: 'guest' | 'expired-token' | 'invalid-token';
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-login-required': SfLoginRequiredDetail;
  }
}
