/**
 * Drives the SmartSTREAM and LiveMinutes stand-ins' control routes from a browser test (their
 * origins come from the runner's `__SF_TEST__`), as standin-control.ts does for sauceFlex's.
 */
import type { SmartStreamFault } from '../../demo/smartstream/faults.js';
import type { LiveMinutesFault } from '../../demo/liveminutes/faults.js';

type TestInfo = { smartstreamOrigin?: string; liveminutesOrigin?: string; scheduleSourceEndpoint?: string; consultEndpoint?: string };
const info = (): TestInfo => (globalThis as { __SF_TEST__?: TestInfo }).__SF_TEST__ ?? {};

async function control(origin: string | undefined, method: string, path: string, body?: unknown): Promise<any> {
  if (!origin) throw new Error('the test runner did not start this stand-in (__SF_TEST__)');
  const res = await fetch(`${origin}/__control/${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`stand-in control ${method} ${path} failed: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

export const smartstream = {
  setFault: (fault: SmartStreamFault) => control(info().smartstreamOrigin, 'POST', 'faults', fault),
  reset: () => control(info().smartstreamOrigin, 'POST', 'reset'),
  requests: () => control(info().smartstreamOrigin, 'GET', 'requests') as Promise<{ requests: { path: string; query: Record<string, string>; authorized: boolean }[] }>,
};

export const liveminutes = {
  setFault: (fault: LiveMinutesFault) => control(info().liveminutesOrigin, 'POST', 'faults', fault),
  reset: () => control(info().liveminutesOrigin, 'POST', 'reset'),
  calls: () => control(info().liveminutesOrigin, 'GET', 'calls') as Promise<{ calls: { method: string; params: Record<string, string>; authorized: boolean }[] }>,
  setMeetingStatus: (meetingKey: string, status: string) => control(info().liveminutesOrigin, 'PUT', `meetings/${encodeURIComponent(meetingKey)}/status`, { status }),
};

export const scheduleSourceEndpoint = (): string => info().scheduleSourceEndpoint ?? '';
export const consultEndpoint = (): string => info().consultEndpoint ?? '';
export const liveminutesOrigin = (): string => info().liveminutesOrigin ?? '';
