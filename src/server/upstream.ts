/**
 * The one mapping from a failed sauceFlex read (through the admin client) to the answer a browser route
 * gives: sauceFlex down or a proxy's 5xx → 503 with Retry-After; our credentials or token refused → 502
 * (our configuration, logged); an answer of the wrong shape → 502. Routes handle their own not-found
 * codes first.
 */
import { ApiError, SauceflexError, isTransient } from '../api/errors.js';
import { ErrorCode } from '../api/models.js';
import { HttpProblem } from './http.js';
import { describeError, type Logger } from './log.js';

export function upstreamUnavailable(): HttpProblem {
  return new HttpProblem(503, 'upstream_unavailable', 'sauceFlex is not answering right now; try again shortly.', {
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
