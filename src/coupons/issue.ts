/**
 * Issuing a coupon to the current member: one request per coupon at a time however many clicks or
 * panels ask, the guest check, the FA1008 refresh (token.ts), and the answer kept in the coupon store.
 */
import type { Coupon } from '../api/models.js';
import { ErrorCode } from '../api/models.js';
import { sessionStore } from '../store/session.js';
import {
  couponResets,
  couponStore,
  isOwned,
  issueStateOf,
  knownCoupon,
  rememberCoupons,
  setIssueState,
  type IssueResultStatus,
} from '../store/coupons.js';
import { issueCoupon as postIssue, type IssueAnswer } from './coupon-api.js';
import { currentViewer, sendRefreshingOnce, type Viewer } from './token.js';

export interface IssueRequest {
  /** The shop's issue endpoint (absolute, or relative to the page). */
  endpoint: string;
  couponId: string;
  broadcastId?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /**
   * Read the coupon again after a refusal (FA1042), so that "none left" can be told from the shop's
   * other reasons. Part of the same flight: panels see one final state.
   */
  recheck?: () => Promise<Coupon | undefined>;
}

export type IssueOutcome =
  | {
      status: IssueResultStatus;
      code?: string;
      /** The coupon as last known (the shop's updated one after an issue). */
      coupon?: Coupon;
      /** Why a token was refused (status `unauthorized`). */
      reason?: 'invalid-token' | 'expired-token';
      /** The failure behind `error`, for logs. */
      error?: unknown;
      /**
       * True for the call that produced this answer (a request sent). False when the call joined a
       * request already in flight or was answered from the state (issued already, none left):
       * only the initiating caller should announce the result.
       */
      initiated: boolean;
    }
  | {
      /** The shopper is a guest (or has no token): nothing was sent. */
      status: 'login-required';
      reason: 'guest';
      initiated: boolean;
    };

/** The request in flight per coupon, and the `couponResets()` it started under. */
const flights = new Map<string, { flight: Promise<IssueOutcome>; resets: number }>();

/**
 * Issue a coupon to the current member. One request per coupon at a time: a call while one is in
 * flight gets that flight's outcome (`initiated: false`). A coupon already issued or known to have
 * none left is answered from the state, without a request. A guest gets `login-required`, without a
 * request. An expired token (FA1008) is refreshed through the session and the issue sent once more.
 */
export function issueCoupon(request: IssueRequest): Promise<IssueOutcome> {
  const pending = flights.get(request.couponId);
  if (pending && pending.resets === couponResets()) return pending.flight.then((outcome) => ({ ...outcome, initiated: false }));
  const flight = runIssue(request).finally(() => {
    if (flights.get(request.couponId)?.flight === flight) flights.delete(request.couponId);
  });
  flights.set(request.couponId, { flight, resets: couponResets() });
  return flight;
}

async function runIssue(request: IssueRequest): Promise<IssueOutcome> {
  const { couponId } = request;
  // A microtask at least, so the flight is registered before anything below can notify a panel.
  const viewer = await currentViewer();
  if (!viewer.isMember || !viewer.token) return { status: 'login-required', reason: 'guest', initiated: true };

  const state = couponStore.getState();
  const current = issueStateOf(state, couponId, viewer.memberId);
  const known = knownCoupon(state, couponId);
  if (isOwned(current.status)) return { status: current.status as IssueResultStatus, code: current.code, coupon: known, initiated: false };
  if (known && known.maxIssueCount <= 0) {
    setIssueState(couponId, { status: 'exhausted', memberId: viewer.memberId });
    return { status: 'exhausted', coupon: known, initiated: false };
  }

  setIssueState(couponId, { status: 'issuing', memberId: viewer.memberId });
  let outcome: IssueOutcome & { status: IssueResultStatus };
  try {
    outcome = await sendWithRefresh(request, viewer);
  } catch (error) {
    outcome = { status: 'error', error, initiated: true };
  }
  if (outcome.status === 'issued' && outcome.coupon) rememberCoupons([outcome.coupon]);
  // The member the answer belongs to: a refresh may not change it, but read it again to be sure.
  const memberId = sessionStore.getState().claims?.memberId ?? viewer.memberId;
  setIssueState(couponId, { status: outcome.status, code: outcome.code, memberId });
  return { ...outcome, coupon: outcome.coupon ?? knownCoupon(couponStore.getState(), couponId) };
}

async function sendWithRefresh(request: IssueRequest, viewer: Viewer): Promise<IssueOutcome & { status: IssueResultStatus }> {
  const send = (accessToken: string) =>
    postIssue({
      endpoint: request.endpoint,
      accessToken,
      couponId: request.couponId,
      broadcastId: request.broadcastId,
      timeoutMs: request.timeoutMs,
      fetch: request.fetch,
    });
  const answer = await sendRefreshingOnce(viewer.token!, send, (a) => a.kind === 'expired-token');
  return toOutcome(answer, request);
}

async function toOutcome(answer: IssueAnswer, request: IssueRequest): Promise<IssueOutcome & { status: IssueResultStatus }> {
  switch (answer.kind) {
    case 'issued':
      return { status: 'issued', code: answer.code, coupon: answer.coupon, initiated: true };
    case 'already-issued':
      return { status: 'already-issued', code: answer.code, initiated: true };
    case 'failed': {
      const fresh = request.recheck ? await request.recheck().catch(() => undefined) : undefined;
      if (fresh) rememberCoupons([fresh]);
      const exhausted = fresh !== undefined && fresh.maxIssueCount <= 0;
      return { status: exhausted ? 'exhausted' : 'failed', code: answer.code, coupon: fresh, initiated: true };
    }
    case 'unknown':
      return { status: 'unknown', code: answer.code, initiated: true };
    case 'invalid-token':
      return { status: 'unauthorized', code: answer.code, reason: 'invalid-token', initiated: true };
    case 'expired-token':
      return { status: 'unauthorized', code: answer.code ?? ErrorCode.expiredToken, reason: 'expired-token', initiated: true };
    case 'error':
      return { status: 'error', code: answer.code, error: answer.error, initiated: true };
  }
}
