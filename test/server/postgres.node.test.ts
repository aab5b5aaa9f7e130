/**
 * Backends sharing PostgreSQL (SF_DATABASE_URL) against the stand-in: a report through one
 * instance and its update and cancel through another all apply, in order; a retry through another
 * instance gets the stored answer and a reused orderCallBackId a conflict; one admin session for
 * all (one authorize); `npm run migrate`; and PostgreSQL down: the payments route answers 503
 * (nothing acknowledged) while the stateless token route goes on.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { productIdAt } from '../../demo/standin/fixtures.js';
import { startPostgres, type Service } from '../support/services.js';
import { PAYMENTS_SECRET, SHOP_ORIGIN, makeKeyPair, postToken, report, startPair, type Pair } from './helpers.js';

const keys = makeKeyPair();

async function send(base: string, method: string, body: unknown) {
  const res = await fetch(`${base}/sauceflex/payments`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${PAYMENTS_SECRET}` },
    body: JSON.stringify(body),
  });
  return { res, json: (await res.json()) as Record<string, any> };
}

let standin: Standin;
let postgres: Service;
before(async () => {
  [standin, postgres] = await Promise.all([startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem }), startPostgres()]);
});
after(async () => {
  await Promise.all([standin?.close(), postgres?.stop()]);
});

test('npm run migrate: creates the schema once, then says it is up to date; the password is not printed', () => {
  const script = fileURLToPath(new URL('../../src/server/migrate.ts', import.meta.url));
  const url = postgres.url.replace('postgres@', 'postgres:s3cret-pw@');
  const run = () => spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, SF_DATABASE_URL: url }, encoding: 'utf8' });
  const first = run();
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /applied migration\(s\) 1, 2, 3/);
  const second = run();
  assert.match(second.stdout, /schema up to date/);
  assert.doesNotMatch(first.stdout + second.stdout + first.stderr, /s3cret-pw/);
});

describe('two instances on one PostgreSQL', () => {
  let a: Pair;
  let b: Pair;
  before(async () => {
    const config = { databaseUrl: postgres.url, paymentsBackoff: { baseMs: 40, maxMs: 200 }, paymentsPollMs: 100 };
    a = await startPair({ keys, standinInstance: standin, config });
    b = await startPair({ keys, standinInstance: standin, config });
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  test('a report through A, its update and cancel through B: all accepted and applied in order', async () => {
    const r = report(1, 0x61);
    assert.equal((await send(a.base, 'POST', { payments: [r] })).json.accepted, 1);
    const update = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '1', findAmount: '39000', updateProductQuantity: '2', updateAmount: '78000' };
    assert.deepEqual((await send(b.base, 'PATCH', update)).json, { op: 'update', orderCallBackId: r.orderCallBackId, status: 'accepted' });
    const cancel = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, payCancelTime: '2026-11-24T09:00:00.000Z' };
    assert.deepEqual((await send(b.base, 'DELETE', cancel)).json, { op: 'cancel', orderCallBackId: r.orderCallBackId, status: 'accepted' });
    assert.equal(standin.state().payments, 0, 'reported, then cancelled');
  });

  test('during an outage, a report queued at A and its update queued at B go out in order once it ends', async () => {
    standin.setFault({ route: 'payments.batch', kind: 'error500' });
    try {
      const r = report(2, 0x61);
      assert.equal((await send(a.base, 'POST', { payments: [r] })).res.status, 202);
      const update = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '1', findAmount: '39000', updateProductQuantity: '3', updateAmount: '99000' };
      const queued = await send(b.base, 'PATCH', update);
      assert.deepEqual([queued.res.status, queued.json.status], [202, 'queued']);
    } finally {
      standin.clearFaults();
    }
    const deadline = Date.now() + 10_000;
    while ((await a.server.app.payments.pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.equal(await a.server.app.payments.pending(), 0);
    const recorded = (await (await fetch(`${standin.origin}/__control/payments`)).json()) as { payments: { orderCallBackId: string; amount: string }[] };
    assert.equal(recorded.payments.find((p) => p.orderCallBackId === report(2, 0x61).orderCallBackId)?.amount, '99000', 'the update applied after its report');
  });

  test('a retry through the other instance gets the stored answer; another order with the same id is a conflict', async () => {
    const r = report(3, 0x61);
    const batches = standin.state().counts['payments.batch'] ?? 0;
    assert.equal((await send(a.base, 'POST', { payments: [r] })).json.accepted, 1);
    const retry = await send(b.base, 'POST', { payments: [r] });
    assert.deepEqual(retry.json.results, [{ op: 'report', orderCallBackId: r.orderCallBackId, status: 'accepted' }]);
    const other = await send(b.base, 'POST', { payments: [{ ...r, orderId: 'another', amount: '1' }] });
    assert.deepEqual(other.json.results, [{ op: 'report', orderCallBackId: r.orderCallBackId, status: 'failed', messageCode: 'conflict' }]);
    assert.equal((standin.state().counts['payments.batch'] ?? 0) - batches, 1, 'neither the retry nor the conflict was sent');
  });

  test('one admin session for both: concurrent product reads through A and B authorize once', async () => {
    const before = standin.state().counts.authorize ?? 0;
    const reads = await Promise.all([a, b, a, b].map((p, i) => fetch(`${p.base}/sauceflex/products/${productIdAt(i + 1)}`, { headers: { origin: SHOP_ORIGIN } })));
    assert.deepEqual(reads.map((r) => r.status), [200, 200, 200, 200]);
    assert.equal((standin.state().counts.authorize ?? 0) - before, 1);
  });
});

test('PostgreSQL down: payments answer 503 store_unavailable (nothing acknowledged); tokens are still signed', async () => {
  const own = await startPostgres();
  const pair = await startPair({ keys, standinInstance: standin, config: { databaseUrl: own.url } });
  try {
    await own.stop();
    const { res, json } = await send(pair.base, 'POST', { payments: [report(1, 0x62)] });
    assert.equal(res.status, 503);
    assert.equal(json.error.code, 'store_unavailable');
    assert.equal(res.headers.get('retry-after'), '5');
    assert.equal((await postToken(pair.base)).res.status, 200);
  } finally {
    await pair.close();
    await own.stop();
  }
});
