/**
 * One error hierarchy for every call to sauceFlex (and to our own backend), in the manner of ky:
 * a base error, then one class per way a call can fail. Messages name the method and URL, never
 * a token or a password (query strings are stripped of credentials before they reach a message).
 */

export type FailureKind = 'api' | 'http' | 'timeout' | 'network' | 'shape' | 'parameter' | 'aborted';

export class SauceflexError extends Error {
  override name = 'SauceflexError';
  /** What went wrong, for code that branches without instanceof (across bundles, say). */
  readonly kind: FailureKind;
  readonly method: string;
  readonly url: string;
  constructor(kind: FailureKind, method: string, url: string, message: string, options?: { cause?: unknown }) {
    super(`${message} (${method} ${redactUrl(url)})`, options);
    this.kind = kind;
    this.method = method;
    this.url = redactUrl(url);
  }
}

/** sauceFlex answered with its envelope and a code other than SU0000 (FA1007, FA1010, …). */
export class ApiError extends SauceflexError {
  override name = 'ApiError';
  readonly code: string;
  readonly apiMessage: string;
  readonly status: number;
  /** FA1010's list of refused parameters; empty otherwise. */
  readonly validError: string[];
  constructor(method: string, url: string, status: number, code: string, apiMessage: string, validError: string[] = []) {
    const detail = validError.length ? `: ${validError.join('; ')}` : '';
    super('api', method, url, `sauceFlex refused the request with ${code} "${apiMessage}"${detail}, HTTP ${status}`);
    this.code = code;
    this.apiMessage = apiMessage;
    this.status = status;
    this.validError = validError;
  }
}

/** The server answered, but not with an envelope: a proxy's HTML page, an empty 502, broken JSON. */
export class HttpError extends SauceflexError {
  override name = 'HttpError';
  readonly status: number;
  /** The first few hundred characters of the body, for logs. */
  readonly bodySnippet: string;
  /** The parsed JSON of an error answer from a plain JSON route (our backend's `{error: {code, message}}`). */
  readonly body: unknown;
  constructor(method: string, url: string, status: number, reason: string, bodySnippet = '', body?: unknown) {
    super('http', method, url, `${reason}, HTTP ${status}`);
    this.status = status;
    this.bodySnippet = bodySnippet.slice(0, 300);
    this.body = body;
  }
}

export class TimeoutError extends SauceflexError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;
  constructor(method: string, url: string, timeoutMs: number) {
    super('timeout', method, url, `No answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

export class NetworkError extends SauceflexError {
  override name = 'NetworkError';
  constructor(method: string, url: string, cause: unknown) {
    super('network', method, url, `The request did not reach the server or lost its connection`, { cause });
  }
}

/** The envelope said SU0000 but the body is not what the guide promises. */
export class ResponseShapeError extends SauceflexError {
  override name = 'ResponseShapeError';
  /** Where in the body the first problem is, e.g. `response.items[3].broadcastName`. */
  readonly path: string;
  constructor(method: string, url: string, path: string, problem: string) {
    super('shape', method, url, `Unexpected response at ${path}: ${problem}`);
    this.path = path;
  }
}

/** A parameter was refused before anything was sent (returnLimit out of 1–100, say). */
export class ParameterError extends SauceflexError {
  override name = 'ParameterError';
  readonly parameter: string;
  constructor(method: string, url: string, parameter: string, problem: string) {
    super('parameter', method, url, `Parameter ${parameter} ${problem}`);
    this.parameter = parameter;
  }
}

/** The caller aborted (an element left the page, a newer request replaced this one). */
export class AbortedError extends SauceflexError {
  override name = 'AbortedError';
  constructor(method: string, url: string) {
    super('aborted', method, url, 'The request was aborted');
  }
}

const SECRET_PARAMS = /^(password|accesstoken|refreshtoken|token|secret)$/i;

/** Strip credentials from a URL so it can go into a message or a log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const key of [...u.searchParams.keys()]) {
      if (SECRET_PARAMS.test(key)) u.searchParams.set(key, '…');
    }
    // Tokens also travel in paths (DELETE /token/{accessToken}).
    u.pathname = u.pathname.replace(/\/token\/[^/]+/, '/token/…');
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * True when retrying the same idempotent request may succeed. sauceFlex sends its business refusals
 * (FA1012 no such partner, FA1018 no such curation, FA1026, …) with HTTP 500, as the guide's
 * "Response Code 500: {code: some-code}" says: those are decided by their code, not their status,
 * and only FA1011 (internal error) among the guide's codes is worth another try.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof SauceflexError)) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  if (error instanceof ApiError && /^FA\d{4}$/.test(error.code) && error.code !== 'FA1011') return false;
  const status = (error as Partial<ApiError & HttpError>).status;
  return status !== undefined && RETRY_STATUSES.has(status);
}

export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
