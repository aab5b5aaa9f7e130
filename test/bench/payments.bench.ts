/**
 * Benchmark of the payments route on several instances: reports accepted per second (answered
 * "accepted", i.e. delivered to sauceFlex before the answer) and delivered per second (registered at
 * the stand-in, until the outbox is empty), for the file outbox on one instance (the baseline,
 * measured in the same run), PostgreSQL on one instance and PostgreSQL on three instances behind a
 * round-robin shop. Each instance is its own process (`npm run serve`'s configuration, from SF_*
 * variables); PostgreSQL and Redis are throwaway servers from test/support/services.ts; the stand-in
 * plays sauceFlex. Also the token route with its rate limiter in Redis, beside the raw signing rate.
 *
 *   npx tsx test/bench/payments.bench.ts            (5 s per variant)
 *   SF_BENCH_SECONDS=10 npx tsx test/bench/payments.bench.ts
 *
 * `runPaymentsBench()` is exported for the `npm run bench` aggregator; writes bench-results/payments.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { startPostgres, startRedis, type Service } from '../support/services.js';
import { runTokenServerBench, type LoopFigures } from './token-server.bench.js';
import { percentile, round } from './stats.js';

const SECRET = 'bench-payments-secret-0123456789abcdef';
const SHOP_ORIGIN = 'http://shop.bench';
const CONNECTIONS = 12;
const REPORTS_PER_CALL = 10;

export interface PaymentsVariant {
  name: string;
  instances: number;
  store: 'file' | 'postgres';
  /** Reports answered "accepted" per second during the run. */
  acceptedPerSec: number;
  /** Reports registered at sauceFlex per second, from the start until everything acknowledged was delivered. */
  deliveredPerSec: number;
  reports: number;
  p50Ms: number;
  p99Ms: number;
  /** Calls without a 200/202 answer (should be 0). */
  errors: number;
}

export interface PaymentsBenchResult {
  name: 'payments';
  date: string;
  durationSec: number;
  connections: number;
  reportsPerCall: number;
  variants: PaymentsVariant[];
  /** The token route with its rate limiter in Redis, beside the same route with it in memory and the raw sign loop, same run. */
  tokenWithRedis: { tokensPerSec: number; p99Ms: number; memoryTokensPerSec: number; rawSequential: LoopFigures; ratioToSequential: number; ratioToMemory: number; errors: number };
}

