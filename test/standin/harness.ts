/**
 * Shared set-up for the stand-in's node tests: a stand-in on an ephemeral port with a clock the
 * test moves, and small fetch helpers that return status, headers and the parsed envelope.
 */
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { Buffer } from 'node:buffer';
import { startStandin, type Standin, type StandinOptions } from '../../demo/standin/index.js';

/** A fixed Monday morning (UTC), aligned to 5 minutes, so fixture times are exact offsets. */
export const T0 = Date.parse('2026-03-02T03:00:00.000Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export interface Harness {
  standin: Standin;
  clock: { now: number };
  /** GET (or any method) on a path of the stand-in; JSON bodies are sent as JSON. */
  call(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body (undefined when it is not JSON). */
  json: any;
}

export async function startHarness(options: StandinOptions = {}): Promise<Harness> {
  const clock = { now: T0 };
  const standin = await startStandin({ now: () => clock.now, ...options });
  return {
    standin,
    clock,
    async call(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      let body: string | undefined;
      if (init.body !== undefined) {
        body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(standin.origin + path, { method: init.method ?? 'GET', headers, body });
      return answer(res);
    },
    close: () => standin.close(),
  };
}

export async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Query string from a record, every value percent-encoded. */
export function qs(params: Record<string, string | number | undefined>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.set(k, String(v));
  return `?${u.toString()}`;
}

export async function adminToken(h: Harness, lifeTime?: number) {
  const res = await h.call(`/V1/authorize${qs({ partnerId: 'mobidoo', id: 'admin', password: 'sauceflex-demo', lifeTime })}`);
  if (res.json?.code !== 'SU0000') throw new Error(`authorize failed: ${res.text}`);
  return res.json.response as { accessToken: string; refreshToken: string; accessIat: number; accessExp: number; refreshExp: number };
}

export interface ViewerKeys {
  privateKey: CryptoKey;
  publicPem: string;
}

export async function viewerKeys(): Promise<ViewerKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { privateKey, publicPem: await exportSPKI(publicKey) };
}

/** A viewer JWT as the partner's backend signs it (회원 연동); `base64` wraps it as the guide hands it over. */
export async function viewerToken(
  key: CryptoKey,
  claims: Record<string, unknown>,
  options: { nowMs: number; expiresInSec?: number; base64?: boolean; noExp?: boolean },
): Promise<string> {
  const iat = Math.floor(options.nowMs / 1000);
  const jwt = new SignJWT({ partnerId: 'mobidoo', ...claims }).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).setIssuedAt(iat);
  if (!options.noExp) jwt.setExpirationTime(iat + (options.expiresInSec ?? 3600));
  const token = await jwt.sign(key);
  return options.base64 === false ? token : Buffer.from(token, 'utf8').toString('base64');
}

/** The JSON type of a value, as a guide example tells it: 'string', 'number', 'array', 'object', … */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
