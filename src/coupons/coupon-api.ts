/**
 * The shop's own coupon API (쿠폰 연동), no DOM: the list (GET with accessToken and broadcastId, or
 * POST with externalProductIds) and the issue (POST with accessToken, couponId, broadcastId), both in
 * the `{code, message, response}` envelope. Lists are read through `requestEnvelope` (a GET is
 * retried on transient failures, a POST list is not); an issue is sent exactly once — it is not
 * idempotent — and its answer is turned into an `IssueAnswer` the store can act upon.
 *
 * Answers of the issue endpoint: SU0000 with the coupon; FA1041 already issued; FA1042 failed (also
 * when none are left); FA1040 unknown coupon; FA1007 invalid token; FA1008 expired token.
 */
import type { Coupon } from '../api/models.js';
import { ErrorCode } from '../api/models.js';
import { ApiError, ResponseShapeError, SauceflexError } from '../api/errors.js';
import { buildUrl, requestEnvelope, type RetryPolicy } from '../api/request.js';
import {
  boolean,
  date,
  id,
  object,
  page as pageCheck,
  ShapeIssue,
  string,
  withDefault,
  type Check,
  type CheckedPage,
  type Repair,
} from '../api/validate.js';

/** A price or a count the guide types as a number; a numeric string (as other routes send) is read too. */
const amount: Check<number> = (v, path) => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v.replace(/,/g, '')))) return Number(v.replace(/,/g, ''));
  throw new ShapeIssue(path, v === undefined ? 'missing (expected a number)' : `expected a number, got ${typeof v}`);
};

const dcType: Check<Coupon['dcType']> = (v, path) => {
  if (v === 'Rate' || v === 'Fixed') return v;
  throw new ShapeIssue(path, `expected "Rate" or "Fixed", got ${typeof v === 'string' ? `"${v.slice(0, 20)}"` : typeof v}`);
};

/** One coupon of the guide's table. A coupon failing its check is left out of the list (and reported). */
export const couponCheck: Check<Coupon> = object<Coupon>(
  {
    couponId: id,
    couponName: string,
    partnerId: withDefault(string, ''),
    maxIssueCount: amount,
    dcType,
    dcPrice: withDefault(amount, 0),
    dcRate: withDefault(amount, 0),
    limitMaxPrice: withDefault(amount, 0),
    possiblePrice: withDefault(amount, 0),
    startDt: date,
    endDt: date,
    // The guide makes it required; a shop that leaves it out means "shown".
    isShow: withDefault(boolean, true),
  },
  { isIssued: boolean },
);

export interface CouponCallOptions {
  signal?: AbortSignal;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** GET lists only. */
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** A coupon left out of a list because it failed its check. */
  onInvalid?: (error: ResponseShapeError, repair: Repair) => void;
}

export interface ListCouponsParams extends CouponCallOptions {
  /** The shop's list endpoint; absolute, or relative to the page. */
  endpoint: string;
  /** The viewer token (base64 JWT as handed out): the shop then says `isIssued` for each coupon. */
  accessToken?: string;
  /** GET variant: coupons issuable in this broadcast. */
  broadcastId?: string;
  /** POST variant: coupons for these shop product codes. When set (non-empty), the list is POSTed. */
  externalProductIds?: readonly string[];
}

export interface IssueCouponParams extends CouponCallOptions {
  endpoint: string;
  accessToken: string;
  couponId: string;
  broadcastId?: string;
}

/** Resolve an endpoint attribute (`/shop/coupons` or `https://…`) against the page. */
export function resolveEndpoint(endpoint: string): string {
  return new URL(endpoint, globalThis.location?.href ?? 'http://localhost/').toString();
}

