/**
 * The viewer token, once for the whole page: fetched from the shop's backend token endpoint,
 * `exp` read with jwt-decode, refreshed ahead of expiry, retried with backoff when the endpoint
 * fails, and anonymous when there is no endpoint. Every element asks here; none fetches a token.
 */
import { jwtDecode } from 'jwt-decode';
import type { ViewerClaims } from '../api/models.js';
import { ResponseShapeError } from '../api/errors.js';
import { requestJson } from '../api/json.js';
import { backoffDelay } from '../api/backoff.js';
import { initialSession, sessionStore } from '../store/session.js';
import { currentConsent, onConsent } from '../tracking/consent.js';

/** Refresh this long before `exp` (or a fifth of a short token's life, whichever is less). */
const REFRESH_LEAD_MS = 60_000;
const RETRY_BASE_MS = 1_000;
const RETRY_MAX_MS = 30_000;
const FETCH_TIMEOUT_MS = 10_000;
/** After this many failures in a row, stop polling a dead endpoint until the tab is shown again. */
const MAX_BACKGROUND_RETRIES = 6;

interface TokenAnswer {
  token: string;
  expiresAt?: string | number;
}

let endpoint: string | undefined;
let inFlight: Promise<string | undefined> | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let visibilityHooked = false;

/**
 * Start (or join) the page's session for a token endpoint. Without one the session is anonymous.
 * Safe to call from every element on every connect: only the first call for an endpoint fetches.
 */
export function startSession(tokenEndpoint: string | undefined): void {
  if (!tokenEndpoint) {
    if (!endpoint && sessionStore.getState().status !== 'anonymous') sessionStore.setState({ ...initialSession });
    return;
  }
  const resolved = new URL(tokenEndpoint, location.href).toString();
  if (resolved === endpoint) return;
  endpoint = resolved;
  failures = 0;
  hookVisibility();
  void fetchToken().catch(() => undefined);
}

/**
 * The current token for a sauceFlex call, waiting for a fetch in progress. `forceRefresh` after
 * sauceFlex said the token expired (FA1008): one new fetch however many callers ask at once.
 */
export async function getViewerToken(options: { forceRefresh?: boolean } = {}): Promise<string | undefined> {
  if (!endpoint) return undefined;
  const state = sessionStore.getState();
  if (!options.forceRefresh && inFlight) return inFlight;
  if (!options.forceRefresh && state.token && !isExpiring(state.expiresAt, 0)) return state.token;
  return fetchToken();
}

function fetchToken(): Promise<string | undefined> {
  if (inFlight) return inFlight;
  const from = endpoint;
  if (!from) return Promise.resolve(undefined);
  sessionStore.setState((state) => ({ status: state.token ? state.status : 'loading' }));
  inFlight = requestToken(from)
    .then((answer) => {
      if (from !== endpoint) return sessionStore.getState().token;
      const { claims, expiresAt } = readToken(answer);
      failures = 0;
      sessionStore.setState({
        status: 'ready',
        token: answer.token,
        claims,
        expiresAt,
        isMember: claims.memberType === '1',
        error: undefined,
      });
      scheduleRefresh(expiresAt, claims.iat ? claims.iat * 1000 : Date.now());
      return answer.token;
    })
    .catch((error: unknown) => {
      failures++;
      const message = error instanceof Error ? error.message : String(error);
      // Keep a token that is still valid; otherwise the page carries on anonymously.
      const current = sessionStore.getState();
      const stillValid = current.token && !isExpiring(current.expiresAt, 0);
      sessionStore.setState(stillValid ? { error: message } : { ...initialSession, status: 'error', error: message });
      scheduleRetry();
      throw error;
    })
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}

/**
 * One POST, never repeated here: a failure is retried on the session's own schedule (`scheduleRetry`).
 * It carries the storage consent, so the backend sets its guest cookie (`sf_anon`) only when granted
 * and removes it when denied, and a guest's id, so a guest stays one viewer for the whole page while
 * no cookie may hold it (and the cookie, once granted, holds the id the page already has).
 */
