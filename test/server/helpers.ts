/**
 * Shared set-up for the backend's node tests: an RSA key pair, the local stand-in configured with
 * its public half, and the backend pointed at the stand-in, both on ephemeral loopback ports.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import type { StandinOptions } from '../../demo/standin/app.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import type { ServerConfig } from '../../src/server/config.js';
import type { ServerDeps, ServerHooks } from '../../src/server/app.js';
import { silentLogger } from '../../src/server/log.js';

export interface KeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function makeKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export const SHOP_ORIGIN = 'http://shop.test:5173';
export const OTHER_ORIGIN = 'http://evil.test';
export const PAYMENTS_SECRET = 'test-payments-secret-0123456789abcdef';

export interface Pair {
  standin: Standin;
  server: RunningServer;
  base: string;
  keys: KeyPair;
  close(): Promise<void>;
}

export async function startPair(
  options: {
    keys?: KeyPair;
    standin?: Omit<StandinOptions, 'origin'>;
    config?: Partial<ServerConfig>;
    hooks?: ServerHooks;
    deps?: ServerDeps;
    standinInstance?: Standin;
  } = {},
): Promise<Pair> {
  const keys = options.keys ?? makeKeyPair();
  const standin = options.standinInstance ?? (await startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem, ...options.standin }));
  const config: ServerConfig = {
    partnerId: 'mobidoo',
    apiBase: standin.apiBase,
    privateKey: keys.privateKeyPem,
    allowedOrigins: [SHOP_ORIGIN],
    admin: { id: 'admin', password: 'sauceflex-demo' },
    paymentsSecret: PAYMENTS_SECRET,
    outbox: { kind: 'memory' },
    rateLimit: false,
    host: '127.0.0.1',
    port: 0,
    ...options.config,
  };
  const server = await startServer({ config, hooks: { log: silentLogger, ...options.hooks }, deps: options.deps ?? {} });
  return {
    standin,
    server,
    base: server.origin,
    keys,
    async close() {
      await server.close();
      if (!options.standinInstance) await standin.close();
    },
  };
}

/** A temporary directory removed by the returned function. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sf-server-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Ask the stand-in whether it accepts a viewer token (GET /internal/token/validation, tokenType 0). */
export async function validateAtStandin(standin: Standin, token: string): Promise<{ status: number; code: string; response?: Record<string, unknown> }> {
  const url = new URL(`${standin.apiBase}/internal/token/validation`);
  url.searchParams.set('accessToken', token);
  url.searchParams.set('tokenType', '0');
  const res = await fetch(url);
  const body = (await res.json()) as { code: string; response?: Record<string, unknown> };
  return { status: res.status, code: body.code, ...(body.response ? { response: body.response } : {}) };
}

export async function postToken(base: string, init: { origin?: string | null; cookie?: string; body?: string; contentType?: string; path?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.origin !== null) headers.origin = init.origin ?? SHOP_ORIGIN;
  if (init.cookie) headers.cookie = init.cookie;
  if (init.contentType) headers['content-type'] = init.contentType;
  const res = await fetch(`${base}${init.path ?? '/sauceflex/token'}`, { method: 'POST', headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const json = (await res.json().catch(() => undefined)) as Record<string, any> | undefined;
  return { res, json };
}

/** A v4-shaped UUID from a counter, so test ids are predictable and accepted by the stand-in. */
export function callbackId(n: number, prefix = 0): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${hex}`;
}

export function report(n: number, prefix = 0) {
  return {
    orderCallBackId: callbackId(n, prefix),
    orderId: `order-${prefix}-${n}`,
    payClickTime: '2026-11-23T10:00:00.000Z',
    productQuantity: '1',
    amount: '39000',
    memberId: `member-${n % 7}`,
  };
}
