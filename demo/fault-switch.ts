/**
 * The fault switch of the SmartSTREAM and LiveMinutes stand-ins (`POST /__control/faults` or `setFault()`):
 * how their next answers fail, on every route (`'*'`, the default) or one, `times` times or until cleared.
 * The newest fault that names the route applies; a new fault replaces one on the same route.
 * (The sauceFlex stand-in's own switch, demo/standin/faults.ts, also matches paths and counts what it applied.)
 */
import type { Hono } from 'hono';
export interface Fault<Kind extends string, Route extends string> {
  kind: Kind;
  /** Default '*': every route. */
  route?: Route | '*';
  /** Applied this many times, then gone. Default: until cleared. */
  times?: number;
  /** For `delay`: the normal answer after this long (ms). */
  delayMs?: number;
}

export class FaultSwitch<Kind extends string, Route extends string> {
  #faults: Fault<Kind, Route>[] = [];

  constructor(
    /** The stand-in's name, for errors. */
    readonly name: string,
    readonly kinds: readonly Kind[],
    readonly routes: readonly Route[],
  ) {}

  /** What is wrong with a fault (sent over HTTP), or undefined. */
  check(body: unknown): string | undefined {
    if (typeof body !== 'object' || body === null) return 'body must be {kind, route?, times?, delayMs?}';
    const { kind, route, times, delayMs, ...rest } = body as Record<string, unknown>;
    if (Object.keys(rest).length) return `unknown field(s): ${Object.keys(rest).join(', ')}`;
    if (!this.kinds.includes(kind as Kind)) return `kind must be one of ${this.kinds.join(', ')}`;
    if (route !== undefined && route !== '*' && !this.routes.includes(route as Route)) return `route must be '*' or one of ${this.routes.join(', ')}`;
    if (times !== undefined && !(Number.isInteger(times) && (times as number) > 0)) return 'times must be a positive integer';
    if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= 120_000)) return 'delayMs must be 0–120000';
    return undefined;
  }

  set(fault: Fault<Kind, Route>): void {
    const problem = this.check(fault);
    if (problem) throw new TypeError(`${this.name} stand-in: bad fault: ${problem}`);
    this.#faults = this.#faults.filter((f) => (f.route ?? '*') !== (fault.route ?? '*'));
    this.#faults.push({ ...fault });
  }

  clear(): void {
    this.#faults = [];
  }

  list(): Fault<Kind, Route>[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** The newest fault for this route, counted off its `times`. */
  take(route: Route): Fault<Kind, Route> | undefined {
    for (let i = this.#faults.length - 1; i >= 0; i--) {
      const fault = this.#faults[i]!;
      if ((fault.route ?? '*') !== '*' && fault.route !== route) continue;
      if (fault.times !== undefined && --fault.times <= 0) this.#faults.splice(i, 1);
      return { ...fault };
    }
    return undefined;
  }
}

/** `POST /__control/faults` (a fault, checked: 400 says what is wrong) and `DELETE /__control/faults` on a stand-in's app. */
export function faultRoutes<Kind extends string, Route extends string>(app: Hono, faults: FaultSwitch<Kind, Route>): void {
  app.post('/__control/faults', async (c) => {
    const body = await c.req.json().catch(() => undefined);
    const problem = faults.check(body);
    if (problem) return c.json({ error: problem }, 400);
    faults.set(body as Fault<Kind, Route>);
    return c.json({ faults: faults.list() });
  });
  app.delete('/__control/faults', (c) => {
    faults.clear();
    return c.json({ faults: [] });
  });
}
