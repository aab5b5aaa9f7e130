/**
 * Something the shopper asked for needs a signed-in member (a coupon, say): open the shop's login.
 *
 * `reason`: `guest` — no member token (the page's session is anonymous or a guest's); nothing was
 * sent. `expired-token` — the shop said the token expired (FA1008) and a refresh did not bring a
 * usable member token back. `invalid-token` — the shop refused the token (FA1007).
 */
export interface SfLoginRequiredDetail {
  couponId: string;
  broadcastId?: string;
  reason: 'guest' | 'expired-token' | 'invalid-token';
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-login-required': SfLoginRequiredDetail;
  }
}
