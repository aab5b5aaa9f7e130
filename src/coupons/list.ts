/** The coupon list as a panel shows it: asked for with the member's token when there is one. */
import type { Coupon } from '../api/models.js';
import { ApiError } from '../api/errors.js';
import { ErrorCode } from '../api/models.js';
import { warnRepair } from '../shared/repair-warnings.js';
import { sessionStore } from '../store/session.js';
import type { CheckedPage } from '../api/validate.js';
import { listCoupons } from './coupon-api.js';
import { currentViewer, sendRefreshingOnce } from './token.js';

export interface CouponListRequest {
  endpoint: string;
  broadcastId?: string;
  externalProductIds?: readonly string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface CouponList {
  items: Coupon[];
  /** Whose `isIssued` the list tells: set only when it was asked for with that member's token. */
  memberId?: string;
}

const isTokenRefusal = (error: unknown) =>
  error instanceof ApiError && (error.code === ErrorCode.expiredToken || error.code === ErrorCode.invalidToken);

/**
 * One list request with the member's token when there is one. FA1008: the token is refreshed and
 * the list asked for once more; a token still refused (FA1007, FA1008): asked for without a token
 * (coupons still show, without what this member has).
 */
export async function loadCouponList(request: CouponListRequest): Promise<CouponList> {
  const ask = (accessToken: string | undefined) =>
    listCoupons({
      endpoint: request.endpoint,
      accessToken,
      broadcastId: request.broadcastId,
      externalProductIds: request.externalProductIds,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
      onInvalid: (error, repair) => warnRepair(`[sauceflex] <sf-coupon-panel> ${error.message}`, repair),
    });
  const memberId = () => {
    const session = sessionStore.getState();
    return session.isMember ? session.claims?.memberId : undefined;
  };
  // Through the session: it renews a token that has already expired.
  const token = sessionStore.getState().isMember ? (await currentViewer()).token : undefined;
  if (!token) return { items: (await ask(undefined)).items };
  type Settled = { page: CheckedPage<Coupon>; error?: undefined } | { page?: undefined; error: unknown };
  const settled = await sendRefreshingOnce<Settled>(
    token,
    (accessToken) => ask(accessToken).then((page) => ({ page }), (error: unknown) => ({ error })),
    (answer) => answer.error instanceof ApiError && answer.error.code === ErrorCode.expiredToken,
  );
  if (settled.page) return { items: settled.page.items, memberId: memberId() };
  if (!isTokenRefusal(settled.error)) throw settled.error;
  return { items: (await ask(undefined)).items };
}
