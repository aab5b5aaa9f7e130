/**
 * The one mapping from a failed upstream read to the answer a browser route gives: the service down or
 * a proxy's 5xx → 503 with Retry-After; our credentials or token refused → 502 (our configuration,
 * logged); an answer of the wrong shape → 502. Routes handle their own not-found codes first.
 * `upstreamProblem` is sauceFlex's (its envelope codes); `serviceProblem` every other platform's
 * (SmartSTREAM, LiveMinutes), which answer plain JSON through `requestJson`.
 */
import { ApiError, HttpError, SauceflexError, isTransient } from '../api/errors.js';
import { ErrorCode } from '../api/models.js';
import { HttpProblem } from './http.js';
import { describeError, type Logger } from './log.js';

export function upstreamUnavailable(service = 'sauceFlex'): HttpProblem {
  return new HttpProblem(503, 'upstream_unavailable', `${service} is not answering right now; try again shortly.`, {
    headers: { 'retry-after': '5' },
  });
}

export function upstreamProblem(error: unknown, log: Logger, what: string, context: Record<string, unknown> = {}): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ApiError) {
    // FA1011, or a 5xx that is not one of sauceFlex's codes (a proxy's): down for now.
    if (error.code === ErrorCode.internal || (!/^FA\d{4}$/.test(error.code) && error.status >= 500)) return upstreamUnavailable();
    // Credentials refused, token refused twice, forbidden, parameters refused: our side, not the shopper's.
    log.error(`sauceFlex refused the ${what}`, { ...context, code: error.code, error: describeError(error) });
    return new HttpProblem(502, 'upstream_refused', 'sauceFlex refused the request; see the server log.');
  }
  if (isTransient(error) || (error instanceof SauceflexError && (error.kind === 'http' || error.kind === 'aborted'))) {
    log.warn(`sauceFlex unavailable for a ${what}`, { ...context, error: describeError(error) });
    return upstreamUnavailable();
  }
  log.error(`${what} failed`, { ...context, error: describeError(error) });
  return new HttpProblem(502, 'upstream_bad_response', 'sauceFlex answered with something unexpected.');
}

/**
 * `service` (a platform other than sauceFlex) failed: unreachable, timed out or 5xx → 503 with
 * Retry-After; any 4xx (our key, our parameters) → 502 `upstream_refused`, logged; an answer that is
 * not JSON or not the documented shape → 502 `upstream_bad_response`. The log gets the status and the
 * error's redacted message (never a header, so never a key).
 */
export function serviceProblem(service: string, error: unknown, log: Logger, what: string, context: Record<string, unknown> = {}): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof SauceflexError && error.kind === 'aborted') return upstreamUnavailable(service);
  const status = (error as { status?: unknown }).status;
  if (isTransient(error) || (error instanceof HttpError && error.status >= 500)) {
    log.warn(`${service} unavailable for a ${what}`, { ...context, error: describeError(error) });
    return upstreamUnavailable(service);
  }
  if (error instanceof HttpError && typeof status === 'number' && status >= 400) {
    log.error(`${service} refused the ${what}`, { ...context, status, error: describeError(error) });
    return new HttpProblem(502, 'upstream_refused', `${service} refused the request; see the server log.`);
  }
  log.error(`${service} ${what} failed`, { ...context, error: describeError(error) });
  return new HttpProblem(502, 'upstream_bad_response', `${service} answered with something unexpected.`);
}
