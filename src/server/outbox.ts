/**
 * The payments outbox: what has to reach sauceFlex and has not been answered for yet, and what
 * sauceFlex answered (the delivery results). Behind a small interface so several backend instances
 * share one store (PostgreSQL, stores/postgres.ts) without touching the routes:
 *
 * - `add` stores new entries durably (resolves once they survive a crash). An id already pending is
 *   not added twice (`existing`, or `conflicts` when its payload differs); `behind` names the added
 *   entries that wait behind an older pending entry of their orderCallBackId.
 * - `claimDue` hands out entries whose time has come, each under a lease (so two workers never send
 *   the same entry at once) and counts the attempt durably *before* anything is sent. Only the
 *   first pending entry of an orderCallBackId is eligible (its report, then by arrival: `goesBefore`),
 *   so an update or a cancel never overtakes the report it applies to.
 * - `complete` forgets entries sauceFlex answered for (accepted, or refused for good) and stores
 *   their outcomes in the same step; `results` reads outcomes back by key, so an identical retry
 *   gets the stored outcome and a different payload for a known report is a conflict.
 * - `retryLater` releases the lease and sets the next attempt time.
 *
 * `MemoryOutbox` keeps everything in Maps (lost on restart: tests, or an explicit choice).
 * `FileOutbox` adds an append-only JSONL journal, fdatasync'd on every change, compacted by an
 * atomic rename, and locked to one process (`<file>.lock` holding the pid).
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, utimes, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { PaymentCancel, PaymentReport, PaymentUpdate } from '../api/models.js';

export type PaymentOp = 'report' | 'update' | 'cancel';
const OPS: readonly string[] = ['report', 'update', 'cancel'];

export type PaymentPayload<Op extends PaymentOp = PaymentOp> = Op extends 'report'
  ? PaymentReport
  : Op extends 'update'
    ? PaymentUpdate
    : PaymentCancel;

export interface NewOutboxEntry {
  /** Unique while pending: `report:<orderCallBackId>`, `update|cancel:<orderCallBackId>:<payload hash>` (see `entryId`). */
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

/** What sauceFlex answered for an entry, kept under `resultKey(entry)` with the payload's hash. */
export interface StoredOutcome {
  key: string;
  hash: string;
  status: 'accepted' | 'failed';
  messageCode?: string;
  alreadyAccepted?: boolean;
}

export interface AddResult {
  added: string[];
  /** Already pending with the same payload. */
  existing: string[];
  /** Already pending with a different payload (a report reused for another order). */
  conflicts: string[];
  /** Added, but behind an older pending entry of the same orderCallBackId. */
  behind: string[];
}

