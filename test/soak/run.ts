/**
 * `npm run soak`: the long runs of the hostile and fault suite, opt-in (not part of `npm test`).
 *
 * 1. load      30 s at concurrency 32 on the backend's browser routes (test/hostile/load.ts): zero
 *              errors, every answer expected, steady memory after a full collection.
 * 2. payments  2000 payment reports from 8 concurrent shop servers while sauceFlex cycles through
 *              every fault kind (500, proxy 502, malformed, wrong shape, reset, timeout, trickle)
 *              for 20 s: all 2000 recorded once it recovers, none twice.
 * 3. slowloris 64 sockets that send their headers a byte at a time: the server cuts them at its
 *              header timeout (15 s, checked every second) and keeps answering everyone else.
 * 4. browser   (with --browser) the browser part of the suite (test/hostile/, the live player) run
 *              SOAK_ROUNDS times (default 3) in Chromium.
 *
 *   npm run soak                       all node parts
 *   npm run soak -- load payments      only these parts
 *   npm run soak -- --browser          and the browser rounds
 *   SOAK_SECONDS=60 npm run soak -- load
 *
 * Prints one line of figures per part and a summary; exits 1 if any part failed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../../demo/standin/index.js';
import { productIdAt } from '../../demo/standin/fixtures.js';
import type { FaultKind } from '../../demo/standin/contract.js';
import { createPaymentsClient, silentLogger, startServer } from '../../src/server/index.js';
import { demoResolveMember } from '../../demo/demo-member.js';
import { callbackId, makeKeyPair, PAYMENTS_SECRET, SHOP_ORIGIN, startPair } from '../server/helpers.js';
import { mb, runLoad, settledMemory } from '../hostile/load.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const wanted = args.filter((a) => !a.startsWith('--'));
const parts: Record<string, () => Promise<string>> = { load, payments, slowloris };
if (args.includes('--browser')) parts.browser = browser;
const keys = makeKeyPair();

async function load(): Promise<string> {
  const seconds = Number(process.env.SOAK_SECONDS ?? 30);
  const pair = await startPair({ keys, config: { rateLimit: false }, hooks: { resolveMember: demoResolveMember } });
  try {
    const options = { origin: pair.base, shopOrigin: SHOP_ORIGIN, productId: productIdAt(0), connections: 32 };
    await runLoad({ ...options, durationSec: 3 });
    const before = await settledMemory();
    const figures = await runLoad({ ...options, durationSec: seconds });
    const after = await settledMemory();
    const growth = { heapMb: mb(after.heapUsed - before.heapUsed), rssMb: mb(after.rss - before.rss) };
    assert.equal(figures.errors, 0, 'connection errors');
    assert.equal(figures.timeouts, 0, 'timeouts');
    assert.equal(figures.unexpectedStatus, 0, `unexpected statuses ${JSON.stringify(figures.statuses)}`);
    assert.ok(growth.heapMb < 24, `heap grew ${growth.heapMb} MB`);
    assert.ok(growth.rssMb < 128, `RSS grew ${growth.rssMb} MB`);
    return `${figures.requests} requests in ${seconds} s (${Math.round(figures.perSecond)}/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms), ${figures.ok} 2xx, ${figures.statuses['403'] ?? 0} expected 403, 0 errors; heap ${growth.heapMb >= 0 ? '+' : ''}${growth.heapMb} MB, RSS ${growth.rssMb >= 0 ? '+' : ''}${growth.rssMb} MB`;
  } finally {
    await pair.close();
  }
}

async function payments(): Promise<string> {
  const M = Number(process.env.SOAK_PAYMENTS ?? 2000);
  const outageMs = Number(process.env.SOAK_OUTAGE_MS ?? 20_000);
  const standin = await startStandin({ viewerPublicKey: keys.publicKeyPem });
  const server = await startServer({
    config: {
      partnerId: 'mobidoo',
      apiBase: standin.apiBase,
      privateKey: keys.privateKeyPem,
      allowedOrigins: [SHOP_ORIGIN],
      paymentsSecret: PAYMENTS_SECRET,
      outbox: { kind: 'memory' },
      paymentsBackoff: { baseMs: 100, maxMs: 1_000 },
      paymentsWaitMs: 200,
      upstreamTimeoutMs: 1_000,
      host: '127.0.0.1',
      port: 0,
    },
    hooks: { log: silentLogger },
  });
  const kinds: { kind: FaultKind; delayMs?: number }[] = [
    { kind: 'error500' },
    { kind: 'html502' },
    { kind: 'malformed' },
    { kind: 'wrongShape' },
    { kind: 'reset' },
    { kind: 'delay', delayMs: 1_500 },
    { kind: 'trickle', delayMs: 2_000 },
  ];
  let faulted = 0;
  let stop = false;
  const cycle = (async () => {
    for (let i = 0; !stop; i++) {
      standin.setFault({ route: 'payments.batch', ...kinds[i % kinds.length]! });
      faulted++;
      await new Promise((r) => setTimeout(r, 700));
    }
  })();
  try {
    const started = Date.now();
    const client = createPaymentsClient({ baseUrl: server.origin, secret: PAYMENTS_SECRET, timeoutMs: 10_000 });
    const ids = Array.from({ length: M }, (_, i) => callbackId(i, 0x50a));
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += 25) batches.push(ids.slice(i, i + 25));
    let next = 0;
    const shops = Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        await client.reportPayments(
          batch.map((id, j) => ({ orderCallBackId: id, orderId: `soak-${id.slice(-6)}`, payClickTime: new Date().toISOString(), productQuantity: (j % 3) + 1, amount: 1000 * ((j % 5) + 1), memberId: `m-${j % 11}` })),
        );
      }
    });
    await Promise.all(shops);
    const sentIn = Date.now() - started;
    await new Promise((r) => setTimeout(r, Math.max(0, outageMs - sentIn)));
    stop = true;
    await cycle;
    standin.clearFaults();
    const deadline = Date.now() + 60_000;
    while ((await server.app.payments.pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const recorded = (await (await fetch(`${standin.origin}/__control/payments`)).json()) as { payments: { orderCallBackId: string }[] };
    const counts = new Map<string, number>();
    for (const p of recorded.payments) counts.set(p.orderCallBackId, (counts.get(p.orderCallBackId) ?? 0) + 1);
    const lost = ids.filter((id) => !counts.has(id)).length;
    const twice = [...counts.values()].filter((n) => n > 1).length;
    assert.equal(await server.app.payments.pending(), 0, 'the outbox drained');
    assert.equal(lost, 0, `${lost} reports lost`);
    assert.equal(twice, 0, `${twice} reports recorded twice`);
    assert.equal(standin.state().payments, M);
    return `${M} reports through ${faulted} fault switches over ${Math.round(outageMs / 1000)} s (${standin.state().counts['payments.batch']} batches tried): ${M} recorded, 0 lost, 0 twice`;
  } finally {
    stop = true;
    await server.close();
    await standin.close();
  }
}

async function slowloris(): Promise<string> {
  const pair = await startPair({ keys, config: { rateLimit: false } });
  const sockets: Socket[] = [];
  try {
    const closedAt: number[] = [];
    const opened = Date.now();
    for (let i = 0; i < 64; i++) {
      const socket = connect(pair.server.port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.on('close', () => closedAt.push(Date.now() - opened));
      sockets.push(socket);
      const request = `GET /sauceflex/health HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(5_000)}\r\n\r\n`;
      let at = 0;
      const drip = setInterval(() => {
        if (socket.destroyed || at >= request.length) return clearInterval(drip);
        socket.write(request[at++]!);
      }, 250);
    }
    // Everyone else is still served while the slow sockets hang on.
    let served = 0;
    // The server's headersTimeout is 15 s, checked every second (connectionsCheckingInterval): each
    // slow socket must be gone within 15–17 s, not the 15–45 s of Node's default 30-s check.
    const until = Date.now() + 20_000;
    while (Date.now() < until && closedAt.length < sockets.length) {
      const res = await fetch(`${pair.base}/sauceflex/health`);
      assert.equal(res.status, 200);
      await res.text();
      served++;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(closedAt.length, sockets.length, `${sockets.length - closedAt.length} slow sockets still open after 20 s`);
    assert.ok(Math.max(...closedAt) <= 17_500, `the last slow socket was cut after ${Math.max(...closedAt)} ms (limit 15 s + the 1-s check)`);
    return `64 slow sockets cut after ${Math.round(Math.max(...closedAt) / 1000)} s at most; ${served} other requests served meanwhile, all 200`;
  } finally {
    for (const socket of sockets) socket.destroy();
    await pair.close();
  }
}

async function browser(): Promise<string> {
  const rounds = Number(process.env.SOAK_ROUNDS ?? 3);
  for (let i = 1; i <= rounds; i++) {
    const run = spawnSync('npm', ['run', 'test:browser', '--', '--files', 'test/hostile/hostile-data.test.ts', 'test/hostile/faults.test.ts', 'test/hostile/attribution.test.ts', 'test/player/live-ended.test.ts'], { cwd: repoRoot, stdio: 'inherit' });
    assert.equal(run.status, 0, `browser round ${i} failed`);
  }
  return `${rounds} rounds of the browser suite (hostile data, faults, attribution, live end): all passed`;
}

const results: { name: string; ok: boolean; line: string; seconds: number }[] = [];
for (const [name, part] of Object.entries(parts)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const started = Date.now();
  process.stdout.write(`soak ${name}… `);
  try {
    const line = await part();
    results.push({ name, ok: true, line, seconds: (Date.now() - started) / 1000 });
    console.log(`ok (${Math.round((Date.now() - started) / 1000)} s): ${line}`);
  } catch (error) {
    results.push({ name, ok: false, line: String(error), seconds: (Date.now() - started) / 1000 });
    console.log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const failed = results.filter((r) => !r.ok);
console.log(`\nsoak: ${results.length - failed.length}/${results.length} parts passed in ${Math.round(results.reduce((s, r) => s + r.seconds, 0))} s`);
process.exit(failed.length ? 1 : 0);
