/**
 * `startServer(options)`: the backend on Node's HTTP server (via @hono/node-server), listening on
 * `config.host:config.port` (port 0 picks a free one). Payments delivery starts only once the port
 * is bound. Returns the URL and a `close()` that stops accepting connections, answers the callers
 * still waiting ("queued": their items are stored), closes the app (outbox synced, timers gone) and
 * then the remaining connections, so a process or a test exits cleanly.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServerApp, type ServerApp, type ServerDeps, type ServerHooks } from './app.js';
import { DEFAULTS, type ServerConfig } from './config.js';

export interface StartServerOptions {
  config: ServerConfig;
  hooks?: ServerHooks;
  deps?: ServerDeps;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:8788 */
  origin: string;
  port: number;
  app: ServerApp;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const app = createServerApp(options.config, options.hooks, options.deps);
  try {
    await app.ready;
  } catch (error) {
    await app.close();
    throw error;
  }
  const host = options.config.host ?? DEFAULTS.host;
  const requestedPort = options.config.port ?? DEFAULTS.port;

  let server: Server;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve(
      {
        fetch: (request, env) => app.fetch(request, env),
        hostname: host,
        port: requestedPort,
        // Slow or stuck clients may not hold a socket forever. Node checks these limits only every
        // connectionsCheckingInterval (30 s by default), so a 15-s header limit could last 45 s.
        serverOptions: { headersTimeout: 15_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 },
      },
      (info) => resolve(info),
    ) as Server;
    server.once('error', reject);
  }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });

  // Only a process that serves delivers: one that failed to bind has already thrown above.
  app.start();

  const hostForUrl = address.family === 'IPv6' || host.includes(':') ? `[${address.address}]` : address.address;
  let closing: Promise<void> | null = null;
  return {
    origin: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    app,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Callers waiting on a delivery are answered ("queued") before their connections go.
        await app.close();
        // Ones still answering get a moment, then are cut.
        const force = setTimeout(() => server.closeAllConnections(), 3_000);
        server.closeIdleConnections();
        await closed;
        clearTimeout(force);
      })();
      return closing;
    },
  };
}