export interface Outbox {
  add(entries: NewOutboxEntry[]): Promise<AddResult>;
  claimDue(now: number, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  /** Forget these entries; store `outcomes` (by key) in the same durable step. */
  complete(ids: string[], outcomes?: StoredOutcome[]): Promise<void>;
  retryLater(items: { id: string; nextAttemptAt: number; lastError: string }[]): Promise<void>;
  /** Stored outcomes by key (see `resultKey`). */
  results(keys: string[]): Promise<Map<string, StoredOutcome>>;
  /** Delivery attempts started so far for these entries, by id; an entry no longer pending is absent. */
  attemptsOf(ids: string[]): Promise<Map<string, number>>;
  /** When the next eligible entry becomes due (ms since epoch), or null when nothing is pending. */
  nextDueAt(): Promise<number | null>;
  /** Pending entries. */
  size(): Promise<number>;
  /** A copy of every pending entry, in order (inspection and tests). */
  list(): Promise<OutboxEntry[]>;
  close(): Promise<void>;
}

/** SHA-256 of the payload's JSON with sorted keys: equal payloads, equal hashes, whatever the key order. */
export function payloadHash(payload: object): string {
  const sorted = Object.fromEntries(Object.entries(payload).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

/** A report is one per orderCallBackId; an update or cancel is one per payload (an identical retry is the same entry). */
export function entryId(op: PaymentOp, orderCallBackId: string, payload: object): string {
  return op === 'report' ? `report:${orderCallBackId}` : `${op}:${orderCallBackId}:${payloadHash(payload)}`;
}

/** Where an entry's outcome is kept: its id (a report's id is per orderCallBackId, so a different payload finds it). */
export function resultKey(entry: Pick<NewOutboxEntry, 'id'>): string {
  return entry.id;
}

/**
 * Delivery order within one orderCallBackId: its report first (an update or cancel that arrived
 * earlier, through another instance, would only be refused FA1031), then by arrival.
 */
export function goesBefore(a: Pick<OutboxEntry, 'orderCallBackId' | 'op' | 'seq'>, b: Pick<OutboxEntry, 'orderCallBackId' | 'op' | 'seq'>): boolean {
  if (a.orderCallBackId !== b.orderCallBackId || a === b) return false;
  const rank = (e: Pick<OutboxEntry, 'op'>) => (e.op === 'report' ? 0 : 1);
  return rank(a) !== rank(b) ? rank(a) < rank(b) : a.seq < b.seq;
}

/** Outcomes kept per store (oldest forgotten first): enough for any retry a shop makes. */
export const RESULTS_KEPT = 100_000;

type JournalRecord = { put: OutboxEntry } | { del: string[] } | { res: StoredOutcome };

/** The in-memory outbox; also the state machine the file outbox journals. */
export class MemoryOutbox implements Outbox {
  protected readonly entries = new Map<string, OutboxEntry>();
  protected seq = 0;
  protected closed = false;

  protected readonly outcomes = new Map<string, StoredOutcome>();

  async add(entries: NewOutboxEntry[]): Promise<AddResult> {
    await this.ready();
    this.assertOpen();
    const added: OutboxEntry[] = [];
    const existing: string[] = [];
    const conflicts: string[] = [];
    const fresh = new Map<string, NewOutboxEntry>();
    for (const e of entries) {
      const pending = this.entries.get(e.id) ?? fresh.get(e.id);
      if (pending) {
        (payloadHash(pending.payload) === payloadHash(e.payload) ? existing : conflicts).push(e.id);
        continue;
      }
      fresh.set(e.id, e);
      added.push({ ...e, seq: ++this.seq, attempts: 0, leasedUntil: 0 });
    }
    const behind = added.filter((a) => [...this.entries.values(), ...added].some((o) => goesBefore(o, a))).map((a) => a.id);
    for (const entry of added) this.entries.set(entry.id, entry);
    try {
      await this.persist(added.map((put) => ({ put })));
    } catch (error) {
      for (const entry of added) this.entries.delete(entry.id);
      throw error;
    }
    return { added: added.map((e) => e.id), existing, conflicts, behind };
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

  async complete(ids: string[], outcomes: StoredOutcome[] = []): Promise<void> {
    await this.ready();
    this.assertOpen();
    const gone = ids.filter((id) => this.entries.delete(id));
    for (const outcome of outcomes) this.remember(outcome);
    // Outcomes first: a crash between the two lines resends an entry whose outcome is known (harmless), never the reverse.
    const records: JournalRecord[] = outcomes.map((res) => ({ res }));
    if (gone.length) records.push({ del: gone });
    await this.persist(records);
  }

  async results(keys: string[]): Promise<Map<string, StoredOutcome>> {
    await this.ready();
    const found = new Map<string, StoredOutcome>();
    for (const key of keys) {
      const outcome = this.outcomes.get(key);
      if (outcome) found.set(key, { ...outcome });
    }
    return found;
  }

  async attemptsOf(ids: string[]): Promise<Map<string, number>> {
    await this.ready();
    const found = new Map<string, number>();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry) found.set(id, entry.attempts);
    }
    return found;
  }

  /** Keep an outcome (newest last, bounded). */
  protected remember(outcome: StoredOutcome): void {
    this.outcomes.delete(outcome.key);
    this.outcomes.set(outcome.key, { ...outcome });
    while (this.outcomes.size > RESULTS_KEPT) {
      const oldest = this.outcomes.keys().next().value;
      if (oldest === undefined) break;
      this.outcomes.delete(oldest);
    }
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

  /** The first pending entry of each orderCallBackId (see `goesBefore`), in seq order. */
  protected *eligible(): Iterable<OutboxEntry> {
    const first = new Map<string, OutboxEntry>();
    for (const entry of this.entries.values()) {
      const held = first.get(entry.orderCallBackId);
      if (!held || goesBefore(entry, held)) first.set(entry.orderCallBackId, entry);
    }
    yield* [...first.values()].sort((a, b) => a.seq - b.seq);
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
  /** Rewrite the journal once it holds this many records and four times more than are kept. Default 1000. */
  compactAfter?: number;
  /** Told about a torn or unreadable journal line that was skipped at load. */
  onWarning?: (message: string) => void;
}

/** Another live process holds the outbox file: two writers would lose and duplicate reports. */
export class OutboxLockedError extends Error {
  override name = 'OutboxLockedError';
  readonly pid: number;
  constructor(file: string, pid: number) {
    super(
      `The payments outbox ${file} is in use by process ${pid}. One process per outbox file: stop that one, ` +
        'give this one its own SF_OUTBOX_FILE, or share PostgreSQL (SF_DATABASE_URL) between instances.',
    );
    this.pid = pid;
  }
}

/**
 * The outbox in a JSONL journal: `{"put":entry}`, `{"del":[ids]}` and `{"res":outcome}` lines,
 * appended and fdatasync'd before a call resolves. At load the lock file `<file>.lock` is taken
 * (created exclusively with our pid; one left by a dead process is taken over), the journal is
 * replayed (a torn last line from a crash is cut off, a line of the wrong shape skipped with a
 * warning), leases of the previous process are released and every pending entry is due at once.
 */
export class FileOutbox extends MemoryOutbox {
  readonly file: string;
  readonly lockFile: string;
  readonly #compactAfter: number;
  readonly #onWarning: (message: string) => void;
  #handle: FileHandle | null = null;
  #locked = false;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #loading: Promise<void> | null = null;
  /** Serialises journal writes (and compaction) in call order. */
  #chain: Promise<void> = Promise.resolve();
  #records = 0;

  constructor(file: string, options: FileOutboxOptions = {}) {
    super();
    this.file = resolve(file);
    this.lockFile = `${this.file}.lock`;
    this.#compactAfter = options.compactAfter ?? 1000;
    this.#onWarning = options.onWarning ?? (() => {});
  }

  protected override ready(): Promise<void> {
    this.#loading ??= this.#load();
    return this.#loading;
  }

  async #load(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await this.#lock();
    let handle: FileHandle;
    try {
      handle = await open(this.file, 'a+', 0o600);
    } catch (error) {
      await this.#unlock();
      throw error;
    }
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
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          parsed = undefined;
        }
        const record = journalRecord(parsed);
        if (!record) {
          this.#onWarning(`outbox ${this.file}: skipped line ${i + 1}, not a journal record of the expected shape`);
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
      await this.#unlock();
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

  /**
   * Take `<file>.lock` (O_EXCL; our pid and host inside), and touch it every few seconds while held.
   * A lock is stale, and taken over, when its process is gone (same host, pid not alive, or our own
   * pid but not held in this process: a restarted container often gets the same pid) or when it has
   * not been touched for `LOCK_STALE_MS` (a reused pid, another host). A live one refuses with
   * `OutboxLockedError`.
   */
  async #lock(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(this.lockFile, 'wx', 0o600);
        try {
          await handle.writeFile(`${JSON.stringify({ pid: process.pid, host: hostname() })}\n`, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        this.#locked = true;
        HELD_LOCKS.add(this.lockFile);
        this.#heartbeat = setInterval(() => {
          const now = new Date();
          utimes(this.lockFile, now, now).catch(() => {});
        }, LOCK_TOUCH_MS);
        this.#heartbeat.unref();
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readLock(this.lockFile);
      if (holder && !lockIsStale(this.lockFile, holder)) throw new OutboxLockedError(this.file, holder.pid);
      this.#onWarning(`outbox ${this.file}: took over a stale lock${holder ? ` of process ${holder.pid} on ${holder.host}` : ''}`);
      await unlink(this.lockFile).catch(() => {});
    }
    throw new Error(`Could not take the outbox lock ${this.lockFile}`);
  }

  async #unlock(): Promise<void> {
    if (!this.#locked) return;
    this.#locked = false;
    clearInterval(this.#heartbeat);
    HELD_LOCKS.delete(this.lockFile);
    await unlink(this.lockFile).catch(() => {});
  }

  #apply(record: JournalRecord): void {
    if ('put' in record) {
      this.entries.set(record.put.id, record.put);
      if (record.put.seq > this.seq) this.seq = record.put.seq;
    } else if ('del' in record) {
      for (const id of record.del) this.entries.delete(id);
    } else {
      this.remember(record.res);
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
      const kept = this.entries.size + this.outcomes.size;
      if (this.#records >= this.#compactAfter && this.#records > 4 * kept) await this.#compact();
    });
    this.#chain = run.catch(() => {});
    return run;
  }

  /** Rewrite the journal with only what is kept: temp file, fsync, rename, fsync the directory. */
  async #compact(): Promise<void> {
    const tmp = `${this.file}.compact.tmp`;
    const entries = [...this.entries.values()].sort((a, b) => a.seq - b.seq);
    const lines = [...[...this.outcomes.values()].map((res) => JSON.stringify({ res })), ...entries.map((put) => JSON.stringify({ put }))];
    const out = await open(tmp, 'w', 0o600);
    try {
      await out.writeFile(lines.join('\n') + (lines.length ? '\n' : ''), 'utf8');
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, this.file);
    await syncDirectory(dirname(this.file));
    await this.#handle?.close();
    this.#handle = await open(this.file, 'a+', 0o600);
    this.#records = lines.length;
  }

  /** Number of journal records (tests check compaction with it). */
  get journalRecords(): number {
    return this.#records;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    const loaded = await this.ready().then(
      () => true,
      () => false,
    );
    this.closed = true;
    if (!loaded) return;
    await this.#chain;
    const handle = this.#handle;
    this.#handle = null;
    if (handle) {
      await handle.sync().catch(() => {});
      await handle.close();
    }
    await this.#unlock();
  }
}

