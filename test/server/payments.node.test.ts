/**
 * Payments forwarding against the stand-in: the route's authentication and validation, batches of
 * at most 50, per-item refusals reported and not retried, and the outbox: a sauceFlex outage and a
 * server restart (same outbox file) lose nothing and register nothing twice — counted at the
 * stand-in (state().payments, requests per route) and per orderCallBackId through onPaymentOutcome.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { FileOutbox, MemoryOutbox } from '../../src/server/outbox.js';
import { PaymentsForwarder, createPaymentsClient, normalizeUpdate, type PaymentOutcome } from '../../src/server/payments/index.js';
import { entryId } from '../../src/server/outbox.js';
import { PAYMENTS_SECRET, SHOP_ORIGIN, callbackId, makeKeyPair, report, startPair, tempDir, type Pair } from './helpers.js';

const keys = makeKeyPair();
const FAST_RETRY = { paymentsBackoff: { baseMs: 40, maxMs: 200 } };

async function send(base: string, method: string, body: unknown, init: { secret?: string | null; contentType?: string; origin?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
  if (init.secret !== null) headers.authorization = `Bearer ${init.secret ?? PAYMENTS_SECRET}`;
  if (init.origin) headers.origin = init.origin;
  const res = await fetch(`${base}/sauceflex/payments`, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { res, json: (await res.json().catch(() => undefined)) as Record<string, any> };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Final outcomes per orderCallBackId, as onPaymentOutcome reports them. */
function outcomeLog() {
  const log: PaymentOutcome[] = [];
  return {
    log,
    hook: (o: PaymentOutcome) => void log.push(o),
    perId: () => {
      const map = new Map<string, PaymentOutcome[]>();
      for (const o of log) map.set(`${o.op}:${o.orderCallBackId}`, [...(map.get(`${o.op}:${o.orderCallBackId}`) ?? []), o]);
      return map;
    },
  };
}

