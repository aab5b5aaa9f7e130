/**
 * Faults a test switches on to see the widgets' error paths against a real socket: what each kind
 * answers, and the bookkeeping (`times` counting down, '*' matching every route).
 */
import { FAULT_KINDS, STANDIN_ROUTES, type Fault, type StandinRoute } from './contract.js';
import { envelope } from './envelope.js';

/** Routes that check a token (admin or viewer): the only ones where `expiredToken` applies. */
export const TOKEN_ROUTES: ReadonlySet<StandinRoute> = new Set([
  'product.get',
  'analysis.totals',
  'analysis.series',
  'token.validation',
  'token.refresh',
  'token.delete',
  'coupons.list',
  'coupons.issue',
]);

export const DEFAULT_FAULT_DELAY_MS = 1000;

export class FaultList {
  private faults: Fault[] = [];
  /** Requests a fault was applied to since the last `resetCount()` (GET /__control/faults reports it). */
  applied = 0;

  resetCount(): void {
    this.applied = 0;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** A new fault replaces an earlier one on the same route and path (no path counts as a path of its own). */
  set(fault: Fault): void {
    this.faults = this.faults.filter((f) => f.route !== fault.route || f.path !== fault.path);
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * The fault to apply to this request, if any: the newest that names the route (or '*'), matches
   * the path when it names one, and can apply there. Applying it counts one off `times`; at zero
   * it is gone. Without a `pathname` only faults without a path match.
   */
  take(route: StandinRoute, pathname?: string): Fault | undefined {
    for (let i = this.faults.length - 1; i >= 0; i--) {
      const fault = this.faults[i]!;
      if (fault.route !== '*' && fault.route !== route) continue;
      if (fault.path !== undefined && (pathname === undefined || !pathMatches(fault.path, pathname))) continue;
      if (fault.kind === 'expiredToken' && !TOKEN_ROUTES.has(route)) continue;
      if (fault.times !== undefined) {
        fault.times -= 1;
        if (fault.times <= 0) this.faults.splice(i, 1);
      }
      this.applied++;
      return { ...fault };
    }
    return undefined;
  }
}

/** `/a/b` matches exactly; `/a/*` matches every path that starts with `/a/`. */
export function pathMatches(pattern: string, pathname: string): boolean {
  return pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern;
}

/** Checks a fault sent to POST /__control/faults; returns a problem or the fault. */
export function parseFault(body: unknown): Fault | string {
  if (typeof body !== 'object' || body === null) return 'body must be a Fault object';
  const { route, kind, delayMs, times, path, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length) return `unknown field(s): ${extra.join(', ')}`;
  if (route !== '*' && !STANDIN_ROUTES.includes(route as StandinRoute)) {
    return `route must be '*' or one of ${STANDIN_ROUTES.join(', ')}`;
  }
  if (!FAULT_KINDS.includes(kind as Fault['kind'])) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  if (delayMs !== undefined && (typeof delayMs !== 'number' || !(delayMs >= 0) || delayMs > 120_000)) {
    return 'delayMs must be a number of milliseconds between 0 and 120000';
  }
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1)) {
    return 'times must be a positive integer';
  }
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/') || path.length > 500 || /[?#\s]/.test(path))) {
    return "path must be a URL pathname starting with '/' (no query, no fragment), optionally ending in '*'";
  }
  const fault: Fault = { route: route as Fault['route'], kind: kind as Fault['kind'] };
  if (delayMs !== undefined) fault.delayMs = delayMs as number;
  if (times !== undefined) fault.times = times as number;
  if (path !== undefined) fault.path = path as string;
  return fault;
}

/** The page a proxy in front of the API sends when the API is down. */
export const BAD_GATEWAY_HTML = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

/** Starts like an envelope and breaks off: not valid JSON. */
export const MALFORMED_BODY = '{"code":"SU0000","message":"성공하였습니다.","response":{"items":[{"broadcastId":';

/** SU0000 with a `response` that has none of the fields any route promises. */
export const wrongShapeBody = (timestamp: number) => envelope('SU0000', { unexpected: true, items: 'not-a-list' }, timestamp);

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The same body, sent in small chunks spread over `ms` (about one chunk every 50 ms), so a client
 * sees headers at once and the last byte only at the end.
 */
export async function trickle(res: Response, ms: number): Promise<Response> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const chunks = Math.max(2, Math.min(200, Math.ceil(ms / 50)));
  const size = Math.max(1, Math.ceil(bytes.length / chunks));
  const pieces = Math.max(1, Math.ceil(bytes.length / size));
  const interval = pieces > 1 ? ms / (pieces - 1) : 0;
  let offset = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset > 0) await sleep(interval);
      if (cancelled) return;
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
      if (offset >= bytes.length) controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  const headers = new Headers(res.headers);
  headers.set('content-length', String(bytes.length));
  return new Response(body, { status: res.status, statusText: res.statusText, headers });
}

/** Thrown to drop the connection (`reset`): app.ts rethrows it past Hono's error handler. */
export class ConnectionReset extends Error {
  constructor() {
    super('stand-in fault: connection reset');
  }
}
