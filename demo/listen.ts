/** A stand-in's fetch handler on a real loopback socket: its origin once listening, and a close that drops keep-alive connections. */
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
