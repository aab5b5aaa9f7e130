/**
 * Drives the local sauceFlex stand-in's control routes from a test (browser or node): flip a fault
 * on one route, read request counters, reset state. The routes are the stand-in's `/__control/*`,
 * which exist only on the stand-in, never on our backend.
 */

// The contract's types live with the stand-in (demo/standin/contract.ts); re-exported here under the same names.
export type { StandinRoute, FaultKind, Fault, StandinState } from '../../demo/standin/contract.js';
import type { Fault, StandinState } from '../../demo/standin/contract.js';

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