describe('payments route: authentication and validation', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair({ keys });
  });
  after(() => pair.close());

  test('no or wrong secret: 401 with WWW-Authenticate, nothing stored or sent', async () => {
    for (const secret of [null, 'wrong-secret-wrong-secret-wrong', `${PAYMENTS_SECRET}x`, '']) {
      const { res, json } = await send(pair.base, 'POST', { payments: [report(1)] }, { secret });
      assert.equal(res.status, 401, `secret ${JSON.stringify(secret)}`);
      assert.equal(json.error.code, 'unauthorized');
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    assert.equal(pair.standin.state().counts['payments.batch'] ?? 0, 0);
    assert.equal(await pair.server.app.payments.pending(), 0);
  });

  test('never CORS: no allow-origin header even for the shop origin; a preflight is refused', async () => {
    const { res } = await send(pair.base, 'POST', { payments: [report(2)] }, { origin: SHOP_ORIGIN });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${pair.base}/sauceflex/payments`, {
      method: 'OPTIONS',
      headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    assert.equal(preflight.status, 405);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  test('every bad input is a 4xx naming the field; nothing reaches sauceFlex', async () => {
    const before = pair.standin.state().counts['payments.batch'] ?? 0;
    const good = report(3);
    const cases: [unknown, string][] = [
      [{}, 'payments'],
      [{ payments: [] }, 'payments'],
      [{ payments: 'x' }, 'payments'],
      [{ payments: [{ ...good, payClickTime: '2026-11-23 10:00' }] }, 'payments[0].payClickTime'],
      [{ payments: [{ ...good, payClickTime: '2026-13-45T10:00:00Z' }] }, 'payments[0].payClickTime'],
      [{ payments: [{ ...good, productQuantity: '0' }] }, 'payments[0].productQuantity'],
      [{ payments: [{ ...good, productQuantity: '1.5' }] }, 'payments[0].productQuantity'],
      [{ payments: [{ ...good, amount: '-1' }] }, 'payments[0].amount'],
      [{ payments: [{ ...good, amount: '12,000' }] }, 'payments[0].amount'],
      [{ payments: [{ ...good, orderId: '' }] }, 'payments[0].orderId'],
      [{ payments: [{ ...good, memberId: undefined }] }, 'payments[0].memberId'],
      [{ payments: [{ ...good, orderCallBackId: 'has space' }] }, 'payments[0].orderCallBackId'],
      [{ payments: [good, good] }, 'payments[1].orderCallBackId'],
      [{ payments: Array.from({ length: 1001 }, (_, i) => report(i)) }, 'payments'],
    ];
    for (const [body, field] of cases) {
      const { res, json } = await send(pair.base, 'POST', body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(json.error.code, 'invalid_payment');
      assert.equal(json.error.field, field);
    }
    const update = await send(pair.base, 'PATCH', { orderCallBackId: callbackId(1), orderId: 'o' });
    assert.equal(update.res.status, 400);
    assert.equal(update.json.error.field, 'update.findProductQuantity');
    const cancel = await send(pair.base, 'DELETE', { orderCallBackId: callbackId(1), orderId: 'o', payCancelTime: 'yesterday' });
    assert.equal(cancel.res.status, 400);
    assert.equal(cancel.json.error.field, 'cancel.payCancelTime');

    assert.equal((await send(pair.base, 'POST', JSON.stringify({ payments: [good] }), { contentType: 'text/plain' })).res.status, 415);
    assert.equal((await send(pair.base, 'POST', '{"payments":')).res.status, 400);
    assert.equal((await send(pair.base, 'POST', '')).res.status, 400);
    assert.equal((await send(pair.base, 'POST', { pad: 'x'.repeat(600 * 1024) })).res.status, 413);
    assert.equal((await send(pair.base, 'PUT', { payments: [good] })).res.status, 405);

    assert.equal(pair.standin.state().counts['payments.batch'] ?? 0, before, 'nothing was sent');
    assert.equal(await pair.server.app.payments.pending(), 0, 'nothing was stored');
  });

  test('without a configured secret the route does not exist', async () => {
    const off = await startPair({ keys, standinInstance: pair.standin, config: { paymentsSecret: undefined } });
    try {
      assert.equal((await send(off.base, 'POST', { payments: [report(4)] })).res.status, 404);
    } finally {
      await off.close();
    }
  });
});

describe('payments delivery', () => {
  let standin: Standin;
  before(async () => {
    standin = await startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem });
  });
  after(() => standin.close());
  beforeEach(() => standin.reset());

  test('120 reports go out as batches of 50, 50 and 20 and are all accepted', async () => {
    const outcomes = outcomeLog();
    const pair = await startPair({ keys, standinInstance: standin, hooks: { onPaymentOutcome: outcomes.hook } });
    try {
      const reports = Array.from({ length: 120 }, (_, i) => report(i, 1));
      const { res, json } = await send(pair.base, 'POST', { payments: reports });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.deepEqual({ accepted: json.accepted, failed: json.failed, queued: json.queued }, { accepted: 120, failed: 0, queued: 0 });
      assert.deepEqual(json.results[0], { op: 'report', orderCallBackId: reports[0]!.orderCallBackId, status: 'accepted' });
      assert.equal(standin.state().counts['payments.batch'], 3);
      assert.equal(standin.state().payments, 120);
      assert.equal(outcomes.log.length, 120);
      assert.equal(await pair.server.app.payments.pending(), 0);
    } finally {
      await pair.close();
    }
  });

  test('per-item refusals (FA1027 unknown id, FA1028 id used elsewhere, conflict) are reported back and not retried', async () => {
    const outcomes = outcomeLog();
    const pair = await startPair({ keys, standinInstance: standin, config: FAST_RETRY, hooks: { onPaymentOutcome: outcomes.hook } });
    try {
      const ok = report(1, 2);
      assert.equal((await send(pair.base, 'POST', { payments: [ok] })).json.accepted, 1);
      // An id sauceFlex holds from somewhere else (not through this backend).
      const elsewhere = report(4, 2);
      await fetch(`${standin.apiBase}/front/product/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payments: [elsewhere] }) });
      const { res, json } = await send(pair.base, 'POST', {
        payments: [{ ...ok, orderId: 'another-order' }, { ...report(2, 2), orderCallBackId: 'not-a-uuid' }, report(3, 2), elsewhere],
      });
      assert.equal(res.status, 200);
      assert.deepEqual(
        json.results.map((r: any) => [r.status, r.messageCode ?? null, r.alreadyAccepted ?? null]),
        [
          ['failed', 'conflict', null],
          ['failed', 'FA1027', null],
          ['accepted', null, null],
          ['failed', 'FA1028', null],
        ],
        'a known id with another payload is a conflict (never sent); a first attempt meeting FA1028 is a real refusal',
      );
      const retry = await send(pair.base, 'POST', { payments: [ok] });
      assert.deepEqual(retry.json.results, [{ op: 'report', orderCallBackId: ok.orderCallBackId, status: 'accepted' }], 'an identical retry gets the stored answer');
      await new Promise((r) => setTimeout(r, 400)); // several backoff periods
      assert.equal(standin.state().counts['payments.batch'], 3, 'refusals are not retried; conflicts and known items are not sent');
      assert.equal(standin.state().payments, 3);
      assert.equal(await pair.server.app.payments.pending(), 0);
    } finally {
      await pair.close();
    }
  });

  test('a sauceFlex outage (500s, then dropped connections): reports are queued and all delivered once, after it ends', async () => {
    const outcomes = outcomeLog();
    const pair = await startPair({ keys, standinInstance: standin, config: FAST_RETRY, hooks: { onPaymentOutcome: outcomes.hook } });
    try {
      standin.setFault({ route: 'payments.batch', kind: 'error500', times: 3 });
      const first = Array.from({ length: 60 }, (_, i) => report(i, 3));
      const a = await send(pair.base, 'POST', { payments: first });
      assert.equal(a.res.status, 202);
      assert.equal(a.json.queued, 60);
      await until(async () => (await pair.server.app.payments.pending()) === 0, 'the outbox to empty');
      assert.equal(standin.state().payments, 60);

      standin.setFault({ route: 'payments.batch', kind: 'reset', times: 2 });
      const second = Array.from({ length: 5 }, (_, i) => report(100 + i, 3));
      const b = await send(pair.base, 'POST', { payments: second });
      assert.equal(b.res.status, 202);
      await until(async () => (await pair.server.app.payments.pending()) === 0 && outcomes.log.length >= 65, 'the outbox to empty');

      assert.equal(standin.state().payments, 65, 'none lost');
      const perId = outcomes.perId();
      assert.equal(perId.size, 65);
      for (const [id, list] of perId) {
        assert.equal(list.length, 1, `${id} settled once`);
        assert.equal(list[0]!.status, 'accepted');
        assert.equal(list[0]!.alreadyAccepted, undefined, `${id} was registered by the attempt that reported it`);
      }
      assert.ok(pair.server.app.payments.stats.transientFailures >= 5);
    } finally {
      await pair.close();
    }
  });

  test('a server restart over the same outbox file loses nothing and sends nothing twice', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'outbox.jsonl');
    try {
      // Instance A: sauceFlex is down the whole time; 75 reports are queued, then A stops.
      standin.setFault({ route: 'payments.batch', kind: 'error500' });
      const a = await startPair({ keys, standinInstance: standin, config: { ...FAST_RETRY, outbox: { kind: 'file', file } } });
      const reports = Array.from({ length: 75 }, (_, i) => report(i, 4));
      const queued = await send(a.base, 'POST', { payments: reports });
      assert.equal(queued.res.status, 202);
      assert.equal(queued.json.queued, 75);
      await a.close();
      assert.equal(standin.state().payments, 0);
      assert.equal(statSync(file).mode & 0o777, 0o600, 'payment data is private to the owner');
      assert.ok(readFileSync(file, 'utf8').includes(reports[74]!.orderCallBackId));

      // Instance B, same file, sauceFlex back: everything is delivered.
      standin.clearFaults();
      const outcomes = outcomeLog();
      const batchesBefore = standin.state().counts['payments.batch']!;
      const b = await startPair({ keys, standinInstance: standin, config: { ...FAST_RETRY, outbox: { kind: 'file', file } }, hooks: { onPaymentOutcome: outcomes.hook } });
      try {
        // Outcomes are reported right after the outbox records completion: wait for both.
        await until(async () => (await b.server.app.payments.pending()) === 0 && outcomes.log.length >= 75, 'B to deliver the backlog');
        assert.equal(standin.state().payments, 75, 'none lost');
        assert.equal(standin.state().counts['payments.batch']! - batchesBefore, 2, 'two batches: 50 + 25');
        assert.equal(outcomes.log.length, 75);
        assert.ok(outcomes.log.every((o) => o.status === 'accepted' && !o.alreadyAccepted));
      } finally {
        await b.close();
      }
      // Instance C finds nothing left to send.
      const c = await startPair({ keys, standinInstance: standin, config: { ...FAST_RETRY, outbox: { kind: 'file', file } } });
      try {
        assert.equal(await c.server.app.payments.pending(), 0);
      } finally {
        await c.close();
      }
    } finally {
      standin.clearFaults();
      tmp.remove();
    }
  });

  test('a crash after sauceFlex accepted but before the outbox forgot: the resend meets FA1028 and counts as accepted', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'outbox.jsonl');
    try {
      /** The outbox of a process that dies right after sauceFlex answered: it never records completion. */
      class DiesBeforeCompleting extends FileOutbox {
        override async complete(): Promise<void> {
          throw new Error('simulated crash before the outbox recorded completion');
        }
      }
      const reports = Array.from({ length: 12 }, (_, i) => report(i, 5));
      const a = await startPair({
        keys,
        standinInstance: standin,
        config: { ...FAST_RETRY, paymentsWaitMs: 0 },
        deps: { outbox: new DiesBeforeCompleting(file) },
      });
      await send(a.base, 'POST', { payments: reports });
      await until(() => standin.state().payments === 12, 'sauceFlex to register the first send');
      await a.close();

      const outcomes = outcomeLog();
      const b = await startPair({ keys, standinInstance: standin, config: { ...FAST_RETRY, outbox: { kind: 'file', file } }, hooks: { onPaymentOutcome: outcomes.hook } });
      try {
        await until(async () => (await b.server.app.payments.pending()) === 0 && outcomes.log.length >= 12, 'B to settle the resend');
        assert.equal(standin.state().payments, 12, 'registered once, not twice');
        assert.equal(outcomes.log.length, 12);
        assert.ok(outcomes.log.every((o) => o.status === 'accepted' && o.alreadyAccepted === true && o.attempts === 2));
      } finally {
        await b.close();
      }
    } finally {
      tmp.remove();
    }
  });

  test('SIGKILL while sauceFlex is answering a batch: the restarted server resends, meets FA1028, counts each once', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'outbox.jsonl');
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./child-server.ts', import.meta.url))], {
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
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const origin = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /ready (\S+)/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      // sauceFlex takes 3 s to answer (room for a loaded machine); the server dies while it is answering.
      standin.setFault({ route: 'payments.batch', kind: 'delay', delayMs: 3_000, times: 1 });
      const reports = Array.from({ length: 20 }, (_, i) => report(i, 8));
      void send(origin, 'POST', { payments: reports }).catch(() => undefined);
      await until(() => standin.state().counts['payments.batch'] === 1, 'the batch to reach sauceFlex');
      child.kill('SIGKILL');
      await until(() => standin.state().payments === 20, 'sauceFlex to register the batch the dead server sent');

      const outcomes = outcomeLog();
      const b = await startPair({ keys, standinInstance: standin, config: { ...FAST_RETRY, outbox: { kind: 'file', file } }, hooks: { onPaymentOutcome: outcomes.hook } });
      try {
        await until(async () => (await b.server.app.payments.pending()) === 0 && outcomes.log.length >= 20, 'the restarted server to settle the resend');
        assert.equal(standin.state().counts['payments.batch'], 2, 'one send before the kill, one resend after');
        assert.equal(standin.state().payments, 20, 'registered once');
        assert.equal(outcomes.log.length, 20);
        assert.ok(outcomes.log.every((o) => o.status === 'accepted' && o.alreadyAccepted === true));
      } finally {
        await b.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      tmp.remove();
    }
  });

  test('update and cancel: accepted, refused (FA1031, FA1125), and queued behind their report during an outage', async () => {
    const pair = await startPair({ keys, standinInstance: standin, config: { ...FAST_RETRY, paymentsWaitMs: 300 } });
    try {
      const r = report(1, 6);
      assert.equal((await send(pair.base, 'POST', { payments: [r] })).json.accepted, 1);
      const update = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '1', findAmount: '39000', updateProductQuantity: '2', updateAmount: '78000' };
      const updated = await send(pair.base, 'PATCH', update);
      assert.equal(updated.res.status, 200);
      assert.deepEqual(updated.json, { op: 'update', orderCallBackId: r.orderCallBackId, status: 'accepted' });
      const retried = await send(pair.base, 'PATCH', update);
      assert.deepEqual(retried.json, { op: 'update', orderCallBackId: r.orderCallBackId, status: 'accepted' }, 'an identical retry gets the stored answer');
      const stale = await send(pair.base, 'PATCH', { ...update, updateAmount: '70000' });
      assert.deepEqual([stale.json.status, stale.json.messageCode], ['failed', 'FA1031']);

      const cancel = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, payCancelTime: '2026-11-24T09:00:00.000Z' };
      assert.equal((await send(pair.base, 'DELETE', cancel)).json.status, 'accepted');
      const again = await send(pair.base, 'DELETE', { ...cancel, payCancelTime: '2026-11-24T09:00:01.000Z' });
      assert.deepEqual([again.json.status, again.json.messageCode], ['failed', 'FA1125']);
      assert.equal(standin.state().payments, 0);

      // Outage: a report, its update and its cancel all queue; afterwards they go out in that order.
      standin.setFault({ route: 'payments.batch', kind: 'error500' });
      const r2 = report(2, 6);
      assert.equal((await send(pair.base, 'POST', { payments: [r2] })).res.status, 202);
      const u2 = await send(pair.base, 'PATCH', { ...update, orderCallBackId: r2.orderCallBackId, orderId: r2.orderId });
      const c2 = await send(pair.base, 'DELETE', { ...cancel, orderCallBackId: r2.orderCallBackId, orderId: r2.orderId });
      assert.deepEqual([u2.res.status, u2.json.status], [202, 'queued']);
      assert.deepEqual([c2.res.status, c2.json.status], [202, 'queued']);
      assert.equal(standin.state().counts['payment.update'], 2, 'the update waits behind its report');
      assert.equal(await pair.server.app.payments.pending(), 3);
      standin.clearFaults();
      await until(async () => (await pair.server.app.payments.pending()) === 0, 'the queue to drain in order');
      const counts = standin.state().counts;
      assert.equal(counts['payment.update'], 3, 'two earlier + one after the outage, none refused for running ahead');
      assert.equal(counts['payment.cancel'], 3);
      assert.equal(standin.state().payments, 0, 'reported, updated, then cancelled');
    } finally {
      await pair.close();
    }
  });

  test('an attempt overtaken while at sauceFlex (its lease ran out in a stalled process): its FA1031 is not a refusal', async () => {
    const outbox = new MemoryOutbox();
    const outcomes = outcomeLog();
    const options = { apiBase: standin.apiBase, outbox, timeoutMs: 5_000, waitMs: 10_000, onOutcome: outcomes.hook };
    const a = new PaymentsForwarder(options);
    // B's clock runs a minute ahead: every lease A holds looks expired to it, as to an instance whose peer stalled.
    const b = new PaymentsForwarder({ ...options, now: () => Date.now() + 60_000 });
    try {
      const r = report(1, 8);
      assert.equal((await a.reportPayments([r])).accepted, 1);
      const update = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '1', findAmount: '39000', updateProductQuantity: '2', updateAmount: '78000' };
      // A's PATCH is held at sauceFlex's door; B claims the same entry meanwhile and gets there first.
      standin.setFault({ route: 'payment.update', kind: 'delay', delayMs: 600, times: 1 });
      const answer = a.updatePayment(update);
      await until(() => standin.state().counts['payment.update'] === 1, "A's attempt to reach sauceFlex");
      b.start();
      await until(() => standin.state().counts['payment.update'] === 2, "B's attempt");
      assert.deepEqual(await answer, { op: 'update', orderCallBackId: r.orderCallBackId, status: 'accepted' });
      await a.flush(); // A's own attempt has its answer (FA1031: B's was applied first) and is done with it
      assert.equal(await outbox.size(), 0);
      const stored = await outbox.results([entryId('update', r.orderCallBackId, normalizeUpdate(update))]);
      assert.deepEqual([...stored.values()].map((o) => [o.status, o.messageCode]), [['accepted', undefined]]);
      assert.deepEqual(outcomes.log.filter((o) => o.op === 'update').map((o) => [o.status, o.attempts]), [['accepted', 2]], "only the attempt that counted speaks");
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  test('the typed Node function and the HTTP client give the same answers', async () => {
    const pair = await startPair({ keys, standinInstance: standin });
    try {
      const inProcess = await pair.server.app.payments.reportPayments([
        { orderCallBackId: callbackId(1, 7), orderId: 1001, payClickTime: new Date('2026-11-23T10:00:00Z'), productQuantity: 2, amount: 78000, memberId: 'm-1' },
      ]);
      assert.deepEqual(inProcess, { results: [{ op: 'report', orderCallBackId: callbackId(1, 7), status: 'accepted' }], accepted: 1, failed: 0, queued: 0 });

      const client = createPaymentsClient({ baseUrl: pair.base, secret: PAYMENTS_SECRET });
      const overHttp = await client.reportPayments([report(2, 7)]);
      assert.equal(overHttp.accepted, 1);
      const cancelled = await client.cancelPayment({ orderCallBackId: callbackId(2, 7), orderId: report(2, 7).orderId, payCancelTime: new Date() });
      assert.equal(cancelled.status, 'accepted');
      await assert.rejects(createPaymentsClient({ baseUrl: pair.base, secret: 'nope' }).reportPayments([report(3, 7)]), /401/);
      await assert.rejects(pair.server.app.payments.reportPayments([{ ...report(4, 7), amount: 'free' }]), /payments\[0\]\.amount/);
      assert.equal(standin.state().payments, 1);
    } finally {
      await pair.close();
    }
  });
});

