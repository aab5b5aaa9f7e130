/**
 * The load generator for load.ts, run in a child process: autocannon against the backend with the
 * request mix described there. Prints one JSON line of figures (LoadFigures) and exits.
 */
import { createRequire } from 'node:module';
import type { LoadFigures, LoadOptions } from './load.js';

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const json = { 'content-type': 'application/json' };

// One request in five is a foreign origin's, refused with 403 by design: expected, not an error.
const result = await autocannon({
  url: options.origin,
  connections: options.connections,
  duration: options.durationSec,
  requests: [
    { method: 'POST', path: '/sauceflex/token', headers: { ...json, origin: options.shopOrigin }, body: '{}' },
    {
      method: 'POST',
      path: '/sauceflex/token',
      headers: { ...json, origin: options.shopOrigin, cookie: `sf_demo_member=${encodeURIComponent(JSON.stringify({ memberId: 'load-member', nickName: '부하', age: '30', gender: 'w' }))}` },
      body: '{}',
    },
    { method: 'GET', path: `/sauceflex/products/${options.productId}`, headers: { origin: options.shopOrigin } },
    { method: 'GET', path: '/sauceflex/health' },
    { method: 'POST', path: '/sauceflex/token', headers: { ...json, origin: 'http://evil.test' }, body: '{}' },
  ],
});

const statuses: Record<string, number> = {};
for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count;
const forbidden = statuses['403'] ?? 0;
const figures: LoadFigures = {
  requests: result.requests.total,
  ok: result['2xx'],
  unexpectedStatus: result.non2xx - forbidden,
  errors: result.errors,
  timeouts: result.timeouts,
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  perSecond: result.requests.average,
  statuses,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