async function requestToken(url: string): Promise<TokenAnswer> {
  const { claims } = sessionStore.getState();
  const guestId = claims?.memberType === '0' ? claims.memberId : undefined;
  const { body } = await requestJson<Partial<TokenAnswer> | undefined>({
    method: 'POST',
    url,
    // (An undefined guestId is left out by JSON.)
    body: { consent: currentConsent(), guestId },
    credentials: 'include',
    timeoutMs: FETCH_TIMEOUT_MS,
  });
  if (typeof body?.token !== 'string') throw new ResponseShapeError('POST', url, 'token', 'the token endpoint answered without a token');
  return body as TokenAnswer;
}

/** The JWT inside the backend's answer: the guide hands tokens over base64-encoded; accept raw too. */
export function viewerJwt(token: string): string {
  if (token.startsWith('eyJ')) return token;
  try {
    const decoded = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
    if (decoded.startsWith('eyJ')) return decoded;
  } catch {
    // not base64: fall through and let jwt-decode say what is wrong
  }
  return token;
}

function readToken(answer: TokenAnswer): { claims: ViewerClaims & { exp?: number; iat?: number }; expiresAt: number } {
  const claims = jwtDecode<ViewerClaims & { exp?: number; iat?: number }>(viewerJwt(answer.token));
  const fromAnswer = typeof answer.expiresAt === 'number' ? answer.expiresAt : Date.parse(answer.expiresAt ?? '');
  const expiresAt = claims.exp ? claims.exp * 1000 : Number.isFinite(fromAnswer) ? fromAnswer : Date.now() + 5 * 60_000;
  return { claims, expiresAt };
}

// Granted or denied after the page's token was minted: ask again, so the guest cookie follows at once.
onConsent((consent) => {
  if (!endpoint || consent === 'pending') return;
  // A request already on its way carries the old say: ask once more after it.
  void (inFlight ?? Promise.resolve())
    .catch(() => undefined)
    .then(fetchToken)
    .catch(() => undefined);
});

function isExpiring(expiresAt: number | undefined, leadMs: number): boolean {
  return expiresAt === undefined || expiresAt - leadMs <= Date.now();
}

function scheduleRefresh(expiresAt: number, issuedAt: number): void {
  clearTimeout(refreshTimer);
  const lifetime = Math.max(0, expiresAt - issuedAt);
  const lead = Math.min(REFRESH_LEAD_MS, lifetime / 5);
  const delay = Math.max(1_000, expiresAt - lead - Date.now());
  refreshTimer = setTimeout(() => void fetchToken().catch(() => undefined), delay);
}

function scheduleRetry(): void {
  clearTimeout(refreshTimer);
  if (failures > MAX_BACKGROUND_RETRIES) return;
  const delay = backoffDelay(failures, { baseDelayMs: RETRY_BASE_MS, maxDelayMs: RETRY_MAX_MS });
  refreshTimer = setTimeout(() => void fetchToken().catch(() => undefined), delay);
}

/**
 * A tab that slept past the refresh (timers are throttled in the background) catches up on return;
 * a page that lost the network asks again as soon as it is back (not at the next backoff step, and
 * not never, once the background retries have given up).
 */
function hookVisibility(): void {
  if (visibilityHooked || typeof document === 'undefined') return;
  visibilityHooked = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !endpoint) return;
    const { expiresAt, token } = sessionStore.getState();
    if (!token || isExpiring(expiresAt, REFRESH_LEAD_MS / 2)) void fetchToken().catch(() => undefined);
  });
  globalThis.addEventListener?.('online', () => {
    if (!endpoint || failures === 0) return;
    void fetchToken().catch(() => undefined);
  });
}

/** Forget everything (tests, or a shop's logout): the next `startSession` fetches anew. */
export function resetSession(): void {
  clearTimeout(refreshTimer);
  endpoint = undefined;
  inFlight = undefined;
  failures = 0;
  sessionStore.setState({ ...initialSession }, true);
}
