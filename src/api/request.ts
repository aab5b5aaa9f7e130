/**
 * The one HTTP path for JSON calls, in the browser and on the server: builds the URL, enforces the
 * timeout (a real abort, not just giving up waiting), retries idempotent reads on transient
 * failures (with the shared backoff, or after the server's Retry-After), and turns the answer into
 * a value or a typed error. Two readers of the answer: sauceFlex's `{code, message, response}`
 * envelope (`requestEnvelope`, here: the API client, the admin client, payments forwarding, the shop's
 * coupon API) and plain JSON (`requestJson` in json.ts: our own backend's token, product and payments
 * routes, which no page's first download calls).
 */
import type { Envelope } from './models.js';
import {
  AbortedError,
  ApiError,
  HttpError,
  NetworkError,
  SauceflexError,
  TimeoutError,
  isTransient,
} from './errors.js';
import { backoffDelay, type Backoff } from './backoff.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RetryPolicy extends Backoff {
  /** How many times a failed idempotent request is tried again. */
  limit: number;
  /**
   * Also the ceiling for a server's Retry-After: a shorter one is waited for instead of the
   * backoff; a longer one ends the retries at once (retrying sooner would ignore what it asked).
   */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 2, baseDelayMs: 300, maxDelayMs: 5_000 };
export const DEFAULT_TIMEOUT_MS = 10_000;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  url: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON; `URLSearchParams` as a form (application/x-www-form-urlencoded). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per attempt. */
  timeoutMs?: number;
  /** Applied to GET and HEAD only: a POST is never repeated behind the caller's back. */
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** `include` for our own backend's cookie-bound routes (the viewer token); the fetch default otherwise. */
  credentials?: RequestCredentials;
  /** Called before each retry; tests count attempts with it. */
  onRetry?: (attempt: number, error: SauceflexError, delayMs: number) => void;
}

export interface EnvelopeResult<T> {
  status: number;
  envelope: Envelope<T>;
  /** `envelope.response`, not yet validated: the caller checks its shape. */
  response: unknown;
}

/** What one attempt received: read within the timeout, judged afterwards by a reader. */
export interface Answer {
  status: number;
  ok: boolean;
  headers: Headers;
  text: string;
}

export type Reader<R> = (method: string, url: string, answer: Answer) => R;

const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD']);

/** Whether the page's Content Security Policy refused requests to `url`: retrying those is futile. */
let refused: (url: string) => boolean = () => false;

/** Set in browsers by shared/csp.ts (api/ knows no DOM); a failed fetch to a refused origin is not retried. */
export function setRefused(check: (url: string) => boolean): void {
  refused = check;
}
const SUCCESS = 'SU0000';

export function buildUrl(url: string, query?: Record<string, QueryValue>): string {
  const u = new URL(url);
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') u.searchParams.set(key, String(value));
    }
  }
  return u.toString();
}

/** Send one request and unwrap the envelope; throws a `SauceflexError` subclass on any failure. */
export function requestEnvelope<T>(options: RequestOptions): Promise<EnvelopeResult<T>> {
  return send(options, parseEnvelope<T>);
}

/** Send one request and read its answer with `read` (the envelope here; plain JSON in json.ts). */
export async function send<R>(options: RequestOptions, read: Reader<R>): Promise<R> {
  const method = options.method ?? 'GET';
  const url = buildUrl(options.url, options.query);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const maxAttempts = IDEMPOTENT.has(method) ? policy.limit + 1 : 1;
  // The page's policy already refused this origin (the loader's early request, another element): it would
  // refuse this one too, so it is not sent; it fails as that one did.
  if (refused(url)) throw new NetworkError(method, url, new Error("refused by the page's Content-Security-Policy (connect-src)"));

  for (let attempt = 1; ; attempt++) {
    let retryAfter: number | undefined;
    try {
      const answer = await attemptOnce(method, url, options);
      retryAfter = retryAfterMs(answer.headers.get('retry-after'));
      return read(method, url, answer);
    } catch (error) {
      const failure = toSauceflexError(error, method, url);
      const blocked = () => failure.kind === 'network' && refused(url);
      if (attempt >= maxAttempts || !isTransient(failure) || options.signal?.aborted || blocked()) throw failure;
      if (retryAfter !== undefined && retryAfter > policy.maxDelayMs) throw failure;
      const delay = retryAfter ?? backoffDelay(attempt, policy);
      options.onRetry?.(attempt, failure, delay);
      await sleep(delay, options.signal).catch(() => {
        throw new AbortedError(method, url);
      });
      // The violation event may arrive after the fetch failed: asked again before trying once more.
      if (blocked()) throw failure;
    }
  }
}

async function attemptOnce(method: HttpMethod, url: string, options: RequestOptions): Promise<Answer> {
  // Checked before the timer starts: throwing after it would leave the timer running.
  if (options.signal?.aborted) throw new AbortedError(method, url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body instanceof URLSearchParams) {
    // Form parameters, for a service that takes them (LiveMinutes).
    headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
    body = options.body.toString();
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const init: RequestInit = { method, headers, body, signal: controller.signal };
  if (options.credentials) init.credentials = options.credentials;

  try {
    let res: Response;
    try {
      res = await (options.fetch ?? fetch)(url, init);
    } catch (error) {
      throw fetchFailure(error, method, url, timedOut, timeoutMs, options.signal);
    }
    try {
      // The timeout covers the body too: a server that trickles bytes is cut off.
      return { status: res.status, ok: res.ok, headers: res.headers, text: await res.text() };
    } catch (error) {
      throw fetchFailure(error, method, url, timedOut, timeoutMs, options.signal);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** Retry-After as delay-seconds or an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function fetchFailure(
  error: unknown,
  method: string,
  url: string,
  timedOut: boolean,
  timeoutMs: number,
  callerSignal?: AbortSignal,
): SauceflexError {
  if (timedOut) return new TimeoutError(method, url, timeoutMs);
  if (callerSignal?.aborted) return new AbortedError(method, url);
  return new NetworkError(method, url, error);
}

function parseEnvelope<T>(method: string, url: string, res: Answer): EnvelopeResult<T> {
  const { text } = res;
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    throw new HttpError(method, url, res.status, 'The answer is not valid JSON', text);
  }
  if (!isEnvelope(json)) {
    throw new HttpError(method, url, res.status, 'The answer is not a sauceFlex envelope {code, message}', text);
  }
  if (json.code !== SUCCESS) {
    const validError = readValidError(json.response);
    throw new ApiError(method, url, res.status, json.code, json.message ?? '', validError);
  }
  if (!res.ok) {
    // SU0000 with an error status: trust the status, not the body.
    throw new HttpError(method, url, res.status, 'The server reported success with an error status', text);
  }
  return { status: res.status, envelope: json as Envelope<T>, response: json.response };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    ((value as { message?: unknown }).message === undefined || typeof (value as { message?: unknown }).message === 'string')
  );
}

function readValidError(response: unknown): string[] {
  const list = (response as { validError?: unknown } | undefined)?.validError;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : [];
}

function toSauceflexError(error: unknown, method: string, url: string): SauceflexError {
  return error instanceof SauceflexError ? error : new NetworkError(method, url, error);
}

/** A timer that an AbortSignal cancels (rejects), so no retry outlives its caller. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
