/**
 * The SmartSTREAM stand-in on a real socket, for `npm start` and the tests: `startSmartStream()`
 * answers the seed's Live API under `apiBase` (`origin + '/v1'`).
 */
import { serveStandin } from '../listen.js';
import { createSmartStreamApp, type SmartStreamStandinOptions } from './app.js';

export { createSmartStreamApp } from './app.js';
export type { SmartStreamFault, SmartStreamFaultKind } from './faults.js';
export { DEFAULT_API_KEY as SMARTSTREAM_DEMO_KEY, DEFAULT_MERCHANT_ID as SMARTSTREAM_DEMO_MERCHANT } from './fixtures.js';

export interface SmartStreamStandin extends Omit<ReturnType<typeof createSmartStreamApp>, 'app' | 'fetch'> {
  origin: string;
  /** origin + '/v1' */
  apiBase: string;
  close(): Promise<void>;
}

export async function startSmartStream(options: Omit<SmartStreamStandinOptions, 'origin'> & { host?: string; port?: number } = {}): Promise<SmartStreamStandin> {
  const standin = await serveStandin((origin) => createSmartStreamApp({ ...options, origin }), options);
  return { ...standin, apiBase: `${standin.origin}/v1` };
}
