/**
 * One contract for every outbox: memory, file and PostgreSQL (on a throwaway server from
 * test/support/services.ts) pass the same tests of `add`, `claimDue`, `retryLater`, `complete` with
 * outcomes, `results`, `nextDueAt`, `size` and `list`; the durable ones also survive a reopen. Then
 * what only a shared store can show: two PostgreSQL outboxes (two pools, as two instances) claiming
 * at once never hold one entry together and never let an update overtake its report.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FileOutbox, MemoryOutbox, entryId, payloadHash, type NewOutboxEntry, type Outbox, type StoredOutcome } from '../../src/server/outbox.js';
import { createPostgres, migrate, type PostgresStore } from '../../src/server/stores/postgres.js';
import { startPostgres, type Service } from '../support/services.js';
import { report, tempDir } from './helpers.js';

let postgres: Service;
before(async () => {
  postgres = await startPostgres();
});
after(() => postgres?.stop());

function reportEntry(n: number, at = 0, payload: Record<string, string> = report(n, 0x51)): NewOutboxEntry {
  return { id: entryId('report', payload.orderCallBackId!, payload), op: 'report', orderCallBackId: payload.orderCallBackId!, payload: payload as any, createdAt: at, nextAttemptAt: at };
}

function updateEntry(n: number, amount: string, at = 0): NewOutboxEntry {
  const r = report(n, 0x51);
  const payload = { orderCallBackId: r.orderCallBackId, orderId: r.orderId, findProductQuantity: '1', findAmount: '39000', updateProductQuantity: '1', updateAmount: amount };
  return { id: entryId('update', r.orderCallBackId, payload), op: 'update', orderCallBackId: r.orderCallBackId, payload, createdAt: at, nextAttemptAt: at };
}

function outcome(entry: NewOutboxEntry, status: 'accepted' | 'failed' = 'accepted', messageCode?: string): StoredOutcome {
  return { key: entry.id, hash: payloadHash(entry.payload), status, ...(messageCode ? { messageCode } : {}) };
}

interface Kind {
  name: string;
  /** A fresh, empty outbox. */
  open(): Promise<Outbox>;
  /** The same store opened again after `close()` (durable kinds only). */
  reopen?(): Promise<Outbox>;
  cleanup(): Promise<void>;
}

function memoryKind(): Kind {
  return { name: 'memory', open: async () => new MemoryOutbox(), cleanup: async () => {} };
}

function fileKind(): Kind {
  const tmp = tempDir();
  let n = 0;
  let file = '';
  return {
    name: 'file',
    open: async () => new FileOutbox((file = join(tmp.dir, `o${++n}.jsonl`))),
    reopen: async () => new FileOutbox(file),
    cleanup: async () => tmp.remove(),
  };
}

function postgresKind(): Kind {
  const stores: PostgresStore[] = [];
  const store = async () => {
    const s = createPostgres(postgres.url);
    stores.push(s);
    await migrate(s.pool);
    return s;
  };
  return {
    name: 'postgres',
    open: async () => {
      const s = await store();
      await s.pool.query('TRUNCATE sf_outbox, sf_payment_results RESTART IDENTITY');
      return s.outbox;
    },
    reopen: async () => (await store()).outbox,
    cleanup: async () => {
      await Promise.all(stores.map((s) => s.close()));
    },
  };
}

