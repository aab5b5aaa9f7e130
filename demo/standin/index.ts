/**
 * The local sauceFlex stand-in: a real HTTP server that follows the integration guide, for the
 * demo (`npm start`) and every test. See app.ts for the routes, fixtures.ts for the data and
 * contract.ts for the control routes.
 */
import { serve, type HttpBindings } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createStandinApp, type StandinOptions } from './app.js';
import type { Fault, FixtureMode, StandinState } from './contract.js';

export { createStandinApp } from './app.js';
export type { StandinApp, StandinOptions } from './app.js';
export type { Fault, FaultKind, FixtureMode, StandinRoute, StandinState } from './contract.js';

export interface Standin {
  /** e.g. 'http://127.0.0.1:41234' */
  origin: string;
  /** origin + '/V1' */
  apiBase: string;
  setViewerPublicKey(pem: string): Promise<void>;
  setFault(f: Fault): void;
  clearFaults(): void;
  /** `hostile`: the data routes answer the hostile corpus (hostile.ts); `normal` (the default, and after a reset): the fixtures. */
  setFixtureMode(mode: FixtureMode): void;
  fixtureMode(): FixtureMode;
  reset(): void;
  /** The same shape as GET /__control/state. */
  state(): StandinState;
  close(): Promise<void>;
}

export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const standin = createStandinApp({ ...options, origin: () => origin });
  if (options.viewerPublicKey) await standin.setViewerPublicKey(options.viewerPublicKey);

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req, env) => standin.fetch(req, env as HttpBindings),
        hostname: host,
        port: options.port ?? 0,
      },
      () => resolve(s as Server),
    ) as Server;
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${originHost(host)}:${port}`;

  return {
    origin,
    apiBase: `${origin}/V1`,
    setViewerPublicKey: standin.setViewerPublicKey,
    setFault: standin.setFault,
    clearFaults: standin.clearFaults,
    setFixtureMode: standin.setFixtureMode,
    fixtureMode: standin.fixtureMode,
    reset: standin.reset,
    state: standin.state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive connections (browsers, undici) would hold close() open otherwise.
        server.closeAllConnections();
        server.close((error) => (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(error) : resolve()));
      }),
  };
}

/** A host a browser can reach: a wildcard listen address is reached through loopback. */
function originHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
