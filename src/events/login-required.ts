/**
 * Something the shopper asked for needs a signed-in member (a coupon, a reminder where the shop set
 * `remind-requires-login`, the login button of the sauceFlex player in `<sf-live-player>`, a live
 * consultation): open the shop's login. `source` says which.
 *
 * `reason`: `guest` — no member token (the page's session is anonymous or a guest's); nothing was
 * sent. `expired-token` — the shop said the token expired (FA1008) and a refresh did not bring a
 * usable member token back. `invalid-token` — the shop refused the token (FA1007).
 */
export interface SfLoginRequiredDetail {
  /** The coupon asked for (coupons only). */
  couponId?: string;
  /** What asked: `coupon` (a coupon panel), `remind` (a card's reminder), `player` (the sauceFlex player's login button) or `consultation` (`<sf-consult-button>`). Absent means `coupon`. */
  source?: 'coupon' | 'remind' | 'player' | 'consultation';
  /** The shop's login page with `returnUrl` back to this page, as it is (or would be) opened; undefined without a `login-url`. */
  loginUrl?: string;
  broadcastId?: string;
  reason: 'guest' | 'expired-token' | 'invalid-token';
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-login-required': SfLoginRequiredDetail;
  }
}