for (const makeKind of [memoryKind, fileKind, postgresKind]) {
  describe(`outbox contract: ${makeKind.name.replace('Kind', '')}`, () => {
    let kind: Kind;
    before(() => {
      kind = makeKind();
    });
    after(() => kind.cleanup());

    test('add: idempotent per id, a different payload for a pending id is a conflict, later entries of one id are behind', async () => {
      const outbox = await kind.open();
      try {
        const a = reportEntry(1);
        const b = reportEntry(2);
        assert.deepEqual(await outbox.add([a, b, a]), { added: [a.id, b.id], existing: [a.id], conflicts: [], behind: [] });
        const otherOrder = reportEntry(1, 0, { ...report(1, 0x51), orderId: 'another' });
        const u = updateEntry(1, '1000');
        assert.deepEqual(await outbox.add([otherOrder, a, u]), { added: [u.id], existing: [a.id], conflicts: [a.id], behind: [u.id] });
        assert.equal(await outbox.size(), 3);
        assert.deepEqual((await outbox.list()).map((e) => [e.id, e.attempts, e.leasedUntil]), [
          [a.id, 0, 0],
          [b.id, 0, 0],
          [u.id, 0, 0],
        ]);
        assert.deepEqual((await outbox.list())[0]!.payload, a.payload);
      } finally {
        await outbox.close();
      }
    });

    test('claimDue: oldest entry of each id only, under a lease, attempts counted; an expired lease is claimed again', async () => {
      const outbox = await kind.open();
      try {
        const [a, b, c, u] = [reportEntry(1), reportEntry(2), reportEntry(3, 5_000), updateEntry(1, '1000')];
        await outbox.add([a, b, c, u]);
        assert.equal(await outbox.nextDueAt(), 0);
        const first = await outbox.claimDue(1_000, 10, 500);
        assert.deepEqual(first.map((e) => [e.id, e.attempts, e.leasedUntil]), [
          [a.id, 1, 1_500],
          [b.id, 1, 1_500],
        ], 'c is not due yet, u waits behind a');
        assert.deepEqual(await outbox.claimDue(1_200, 10, 500), [], 'leased entries are not handed out twice');
        assert.equal(await outbox.nextDueAt(), 1_500);
        assert.deepEqual((await outbox.claimDue(1_600, 1, 500)).map((e) => [e.id, e.attempts]), [[a.id, 2]], 'limit 1, oldest first, the second attempt counted');
      } finally {
        await outbox.close();
      }
    });

    test('claimDue: a report goes before an update of its id that arrived first (through another instance)', async () => {
      const outbox = await kind.open();
      try {
        const [u, r] = [updateEntry(1, '1000'), reportEntry(1)];
        assert.deepEqual(await outbox.add([u]), { added: [u.id], existing: [], conflicts: [], behind: [] });
        assert.deepEqual(await outbox.add([r]), { added: [r.id], existing: [], conflicts: [], behind: [] }, 'the report is not behind the update');
        assert.deepEqual((await outbox.claimDue(1_000, 10, 500)).map((e) => e.id), [r.id]);
        await outbox.complete([r.id], [outcome(r)]);
        assert.deepEqual((await outbox.claimDue(1_000, 10, 500)).map((e) => e.id), [u.id]);
      } finally {
        await outbox.close();
      }
    });

    test('retryLater releases the lease and sets the next attempt; complete stores outcomes and frees the next entry of the id', async () => {
      const outbox = await kind.open();
      try {
        const [a, b, u] = [reportEntry(1), reportEntry(2), updateEntry(1, '1000')];
        await outbox.add([a, b, u]);
        await outbox.claimDue(1_000, 10, 60_000);
        await outbox.retryLater([{ id: b.id, nextAttemptAt: 3_000, lastError: `HTTP 500 ${'x'.repeat(400)}` }]);
        const listed = (await outbox.list()).find((e) => e.id === b.id)!;
        assert.deepEqual([listed.nextAttemptAt, listed.leasedUntil, listed.lastError!.length], [3_000, 0, 300]);
        assert.deepEqual(await outbox.results([a.id, b.id]), new Map());

        await outbox.complete([a.id], [outcome(a)]);
        assert.deepEqual([...(await outbox.results([a.id, b.id, 'nope'])).values()], [outcome(a)]);
        assert.deepEqual((await outbox.claimDue(2_000, 10, 500)).map((e) => e.id), [u.id], 'the update goes once its report is answered');
        assert.equal(await outbox.nextDueAt(), 2_500);
        await outbox.complete([u.id, b.id], [outcome(u, 'failed', 'FA1031'), { ...outcome(b), alreadyAccepted: true }]);
        assert.equal(await outbox.size(), 0);
        assert.equal(await outbox.nextDueAt(), null);
        const stored = await outbox.results([u.id, b.id]);
        assert.deepEqual(stored.get(u.id), outcome(u, 'failed', 'FA1031'));
        assert.equal(stored.get(b.id)?.alreadyAccepted, true);
        await outbox.complete([], [{ ...outcome(a), status: 'failed', messageCode: 'FA1027' }]);
        assert.equal((await outbox.results([a.id])).get(a.id)?.messageCode, 'FA1027', 'a newer outcome for a key replaces the older');
      } finally {
        await outbox.close();
      }
    });

    test('durable kinds: a reopened store has the entries (leases of the old process released) and the outcomes', { skip: makeKind === memoryKind }, async () => {
      const outbox = await kind.open();
      const [a, b] = [reportEntry(1), reportEntry(2)];
      await outbox.add([a, b]);
      await outbox.claimDue(1_000, 1, 60_000);
      await outbox.complete([], [outcome(b)]);
      await outbox.close();
      const again = await kind.reopen!();
      try {
        assert.deepEqual((await again.list()).map((e) => [e.id, e.attempts]), [
          [a.id, 1],
          [b.id, 0],
        ]);
        assert.deepEqual((await again.results([b.id])).get(b.id), outcome(b));
      } finally {
        await again.close();
      }
    });
  });
}

