import type { Coupon } from '../api/models.js';
import type { IssueResultStatus } from '../store/coupons.js';

/**
 * The shop answered a coupon issue that a shopper asked for in a `<sf-coupon-panel>` (sent once,
 * whatever the number of clicks). Dispatched by the panel whose button started the request.
 *
 * `status`: `issued` (SU0000) · `already-issued` (FA1041) · `failed` (FA1042; trying again is
 * allowed) · `exhausted` (FA1042 and none left) · `unknown` (FA1040) · `unauthorized` (FA1007, or
 * FA1008 again after the token was refreshed; `sf-login-required` follows) · `error` (no usable
 * answer: network, timeout, 5xx, a broken body; whether it was issued is unknown).
 */
export interface SfCouponIssueDetail {
  coupon: Coupon;
  status: IssueResultStatus;
  /** The shop's code when it answered with one (SU0000, FA1041, FA1042, …). */
  code?: string;
  broadcastId?: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-coupon-issue': SfCouponIssueDetail;
  }
}
