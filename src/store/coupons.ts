/**
 * Coupons by id, shared by every coupon panel on the page: the latest the shop said about each
 * coupon (from any list or issue answer) and each coupon's issue state for the current member.
 * Two panels showing the same coupon therefore always agree. State only: the requests that fill it
 * are in src/coupons/.
 *
 * Nothing here is optimistic: a coupon is `issued` only after the shop answered SU0000.
 */
import { createStore } from 'zustand/vanilla';
import type { Coupon } from '../api/models.js';
import { ownRecord, recordTable } from './records.js';

export type CouponIssueStatus =
  /** Nothing asked yet (or the member changed). */
  | 'idle'
  /** A request is on its way. */
  | 'issuing'
  /** The shop issued it (SU0000) during this page's life. */
  | 'issued'
  /** The member had it already (FA1041, or `isIssued` in a list). */
  | 'already-issued'
  /** The shop refused (FA1042); trying again is allowed. */
  | 'failed'
  /** None left (FA1042 and the shop's list now says `maxIssueCount` 0). */
  | 'exhausted'
  /** The shop does not know the coupon (FA1040). */
  | 'unknown'
  /** The token was refused (FA1007, or FA1008 again after a refresh): the shopper must sign in again. */
  | 'unauthorized'
  /** No usable answer (network, timeout, 5xx, a broken body, another code). Issued or not is unknown; retry allowed. */
  | 'error';

export interface CouponIssueState {
  status: CouponIssueStatus;
  /** The shop's code (SU0000, FA1041, …) when it answered with one. */
  code?: string;
  /** Whose state this is: the viewer token's memberId. Another member's state reads as `idle`. */
  memberId?: string;
}

export interface CouponsState {
  /** The latest the shop said about each coupon, `isIssued` left out (it is per member: see `issues`). */
  coupons: Record<string, Coupon>;
  issues: Record<string, CouponIssueState>;
}

export const couponStore = createStore<CouponsState>()(() => ({ coupons: recordTable(), issues: recordTable() }));

/** The coupon the store knows by this id, if any (never an inherited property). */
export const knownCoupon = (state: CouponsState, couponId: string): Coupon | undefined => ownRecord(state.coupons, couponId);

const IDLE: CouponIssueState = Object.freeze({ status: 'idle' });
const OWNED: ReadonlySet<CouponIssueStatus> = new Set(['issued', 'already-issued']);

/** The member has the coupon (issued here, or before). */
export const isOwned = (status: CouponIssueStatus): boolean => OWNED.has(status);

/** A result status as `sf-coupon-issue` reports it. */
export type IssueResultStatus = Exclude<CouponIssueStatus, 'idle' | 'issuing'>;

/** The issue state of a coupon for a member (`idle` when none, or when it is another member's). */
export function issueStateOf(state: CouponsState, couponId: string, memberId: string | undefined): CouponIssueState {
  const entry = ownRecord(state.issues, couponId);
  return entry && entry.memberId === memberId ? entry : IDLE;
}

/**
 * Keep what a list said. With `memberId` (the list was asked for with that member's token), an
 * `isIssued: true` marks the coupon `already-issued` for that member; a list never takes back an
 * issue this page has seen succeed (it may have been asked for before the issue was answered).
 */
export function rememberCoupons(list: readonly Coupon[], memberId?: string): void {
  if (list.length === 0) return;
  couponStore.setState((state) => {
    const coupons = recordTable(state.coupons);
    let issues = state.issues;
    for (const item of list) {
      const { isIssued, ...coupon } = item;
      coupons[coupon.couponId] = coupon;
      if (memberId === undefined || isIssued !== true) continue;
      const current = issueStateOf(state, coupon.couponId, memberId);
      if (OWNED.has(current.status) || current.status === 'issuing') continue;
      if (issues === state.issues) issues = recordTable(issues);
      issues[coupon.couponId] = { status: 'already-issued', memberId };
    }
    return { coupons, issues };
  });
}

export function setIssueState(couponId: string, entry: CouponIssueState): void {
  couponStore.setState((state) => ({ issues: recordTable(state.issues, { [couponId]: entry }) }));
}

let resets = 0;

/** How many times `resetCoupons()` ran: a request started before a reset is not joined after it. */
export const couponResets = (): number => resets;

/** Forget every coupon and issue state (tests, or a shop's logout). A request in flight still lands. */
export function resetCoupons(): void {
  resets++;
  couponStore.setState({ coupons: recordTable(), issues: recordTable() }, true);
}
