/**
 * Benchmark of the viewer-token route: autocannon at concurrency 16 over loopback against
 * POST /sauceflex/token (a member from the demo cookie, CORS, rate limiter, validation, RS256
 * signing, base64 — the whole route), beside a raw `jose` SignJWT loop with the same key and claims
 * for the same duration in the same run, which is the ceiling. Prints tokens/s, p50/p99 and the
 * ratio; writes bench-results/token-server.json.
 *
 *   npx tsx test/bench/token-server.bench.ts            (5 s per measurement)
 *   SF_BENCH_SECONDS=10 npx tsx test/bench/token-server.bench.ts
 *
 * `runTokenServerBench()` is exported for an `npm run bench` aggregator.
 */
import { SignJWT } from 'jose';
import { generateKeyPairSync, webcrypto } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { silentLogger } from '../../src/server/log.js';
import { startServer } from '../../src/server/start.js';
import { demoResolveMember } from '../../demo/demo-member.js';
import { percentile, round } from './stats.js';

/** The part of autocannon's result this benchmark reads (autocannon ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoopFigures {
  tokensPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
}

export interface TokenServerBenchResult {
  name: 'token-server';
  date: string;
  node: string;
  cpu: string;
  cpus: number;
  durationSec: number;
  connections: number;
  server: LoopFigures & { errors: number; non2xx: number };
  /** The same route with the rate limiter in Redis (when a redisUrl was given). */
  serverRedis?: LoopFigures & { errors: number; non2xx: number };
  ratioRedisToSequential?: number;
  /** One sign at a time: the classic "how fast can jose sign" loop. */
  rawSequential: LoopFigures;
  /** 16 signs in flight at once (WebCrypto signs on libuv's thread pool): the true ceiling. */
  rawConcurrent: LoopFigures;
  /** server tokens/s ÷ raw tokens/s. */
  ratioToSequential: number;
  ratioToConcurrent: number;
}

const CLAIMS = { memberId: 'bench-member-1', nickName: '벤치', age: '30', gender: 'w' };
const SHOP_ORIGIN = 'http://shop.bench';

