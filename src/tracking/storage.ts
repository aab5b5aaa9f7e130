/**
 * Where orderCallBackIds are kept between the click and the checkout: localStorage under one key,
 * bounded (the newest `max` records) and expiring (`ttlMs` after the last thing that happened to a
 * record), read afresh on every call so several tabs of one shop see each other's clicks.
 *
 * It never throws. Storage that is blocked (the `localStorage` getter throws in some privacy modes
 * and sandboxed frames), full (`QuotaExceededError`: the oldest half is dropped and the write tried
 * once more), missing or holding garbage falls back to memory: the page goes on working, and what
 * this page learned is kept in memory for as long as it is open. Reads are the union of both, so a
 * record that only reached memory is never hidden by an older copy in storage.
 */

/** One product click and what became of it on this site. */
export interface TrackedClick {
  /** The UUID sent to the shop in the product URL and reported back with the purchase. */
  orderCallBackId: string;
  /** sauceFlex's product id. */
  productId?: string;
  /** The shop's own product code (`externalProductId`), when the product has one. */
  externalProductId?: string;
  /** The broadcast the product was clicked in. */
  broadcastId?: string;
  /** ISO 8601, when the shopper clicked (for an id that arrived in a URL from elsewhere: when it arrived). */
  clickedAt: string;
  /** ISO 8601, when a page of this shop received the id in its URL (the landing). */
  landedAt?: string;
}

export interface RecordStoreOptions {
  /** localStorage key. Default `sf:orderCallBackIds`. */
  key?: string;
  /** Most records kept; the oldest go first. Default 50. */
  max?: number;
  /** A record is forgotten this long after its click or landing, whichever is later. Default 7 days. */
  ttlMs?: number;
  /** Where to keep records; called on every access, so a getter that throws counts as "blocked". */
  storage?: () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null | undefined;
  now?: () => number;
}

export const DEFAULT_KEY = 'sf:orderCallBackIds';
export const DEFAULT_MAX = 50;
export const DEFAULT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_FIELD = 200;

export class RecordStore {
  readonly key: string;
  readonly max: number;
  readonly ttlMs: number;
  private readonly storage: NonNullable<RecordStoreOptions['storage']>;
  private readonly now: () => number;
  /** Everything this page wrote, newest first: the fallback, and the part storage may have missed. */
  private memory: TrackedClick[] = [];
  /** Ids removed on this page, so a copy left in storage (a failed write) does not come back. */
  private readonly removed = new Set<string>();
  private warned = false;

  constructor(options: RecordStoreOptions = {}) {
    this.key = options.key ?? DEFAULT_KEY;
    this.max = Math.max(1, Math.floor(options.max ?? DEFAULT_MAX));
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.storage = options.storage ?? (() => globalThis.localStorage);
    this.now = options.now ?? Date.now;
  }

  /** Live records, newest first. */
  list(): TrackedClick[] {
    const stored = this.readStorage() ?? [];
    const byId = new Map<string, TrackedClick>();
    for (const record of [...stored, ...this.memory]) {
      const id = record.orderCallBackId.toLowerCase();
      if (this.removed.has(id)) continue;
      const known = byId.get(id);
      byId.set(id, known ? merge(known, record) : record);
    }
    return this.prune([...byId.values()]);
  }

  /** Add a record, or merge it into the one with the same id (fields given win). */
  put(record: TrackedClick): void {
    const clean = sanitize(record);
    if (!clean) return;
    const id = clean.orderCallBackId.toLowerCase();
    this.removed.delete(id);
    const list = this.list();
    const index = list.findIndex((r) => r.orderCallBackId.toLowerCase() === id);
    if (index >= 0) list[index] = merge(list[index]!, clean);
    else list.push(clean);
    this.write(list);
  }

  remove(orderCallBackId: string): void {
    const id = orderCallBackId.toLowerCase();
    this.removed.add(id);
    this.write(this.list().filter((r) => r.orderCallBackId.toLowerCase() !== id));
  }