export async function runPaymentsBench(options: { durationSec?: number; outFile?: string | false; log?: (line: string) => void } = {}): Promise<PaymentsBenchResult> {
  const durationSec = options.durationSec ?? 5;
  const log = options.log ?? ((line: string) => console.log(line));
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const tmp = mkdtempSync(join(tmpdir(), 'sf-bench-payments-'));
  let standin: Standin | undefined;
  let postgres: Service | undefined;
  let redis: Service | undefined;
  const children: ChildProcess[] = [];
  try {
    [standin, postgres, redis] = await Promise.all([
      startStandin({ port: 0, viewerPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }),
      startPostgres(),
      startRedis(),
    ]);
    const sf = standin;
    const db = postgres;

    const startInstance = async (env: Record<string, string>): Promise<string> => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../server/child-server.ts', import.meta.url))], {
        env: {
          ...process.env,
          SF_PARTNER_ID: 'mobidoo',
          SF_API_BASE: sf.apiBase,
          SF_PRIVATE_KEY: pem,
          SF_ALLOWED_ORIGINS: SHOP_ORIGIN,
          SF_PAYMENTS_SECRET: SECRET,
          SF_PORT: '0',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      return new Promise<string>((resolveOrigin, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /ready (\S+)/.exec(out);
          if (match) resolveOrigin(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`bench instance exited early (${code})`)));
      });
    };
    const stopAll = async () => {
      await Promise.all(
        children.splice(0).map(async (child) => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = once(child, 'exit');
          child.kill('SIGTERM');
          await exited;
        }),
      );
    };

    let idCounter = 0;
    const variant = async (name: string, store: 'file' | 'postgres', instances: number): Promise<PaymentsVariant> => {
      sf.reset();
      if (store === 'postgres') {
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        // Every variant starts from an empty database: the whole schema goes, whatever tables the migrations made.
        await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
        await client.end();
      }
      const env: Record<string, string> = store === 'postgres' ? { SF_DATABASE_URL: db.url, SF_REDIS_URL: redis!.url } : { SF_OUTBOX_FILE: join(tmp, `${name}.jsonl`) };
      // One at a time: the first runs the migration, the rest find it done (as in a rolling deploy).
      const origins: string[] = [];
      for (let i = 0; i < instances; i++) origins.push(await startInstance(env));
      log(`payments bench: ${name}, ${CONNECTIONS} connections × ${REPORTS_PER_CALL} reports per call, ${durationSec} s…`);

      const latencies: number[] = [];
      let accepted = 0;
      let acknowledged = 0;
      let errors = 0;
      const started = performance.now();
      const deadline = started + durationSec * 1000;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async (_, worker) => {
          const origin = origins[worker % origins.length]!;
          while (performance.now() < deadline) {
            const payments = Array.from({ length: REPORTS_PER_CALL }, () => benchReport(++idCounter));
            const t0 = performance.now();
            try {
              const res = await fetch(`${origin}/sauceflex/payments`, {
                method: 'POST',
                headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` },
                body: JSON.stringify({ payments }),
              });
              const body = (await res.json()) as { accepted?: number };
              if (res.status === 200 || res.status === 202) {
                accepted += body.accepted ?? 0;
                acknowledged += REPORTS_PER_CALL;
              } else {
                errors++;
              }
            } catch {
              errors++;
            }
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const runSec = (performance.now() - started) / 1000;
      // Delivered: everything acknowledged registered at sauceFlex (bounded wait).
      const drainDeadline = performance.now() + 60_000;
      while (sf.state().payments < acknowledged && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
      const deliveredSec = (performance.now() - started) / 1000;
      await stopAll();
      latencies.sort((a, b) => a - b);
      return {
        name,
        instances,
        store,
        acceptedPerSec: round(accepted / runSec),
        deliveredPerSec: round(sf.state().payments / deliveredSec),
        reports: acknowledged,
        p50Ms: round(percentile(latencies, 0.5), 1),
        p99Ms: round(percentile(latencies, 0.99), 1),
        errors: errors + (acknowledged - sf.state().payments),
      };
    };

    const variants = [await variant('file outbox, 1 instance', 'file', 1), await variant('PostgreSQL, 1 instance', 'postgres', 1), await variant('PostgreSQL + Redis, 3 instances', 'postgres', 3)];

    const token = await runTokenServerBench({ durationSec, outFile: false, redisUrl: redis.url, log: (line) => (line.includes('\n') ? undefined : log(line)) });
    const result: PaymentsBenchResult = {
      name: 'payments',
      date: new Date().toISOString(),
      durationSec,
      connections: CONNECTIONS,
      reportsPerCall: REPORTS_PER_CALL,
      variants,
      tokenWithRedis: {
        tokensPerSec: token.serverRedis!.tokensPerSec,
        p99Ms: token.serverRedis!.p99Ms,
        memoryTokensPerSec: token.server.tokensPerSec,
        rawSequential: token.rawSequential,
        ratioToSequential: token.ratioRedisToSequential!,
        ratioToMemory: round(token.serverRedis!.tokensPerSec / token.server.tokensPerSec, 3),
        errors: token.serverRedis!.errors + token.serverRedis!.non2xx,
      },
    };
    log(formatTable(result));
    if (options.outFile !== false) {
      const out = options.outFile ?? resolve(fileURLToPath(new URL('../..', import.meta.url)), 'bench-results/payments.json');
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
      log(`written to ${out}`);
    }
    return result;
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all([standin?.close(), postgres?.stop(), redis?.stop()]);
    rmSync(tmp, { recursive: true, force: true });
  }
}

function benchReport(n: number) {
  const hex = n.toString(16).padStart(12, '0');
  return {
    orderCallBackId: `be0c0000-0000-4000-8000-${hex}`,
    orderId: `bench-${n}`,
    payClickTime: '2026-11-23T10:00:00.000Z',
    productQuantity: '1',
    amount: '39000',
    memberId: `member-${n % 97}`,
  };
}

function formatTable(r: PaymentsBenchResult): string {
  const base = r.variants[0]!;
  return [
    '',
    `payments benchmark — ${r.connections} connections × ${r.reportsPerCall} reports per call, ${r.durationSec} s each`,
    `  ${''.padEnd(34)} ${'accepted/s'.padStart(11)} ${'× file'.padStart(7)} ${'delivered/s'.padStart(12)} ${'× file'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} errors`,
    ...r.variants.map(
      (v) =>
        `  ${v.name.padEnd(34)} ${String(v.acceptedPerSec).padStart(11)} ${(v.acceptedPerSec / base.acceptedPerSec).toFixed(2).padStart(7)} ${String(v.deliveredPerSec).padStart(12)} ${(v.deliveredPerSec / base.deliveredPerSec).toFixed(2).padStart(7)} ${String(v.p50Ms).padStart(8)} ${String(v.p99Ms).padStart(8)} ${v.errors}`,
    ),
    `  token route, rate limiter in Redis: ${r.tokenWithRedis.tokensPerSec} tokens/s = ${r.tokenWithRedis.ratioToMemory}× the same route with it in memory (${r.tokenWithRedis.memoryTokensPerSec}/s), ${r.tokenWithRedis.ratioToSequential}× the raw sign loop (${r.tokenWithRedis.rawSequential.tokensPerSec}/s)`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const seconds = Number(process.env.SF_BENCH_SECONDS ?? 5);
  runPaymentsBench({ durationSec: Number.isFinite(seconds) && seconds > 0 ? seconds : 5 }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
