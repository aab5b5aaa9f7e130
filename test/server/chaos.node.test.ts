/**
 * The multi-instance chaos test of issue 17, bounded: three backend processes (`npm run serve`'s
 * configuration from SF_* variables) on one throwaway PostgreSQL and Redis, in front of the
 * stand-in. A shop spreads 300 orderCallBackIds' reports (in calls of 5), updates and cancels over
 * whichever instances are up, and resends what got no answer, as a shop would. Meanwhile the
 * stand-in answers 500s, drops connections and delays, and the instance whose batch is at sauceFlex
 * is SIGKILLed (its lease left in PostgreSQL to run out), then started again, and traffic goes on.
 *
 * At the end, counted at the stand-in: every report, update and cancel applied exactly once and in
 * the order sent (0 lost, 0 applied twice, order kept), nothing left in the outbox, and every
 * acknowledged item final (an outcome stored, accepted). Also: one admin authorize for all three.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { productIdAt } from '../../demo/standin/fixtures.js';
import { backoffDelay } from '../../src/api/backoff.js';
import { entryId } from '../../src/server/outbox.js';
import { startPostgres, startRedis, type Service } from '../support/services.js';
import { PAYMENTS_SECRET, SHOP_ORIGIN, makeKeyPair, report } from './helpers.js';

const IDS = 300;
const GROUP = 5;
const CONCURRENCY = 12;
const PREFIX = 0xc4;
const keys = makeKeyPair();

type Op = 'report' | 'update' | 'cancel';
interface Instance {
  name: string;
  origin: string;
  child: ChildProcess;
  up: boolean;
}

let standin: Standin;
let postgres: Service;
let redis: Service;
let db: pg.Client;
const instances: Instance[] = [];

before(async () => {
  [standin, postgres, redis] = await Promise.all([startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem }), startPostgres(), startRedis()]);
});
after(async () => {
  await db?.end().catch(() => {});
  await Promise.all(instances.map(stopInstance));
  await Promise.all([standin?.close(), postgres?.stop(), redis?.stop()]);
});

async function startInstance(name: string): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./child-server.ts', import.meta.url))], {
    env: {
      ...process.env,
      SF_PARTNER_ID: 'mobidoo',
      SF_API_BASE: standin.apiBase,
      SF_PRIVATE_KEY: keys.privateKeyPem,
      SF_ALLOWED_ORIGINS: SHOP_ORIGIN,
      SF_PAYMENTS_SECRET: PAYMENTS_SECRET,
      SF_ADMIN_ID: 'admin',
      SF_ADMIN_PASSWORD: 'sauceflex-demo',
      SF_DATABASE_URL: postgres.url,
      SF_REDIS_URL: redis.url,
      // Short upstream timeout: a dead instance's leases (2 × timeout + 5 s) run out within the test.
      SF_UPSTREAM_TIMEOUT_MS: '1000',
      SF_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /ready (\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited early (${code})`)));
  });
  const instance = { name, origin, child, up: true };
  instances.push(instance);
  return instance;
}

async function stopInstance(instance: Instance): Promise<void> {
  instance.up = false;
  const { child } = instance;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(force);
}

/**
 * The shop's call: to `prefer` or any instance that is up; no answer (connection lost, 503) is
 * sent again, with the project's backoff, to another instance — bounded. Returns the answer body.
 */
