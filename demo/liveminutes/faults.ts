/**
 * The LiveMinutes stand-in's fault switch: how the next calls fail (`POST /__control/faults` or
 * `setFault()`), on every method or one (`createMeeting`, `addParticipant`, …), `times` times or
 * until cleared.
 */
export const LIVEMINUTES_FAULTS = [
  /** HTTP 500 with an empty body. */
  'serverError',
  /** A proxy's 502 HTML page. */
  'badGateway',
  /** `{"resultcode": 0}`: what the seed answers for wrong credentials or any failure. */
  'resultZero',
  /** 200 with a body that breaks off. */
  'malformed',
  /** `{"resultcode": 1}` without the URL the method promises. */
  'wrongShape',
  /** `participantUrl` / `meetingUrl` as `javascript:` URLs. */
  'hostileUrl',
  /** The normal answer after `delayMs` (default 1 000). */
  'delay',
] as const;
export type LiveMinutesFaultKind = (typeof LIVEMINUTES_FAULTS)[number];
export const LIVEMINUTES_METHODS = [
  'createMeeting',
  'addParticipant',
  'getParticipantUrl',
  'getMeetingUrl',
  'cancelMeeting',
  'cancelParticipant',
  'getMeetingStatus',
  'getParticipantStatus',
] as const;
export type LiveMinutesMethod = (typeof LIVEMINUTES_METHODS)[number];

export interface LiveMinutesFault {
  kind: LiveMinutesFaultKind;
  /** Default '*': every method. */
  method?: LiveMinutesMethod | '*';
  times?: number;
  delayMs?: number;
}

export class LiveMinutesFaults {
  #faults: LiveMinutesFault[] = [];

  set(fault: LiveMinutesFault): void {
    const problem = checkFault(fault);
    if (problem) throw new TypeError(`liveminutes stand-in: bad fault: ${problem}`);
    this.#faults = this.#faults.filter((f) => (f.method ?? '*') !== (fault.method ?? '*'));
    this.#faults.push({ ...fault });
  }

  clear(): void {
    this.#faults = [];
  }

  list(): LiveMinutesFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  take(method: LiveMinutesMethod): LiveMinutesFault | undefined {
    for (let i = this.#faults.length - 1; i >= 0; i--) {
      const fault = this.#faults[i]!;
      if ((fault.method ?? '*') !== '*' && fault.method !== method) continue;
      if (fault.times !== undefined && --fault.times <= 0) this.#faults.splice(i, 1);
      return { ...fault };
    }
    return undefined;
  }
}

export function checkFault(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body must be {kind, method?, times?, delayMs?}';
  const { kind, method, times, delayMs, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length) return `unknown field(s): ${Object.keys(rest).join(', ')}`;
  if (!LIVEMINUTES_FAULTS.includes(kind as LiveMinutesFaultKind)) return `kind must be one of ${LIVEMINUTES_FAULTS.join(', ')}`;
  if (method !== undefined && method !== '*' && !LIVEMINUTES_METHODS.includes(method as LiveMinutesMethod)) return `method must be '*' or one of ${LIVEMINUTES_METHODS.join(', ')}`;
  if (times !== undefined && !(Number.isInteger(times) && (times as number) > 0)) return 'times must be a positive integer';
  if (delayMs !== undefined && !(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= 120_000)) return 'delayMs must be 0–120000';
  return undefined;
}