describe('PostgreSQL shared by two instances', () => {
  let one: PostgresStore;
  let two: PostgresStore;
  before(async () => {
    one = createPostgres(postgres.url, { owner: 'instance-one' });
    two = createPostgres(postgres.url, { owner: 'instance-two' });
    await Promise.all([migrate(one.pool), migrate(two.pool)]);
    await one.pool.query('TRUNCATE sf_outbox, sf_payment_results RESTART IDENTITY');
  });
  after(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  test('a fresh entry is left to the instance that took it in for a second; then (or once tried) either sends it', async () => {
    await one.pool.query('TRUNCATE sf_outbox, sf_payment_results RESTART IDENTITY');
    const e = reportEntry(1, 10_000);
    await one.outbox.add([e]);
    assert.deepEqual(await two.outbox.claimDue(10_500, 10, 500), [], 'not yet for the other instance');
    assert.equal(await two.outbox.nextDueAt(), 11_000, 'and it does not look again before then');
    assert.equal(await one.outbox.nextDueAt(), 10_000);
    assert.deepEqual((await two.outbox.claimDue(11_000, 10, 500)).map((x) => x.id), [e.id]);
    await two.outbox.retryLater([{ id: e.id, nextAttemptAt: 11_000, lastError: 'HTTP 500' }]);
    assert.deepEqual((await one.outbox.claimDue(11_000, 10, 500)).map((x) => [x.id, x.attempts]), [[e.id, 2]]);
    await one.pool.query('TRUNCATE sf_outbox, sf_payment_results RESTART IDENTITY');
  });

  test('racing claimers: every entry delivered once, one holder at a time, never an update before its report', async () => {
    const ids = 60;
    const entries: NewOutboxEntry[] = [];
    for (let n = 0; n < ids; n++) entries.push(reportEntry(n));
    for (let n = 0; n < ids; n++) entries.push(updateEntry(n, '1000'));
    for (let n = 0; n < ids; n++) entries.push(updateEntry(n, '2000'));
    // Spread over both instances as a load balancer would; a shop sends an update once its report was acknowledged.
    for (let from = 0; from < entries.length; from += ids) {
      const wave = entries.slice(from, from + ids);
      await Promise.all([one.outbox.add(wave.filter((_, i) => i % 2 === 0)), two.outbox.add(wave.filter((_, i) => i % 2 === 1))]);
    }
    assert.equal(await one.outbox.size(), 3 * ids);

    const held = new Set<string>();
    const done: string[] = [];
    const problems: string[] = [];
    const worker = async (store: PostgresStore) => {
      for (let round = 0; round < 500; round++) {
        const claimed = await store.outbox.claimDue(Date.now(), 7, 60_000);
        if (claimed.length === 0) {
          if ((await store.outbox.size()) === 0) return;
          continue;
        }
        for (const e of claimed) {
          if (held.has(e.id)) problems.push(`${e.id} held twice`);
          held.add(e.id);
        }
        await new Promise((r) => setImmediate(r));
        for (const e of claimed) held.delete(e.id);
        done.push(...claimed.map((e) => e.id));
        await store.outbox.complete(
          claimed.map((e) => e.id),
          claimed.map((e) => outcome(e)),
        );
      }
      problems.push('worker did not finish in 500 rounds');
    };
    await Promise.all([worker(one), worker(two), worker(one), worker(two)]);
    assert.deepEqual(problems, []);
    assert.equal(done.length, 3 * ids, 'each entry once');
    assert.equal(new Set(done).size, 3 * ids);
    for (let n = 0; n < ids; n++) {
      const order = [reportEntry(n), updateEntry(n, '1000'), updateEntry(n, '2000')].map((e) => done.indexOf(e.id));
      assert.deepEqual([...order].sort((x, y) => x - y), order, `order kept for id ${n}`);
    }
  });
});
