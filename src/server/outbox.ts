/**
 * The payments outbox: what has to reach sauceFlex and has not been answered for yet. Behind a
 * small interface so a shop with several backend instances can replace the embedded stores with a
 * shared one (PostgreSQL, Redis) without touching the routes:
 *
 * - `add` stores new entries durably (resolves once they survive a crash); an id already pending
 *   is not added twice.
 * - `claimDue` hands out entries whose time has come, each under a lease (so two workers never send
 *   the same entry at once) and counts the attempt durably *before* anything is sent. Only the
 *   oldest pending entry of an orderCallBackId is eligible, so an update or a cancel never overtakes
 *   the report it applies to. (SQL: `UPDATE … WHERE id IN (SELECT … WHERE next_attempt_at <= now AND
 *   leased_until <= now AND NOT EXISTS (older entry, same order_callback_id) ORDER BY seq LIMIT n
 *   FOR UPDATE SKIP LOCKED) RETURNING *`.)
 * - `complete` forgets entries sauceFlex answered for (accepted, or refused for good).
 * - `retryLater` releases the lease and sets the next attempt time.
 *
 * `MemoryOutbox` keeps everything in a Map (lost on restart: tests, or an explicit choice).
 * `FileOutbox` adds an append-only JSONL journal, fdatasync'd on every change and compacted by an
 * atomic rename, so a restart (or a crash) loses nothing.
 */
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { PaymentCancel, PaymentReport, PaymentUpdate } from '../api/models.js';

export type PaymentOp = 'report' | 'update' | 'cancel';

export type PaymentPayload<Op extends PaymentOp = PaymentOp> = Op extends 'report'
  ? PaymentReport
  : Op extends 'update'
    ? PaymentUpdate
    : PaymentCancel;

export interface NewOutboxEntry {
  /** Unique while pending; a report's id is `report:<orderCallBackId>`, so a repeat is not queued twice. */
  id: string;
  op: PaymentOp;
  orderCallBackId: string;
  payload: PaymentReport | PaymentUpdate | PaymentCancel;
  /** ms since epoch. */
  createdAt: number;
  nextAttemptAt: number;
}

export interface OutboxEntry extends NewOutboxEntry {
  /** Order of arrival, assigned by the outbox. */
  seq: number;
  /** Delivery attempts started, counted when claimed (so > 1 means an earlier one may have arrived). */
  attempts: number;
  /** ms since epoch until which a worker holds this entry; 0 when free. */
  leasedUntil: number;
  lastError?: string;
}

export interface Outbox {
  add(entries: NewOutboxEntry[]): Promise<{ added: string[]; existing: string[] }>;
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  complete(ids: string[]): Promise<void>;
  retryLater(items: { id: string; nextAttemptAt: number; lastError: string }[]): Promise<void>;
  /** When the next eligible entry becomes due (ms since epoch), or null when nothing is pending. */
  nextDueAt(): Promise<number | null>;
  /** Pending entries. */
  size(): Promise<number>;
  /** A copy of every pending entry, in order (inspection and tests). */
  list(): Promise<OutboxEntry[]>;
  close(): Promise<void>;
}

type JournalRecord = { put: OutboxEntry } | { del: string[] };

/** The in-memory outbox; also the state machine the file outbox journals. */
export class MemoryOutbox implements Outbox {
  protected readonly entries = new Map<string, OutboxEntry>();
  protected seq = 0;
  protected closed = false;

  async add(entries: NewOutboxEntry[]): Promise<{ added: string[]; existing: string[] }> {
    await this.ready();
    this.assertOpen();
    const added: OutboxEntry[] = [];
    const existing: string[] = [];
    const ids = new Set<string>();
    for (const e of entries) {
      if (this.entries.has(e.id) || ids.has(e.id)) {
        existing.push(e.id);
        continue;
      }
      ids.add(e.id);
      added.push({ ...e, seq: ++this.seq, attempts: 0, leasedUntil: 0 });
    }
    for (const entry of added) this.entries.set(entry.id, entry);
    try {
      await this.persist(added.map((put) => ({ put })));
    } catch (error) {
      for (const entry of added) this.entries.delete(entry.id);
      throw error;
    }
    return { added: added.map((e) => e.id), existing };
  }

  async claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    await this.ready();
    this.assertOpen();
    const claimed: OutboxEntry[] = [];
    for (const entry of this.eligible()) {
      if (claimed.length >= limit) break;
      if (entry.nextAttemptAt > now || entry.leasedUntil > now) continue;
      entry.attempts += 1;
      entry.leasedUntil = now + leaseMs;
      claimed.push(entry);
    }
    await this.persist(claimed.map((e) => ({ put: { ...e } })));
    return claimed.map((e) => ({ ...e }));
  }

  async complete(ids: string[]): Promise<void> {
    await this.ready();
    this.assertOpen();
    const gone = ids.filter((id) => this.entries.delete(id));
    if (gone.length) await this.persist([{ del: gone }]);
  }

  async retryLater(items: { id: string; nextAttemptAt: number; lastError: string }[]): Promise<void> {
    await this.ready();
    this.assertOpen();
    const changed: OutboxEntry[] = [];
    for (const item of items) {
      const entry = this.entries.get(item.id);
      if (!entry) continue;
      entry.nextAttemptAt = item.nextAttemptAt;
      entry.leasedUntil = 0;
      entry.lastError = item.lastError.slice(0, 300);
      changed.push(entry);
    }
    await this.persist(changed.map((e) => ({ put: { ...e } })));
  }

  async nextDueAt(): Promise<number | null> {
    await this.ready();
    let next: number | null = null;
    for (const entry of this.eligible()) {
      const at = Math.max(entry.nextAttemptAt, entry.leasedUntil);
      if (next === null || at < next) next = at;
    }
    return next;
  }

  async size(): Promise<number> {
    await this.ready();
    return this.entries.size;
  }

  async list(): Promise<OutboxEntry[]> {
    await this.ready();
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq).map((e) => ({ ...e }));
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Oldest pending entry of each orderCallBackId, in seq order. */
  protected *eligible(): Iterable<OutboxEntry> {
    const seen = new Set<string>();
    for (const entry of [...this.entries.values()].sort((a, b) => a.seq - b.seq)) {
      if (seen.has(entry.orderCallBackId)) continue;
      seen.add(entry.orderCallBackId);
      yield entry;
    }
  }

  protected assertOpen(): void {
    if (this.closed) throw new Error('The outbox is closed');
  }

  /** Make `records` durable. Memory: nothing to do. */
  protected async persist(_records: JournalRecord[]): Promise<void> {}

  /** Resolves once the store is loaded. Memory: at once. */
  protected async ready(): Promise<void> {}
}

