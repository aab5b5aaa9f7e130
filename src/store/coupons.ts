/**
 * Coupons by id, shared by every coupon panel on the page: the latest the shop said about each
 * coupon (from any list or issue answer) and each coupon's issue state for the current member.
 * Two panels showing the same coupon therefore always agree, and a coupon is issued by one request
 * at a time however many clicks or panels ask (`issueCoupon` is single-flight per coupon).
 *
 * Nothing here is optimistic: a coupon is `issued` only after the shop answered SU0000.
 */
import { createStore } from 'zustand/vanilla';
import type { Coupon } from '../api/models.js';
import { ErrorCode } from '../api/models.js';
import { issueCoupon as postIssue, type IssueAnswer } from '../coupons/coupon-api.js';
import { getViewerToken } from '../session/viewer-session.js';
import { sessionStore } from './session.js';
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

function setIssue(couponId: string, entry: CouponIssueState): void {
  couponStore.setState((state) => ({ issues: recordTable(state.issues, { [couponId]: entry }) }));
}

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

/** A result status as `sf-coupon-issue` reports it. */
export type IssueResultStatus = Exclude<CouponIssueStatus, 'idle' | 'issuing'>;

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

const flights = new Map<string, Promise<IssueOutcome>>();

/**
 * Issue a coupon to the current member. One request per coupon at a time: a call while one is in
 * flight gets that flight's outcome (`initiated: false`). A coupon already issued or known to have
 * none left is answered from the state, without a request. A guest gets `login-required`, without a
 * request. An expired token (FA1008) is refreshed through the session and the issue sent once more.
 */
export function issueCoupon(request: IssueRequest): Promise<IssueOutcome> {
  const pending = flights.get(request.couponId);
  if (pending) return pending.then((outcome) => ({ ...outcome, initiated: false }));
  const flight = runIssue(request).finally(() => {
    if (flights.get(request.couponId) === flight) flights.delete(request.couponId);
  });
  flights.set(request.couponId, flight);
  return flight;
}

/** True while a request for this coupon is on its way. */
export function isIssuing(couponId: string): boolean {
  return flights.has(couponId);
}

interface Viewer {
  token?: string;
  isMember: boolean;
  memberId?: string;
}

/**
 * The member's token for a request: through the session (which waits for a fetch in progress and
 * renews a token that has expired), else the one the session holds.
 */
async function currentViewer(): Promise<Viewer> {
  const fetched = await getViewerToken().catch(() => undefined);
  const session = sessionStore.getState();
  const token = fetched ?? session.token;
  return { token, isMember: session.isMember && !!token, memberId: session.claims?.memberId };
}

async function runIssue(request: IssueRequest): Promise<IssueOutcome> {
  const { couponId } = request;
  // A microtask at least, so the flight is registered before anything below can notify a panel.
  const viewer = await currentViewer();
  if (!viewer.isMember || !viewer.token) return { status: 'login-required', reason: 'guest', initiated: true };

  const state = couponStore.getState();
  const current = issueStateOf(state, couponId, viewer.memberId);
  const known = knownCoupon(state, couponId);
  if (OWNED.has(current.status)) return { status: current.status as IssueResultStatus, code: current.code, coupon: known, initiated: false };
  if (known && known.maxIssueCount <= 0) {
    setIssue(couponId, { status: 'exhausted', memberId: viewer.memberId });
    return { status: 'exhausted', coupon: known, initiated: false };
  }

  setIssue(couponId, { status: 'issuing', memberId: viewer.memberId });
  let outcome: IssueOutcome & { status: IssueResultStatus };
  try {
    outcome = await sendWithRefresh(request, viewer);
  } catch (error) {
    outcome = { status: 'error', error, initiated: true };
  }
  if (outcome.status === 'issued' && outcome.coupon) rememberCoupons([outcome.coupon]);
  // The member the answer belongs to: a refresh may not change it, but read it again to be sure.
  const memberId = sessionStore.getState().claims?.memberId ?? viewer.memberId;
  setIssue(couponId, { status: outcome.status, code: outcome.code, memberId });
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

  let answer = await send(viewer.token!);
  if (answer.kind === 'expired-token') {
    const fresh = await getViewerToken({ forceRefresh: true }).catch(() => undefined);
    const session = sessionStore.getState();
    // Once, and only with a member token (a guest's would be refused for another reason).
    if (fresh && session.isMember) answer = await send(fresh);
  }
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

/** Forget every coupon and issue state (tests, or a shop's logout). A request in flight still lands. */
export function resetCoupons(): void {
  flights.clear();
  couponStore.setState({ coupons: recordTable(), issues: recordTable() }, true);
}