/** The holder touches its lock this often; one untouched for LOCK_STALE_MS is stale whatever its pid. */
const LOCK_TOUCH_MS = 5_000;
const LOCK_STALE_MS = 30_000;
/** Lock files held by this process (a second outbox on the same file in one process is refused too). */
const HELD_LOCKS = new Set<string>();

interface LockHolder {
  pid: number;
  host: string;
  touchedAt: number;
}

/** The lock's holder, or undefined for a lock file torn before its content was written. */
async function readLock(file: string): Promise<LockHolder | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, touchedAt: info.mtimeMs };
  } catch {
    return undefined;
  }
}

function lockIsStale(file: string, holder: LockHolder): boolean {
  if (Date.now() - holder.touchedAt > LOCK_STALE_MS) return true;
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !HELD_LOCKS.has(file);
  return !processAlive(holder.pid);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** A parsed journal line if it has the shape this file writes, else undefined (skipped with a warning). */
function journalRecord(value: unknown): JournalRecord | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const v = value as Record<string, unknown>;
  if ('del' in v) return Array.isArray(v.del) && v.del.every(isText) ? (v as { del: string[] }) : undefined;
  if ('res' in v) {
    const r = v.res as Partial<StoredOutcome> | null;
    const ok = typeof r === 'object' && r !== null && isText(r.key) && isText(r.hash) && (r.status === 'accepted' || r.status === 'failed');
    return ok ? { res: r as StoredOutcome } : undefined;
  }
  if ('put' in v) {
    const e = v.put as Partial<OutboxEntry> | null;
    const ok =
      typeof e === 'object' &&
      e !== null &&
      isText(e.id) &&
      typeof e.op === 'string' &&
      OPS.includes(e.op) &&
      isText(e.orderCallBackId) &&
      typeof e.payload === 'object' &&
      e.payload !== null &&
      !Array.isArray(e.payload) &&
      isNumber(e.seq) &&
      isNumber(e.attempts) &&
      isNumber(e.createdAt) &&
      isNumber(e.nextAttemptAt) &&
      isNumber(e.leasedUntil);
    return ok ? { put: e as OutboxEntry } : undefined;
  }
  return undefined;
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
