/**
 * The LiveMinutes stand-in's faults (demo/fault-switch.ts): how the next calls fail, on every method or one
 * (`createMeeting`, `addParticipant`, …: its routes), `times` times or until cleared.
 */
import { FaultSwitch, type Fault } from '../fault-switch.js';

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

/** A fault on every method (`route: '*'`, the default) or one (`route: 'addParticipant'`). */
export type LiveMinutesFault = Fault<LiveMinutesFaultKind, LiveMinutesMethod>;

export const liveMinutesFaults = () => new FaultSwitch('liveminutes', LIVEMINUTES_FAULTS, LIVEMINUTES_METHODS);