async function shopCall(method: 'POST' | 'PATCH' | 'DELETE', body: unknown, prefer?: Instance): Promise<any> {
  let target = prefer;
  for (let attempt = 1; attempt <= 30; attempt++) {
    const up = instances.filter((i) => i.up);
    const instance = target && target.up ? target : up[Math.floor(Math.random() * up.length)]!;
    target = undefined;
    try {
      const res = await fetch(`${instance.origin}/sauceflex/payments`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${PAYMENTS_SECRET}` },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status === 200 || res.status === 202) return json;
      if (res.status !== 503) throw new Error(`${method} answered ${res.status}: ${JSON.stringify(json)}`);
    } catch (error) {
      if (error instanceof Error && /answered/.test(error.message)) throw error;
    }
    await new Promise((r) => setTimeout(r, backoffDelay(Math.min(attempt, 5), { baseDelayMs: 50, maxDelayMs: 800 })));
  }
  throw new Error(`${method} got no answer from any instance in 30 tries`);
}

/** What the shop does for id n, in order: i % 10 chooses report, +update, +second update, +cancel. */
function plan(n: number): Op[] {
  const k = n % 10;
  if (k <= 2) return ['report', 'update', 'update', 'cancel'];
  if (k === 3) return ['report', 'update', 'update'];
  if (k <= 6) return ['report', 'update'];
  if (k === 7) return ['report', 'cancel'];
  return ['report'];
}

function payloadFor(n: number, op: Op, nth: number): Record<string, string> {
  const r = report(n, PREFIX);
  if (op === 'report') return r;
  if (op === 'cancel') return { orderCallBackId: r.orderCallBackId, orderId: r.orderId, payCancelTime: '2026-11-24T09:00:00.000Z' };
  // Update nth (1, 2): quantity nth → nth + 1; applied twice or out of order, sauceFlex would refuse it (FA1031).
  return {
    orderCallBackId: r.orderCallBackId,
    orderId: r.orderId,
    findProductQuantity: String(nth),
    findAmount: String(39000 * nth),
    updateProductQuantity: String(nth + 1),
    updateAmount: String(39000 * (nth + 1)),
  };
}

test('three instances, one PostgreSQL and Redis, faults and a SIGKILL: 0 lost, 0 applied twice, order kept', { timeout: 170_000 }, async () => {
  const started = Date.now();
  await Promise.all(['one', 'two', 'three'].map(startInstance));
  db = new pg.Client({ connectionString: postgres.url });
  await db.connect();

  // One admin session for all three (Redis lock): three product reads, one authorize.
  const reads = await Promise.all(instances.map((i, n) => fetch(`${i.origin}/sauceflex/products/${productIdAt(n + 1)}`, { headers: { origin: SHOP_ORIGIN } })));
  assert.deepEqual(reads.map((r) => r.status), [200, 200, 200]);
  assert.equal(standin.state().counts.authorize, 1);

  standin.setFault({ route: 'payments.batch', kind: 'error500', times: 6 });
  standin.setFault({ route: 'payment.update', kind: 'reset', times: 4 });
  standin.setFault({ route: 'payment.cancel', kind: 'delay', delayMs: 300, times: 4 });

  const answers: { op: Op; n: number; status: string; messageCode?: string }[] = [];
  const groups = Array.from({ length: IDS / GROUP }, (_, g) => Array.from({ length: GROUP }, (_, i) => g * GROUP + i));
  const killGroup = Math.floor(groups.length / 3);
  let killed: Promise<void> | null = null;
  let leasedAtKill = -1;

  /**
   * Kill, with SIGKILL, the instance whose batch is at sauceFlex (held there 2 s): the shop sends the
   * group to one instance; whichever instance claimed it (PostgreSQL's leased_by) dies holding the
   * lease, and is started again. Returns the shop's answer, resent to instances that are up.
   */
  const killDuringBatch = async (group: number[]) => {
    standin.setFault({ route: 'payments.batch', kind: 'delay', delayMs: 2_000, times: 5 });
    const target = instances.filter((i) => i.up)[0]!;
    const call = shopCall('POST', { payments: group.map((n) => payloadFor(n, 'report', 0)) }, target);
    const ids = group.map((n) => entryId('report', report(n, PREFIX).orderCallBackId, {}));
    let holder: Instance | undefined;
    for (const deadline = Date.now() + 10_000; !holder && Date.now() < deadline; ) {
      const { rows } = await db.query<{ leased_by: string }>(
        'SELECT DISTINCT leased_by FROM sf_outbox WHERE id = ANY($1) AND leased_until > $2 AND attempts = 1',
        [ids, Date.now()],
      );
      holder = instances.find((i) => i.up && rows.length === 1 && rows[0]!.leased_by.endsWith(`:${i.child.pid}`));
      if (!holder) await new Promise((r) => setTimeout(r, 10));
    }
    assert.ok(holder, 'an instance claimed the group');
    // At sauceFlex: the batch with the group is being answered (the delay) while the holder dies.
    holder.up = false;
    holder.child.kill('SIGKILL');
    await once(holder.child, 'exit');
    const held = await db.query('SELECT count(*) AS n FROM sf_outbox WHERE id = ANY($1) AND leased_until > $2', [ids, Date.now()]);
    leasedAtKill = Number(held.rows[0].n);
    await startInstance(`${holder.name}-restarted`);
    return call;
  };

  const runGroup = async (g: number) => {
    const group = groups[g]!;
    let reported: any;
    if (g === killGroup) {
      const done = killDuringBatch(group);
      killed = done.then(() => {});
      reported = await done;
    } else {
      reported = await shopCall('POST', { payments: group.map((n) => payloadFor(n, 'report', 0)) });
    }
    group.forEach((n, i) => answers.push({ op: 'report', n, ...reported.results[i] }));
    await Promise.all(
      group.map(async (n) => {
        let nth = 0;
        for (const op of plan(n).slice(1)) {
          if (op === 'update') nth++;
          const answer = await shopCall(op === 'update' ? 'PATCH' : 'DELETE', payloadFor(n, op, nth));
          answers.push({ op, n, ...answer });
        }
      }),
    );
  };

  // Traffic, then the kill on its own (so the batch it interrupts is the group's), then traffic again.
  const pool = async (from: number, to: number) => {
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < to) await runGroup(next++);
      }),
    );
  };
  await pool(0, killGroup);
  await runGroup(killGroup);
  standin.setFault({ route: 'payments.batch', kind: 'error500', times: 3 });
  await pool(killGroup + 1, groups.length);
  assert.ok(killed, 'the kill happened');
  await killed;
  assert.equal(leasedAtKill, GROUP, 'the killed instance held its batch when it died');

  // Everything acknowledged reaches sauceFlex: the outbox drains (a dead instance's leases run out first).
  const deadline = Date.now() + 60_000;
  let left = -1;
  while (Date.now() < deadline && (left = Number((await db.query('SELECT count(*) AS n FROM sf_outbox')).rows[0].n)) > 0) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(left, 0, 'nothing left in the outbox');

  // 0 lost, 0 applied twice, order kept: what sauceFlex applied per id is exactly the shop's plan.
  const recorded = (await (await fetch(`${standin.origin}/__control/payments`)).json()) as { payments: { orderCallBackId: string; applied: Op[] }[] };
  const applied = new Map(recorded.payments.map((p) => [p.orderCallBackId, p.applied]));
  const wrong: string[] = [];
  for (let n = 0; n < IDS; n++) {
    const got = applied.get(report(n, PREFIX).orderCallBackId) ?? [];
    if (got.join(',') !== plan(n).join(',')) wrong.push(`id ${n}: planned ${plan(n).join(',')}, applied ${got.join(',')}`);
  }
  assert.deepEqual(wrong, []);

  // Every answer was accepted or queued, never failed; and every acknowledged item is final: accepted.
  const refused = answers.filter((a) => a.status === 'failed');
  assert.deepEqual(refused, []);
  const keysWanted: string[] = [];
  for (let n = 0; n < IDS; n++) {
    let nth = 0;
    for (const op of plan(n)) {
      if (op === 'update') nth++;
      const payload = payloadFor(n, op, nth);
      keysWanted.push(entryId(op, payload.orderCallBackId!, payload));
    }
  }
  const stored = await db.query<{ key: string; status: string }>('SELECT key, status FROM sf_payment_results WHERE key = ANY($1)', [keysWanted]);
  assert.equal(stored.rows.length, keysWanted.length, 'an outcome for every item');
  assert.deepEqual(new Set(stored.rows.map((r) => r.status)), new Set(['accepted']));

  const counts = standin.state().counts;
  const took = Date.now() - started;
  console.log(
    `[chaos] ${keysWanted.length} items over ${IDS} ids in ${took} ms; requests at sauceFlex: ${counts['payments.batch']} batches, ` +
      `${counts['payment.update']} updates, ${counts['payment.cancel']} cancels; answers queued: ${answers.filter((a) => a.status === 'queued').length}`,
  );
});
