/**
 * A bounded load on the backend over loopback, shared by `npm test` (a short run) and `npm run soak`
 * (the long one). autocannon runs in a child process (load-client.ts), so the memory this process
 * measures is the server's, not the load generator's.
 *
 * Each connection cycles through the browser routes: a viewer token (guest: a new cookie each time,
 * RS256 signing), a member token (the demo cookie), a product read (the backend's cache after the
 * first), the health check, and a refused request (a foreign origin: 403, counted as expected).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

export interface LoadOptions {
  origin: string;
  shopOrigin: string;
  productId: string;
  durationSec: number;
  connections: number;
}

export interface LoadFigures {
  requests: number;
  /** 2xx answers. */
  ok: number;
  /** Answers outside 2xx that the mix does not expect (the foreign-origin request's 403 is expected). */
  unexpectedStatus: number;
  errors: number;
  timeouts: number;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  /** Status → count, as autocannon saw them. */
  statuses: Record<string, number>;
}

/** Run the load for `durationSec` in a child process; resolves with the figures. */
export function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const client = fileURLToPath(new URL('./load-client.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', client, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(line) as LoadFigures);
      } catch (error) {
        reject(new Error(`the load client failed (${String(error)}): ${err.slice(-2000)} ${out.slice(-500)}`));
      }
    });
  });
}

let collect: (() => void) | undefined;

/** A full garbage collection (through V8's flag, as `node --expose-gc` would), then the memory figures. */
export async function settledMemory(): Promise<{ heapUsed: number; rss: number }> {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  for (let i = 0; i < 3; i++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

export const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
