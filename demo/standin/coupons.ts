/**
 * A sample of the shop's own coupon API (쿠폰 연동): sauceFlex's player calls the partner's
 * endpoints, so these live under /shop, not /V1. The viewer is known by the same viewer JWT the
 * partner hands to sauceFlex. Issued state is per member; issuing uses up `maxIssueCount`.
 */
import type { Coupon } from '../../src/api/models.js';
import { ApiFailure } from './envelope.js';
import { couponFixtures, couponRules, type CouponRule } from './fixtures.js';

/** The shop's answers use the guide's codes but their own statuses, chosen here. */
const STATUS: Record<string, number> = { FA1040: 404, FA1041: 409, FA1042: 409 };
const refuse = (code: 'FA1040' | 'FA1041' | 'FA1042') => new ApiFailure(code, undefined, { status: STATUS[code]! });

export interface CouponFilter {
  memberId?: string;
  broadcastId?: string;
  externalProductIds?: string[];
}

export class CouponStore {
  private coupons: Coupon[] = [];
  private rules: Record<string, CouponRule> = {};
  private issued = new Map<string, Set<string>>();

  /** `testCoupons: false` leaves out the coupons that exist only to exercise failures (the demo shop's shoppers never see them). */
  constructor(private readonly options: { partnerId: string; now: () => number; testCoupons?: boolean }) {
    this.reset();
  }

  reset(): void {
    this.rules = couponRules({ partnerId: this.options.partnerId });
    this.coupons = couponFixtures(this.options.now(), { partnerId: this.options.partnerId }).filter(
      (c) => this.options.testCoupons !== false || !this.rules[c.couponId]?.alwaysFails,
    );
    this.issued = new Map(this.coupons.map((c) => [c.couponId, new Set(this.rules[c.couponId]?.issuedTo ?? [])]));
  }

  /**
   * Every coupon that applies, hidden, expired and exhausted ones included (the player decides what
   * to show from `isShow`, the dates and `maxIssueCount`). With a member, each says `isIssued`.
   */
  list(filter: CouponFilter): Coupon[] {
    return this.coupons
      .filter((c) => {
        const rule = this.rules[c.couponId] ?? {};
        if (filter.broadcastId !== undefined && rule.broadcastIds && !rule.broadcastIds.includes(filter.broadcastId)) return false;
        if (filter.externalProductIds && rule.externalProductIds) {
          return filter.externalProductIds.some((id) => rule.externalProductIds!.includes(id));
        }
        return true;
      })
      .map((c) => this.view(c, filter.memberId));
  }

  /** FA1040 unknown; FA1041 this member has it; FA1042 hidden, out of its dates, wrong broadcast, exhausted or refused. */
  issue(memberId: string, couponId: string, broadcastId?: string): Coupon {
    const coupon = this.coupons.find((c) => c.couponId === couponId);
    if (!coupon) throw refuse('FA1040');
    const holders = this.issued.get(couponId)!;
    if (holders.has(memberId)) throw refuse('FA1041');
    const rule = this.rules[couponId] ?? {};
    const now = this.options.now();
    if (
      !coupon.isShow ||
      rule.alwaysFails ||
      now < Date.parse(coupon.startDt) ||
      now > Date.parse(coupon.endDt) ||
      (broadcastId !== undefined && rule.broadcastIds !== undefined && !rule.broadcastIds.includes(broadcastId)) ||
      coupon.maxIssueCount <= 0
    ) {
      throw refuse('FA1042');
    }
    coupon.maxIssueCount -= 1;
    holders.add(memberId);
    return this.view(coupon, memberId);
  }

  private view(coupon: Coupon, memberId: string | undefined): Coupon {
    return memberId === undefined ? { ...coupon } : { ...coupon, isIssued: this.issued.get(coupon.couponId)!.has(memberId) };
  }
}