describe('outboxes', () => {
  const entry = (id: string, orderCallBackId: string, at = 0) => ({
    id,
    op: 'report' as const,
    orderCallBackId,
    payload: report(1),
    createdAt: at,
    nextAttemptAt: at,
  });

  for (const kind of ['memory', 'file'] as const) {
    test(`${kind}: add is idempotent per id, claims lease entries and count attempts, later entries of one id wait`, async () => {
      const tmp = tempDir();
      const outbox = kind === 'memory' ? new MemoryOutbox() : new FileOutbox(join(tmp.dir, 'o.jsonl'));
      try {
        assert.deepEqual(await outbox.add([entry('a', 'x'), entry('b', 'y'), entry('a', 'x')]), { added: ['a', 'b'], existing: ['a'], conflicts: [], behind: [] });
        await outbox.add([entry('c', 'x')]);
        const claimed = await outbox.claimDue(1000, 10, 500);
        assert.deepEqual(claimed.map((e) => [e.id, e.attempts, e.leasedUntil]), [
          ['a', 1, 1500],
          ['b', 1, 1500],
        ]);
        assert.deepEqual(await outbox.claimDue(1200, 10, 500), [], 'leased entries and c (behind a) are not due');
        assert.equal(await outbox.nextDueAt(), 1500);
        await outbox.retryLater([{ id: 'b', nextAttemptAt: 3000, lastError: 'HTTP 500' }]);
        await outbox.complete(['a']);
        assert.deepEqual((await outbox.claimDue(1300, 10, 500)).map((e) => e.id), ['c']);
        assert.equal(await outbox.size(), 2);
      } finally {
        await outbox.close();
        tmp.remove();
      }
    });
  }

  test('file: a reopened journal has the same entries; a torn last line is cut off; compaction keeps only what is pending', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'o.jsonl');
    try {
      const first = new FileOutbox(file, { compactAfter: 10 });
      await first.add([entry('a', 'x'), entry('b', 'y')]);
      await first.claimDue(1000, 1, 60_000);
      await first.close();

      // A crash in the middle of a write leaves half a line.
      const { appendFileSync } = await import('node:fs');
      appendFileSync(file, '{"put":{"id":"half');
      const warnings: string[] = [];
      const second = new FileOutbox(file, { compactAfter: 10, onWarning: (w) => warnings.push(w) });
      const list = await second.list();
      assert.deepEqual(list.map((e) => [e.id, e.attempts, e.leasedUntil]), [
        ['a', 1, 0],
        ['b', 0, 0],
      ], 'the lease of the dead process is released, the attempt count kept');
      assert.equal(warnings.length, 1);
      assert.ok(readFileSync(file, 'utf8').endsWith('\n'));

      for (let i = 0; i < 12; i++) await second.add([entry(`n${i}`, `z${i}`)]);
      await second.complete([...Array(12).keys()].map((i) => `n${i}`));
      await second.close();
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      assert.ok(lines.length < 10, `compacted to ${lines.length} lines`);
      const third = new FileOutbox(file);
      assert.deepEqual((await third.list()).map((e) => e.id), ['a', 'b']);
      await third.close();
    } finally {
      tmp.remove();
    }
  });
});
