/**
 * PostgreSQL for several backend instances (`SF_DATABASE_URL=postgres://…`): the payments outbox,
 * the delivery results and the admin-token lease, in three tables created by `migrate` (run on
 * start and by `npm run migrate`; concurrent starts serialise on an advisory lock).
 *
 * - Claims take due rows with `FOR UPDATE SKIP LOCKED` and lease them (`leased_until`), counting the
 *   attempt in the same statement, so two instances never send one entry at once; a row is due only
 *   when no row of its orderCallBackId goes before it (its report, then older rows), so an update or
 *   cancel never overtakes its report whichever instance holds what.
 * - `complete` deletes the rows and upserts their outcomes in one transaction.
 * - An instance sends the rows it took in first; the others take them only after `HANDOFF_MS` or a
 *   first attempt (so a caller usually hears from its own instance, and nothing waits on a dead one).
 * - Times are ms since epoch from the instances' clocks (kept in sync by NTP), as in the other outboxes.
 *
 * A connection or server failure surfaces as `StoreUnavailableError` (the routes answer 503 and
 * acknowledge nothing); a failed write leaves the rows as they were.
 */
import { hostname } from 'node:os';
import pg from 'pg';
import type { AdminSession, SharedAdminSession } from '../admin-client.js';
import { MEETING_MEMORY_MS, type MeetingMemory } from '../consult.js';
import { payloadHash, type AddResult, type NewOutboxEntry, type Outbox, type OutboxEntry, type StoredOutcome } from '../outbox.js';
import { StoreUnavailableError } from './errors.js';