/** The issue endpoint when none is configured: the list endpoint's path plus `/issue`. */
export function defaultIssueEndpoint(listEndpoint: string): string {
  const url = new URL(listEndpoint, globalThis.location?.href ?? 'http://localhost/');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/issue`;
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** GET (broadcastId) or POST (externalProductIds) the shop's coupon list. Throws a `SauceflexError`. */
export async function listCoupons(params: ListCouponsParams): Promise<CheckedPage<Coupon>> {
  const url = resolveEndpoint(params.endpoint);
  const products = (params.externalProductIds ?? []).filter((value) => value !== '');
  const post = products.length > 0;
  const method = post ? 'POST' : 'GET';
  const query = post ? undefined : { accessToken: params.accessToken, broadcastId: params.broadcastId };
  const body = post ? withoutUndefined({ accessToken: params.accessToken, externalProductIds: products }) : undefined;
  const { response } = await requestEnvelope<unknown>({
    method,
    url,
    query,
    body,
    signal: params.signal,
    timeoutMs: params.timeoutMs,
    retry: params.retry,
    fetch: params.fetch,
  });
  const fullUrl = buildUrl(url, query);
  try {
    return pageCheck(couponCheck, { totalOptional: true })(response, 'response', (issue, repair) => {
      try {
        params.onInvalid?.(new ResponseShapeError(method, fullUrl, issue.path, `${issue.problem} (${repair})`), repair);
      } catch {
        // An observer's bug must not fail the shopper's list.
      }
    });
  } catch (issue) {
    if (issue instanceof ShapeIssue) throw new ResponseShapeError(method, fullUrl, issue.path, issue.problem);
    throw issue;
  }
}

/** What the shop said to one issue request. */
export type IssueAnswer =
  /** SU0000. `coupon` is the shop's updated coupon when it sent one back. */
  | { kind: 'issued'; code: string; coupon?: Coupon }
  /** FA1041. */
  | { kind: 'already-issued'; code: string }
  /** FA1042: refused (none left, or the shop's own reasons); trying again is allowed. */
  | { kind: 'failed'; code: string }
  /** FA1040: the shop does not know this coupon. */
  | { kind: 'unknown'; code: string }
  /** FA1007: the token is not one the shop accepts. */
  | { kind: 'invalid-token'; code: string }
  /** FA1008: the token expired; refresh it and send again. */
  | { kind: 'expired-token'; code: string }
  /** Anything else: another code, a broken answer, a timeout, the network. Whether it was issued is unknown. */
  | { kind: 'error'; code?: string; error: SauceflexError };

/**
 * POST one issue request. Never retried here (a POST is not idempotent: a retry after a lost
 * answer could issue twice); never throws for what the shop answers — only for an aborted call.
 */
export async function issueCoupon(params: IssueCouponParams): Promise<IssueAnswer> {
  const url = resolveEndpoint(params.endpoint);
  try {
    const { response } = await requestEnvelope<unknown>({
      method: 'POST',
      url,
      body: withoutUndefined({ accessToken: params.accessToken, couponId: params.couponId, broadcastId: params.broadcastId }),
      signal: params.signal,
      timeoutMs: params.timeoutMs,
      fetch: params.fetch,
      retry: { limit: 0 },
    });
    return { kind: 'issued', code: ErrorCode.success, coupon: readIssuedCoupon(response, params.couponId) };
  } catch (error) {
    if (error instanceof SauceflexError && error.kind === 'aborted') throw error;
    if (error instanceof ApiError) {
      switch (error.code) {
        case ErrorCode.couponAlreadyIssued:
          return { kind: 'already-issued', code: error.code };
        case ErrorCode.couponIssueFailed:
          return { kind: 'failed', code: error.code };
        case ErrorCode.badCoupon:
          return { kind: 'unknown', code: error.code };
        case ErrorCode.invalidToken:
          return { kind: 'invalid-token', code: error.code };
        case ErrorCode.expiredToken:
          return { kind: 'expired-token', code: error.code };
        default:
          return { kind: 'error', code: error.code, error };
      }
    }
    if (error instanceof SauceflexError) return { kind: 'error', error };
    throw error;
  }
}

/**
 * The coupon in an SU0000 answer (`response` itself, or `response.coupon`), when it is a valid coupon
 * with the id asked for. The issue happened either way: a missing or odd coupon does not undo it.
 */
function readIssuedCoupon(response: unknown, couponId: string): Coupon | undefined {
  const candidates = [response, (response as { coupon?: unknown } | undefined)?.coupon];
  for (const candidate of candidates) {
    try {
      const coupon = couponCheck(candidate, 'response', () => undefined);
      if (coupon.couponId === couponId) return coupon;
    } catch {
      // not this one
    }
  }
  return undefined;
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
