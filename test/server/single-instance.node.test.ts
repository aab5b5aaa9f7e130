/**
 * The single-instance defects of issue 17, each shown against the stand-in: the outbox file is
 * locked to one process (a second refuses clearly; a dead holder's lock is taken over), nothing is
 * delivered before the port is bound, a batch refused for one item is split and the rest delivered,
 * journal lines of the wrong shape are skipped, browser routes answer within their budget, waiting
 * callers are answered before shutdown, an update behind a pending report is answered at once,
 * concurrent duplicates get one answer, and nickName refuses invisible and bidi characters.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { productIdAt } from '../../demo/standin/fixtures.js';
import { FileOutbox, MemoryOutbox, OutboxLockedError, entryId } from '../../src/server/outbox.js';
import { startServer } from '../../src/server/start.js';
import { silentLogger } from '../../src/server/log.js';
import { PAYMENTS_SECRET, SHOP_ORIGIN, makeKeyPair, postToken, report, startPair, tempDir } from './helpers.js';

const keys = makeKeyPair();
const FAST_RETRY = { paymentsBackoff: { baseMs: 40, maxMs: 200 } };

async function send(base: string, method: string, body: unknown) {
  const res = await fetch(`${base}/sauceflex/payments`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PAYMENTS_SECRET}` },
    body: JSON.stringify(body),
  });
  return { res, json: (await res.json()) as Record<string, any> };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pendingEntry = (n: number, prefix: number, payload: Record<string, string> = report(n, prefix)) => ({
  id: entryId('report', payload.orderCallBackId!, payload),
  op: 'report' as const,
  orderCallBackId: payload.orderCallBackId!,
  payload: payload as any,
  createdAt: 0,
  nextAttemptAt: 0,
});

let standin: Standin;
before(async () => {
  standin = await startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem });
});
after(() => standin.close());

describe('the file outbox is one process’s', () => {
  test('a second outbox on the same file refuses while the first holds it; closing releases it', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'o.jsonl');
    try {
      const first = new FileOutbox(file);
      await first.size();
      const second = new FileOutbox(file);
      await assert.rejects(second.size(), (error: unknown) => error instanceof OutboxLockedError && error.pid === process.pid && /in use by process/.test(error.message));
      await second.close();
      await first.close();
      const third = new FileOutbox(file);
      assert.equal(await third.size(), 0, 'the lock went with the first');
      await third.close();
    } finally {
      tmp.remove();
    }
  });

  test('a stale lock is taken over with a warning: a dead pid, our own pid from a previous run, a live pid not touched for 30 s', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'o.jsonl');
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const dead = spawn(process.execPath, ['-e', '']);
      await once(dead, 'exit');
      const cases = [
        { pid: dead.pid!, ageSec: 0, why: 'its process is gone' },
        { pid: process.pid, ageSec: 0, why: 'a restarted container with the same pid' },
        { pid: live.pid!, ageSec: 60, why: 'a reused pid: the holder stopped touching it' },
      ];
      for (const { pid, ageSec, why } of cases) {
        writeFileSync(`${file}.lock`, JSON.stringify({ pid, host: hostname() }));
        const then = new Date(Date.now() - ageSec * 1000);
        utimesSync(`${file}.lock`, then, then);
        const warnings: string[] = [];
        const outbox = new FileOutbox(file, { onWarning: (w) => warnings.push(w) });
        assert.equal(await outbox.size(), 0, why);
        assert.match(warnings.join('\n'), new RegExp(`stale lock of process ${pid}`), why);
        assert.equal(JSON.parse(readFileSync(`${file}.lock`, 'utf8')).pid, process.pid, 'the lock is ours now');
        await outbox.close();
      }
      // The same live pid, touched just now: refused.
      writeFileSync(`${file}.lock`, JSON.stringify({ pid: live.pid, host: hostname() }));
      await assert.rejects(new FileOutbox(file).size(), OutboxLockedError);
    } finally {
      live.kill('SIGKILL');
      tmp.remove();
    }
  });

  test('`npm run serve` on a file another live process holds exits 1 and says why; it delivered nothing', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'o.jsonl');
    const holder = new FileOutbox(file);
    try {
      await holder.add([pendingEntry(1, 0x31)]);
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../src/server/node.ts', import.meta.url))], {
        env: {
          ...process.env,
          SF_PARTNER_ID: 'mobidoo',
          SF_API_BASE: standin.apiBase,
          SF_PRIVATE_KEY: keys.privateKeyPem,
          SF_ALLOWED_ORIGINS: SHOP_ORIGIN,
          SF_PAYMENTS_SECRET: PAYMENTS_SECRET,
          SF_OUTBOX_FILE: file,
          SF_PORT: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const [code] = (await once(child, 'exit')) as [number];
      assert.equal(code, 1);
      assert.match(stderr, new RegExp(`payments outbox .* is in use by process ${process.pid}`));
      assert.doesNotMatch(stderr, /BEGIN|PRIVATE/, 'no secret in the message');
      assert.equal(standin.state().counts['payments.batch'] ?? 0, 0);
    } finally {
      await holder.close();
      tmp.remove();
    }
  });

  test('a server that cannot bind its port delivers nothing from its outbox and releases the lock', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'o.jsonl');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const seed = new FileOutbox(file);
      await seed.add([pendingEntry(1, 0x32), pendingEntry(2, 0x32)]);
      await seed.close();
      const before = standin.state().counts['payments.batch'] ?? 0;
      await assert.rejects(
        startServer({
          config: { partnerId: 'mobidoo', apiBase: standin.apiBase, privateKey: keys.privateKeyPem, allowedOrigins: [SHOP_ORIGIN], paymentsSecret: PAYMENTS_SECRET, outbox: { kind: 'file', file }, host: '127.0.0.1', port },
          hooks: { log: silentLogger },
        }),
        /EADDRINUSE/,
      );
      assert.equal(standin.state().counts['payments.batch'] ?? 0, before, 'nothing sent');
      const after = new FileOutbox(file);
      assert.equal(await after.size(), 2, 'still pending, and the lock is free');
      await after.close();
    } finally {
      blocker.close();
      tmp.remove();
    }
  });

  test('journal lines of the wrong shape are skipped with a warning; the good ones are delivered', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'o.jsonl');
    try {
      const good = { ...pendingEntry(1, 0x33), seq: 1, attempts: 0, leasedUntil: 0 };
      const bad = ['{"put":null}', '{"put":{}}', '{"put":{"id":"x","op":"report","orderCallBackId":"y","payload":{},"seq":"1"}}', '{"del":"x"}', '[1]', '{"res":{}}'];
      writeFileSync(file, [...bad, JSON.stringify({ put: good })].join('\n') + '\n');
      const warnings: string[] = [];
      const pair = await startPair({
        keys,
        standinInstance: standin,
        config: FAST_RETRY,
        deps: { outbox: new FileOutbox(file, { onWarning: (w) => warnings.push(w) }) },
      });
      try {
        await until(async () => (await pair.server.app.payments.pending()) === 0, 'the good entry to be delivered');
        assert.equal(warnings.length, bad.length);
        assert.ok(warnings.every((w) => /skipped line \d+/.test(w)));
        assert.equal(pair.server.app.payments.stats.batches, 1);
      } finally {
        await pair.close();
      }
    } finally {
      tmp.remove();
    }
  });
});

describe('delivery', () => {
  test('a batch refused (FA1010) for one bad item is split until that item is alone; the other 9 are accepted', async () => {
    const outbox = new MemoryOutbox();
    const badPayload = { ...report(9, 0x34), amount: 'free' };
    await outbox.add([...Array.from({ length: 9 }, (_, i) => pendingEntry(i, 0x34)), pendingEntry(9, 0x34, badPayload)]);
    const outcomes: { orderCallBackId: string; status: string; messageCode?: string }[] = [];
    const paymentsBefore = standin.state().payments;
    const pair = await startPair({ keys, standinInstance: standin, config: FAST_RETRY, deps: { outbox }, hooks: { onPaymentOutcome: (o) => void outcomes.push(o) } });
    try {
      await until(async () => (await outbox.size()) === 0, 'every item to be settled');
      assert.equal(standin.state().payments - paymentsBefore, 9);
      const failed = outcomes.filter((o) => o.status === 'failed');
      assert.deepEqual(failed.map((o) => [o.orderCallBackId, o.messageCode]), [[badPayload.orderCallBackId, 'FA1010']]);
      assert.equal(outcomes.filter((o) => o.status === 'accepted').length, 9);
      assert.ok(pair.server.app.payments.stats.batches <= 1 + 2 * Math.ceil(Math.log2(10)), `bisected in ${pair.server.app.payments.stats.batches} batches`);
    } finally {
      await pair.close();
    }
  });

  test('concurrent identical reports all get the same answer, and sauceFlex gets it once', async () => {
    const pair = await startPair({ keys, standinInstance: standin, config: FAST_RETRY });
    try {
      standin.setFault({ route: 'payments.batch', kind: 'delay', delayMs: 150, times: 1 });
      const batchesBefore = standin.state().counts['payments.batch'] ?? 0;
      const r = report(1, 0x36);
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(pair.base, 'POST', { payments: [r] })));
      assert.deepEqual(new Set(answers.map((a) => `${a.res.status} ${a.json.results[0].status}`)), new Set(['200 accepted']));
      assert.equal((standin.state().counts['payments.batch'] ?? 0) - batchesBefore, 1);
    } finally {
      standin.clearFaults();
      await pair.close();
    }
  });

  test('an update behind a pending report is answered "queued" at once, not after the wait', async () => {
    const pair = await startPair({ keys, standinInstance: standin, config: { paymentsBackoff: { baseMs: 60_000, maxMs: 60_000 }, paymentsWaitMs: 8_000 } });
    try {
      standin.setFault({ route: 'payments.batch', kind: 'error500' });
      const r = report(1, 0x37);
      assert.equal((await send(pair.base, 'POST', { payments: [r] })).res.status, 202);
      const started = Date.now();
      const update = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '1', findAmount: '39000', updateProductQuantity: '2', updateAmount: '78000' };
      const { res, json } = await send(pair.base, 'PATCH', update);
      const took = Date.now() - started;
      assert.deepEqual([res.status, json.status], [202, 'queued']);
      assert.ok(took < 2_000, `answered in ${took} ms, not after the 8-s wait`);
    } finally {
      standin.clearFaults();
      await pair.close();
    }
  });

  test('shutdown answers a caller still waiting ("queued", its item stored) before closing its connection', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'o.jsonl');
    try {
      const pair = await startPair({ keys, standinInstance: standin, config: { ...FAST_RETRY, paymentsWaitMs: 15_000, outbox: { kind: 'file', file } } });
      const batchesBefore = standin.state().counts['payments.batch'] ?? 0;
      standin.setFault({ route: 'payments.batch', kind: 'delay', delayMs: 3_000, times: 1 });
      const answer = send(pair.base, 'POST', { payments: [report(1, 0x38)] });
      await until(() => (standin.state().counts['payments.batch'] ?? 0) > batchesBefore, 'the batch to be in flight');
      await pair.close();
      const { res, json } = await answer;
      assert.deepEqual([res.status, json.queued], [202, 1]);
      const reopened = new FileOutbox(file);
      assert.deepEqual((await reopened.list()).map((e) => e.orderCallBackId), [report(1, 0x38).orderCallBackId], 'kept for the next start');
      await reopened.close();
    } finally {
      standin.clearFaults();
      tmp.remove();
    }
  });
});

describe('browser routes', () => {
  test('a product read answers 503 within its budget while sauceFlex hangs', async () => {
    const pair = await startPair({ keys, standinInstance: standin, config: { browserBudgetMs: 600, productCacheTtlSec: 0 } });
    try {
      standin.setFault({ route: 'product.get', kind: 'delay', delayMs: 3_000 });
      const started = Date.now();
      const res = await fetch(`${pair.base}/sauceflex/products/${productIdAt(1)}`, { headers: { origin: SHOP_ORIGIN } });
      const took = Date.now() - started;
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '5');
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN, 'CORS headers on the error too');
      assert.ok(took < 2_000, `answered in ${took} ms`);
    } finally {
      standin.clearFaults();
      await pair.close();
    }
  });

  test('nickName refuses bidi overrides, zero-width characters and lone surrogates', async () => {
    let nickName = '';
    const pair = await startPair({ keys, standinInstance: standin, hooks: { resolveMember: () => ({ memberId: 'm-1', nickName }) } });
    try {
      for (const bad of ['abc\u202Eevil', 'a\u200Bb', '\u2066x\u2069', 'x\uFEFFy', 'lone\uD800', 'z\uDC00z']) {
        nickName = bad;
        const { res, json } = await postToken(pair.base);
        assert.equal(res.status, 400, JSON.stringify(bad));
        assert.equal(json?.error.field, 'nickName');
      }
      nickName = '홍길동😀';
      assert.equal((await postToken(pair.base)).res.status, 200, 'a paired surrogate (emoji) is fine');
    } finally {
      await pair.close();
    }
  });
});
