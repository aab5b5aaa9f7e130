/**
 * What a coupon looks like to the shopper right now, from what the shop said (the coupon), what
 * this page's issue state is, the clock and whether the shopper is a member. Pure: no DOM, no store.
 */
import type { Coupon } from '../../api/models.js';
import type { CouponIssueState } from '../../store/coupons.js';

export type CouponViewState =
  /** A member can ask for it. */
  | 'available'
  /** A guest can ask for it: the shop's login opens (`sf-login-required`). */
  | 'login'
  | 'issuing'
  | 'issued'
  | 'already-issued'
  /** FA1042: the shop refused; the button offers to try again. */
  | 'failed'
  /** No usable answer; the button offers to try again. */
  | 'error'
  /** The token was refused; the button offers to try again (after signing in). */
  | 'unauthorized'
  /** `maxIssueCount` 0. */
  | 'exhausted'
  /** Before `startDt`. */
  | 'upcoming'
  /** After `endDt` (shown only with `show-expired`). */
  | 'expired'
  /** FA1040. */
  | 'unknown';

/** States whose button sends (or, for a guest, asks to sign in). */
export const ACTIONABLE: ReadonlySet<CouponViewState> = new Set(['available', 'login', 'failed', 'error', 'unauthorized']);

export function couponViewState(coupon: Coupon, issue: CouponIssueState, now: number, isMember: boolean): CouponViewState {
  switch (issue.status) {
    case 'issuing':
    case 'issued':
    case 'already-issued':
    case 'unknown':
      return issue.status;
  }
  if (Date.parse(coupon.endDt) < now) return 'expired';
  if (coupon.maxIssueCount <= 0 || issue.status === 'exhausted') return 'exhausted';
  if (Date.parse(coupon.startDt) > now) return 'upcoming';
  if (!isMember) return 'login';
  if (issue.status === 'failed' || issue.status === 'error' || issue.status === 'unauthorized') return issue.status;
  return 'available';
}

/** Shown coupons: `isShow` false never; expired ones only when asked for. The shop's order is kept. */
export function visibleCoupons(list: readonly Coupon[], now: number, showExpired: boolean): Coupon[] {
  return list.filter((coupon) => coupon.isShow !== false && (showExpired || !(Date.parse(coupon.endDt) < now)));
}

/**
 * The next moment a shown coupon changes by the clock alone (opens or ends), so the panel can
 * re-render then; undefined when none will.
 */
export function nextBoundary(list: readonly Coupon[], now: number): number | undefined {
  let next: number | undefined;
  for (const coupon of list) {
    for (const time of [Date.parse(coupon.startDt), Date.parse(coupon.endDt) + 1]) {
      if (Number.isFinite(time) && time > now && (next === undefined || time < next)) next = time;
    }
  }
  return next;
}

/** `external-product-ids="A, B,,C"` → ['A', 'B', 'C'] (trimmed, empties and repeats dropped). */
export function parseIdList(value: string | undefined | null): string[] {
  if (!value) return [];
  return [...new Set(value.split(',').map((part) => part.trim()).filter((part) => part !== ''))];
}
