import { expect } from '@open-wc/testing';
import { RecordStore, type TrackedClick } from '../../src/tracking/storage.js';
import { createTracking } from '../../src/tracking/tracking.js';

const KEY = 'sf:test:storage';
const DAY = 24 * 60 * 60 * 1000;

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function click(n: number, at: number, extra: Partial<TrackedClick> = {}): TrackedClick {
  return { orderCallBackId: uuid(n), productId: `p-${n}`, clickedAt: new Date(at).toISOString(), ...extra };
}

/** A Storage that holds at most `capacity` characters and then throws QuotaExceededError, as browsers do. */
class FullStorage {
  readonly data = new Map<string, string>();
  writes = 0;
  constructor(public capacity: number) {}
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.writes++;
    if (value.length > this.capacity) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

describe('tracking: bounded storage with expiry', () => {
  let warn: typeof console.warn;
  beforeEach(() => {
    localStorage.removeItem(KEY);
    warn = console.warn;
    console.warn = () => {};
  });
  afterEach(() => {
    console.warn = warn;
    localStorage.removeItem(KEY);
  });

  it('survives a reload: a new store on the same key reads what the first wrote', () => {
    const now = Date.now();
    new RecordStore({ key: KEY }).put(click(1, now, { broadcastId: 'b-1', externalProductId: 'MBD-1001' }));
    const afterReload = new RecordStore({ key: KEY });
    expect(afterReload.list()).to.deep.equal([click(1, now, { broadcastId: 'b-1', externalProductId: 'MBD-1001' })]);
    expect(JSON.parse(localStorage.getItem(KEY)!).records).to.have.length(1);
  });

  it('keeps only the newest `max` records', () => {
    const store = new RecordStore({ key: KEY, max: 5 });
    const now = Date.now();
    for (let i = 1; i <= 12; i++) store.put(click(i, now + i));
    const ids = store.list().map((r) => r.orderCallBackId);
    expect(ids).to.deep.equal([12, 11, 10, 9, 8].map(uuid));
    expect(JSON.parse(localStorage.getItem(KEY)!).records).to.have.length(5);
  });

  it('forgets records after their time to live, counted from the later of click and landing', () => {
    let now = Date.UTC(2026, 0, 1);
    const store = new RecordStore({ key: KEY, ttlMs: DAY, now: () => now });
    store.put(click(1, now));
    store.put(click(2, now, { landedAt: new Date(now + 20 * 60 * 60 * 1000).toISOString() }));
    now += DAY + 1;
    expect(store.list().map((r) => r.orderCallBackId)).to.deep.equal([uuid(2)]);
    now += DAY;
    expect(store.list()).to.deep.equal([]);
  });

  it('merges a second write for the same id, keeping the first click time', () => {
    const store = new RecordStore({ key: KEY });
    const t = Date.now();
    store.put(click(1, t, { broadcastId: 'b-1' }));
    store.put({ orderCallBackId: uuid(1).toUpperCase(), clickedAt: new Date(t + 5000).toISOString(), landedAt: new Date(t + 5000).toISOString(), externalProductId: 'X' });
    const [record, ...rest] = store.list();
    expect(rest).to.have.length(0);
    expect(record).to.include({ broadcastId: 'b-1', externalProductId: 'X', clickedAt: new Date(t).toISOString() });
  });

  it('drops what is not a record (the key is shared with the whole site) and survives garbage JSON', () => {
    localStorage.setItem(KEY, '{not json');
    const store = new RecordStore({ key: KEY });
    expect(store.list()).to.deep.equal([]);
    localStorage.setItem(KEY, JSON.stringify({ v: 1, records: [{ orderCallBackId: 'x', clickedAt: 'y' }, 5, null, click(3, Date.now(), { productId: 'p'.repeat(500) })] }));
    const list = store.list();
    expect(list).to.have.length(1);
    expect(list[0]!.orderCallBackId).to.equal(uuid(3));
    expect(list[0]!.productId).to.equal(undefined);
  });

  it('storage full (QuotaExceededError): drops the oldest half to fit, keeps everything in memory, never throws', () => {
    const storage = new FullStorage(1200);
    const store = new RecordStore({ key: KEY, storage: () => storage });
    const now = Date.now();
    for (let i = 1; i <= 20; i++) expect(() => store.put(click(i, now + i))).not.to.throw();
    // Storage holds what fits (the newest); the page still sees all 20.
    const stored = JSON.parse(storage.getItem(KEY)!).records as TrackedClick[];
    expect(stored.length).to.be.greaterThan(0).and.lessThan(20);
    expect(stored[0]!.orderCallBackId).to.equal(uuid(20));
    expect(store.list()).to.have.length(20);
  });

  it('storage completely full: memory only, reads and writes go on', () => {
    const storage = new FullStorage(0);
    const store = new RecordStore({ key: KEY, storage: () => storage });
    store.put(click(1, Date.now()));
    store.put(click(2, Date.now() + 1));
    expect(storage.data.size).to.equal(0);
    expect(store.list().map((r) => r.orderCallBackId)).to.deep.equal([uuid(2), uuid(1)]);
    store.remove(uuid(2));
    expect(store.list().map((r) => r.orderCallBackId)).to.deep.equal([uuid(1)]);
  });

  it('storage blocked (the getter throws SecurityError): memory only, never throws', () => {
    const store = new RecordStore({
      key: KEY,
      storage: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    expect(() => store.put(click(1, Date.now()))).not.to.throw();
    expect(store.list().map((r) => r.orderCallBackId)).to.deep.equal([uuid(1)]);
    expect(() => store.remove(uuid(1))).not.to.throw();
    expect(() => store.clear()).not.to.throw();
    expect(store.list()).to.deep.equal([]);
  });

  it('window.localStorage itself blocked: the default tracking works from memory', () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Access is denied for this document.', 'SecurityError');
      },
    });
    try {
      expect(() => window.localStorage).to.throw();
      const t = createTracking({ key: KEY, pageUrl: () => undefined });
      const result = t.click({ productId: 'p-1', redirectUrl: 'https://shop.example/p?id=1' });
      expect(result!.url).to.contain(`orderCallBackId=${result!.click.orderCallBackId}`);
      expect(t.forProduct('p-1')?.orderCallBackId).to.equal(result!.click.orderCallBackId);
    } finally {
      Object.defineProperty(window, 'localStorage', descriptor);
    }
    expect(window.localStorage).to.equal(localStorage);
  });

  it('a write that fails for another reason (setItem throws a non-quota error) falls back too', () => {
    const storage = { getItem: () => null, setItem: () => { throw new Error('disk on fire'); }, removeItem: () => {} };
    const store = new RecordStore({ key: KEY, storage: () => storage });
    store.put(click(1, Date.now()));
    expect(store.list()).to.have.length(1);
  });

  it('two tabs (two stores on one storage) see each other\'s records', () => {
    const a = new RecordStore({ key: KEY });
    const b = new RecordStore({ key: KEY });
    const now = Date.now();
    a.put(click(1, now));
    b.put(click(2, now + 1));
    expect(a.list().map((r) => r.orderCallBackId)).to.deep.equal([uuid(2), uuid(1)]);
  });
});
