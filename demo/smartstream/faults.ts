/**
 * The SmartSTREAM stand-in's faults (demo/fault-switch.ts): how it fails, for every request or `times` of
 * them, on the list or the single-event route.
 */
import { FaultSwitch, type Fault } from '../fault-switch.js';

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
/** The event list and the single event. */
export const SMARTSTREAM_ROUTES = ['list', 'get'] as const;
export type SmartStreamRoute = (typeof SMARTSTREAM_ROUTES)[number];

export type SmartStreamFault = Fault<SmartStreamFaultKind, SmartStreamRoute>;

export const smartStreamFaults = () => new FaultSwitch('smartstream', SMARTSTREAM_FAULTS, SMARTSTREAM_ROUTES);
