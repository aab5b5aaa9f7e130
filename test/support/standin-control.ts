/**
 * Drives the local sauceFlex stand-in's control routes from a test (browser or node): flip a fault
 * on one route, read request counters, reset state. The routes are the stand-in's `/__control/*`,
 * which exist only on the stand-in, never on our backend.
 */

// The contract's types live with the stand-in (demo/standin/contract.ts); re-exported here under the same names.
export type { StandinRoute, FaultKind, Fault, StandinState, FixtureMode } from '../../demo/standin/contract.js';
import type { Fault, FixtureMode, StandinState } from '../../demo/standin/contract.js';

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

/** Switch the stand-in's data routes to the hostile corpus (`hostile`) or back (`normal`; a reset does too). */
export const setFixtureMode = (mode: FixtureMode) => control('PUT', 'fixtures', { mode }) as Promise<{ mode: FixtureMode }>;
export const fixtureMode = () => control('GET', 'fixtures') as Promise<{ mode: FixtureMode }>;

/**
 * The stand-in's live stream (a sliding-window playlist that closes with #EXT-X-ENDLIST after
 * `reloads` requests or `seconds` seconds), under a session of its own so no other player shares it.
 */
export function liveStreamUrl(options: { reloads?: number; seconds?: number; session?: string } = {}): string {
  const query = new URLSearchParams({ session: options.session ?? `live-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` });
  if (options.reloads !== undefined) query.set('reloads', String(options.reloads));
  if (options.seconds !== undefined) query.set('seconds', String(options.seconds));
  return `${standinOrigin()}/media/live/index.m3u8?${query}`;
}

/** The faults set now, and how many requests a fault was applied to since the stand-in's last reset. */
export const faultsApplied = () => control('GET', 'faults') as Promise<{ faults: Fault[]; applied: number }>;

/**
 * The preview stream under a path of its own (`/media/session/<name>/`): segment URLs no other
 * player shares (so no cache answers for them), for path-scoped faults on one segment.
 * `path(file)` is the pathname of one of its files, for `setFault({path})`.
 */
export function previewSession(name = `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`) {
  const base = `/media/session/${encodeURIComponent(name)}/`;
  return { src: `${standinOrigin()}${base}index.m3u8`, path: (file: string) => `${base}${file}` };
}
