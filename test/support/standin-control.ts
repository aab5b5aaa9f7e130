/**
 * Drives the local sauceFlex stand-in's control routes from a test (browser or node): flip a fault
 * on one route, read request counters, reset state. The routes are the stand-in's `/__control/*`,
 * which exist only on the stand-in, never on our backend.
 */

/** Route ids the stand-in knows; a fault or a counter names one of these (or '*' for all). */
export type StandinRoute =
  | 'authorize'
  | 'token.refresh'
  | 'token.delete'
  | 'token.validation'
  | 'broadcast.latest'
  | 'broadcast.schedule'
  | 'broadcast.one'
  | 'curation.list'
  | 'curation.detail'
  | 'product.get'
  | 'payments.batch'
  | 'payment.single'
  | 'payment.update'
  | 'payment.cancel'
  | 'coupons.list'
  | 'coupons.issue'
  | 'media';

/**
 * - error500: HTTP 500 with the envelope `{code: 'FA1011', message}`
 * - html502: HTTP 502 with an HTML body, as a proxy in front of the API would send
 * - malformed: HTTP 200 with a body that is not valid JSON
 * - wrongShape: HTTP 200, SU0000, but `response` is not what the guide promises
 * - expiredToken: FA1008 (HTTP 401) on routes that check a token (admin or viewer)
 * - delay: answer normally after `delayMs`
 * - trickle: send the normal body a few bytes at a time over `delayMs`
 * - reset: drop the connection without an answer
 */
export type FaultKind = 'error500' | 'html502' | 'malformed' | 'wrongShape' | 'expiredToken' | 'delay' | 'trickle' | 'reset';

export interface Fault {
  route: StandinRoute | '*';
  kind: FaultKind;
  delayMs?: number;
  /** Apply to this many matching requests, then clear itself. Unset: until cleared. */
  times?: number;
}

export interface StandinState {
  /** Requests received per route id (control routes not counted). */
  counts: Partial<Record<StandinRoute, number>>;
  /** Payment records currently held (registered and not deleted). */
  payments: number;
}

export function standinOrigin(): string {
  const fromWindow = (globalThis as { __SF_TEST__?: { standinOrigin?: string } }).__SF_TEST__?.standinOrigin;
  const fromEnv = typeof process !== 'undefined' ? process.env?.SF_STANDIN_ORIGIN : undefined;
  const origin = fromWindow ?? fromEnv;
  if (!origin) throw new Error('No stand-in: the test runner did not say where it runs (__SF_TEST__ / SF_STANDIN_ORIGIN)');
  return origin;
}

export const standinApiBase = (): string => `${standinOrigin()}/V1`;

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${standinOrigin()}/__control/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`stand-in control ${method} ${path} failed: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

export const setFault = (fault: Fault) => control('POST', 'faults', fault);
export const clearFaults = () => control('DELETE', 'faults');
export const resetStandin = () => control('POST', 'reset');
export const standinState = () => control('GET', 'state') as Promise<StandinState>;
