/** The LiveMinutes stand-in on a real socket, for `npm start` and the tests (see app.ts). */
import { serveStandin } from '../listen.js';
import { createLiveMinutesApp, type LiveMinutesStandinOptions } from './app.js';

export { createLiveMinutesApp, LIVEMINUTES_DEMO_ACCOUNT } from './app.js';
export type { LiveMinutesFault, LiveMinutesFaultKind } from './faults.js';

export interface LiveMinutesStandin extends Omit<ReturnType<typeof createLiveMinutesApp>, 'app' | 'fetch'> {
  /** Also the API base: the seed's methods sit at the root (`{origin}/createMeeting`). */
  origin: string;
  close(): Promise<void>;
}

export function startLiveMinutes(options: Omit<LiveMinutesStandinOptions, 'origin'> & { host?: string; port?: number } = {}): Promise<LiveMinutesStandin> {
  return serveStandin((origin) => createLiveMinutesApp({ ...options, origin }), options);
}
