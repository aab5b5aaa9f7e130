/**
 * A small JSON value kept under one localStorage key, for per-shopper choices the elements keep (the
 * reminders a shopper set). The rules of `tracking/storage.ts`, which keeps the orderCallBackIds, in
 * brief: it never throws; storage that is blocked (a getter that throws), full or missing keeps the
 * value in memory for this page, and reads then prefer what this page wrote.
 *
 * Here and not in `tracking/storage.ts` because that module is in the initial download (the core
 * chunk, under a size budget) and only element code needs this: it loads with the elements.
 */
import { mayStore, onConsent } from '../tracking/consent.js';

export class JsonSlot<T> {
  private memory?: T;
  private written = false;
  /** The last write reached memory only: storage may hold an older value. */
  private stale = false;
  constructor(
    readonly key: string,
    private readonly storage: () => Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null | undefined = () => globalThis.localStorage,
  ) {
    // Storage consent (tracking/consent.ts): nothing read or written until granted; granted later stores what
    // this page kept; denied removes ours.
    onConsent((consent) => {
      if (consent === 'granted' && this.written) this.write(this.memory as T);
      if (consent === 'denied') this.remove();
    });
  }

  /** The stored value (unparsed JSON is `undefined`): check its shape before use, storage is the site's. */
  read(): unknown {
    if (this.stale || !mayStore()) return this.written ? this.memory : undefined;
    try {
      const raw = this.storage()?.getItem(this.key);
      if (raw) return JSON.parse(raw) as unknown;
    } catch {
      // blocked or damaged: memory below
    }
    return this.written ? this.memory : undefined;
  }

  write(value: T): void {
    this.memory = value;
    this.written = true;
    if (!mayStore()) {
      this.stale = true; // pending or denied consent: this page only
      return;
    }
    try {
      this.storage()?.setItem(this.key, JSON.stringify(value));
      this.stale = false;
    } catch {
      this.stale = true; // blocked or full: kept in memory for this page
    }
  }

  private remove(): void {
    try {
      this.storage()?.removeItem(this.key);
    } catch {
      // blocked: nothing of ours there
    }
  }
}
