/**
 * The one place that talks HTTP to sauceFlex: builds the URL, enforces the timeout (a real abort,
 * not just giving up waiting), retries idempotent reads on transient failures with exponential
 * backoff and jitter, and turns the `{code, message, response}` envelope into a value or a
 * typed error. Used by the browser client (`client.ts`) and by the backend's admin client alike.
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

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RetryPolicy {
  /** How many times a failed idempotent request is tried again. */
  limit: number;
  /** First backoff; doubles each attempt (with jitter). */
  baseDelayMs: number;
  /** Ceiling for one backoff, and for a server's Retry-After. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 2, baseDelayMs: 300, maxDelayMs: 5_000 };
export const DEFAULT_TIMEOUT_MS = 10_000;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  url: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Per attempt. */
  timeoutMs?: number;
  /** Applied to GET and HEAD only: a POST is never repeated behind the caller's back. */
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Called before each retry; tests count attempts with it. */
  onRetry?: (attempt: number, error: SauceflexError, delayMs: number) => void;
}

export interface EnvelopeResult<T> {
  status: number;
  envelope: Envelope<T>;
  /** `envelope.response`, not yet validated: the caller checks its shape. */
  response: unknown;
}

const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD']);
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
export async function requestEnvelope<T>(options: RequestOptions): Promise<EnvelopeResult<T>> {
  const method = options.method ?? 'GET';
  const url = buildUrl(options.url, options.query);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const maxAttempts = IDEMPOTENT.has(method) ? policy.limit + 1 : 1;

  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce<T>(method, url, options);
    } catch (error) {
      const failure = toSauceflexError(error, method, url);
      if (attempt >= maxAttempts || !isTransient(failure) || options.signal?.aborted) throw failure;
      const delay = backoffDelay(attempt, policy);
      options.onRetry?.(attempt, failure, delay);
      await sleep(delay, options.signal).catch(() => {
        throw new AbortedError(method, url);
      });
    }
  }
}

async function attemptOnce<T>(method: HttpMethod, url: string, options: RequestOptions): Promise<EnvelopeResult<T>> {
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
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  try {
    let res: Response;
    try {
      res = await (options.fetch ?? fetch)(url, { method, headers, body, signal: controller.signal });
    } catch (error) {
      throw fetchFailure(error, method, url, timedOut, timeoutMs, options.signal);
    }
    let text: string;
    try {
      // The timeout covers the body too: a server that trickles bytes is cut off.
      text = await res.text();
    } catch (error) {
      throw fetchFailure(error, method, url, timedOut, timeoutMs, options.signal);
    }
    return parseEnvelope<T>(method, url, res, text);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
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

function parseEnvelope<T>(method: string, url: string, res: Response, text: string): EnvelopeResult<T> {
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

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
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