export interface FileOutboxOptions {
  /** Rewrite the journal once it holds this many records and four times more than are pending. Default 1000. */
  compactAfter?: number;
  /** Told about a torn or unreadable journal line that was skipped at load. */
  onWarning?: (message: string) => void;
}

/**
 * The outbox in a JSONL journal: `{"put":entry}` and `{"del":[ids]}` lines, appended and fdatasync'd
 * before a call resolves. At load the journal is replayed (a torn last line from a crash is cut off),
 * leases of the previous process are released and every pending entry is due at once. One process
 * per file.
 */
export class FileOutbox extends MemoryOutbox {
  readonly file: string;
  readonly #compactAfter: number;
  readonly #onWarning: (message: string) => void;
  #handle: FileHandle | null = null;
  #loading: Promise<void> | null = null;
  /** Serialises journal writes (and compaction) in call order. */
  #chain: Promise<void> = Promise.resolve();
  #records = 0;

  constructor(file: string, options: FileOutboxOptions = {}) {
    super();
    this.file = resolve(file);
    this.#compactAfter = options.compactAfter ?? 1000;
    this.#onWarning = options.onWarning ?? (() => {});
  }

  protected override ready(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const handle = await open(this.file, 'a+', 0o600);
    try {
      const bytes = await handle.readFile();
      // Every record is written with its newline; a last line without one was never acknowledged
      // (the crash came before fdatasync returned), so nothing was done on its strength: drop it.
      const goodLength = bytes.lastIndexOf(0x0a) + 1;
      const lines = bytes.subarray(0, goodLength).toString('utf8').split('\n');
      if (goodLength < bytes.length) {
        this.#onWarning(`outbox ${this.file}: cut off a torn last line (a crash during a write)`);
      }
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        if (line.trim() === '') continue;
        let record: JournalRecord | undefined;
        try {
          record = JSON.parse(line) as JournalRecord;
        } catch {
          record = undefined;
        }
        if (record === undefined || typeof record !== 'object' || record === null || (!('put' in record) && !('del' in record))) {
          this.#onWarning(`outbox ${this.file}: skipped unreadable line ${i + 1}`);
          continue;
        }
        this.#apply(record);
        this.#records++;
      }
      if (goodLength < bytes.length) {
        await handle.truncate(goodLength);
        await handle.datasync();
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    // The previous process is gone: its leases mean nothing now. And a restart is often the fix
    // (configuration, network), so everything pending is due at once instead of after its backoff.
    for (const entry of this.entries.values()) {
      entry.leasedUntil = 0;
      entry.nextAttemptAt = 0;
    }
    this.#handle = handle;
  }

  #apply(record: JournalRecord): void {
    if ('put' in record) {
      this.entries.set(record.put.id, record.put);
      if (record.put.seq > this.seq) this.seq = record.put.seq;
    } else {
      for (const id of record.del) this.entries.delete(id);
    }
  }

  protected override persist(records: JournalRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const run = this.#chain.then(async () => {
      const handle = this.#handle;
      if (!handle) throw new Error('The outbox is closed');
      await handle.appendFile(text, 'utf8');
      await handle.datasync();
      this.#records += records.length;
      if (this.#records >= this.#compactAfter && this.#records > 4 * this.entries.size) await this.#compact();
    });
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Rewrite the journal with only what is pending: temp file, fsync, rename, fsync the directory. */
  async #compact(): Promise<void> {
    const tmp = `${this.file}.compact.tmp`;
    const entries = [...this.entries.values()].sort((a, b) => a.seq - b.seq);
    const out = await open(tmp, 'w', 0o600);
    try {
      await out.writeFile(entries.map((put) => JSON.stringify({ put })).join('\n') + (entries.length ? '\n' : ''), 'utf8');
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, this.file);
    await syncDirectory(dirname(this.file));
    await this.#handle?.close();
    this.#handle = await open(this.file, 'a+', 0o600);
    this.#records = entries.length;
  }

  /** Number of journal records (tests check compaction with it). */
  get journalRecords(): number {
    return this.#records;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    await this.ready().catch(() => {});
    this.closed = true;
    await this.#chain;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) {
      await handle.sync().catch(() => {});
      await handle.close();
    }
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  } finally {
    await handle?.close();
  }
}
