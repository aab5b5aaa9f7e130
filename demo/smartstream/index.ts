/**
 * The SmartSTREAM stand-in on a real socket, for `npm start` and the tests: `startSmartStream()`
 * answers the seed's Live API under `apiBase` (`origin + '/v1'`).
 */
import { listen } from '../listen.js';
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
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const standin = createSmartStreamApp({ ...options, origin: () => origin });
  const socket = await listen(standin.fetch, host, options.port);
  origin = socket.origin;
  const { app: _app, fetch: _fetch, ...control } = standin;
  return {
    ...control,
    origin,
    apiBase: `${origin}/v1`,
    close: socket.close,
  };
}
