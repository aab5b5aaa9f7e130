/**
 * The one retry delay of the project: exponential backoff with "equal jitter" (half the step fixed,
 * half random, so clients that failed together do not come back together). HTTP retries, the
 * viewer-token retry, the payments outbox and the player's reloads all wait this long.
 */
export interface Backoff {
  /** The first step; doubles with each attempt. */
  baseDelayMs: number;
  /** Ceiling for one step. */
  maxDelayMs: number;
}

/** The wait before retry number `attempt` (1 for the first retry). */
export function backoffDelay(attempt: number, backoff: Backoff): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