export async function runTokenServerBench(
  options: {
    durationSec?: number;
    connections?: number;
    outFile?: string | false;
    log?: (line: string) => void;
    /** Also measure the route with its rate limiter in this Redis (as with several instances): `serverRedis`. */
    redisUrl?: string;
  } = {},
): Promise<TokenServerBenchResult> {
  const durationSec = options.durationSec ?? 5;
  const connections = options.connections ?? 16;
  const log = options.log ?? ((line: string) => console.log(line));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  // --- the server, on loopback, with the whole route in play (a limiter too generous to refuse) ---
  const measureServer = async (redisUrl?: string): Promise<TokenServerBenchResult['server']> => {
    const server = await startServer({
      config: {
        partnerId: 'mobidoo',
        apiBase: 'http://127.0.0.1:9/V1', // never called by the token route
        privateKey: pem,
        allowedOrigins: [SHOP_ORIGIN],
        outbox: { kind: 'memory' },
        rateLimit: { burst: 1e12, perMinute: 1e12 },
        ...(redisUrl ? { redisUrl } : {}),
        host: '127.0.0.1',
        port: 0,
      },
      hooks: { resolveMember: demoResolveMember, log: silentLogger },
    });
    try {
      const request = {
        url: `${server.origin}/sauceflex/token`,
        method: 'POST',
        headers: {
          origin: SHOP_ORIGIN,
          cookie: `sf_demo_member=${encodeURIComponent(JSON.stringify(CLAIMS))}`,
          'content-type': 'application/json',
        },
        body: '{}',
        connections,
        pipelining: 1,
        // The load generator runs in a worker thread, so it does not share the server's event loop.
        workers: 1,
      };
      const what = redisUrl ? 'rate limiter in Redis' : 'rate limiter in memory';
      log(`token-server bench: warming up (${what})…`);
      await autocannon({ ...request, duration: 1 });
      log(`token-server bench: autocannon, ${connections} connections, ${durationSec} s (${what})…`);
      const result = await autocannon({ ...request, duration: durationSec });
      return {
        tokensPerSec: round(result['2xx'] / result.duration),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        total: result['2xx'],
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
      };
    } finally {
      await server.close();
    }
  };
  const serverFigures = await measureServer();
  const serverRedis = options.redisUrl ? await measureServer(options.redisUrl) : undefined;

  // --- the ceiling: jose signing the same claims with the same kind of key, nothing else ---
  const key = (await webcrypto.subtle.importKey(
    'pkcs8',
    privateKey.export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  )) as CryptoKey;
  const signOnce = async () => {
    const iat = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ partnerId: 'mobidoo', ...CLAIMS, memberType: '1' })
      .setProtectedHeader({ typ: 'JWT', alg: 'RS256' })
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(key);
    return Buffer.from(jwt).toString('base64');
  };
  await signLoop(signOnce, 0.5, 1);
  log(`token-server bench: raw jose SignJWT loop, sequential, ${durationSec} s…`);
  const rawSequential = await signLoop(signOnce, durationSec, 1);
  log(`token-server bench: raw jose SignJWT loop, ${connections} in flight, ${durationSec} s…`);
  const rawConcurrent = await signLoop(signOnce, durationSec, connections);

  const result: TokenServerBenchResult = {
    name: 'token-server',
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: availableParallelism(),
    durationSec,
    connections,
    server: serverFigures,
    rawSequential,
    rawConcurrent,
    ratioToSequential: round(serverFigures.tokensPerSec / rawSequential.tokensPerSec, 3),
    ratioToConcurrent: round(serverFigures.tokensPerSec / rawConcurrent.tokensPerSec, 3),
    ...(serverRedis ? { serverRedis, ratioRedisToSequential: round(serverRedis.tokensPerSec / rawSequential.tokensPerSec, 3) } : {}),
  };

  log(formatTable(result));
  if (serverFigures.errors > 0 || serverFigures.non2xx > 0) {
    log(`WARNING: ${serverFigures.errors} errors and ${serverFigures.non2xx} non-2xx answers during the run`);
  }
  if (options.outFile !== false) {
    const out = options.outFile ?? resolve(fileURLToPath(new URL('../..', import.meta.url)), 'bench-results/token-server.json');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    log(`written to ${out}`);
  }
  return result;
}

/** Run `sign` for `seconds` with `parallel` loops; per-operation latency from hrtime. */
async function signLoop(sign: () => Promise<string>, seconds: number, parallel: number): Promise<LoopFigures> {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (process.hrtime.bigint() < deadline) {
        const t0 = process.hrtime.bigint();
        await sign();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    tokensPerSec: round(latencies.length / elapsedSec),
    p50Ms: round(percentile(latencies, 0.5), 2),
    p99Ms: round(percentile(latencies, 0.99), 2),
    total: latencies.length,
  };
}

function formatTable(r: TokenServerBenchResult): string {
  const row = (name: string, f: LoopFigures) =>
    `  ${name.padEnd(40)} ${String(f.tokensPerSec).padStart(9)} ${String(f.p50Ms).padStart(9)} ${String(f.p99Ms).padStart(9)}`;
  return [
    '',
    `token-server benchmark — ${r.node}, ${r.cpus} CPU (${r.cpu}), ${r.durationSec} s each`,
    `  ${''.padEnd(40)} ${'tokens/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)}`,
    row(`POST /sauceflex/token, c=${r.connections} (autocannon)`, r.server),
    ...(r.serverRedis ? [row('  the same, rate limiter in Redis', r.serverRedis)] : []),
    row('raw jose SignJWT loop, sequential', r.rawSequential),
    row(`raw jose SignJWT loop, ${r.connections} in flight`, r.rawConcurrent),
    `  ratio server / raw sequential: ${r.ratioToSequential}   server / raw ${r.connections} in flight: ${r.ratioToConcurrent}`,
    '',
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const seconds = Number(process.env.SF_BENCH_SECONDS ?? 5);
  runTokenServerBench({ durationSec: Number.isFinite(seconds) && seconds > 0 ? seconds : 5 }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
