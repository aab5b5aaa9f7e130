/** Stand-ins on real loopback sockets: their origin once listening, and a close that drops keep-alive connections. */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function listen(fetch: (request: Request) => Response | Promise<Response>, host: string, port = 0): Promise<{ origin: string; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch, hostname: host, port }, () => resolve(s as Server)) as Server;
    s.once('error', reject);
  });
  return {
    origin: `http://${host}:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A stand-in app on a real socket: `create` gets the origin as a function (known once listening, before the
 * first request); the answer is the app's control functions (not its Hono app or fetch), its origin and close.
 */
export async function serveStandin<App extends { app: unknown; fetch: (request: Request) => Response | Promise<Response> }>(
  create: (origin: () => string) => App,
  options: { host?: string; port?: number },
): Promise<Omit<App, 'app' | 'fetch'> & { origin: string; close(): Promise<void> }> {
  let origin = '';
  const standin = create(() => origin);
  const socket = await listen(standin.fetch, options.host ?? '127.0.0.1', options.port);
  origin = socket.origin;
  const { app: _app, fetch: _fetch, ...control } = standin;
  return { ...control, origin, close: socket.close };
}