  clear(): void {
    for (const record of this.list()) this.removed.add(record.orderCallBackId.toLowerCase());
    this.memory = [];
    try {
      this.storage()?.removeItem(this.key);
    } catch {
      // blocked: memory is already empty
    }
  }

  /** Newest first, expired dropped, at most `max`. */
  private prune(list: TrackedClick[]): TrackedClick[] {
    const now = this.now();
    return list
      .filter((r) => lastTouched(r) + this.ttlMs > now)
      .sort((a, b) => lastTouched(b) - lastTouched(a))
      .slice(0, this.max);
  }

  private readStorage(): TrackedClick[] | undefined {
    let raw: string | null | undefined;
    try {
      raw = this.storage()?.getItem(this.key);
    } catch (error) {
      this.warnOnce('cannot read localStorage', error);
      return undefined;
    }
    if (!raw) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      const items = Array.isArray((parsed as { records?: unknown })?.records) ? (parsed as { records: unknown[] }).records : [];
      return items.map(sanitize).filter((r): r is TrackedClick => r !== undefined);
    } catch {
      return undefined; // not ours, or damaged: overwritten by the next write
    }
  }

  private write(list: TrackedClick[]): void {
    const records = this.prune(list);
    this.memory = records;
    let storage: ReturnType<RecordStore['storage']>;
    try {
      storage = this.storage();
    } catch (error) {
      this.warnOnce('localStorage is blocked; keeping orderCallBackIds in memory for this page', error);
      return;
    }
    if (!storage) return;
    // Full: the oldest half goes, then all but the newest; memory keeps everything either way.
    for (const keep of [records.length, Math.ceil(records.length / 2), Math.min(1, records.length)]) {
      try {
        storage.setItem(this.key, JSON.stringify({ v: 1, records: records.slice(0, keep) }));
        return;
      } catch (error) {
        if (!isQuotaError(error)) {
          this.warnOnce('cannot write localStorage; keeping orderCallBackIds in memory for this page', error);
          return;
        }
      }
    }
    this.warnOnce('localStorage is full; keeping orderCallBackIds in memory for this page');
  }

  private warnOnce(message: string, error?: unknown): void {
    if (this.warned) return;
    this.warned = true;
    console.warn(`[sauceflex] tracking: ${message}`, error instanceof Error ? error.message : '');
  }
}

function lastTouched(record: TrackedClick): number {
  const clicked = Date.parse(record.clickedAt);
  const landed = record.landedAt ? Date.parse(record.landedAt) : Number.NaN;
  return Math.max(Number.isNaN(clicked) ? 0 : clicked, Number.isNaN(landed) ? 0 : landed);
}

/** `b`'s fields over `a`'s, keeping the earliest click time (a landing never moves the click). */
function merge(a: TrackedClick, b: TrackedClick): TrackedClick {
  const merged: TrackedClick = { ...a };
  for (const [key, value] of Object.entries(b) as [keyof TrackedClick, string | undefined][]) {
    if (value !== undefined) merged[key] = value;
  }
  if (Date.parse(a.clickedAt) < Date.parse(b.clickedAt)) merged.clickedAt = a.clickedAt;
  return merged;
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException &&
    (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22 || error.code === 1014)
  );
}

/** A record as stored, or undefined when it is not one (storage is shared with the whole site). */
function sanitize(value: unknown): TrackedClick | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.orderCallBackId !== 'string' || !UUID.test(v.orderCallBackId)) return undefined;
  if (typeof v.clickedAt !== 'string' || Number.isNaN(Date.parse(v.clickedAt))) return undefined;
  const record: TrackedClick = { orderCallBackId: v.orderCallBackId, clickedAt: v.clickedAt };
  for (const key of ['productId', 'externalProductId', 'broadcastId'] as const) {
    const field = v[key];
    if (typeof field === 'string' && field !== '' && field.length <= MAX_FIELD) record[key] = field;
  }
  if (typeof v.landedAt === 'string' && !Number.isNaN(Date.parse(v.landedAt))) record.landedAt = v.landedAt;
  return record;
}
