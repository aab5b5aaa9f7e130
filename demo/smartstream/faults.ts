/**
 * The SmartSTREAM stand-in's fault switch: a test tells it how to fail (`POST /__control/faults` or
 * `setFault()`), for every request or `times` of them, on the list or the single-event route.
 */
export const SMARTSTREAM_FAULTS = [
  /** 500 {code: SERVER_ERROR}: the seed's own error. */
  'serverError',
  /** 401 {code: UNAUTHORIZED}, whatever key was sent. */
  'unauthorized',
  /** 400 {code: BAD_REQUEST}, whatever was asked. */
  'badRequest',
  /** A proxy's 502 HTML page. */
  'badGateway',
  /** 200 with a body that breaks off: not JSON. */
  'malformed',
  /** 200 with JSON of the wrong shape ({count: "many", live_events: "none"}). */
  'wrongShape',
  /** 200 with events whose names, times and image URLs are hostile (fixtures.ts). */
  'hostile',
  /** The normal answer, after `delayMs` (default 1 000). */
  'delay',
] as const;
export type SmartStreamFaultKind = (typeof SMARTSTREAM_FAULTS)[number];
export const SMARTSTREAM_ROUTES = ['list', 'get', '*'] as const;

export interface SmartStreamFault {
  kind: SmartStreamFaultKind;
  /** Default '*': every route. */
  route?: (typeof SMARTSTREAM_ROUTES)[number];
  /** Applied this many times, then gone. Default: until cleared. */
  times?: number;
  delayMs?: number;
}

export class SmartStreamFaults {
  #faults: SmartStreamFault[] = [];

  set(fault: SmartStreamFault): void {
    const problem = checkFault(fault);
    if (problem) throw new TypeError(`smartstream stand-in: bad fault: ${problem}`);
    this.#faults = this.#faults.filter((f) => (f.route ?? '*') !== (fault.route ?? '*'));
    this.#faults.push({ ...fault });
  }

  clear(): void {
    this.#faults = [];
  }

  list(): SmartStreamFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** The newest fault for this route, counted off its `times`. */
  take(route: 'list' | 'get'): SmartStreamFault | undefined {
    for (let i = this.#faults.length - 1; i >= 0; i--) {
      const fault = this.#faults[i]!;
      if ((fault.route ?? '*') !== '*' && fault.route !== route) continue;
      if (fault.times !== undefined && --fault.times <= 0) this.#faults.splice(i, 1);
      return { ...fault };
    }
    return undefined;
  }
}

/** What is wrong with a fault sent over HTTP, or undefined. */
export function checkFault(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body must be {kind, route?, times?, delayMs?}';
  const { kind, route, times, delayMs, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length) return `unknown field(s): ${Object.keys(rest).join(', ')}`;
  if (!SMARTSTREAM_FAULTS.includes(kind as SmartStreamFaultKind)) return `kind must be one of ${SMARTSTREAM_FAULTS.join(', ')}`;
  if (route !== undefined && !SMARTSTREAM_ROUTES.includes(route as 'list')) return `route must be one of ${SMARTSTREAM_ROUTES.join(', ')}`;
  if (times !== undefined && !(Number.isInteger(times) && (times as number) > 0)) return 'times must be a positive integer';
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= 120_000)) return 'delayMs must be 0–120000';
  return undefined;
}