/** Outcomes older than this are pruned at start: far longer than any shop retries a call. */
const RESULTS_KEPT_DAYS = 30;
/** pg_advisory_xact_lock keys (arbitrary constants, "sfmg" and "sfad"). */
const MIGRATION_LOCK = 0x73666d67;
const ADMIN_LOCK = 0x73666164;

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE sf_outbox (
     seq bigserial PRIMARY KEY,
     id text NOT NULL UNIQUE,
     op text NOT NULL CHECK (op IN ('report', 'update', 'cancel')),
     order_callback_id text NOT NULL,
     payload jsonb NOT NULL,
     payload_hash text NOT NULL,
     created_at bigint NOT NULL,
     next_attempt_at bigint NOT NULL,
     attempts integer NOT NULL DEFAULT 0,
     leased_until bigint NOT NULL DEFAULT 0,
     last_error text
   );
   CREATE INDEX sf_outbox_callback ON sf_outbox (order_callback_id, seq);
   CREATE TABLE sf_payment_results (
     key text PRIMARY KEY,
     hash text NOT NULL,
     status text NOT NULL CHECK (status IN ('accepted', 'failed')),
     message_code text,
     already_accepted boolean NOT NULL DEFAULT false,
     recorded_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX sf_payment_results_recorded ON sf_payment_results (recorded_at);
   CREATE TABLE sf_admin_session (
     name text PRIMARY KEY,
     session jsonb NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now()
   );`,
  // Which instance holds a lease (host:pid): for operators, and for the chaos test to kill the holder.
  `ALTER TABLE sf_outbox ADD COLUMN leased_by text`,
  // Which instance took a row in: it sends its own rows first, the others help after HANDOFF_MS.
  `ALTER TABLE sf_outbox ADD COLUMN added_by text`,
  // Each shopper's consultation meeting (src/server/consult.ts), so a press on another instance joins it again.
  `CREATE TABLE sf_consult_meetings (
     puid text PRIMARY KEY,
     meeting_key text NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now()
   )`,
];

/**
 * A fresh row is left to the instance that took it in (its caller is waiting there) for this long;
 * after that, or once it has been tried, any instance sends it (one that died, one that is busy).
 */
const HANDOFF_MS = 1_000;

export interface PostgresStore {
  pool: pg.Pool;
  outbox: PostgresOutbox;
  /** The admin session shared through PostgreSQL, `name` = partnerId:adminId. */
  adminSession(name: string): SharedAdminSession;
  /** The shoppers' consultation meetings, shared by every instance. */
  meetings: MeetingMemory;
  close(): Promise<void>;
}

/** A pool on `url` that fails fast when the server is away (the routes answer 503 rather than hang). */
export function createPostgres(url: string, options: { log?: (message: string) => void; owner?: string } = {}): PostgresStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 3_000,
    idleTimeoutMillis: 10_000,
    query_timeout: 10_000,
    application_name: 'sauceflex-backend',
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', (error) => options.log?.(`PostgreSQL connection lost: ${error.message}`));
  let closing: Promise<void> | null = null;
  return {
    pool,
    outbox: new PostgresOutbox(pool, options.owner ?? `${hostname()}:${process.pid}`),
    adminSession: (name) => new PostgresAdminSession(pool, name),
    meetings: {
      get: async (puid) =>
        (
          await query<{ meeting_key: string }>(pool, 'SELECT meeting_key FROM sf_consult_meetings WHERE puid = $1 AND updated_at > now() - make_interval(secs => $2)', [
            puid,
            MEETING_MEMORY_MS / 1000,
          ])
        ).rows[0]?.meeting_key,
      set: async (puid, meetingKey) =>
        void (await query(
          pool,
          `INSERT INTO sf_consult_meetings (puid, meeting_key) VALUES ($1, $2)
           ON CONFLICT (puid) DO UPDATE SET meeting_key = excluded.meeting_key, updated_at = now()`,
          [puid, meetingKey],
        )),
    },
    close: () => (closing ??= pool.end()),
  };
}

/** Create or update the schema; returns the versions applied now. Safe to run from several instances at once. */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS sf_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM sf_schema_migrations')).rows.map((r) => r.version));
    const applied: number[] = [];
    for (let i = 0; i < MIGRATIONS.length; i++) {
      const version = i + 1;
      if (done.has(version)) continue;
      await client.query(MIGRATIONS[i]!);
      await client.query('INSERT INTO sf_schema_migrations (version) VALUES ($1)', [version]);
      applied.push(version);
    }
    await client.query(`DELETE FROM sf_payment_results WHERE recorded_at < now() - interval '${RESULTS_KEPT_DAYS} days'`);
    await client.query('DELETE FROM sf_consult_meetings WHERE updated_at < now() - make_interval(secs => $1)', [MEETING_MEMORY_MS / 1000]);
    return applied;
  });
}

interface OutboxRow {
  seq: string;
  id: string;
  op: OutboxEntry['op'];
  order_callback_id: string;
  payload: OutboxEntry['payload'];
  created_at: string;
  next_attempt_at: string;
  attempts: number;
  leased_until: string;
  last_error: string | null;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    op: row.op,
    orderCallBackId: row.order_callback_id,
    payload: row.payload,
    createdAt: Number(row.created_at),
    nextAttemptAt: Number(row.next_attempt_at),
    seq: Number(row.seq),
    attempts: row.attempts,
    leasedUntil: Number(row.leased_until),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
  };
}

/** A pending row is eligible only when it goes first for its orderCallBackId: the report, then by seq (outbox.ts `goesBefore`). */
const OLDEST_OF_ITS_ID = `NOT EXISTS (SELECT 1 FROM sf_outbox p WHERE p.order_callback_id = e.order_callback_id
  AND (CASE WHEN p.op = 'report' THEN 0 ELSE 1 END, p.seq) < (CASE WHEN e.op = 'report' THEN 0 ELSE 1 END, e.seq))`;

export class PostgresOutbox implements Outbox {
  readonly #pool: pg.Pool;
  readonly #owner: string;

  /** `owner` names this instance in `leased_by` (host:pid by default). */
  constructor(pool: pg.Pool, owner: string) {
    this.#pool = pool;
    this.#owner = owner;
  }

  async add(entries: NewOutboxEntry[]): Promise<AddResult> {
    const unique = entries.filter((e, i) => entries.findIndex((x) => x.id === e.id) === i);
    const inserted = unique.length
      ? await query<{ id: string }>(
          this.#pool,
          `INSERT INTO sf_outbox (id, op, order_callback_id, payload, payload_hash, created_at, next_attempt_at, added_by)
           SELECT id, op, cb, payload, hash, created, due, $8
           FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::bigint[], $7::bigint[])
             WITH ORDINALITY AS t(id, op, cb, payload, hash, created, due, ord)
           ORDER BY ord
           ON CONFLICT (id) DO NOTHING
           RETURNING id`,
          [
            unique.map((e) => e.id),
            unique.map((e) => e.op),
            unique.map((e) => e.orderCallBackId),
            unique.map((e) => JSON.stringify(e.payload)),
            unique.map((e) => payloadHash(e.payload)),
            unique.map((e) => e.createdAt),
            unique.map((e) => e.nextAttemptAt),
            this.#owner,
          ],
        )
      : { rows: [] };
    const addedIds = new Set(inserted.rows.map((r) => r.id));
    const added = unique.filter((e) => addedIds.has(e.id)).map((e) => e.id);
    // Everything not inserted now (already pending, or repeated in this call) is compared with the pending row.
    const others = entries.filter((e, i) => !(addedIds.has(e.id) && entries.findIndex((x) => x.id === e.id) === i));
    const existing: string[] = [];
    const conflicts: string[] = [];
    if (others.length) {
      const { rows } = await query<{ id: string; payload_hash: string }>(this.#pool, 'SELECT id, payload_hash FROM sf_outbox WHERE id = ANY($1)', [
        others.map((e) => e.id),
      ]);
      const pendingHash = new Map(rows.map((r) => [r.id, r.payload_hash]));
      for (const e of others) {
        const hash = pendingHash.get(e.id);
        // Gone meanwhile (delivered): its caller finds the stored outcome.
        (hash === undefined || hash === payloadHash(e.payload) ? existing : conflicts).push(e.id);
      }
    }
    const behind = added.length
      ? (await query<{ id: string }>(this.#pool, `SELECT e.id FROM sf_outbox e WHERE e.id = ANY($1) AND NOT ${OLDEST_OF_ITS_ID}`, [added])).rows.map((r) => r.id)
      : [];
    return { added, existing, conflicts, behind };
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    const { rows } = await query<OutboxRow>(
      this.#pool,
      `UPDATE sf_outbox o SET attempts = o.attempts + 1, leased_until = $1::bigint + $3::bigint, leased_by = $4
       FROM (
         SELECT e.seq FROM sf_outbox e
         WHERE e.next_attempt_at <= $1 AND e.leased_until <= $1 AND ${OLDEST_OF_ITS_ID}
           AND (e.added_by = $4 OR e.attempts > 0 OR e.added_by IS NULL OR e.created_at <= $1::bigint - ${HANDOFF_MS})
         ORDER BY e.seq
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ) due
       WHERE o.seq = due.seq
       RETURNING o.*`,
      [now, limit, leaseMs, this.#owner],
    );
    return rows.map(toEntry).sort((a, b) => a.seq - b.seq);
  }

  async complete(ids: string[], outcomes: StoredOutcome[] = []): Promise<void> {
    if (ids.length === 0 && outcomes.length === 0) return;
    await transaction(this.#pool, async (client) => {
      if (outcomes.length) {
        await client.query(
          `INSERT INTO sf_payment_results (key, hash, status, message_code, already_accepted)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[])
           ON CONFLICT (key) DO UPDATE SET hash = excluded.hash, status = excluded.status, message_code = excluded.message_code,
             already_accepted = excluded.already_accepted, recorded_at = now()`,
          [
            outcomes.map((o) => o.key),
            outcomes.map((o) => o.hash),
            outcomes.map((o) => o.status),
            outcomes.map((o) => o.messageCode ?? null),
            outcomes.map((o) => o.alreadyAccepted === true),
          ],
        );
      }
      if (ids.length) await client.query('DELETE FROM sf_outbox WHERE id = ANY($1)', [ids]);
    });
  }

  async retryLater(items: { id: string; nextAttemptAt: number; lastError: string }[]): Promise<void> {
    if (items.length === 0) return;
    await query(
      this.#pool,
      `UPDATE sf_outbox o SET next_attempt_at = t.due, leased_until = 0, leased_by = NULL, last_error = t.error
       FROM unnest($1::text[], $2::bigint[], $3::text[]) AS t(id, due, error)
       WHERE o.id = t.id`,
      [items.map((i) => i.id), items.map((i) => i.nextAttemptAt), items.map((i) => i.lastError.slice(0, 300))],
    );
  }

  async results(keys: string[]): Promise<Map<string, StoredOutcome>> {
    const found = new Map<string, StoredOutcome>();
    if (keys.length === 0) return found;
    const { rows } = await query<{ key: string; hash: string; status: 'accepted' | 'failed'; message_code: string | null; already_accepted: boolean }>(
      this.#pool,
      'SELECT key, hash, status, message_code, already_accepted FROM sf_payment_results WHERE key = ANY($1)',
      [keys],
    );
    for (const r of rows) {
      found.set(r.key, {
        key: r.key,
        hash: r.hash,
        status: r.status,
        ...(r.message_code !== null ? { messageCode: r.message_code } : {}),
        ...(r.already_accepted ? { alreadyAccepted: true } : {}),
      });
    }
    return found;
  }

  async nextDueAt(): Promise<number | null> {
    const { rows } = await query<{ at: string | null }>(
      this.#pool,
      `SELECT min(greatest(e.next_attempt_at, e.leased_until,
         CASE WHEN e.added_by = $1 OR e.attempts > 0 OR e.added_by IS NULL THEN 0 ELSE e.created_at + ${HANDOFF_MS} END)) AS at
       FROM sf_outbox e WHERE ${OLDEST_OF_ITS_ID}`,
      [this.#owner],
    );
    return rows[0]?.at == null ? null : Number(rows[0].at);
  }

  async size(): Promise<number> {
    const { rows } = await query<{ n: string }>(this.#pool, 'SELECT count(*) AS n FROM sf_outbox');
    return Number(rows[0]!.n);
  }

  async attemptsOf(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const { rows } = await query<{ id: string; attempts: number }>(this.#pool, 'SELECT id, attempts FROM sf_outbox WHERE id = ANY($1)', [ids]);
    return new Map(rows.map((r) => [r.id, Number(r.attempts)]));
  }

  async list(): Promise<OutboxEntry[]> {
    return (await query<OutboxRow>(this.#pool, 'SELECT * FROM sf_outbox ORDER BY seq')).rows.map(toEntry);
  }

  /** The pool belongs to the store (`PostgresStore.close`): the admin session uses it too. */
  async close(): Promise<void> {}
}

/** The admin session in a row; renewals serialised by a transaction-scoped advisory lock (freed if its holder dies). */
class PostgresAdminSession implements SharedAdminSession {
  readonly #pool: pg.Pool;
  readonly #name: string;

  constructor(pool: pg.Pool, name: string) {
    this.#pool = pool;
    this.#name = name;
  }

  async load(): Promise<AdminSession | null> {
    const { rows } = await query<{ session: AdminSession }>(this.#pool, 'SELECT session FROM sf_admin_session WHERE name = $1', [this.#name]);
    return rows[0]?.session ?? null;
  }

  async save(session: AdminSession): Promise<void> {
    await query(
      this.#pool,
      `INSERT INTO sf_admin_session (name, session) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET session = excluded.session, updated_at = now()`,
      [this.#name, JSON.stringify(session)],
    );
  }

  withLock<T>(renew: () => Promise<T>): Promise<T> {
    return transaction(this.#pool, async (client) => {
      // A holder that hangs longer than this is not waited for: the caller gets an error (503), not a stuck request.
      await client.query("SET LOCAL lock_timeout = '20s'");
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADMIN_LOCK, this.#name]);
      return renew();
    });
  }
}

async function query<R extends pg.QueryResultRow>(pool: pg.Pool | pg.PoolClient, text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
  try {
    return await pool.query<R>(text, values);
  } catch (error) {
    throw unavailable(error);
  }
}

async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw unavailable(error);
  }
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw unavailable(error);
  } finally {
    client.release(broken);
  }
}

/**
 * SQL errors in our own statements (syntax, constraint, data: classes 22, 23, 42) are bugs and stay
 * as they are; anything else (refused, reset, timed out, the server shutting down) means the store
 * is unavailable.
 */
function unavailable(error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(22|23|42)/.test(code)) return error;
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== undefined || /connect|terminat|timeout|ECONN|closed/i.test(error.message)) {
    return new StoreUnavailableError('PostgreSQL', error);
  }
  return error;
}
