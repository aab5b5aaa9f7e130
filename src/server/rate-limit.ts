/**
 * Per-client rate limiting behind a small interface. The in-memory token bucket is the embedded
 * default; a shop that runs several instances swaps in a shared implementation (Redis `INCR` +
 * `EXPIRE`, or a PostgreSQL row per key) without touching the routes.
 */

export interface RateDecision {
  allowed: boolean;
  /** Whole units left after this request. */
  remaining: number;
  /** When refused: seconds until one unit is available again (≥ 1). 0 when allowed. */
  retryAfterSec: number;
}

export interface RateLimiter {
  /** Spend one unit for `key` (a client address, prefixed by route). */
  take(key: string): RateDecision | Promise<RateDecision>;
  close?(): void | Promise<void>;
}

export interface TokenBucketOptions {
  /** Bucket size: how many requests a client may make at once. */
  burst: number;
  /** Refill rate. */
  perMinute: number;
  /** At most this many clients are tracked; the least recently seen are forgotten first. Default 10 000. */
  maxKeys?: number;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per key, in memory, bounded in size (LRU order via Map insertion order). */
export class MemoryRateLimiter implements RateLimiter {
  readonly #burst: number;
  readonly #perMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    if (!(options.burst >= 1)) throw new RangeError('burst must be at least 1');
    if (!(options.perMinute >= 0)) throw new RangeError('perMinute must not be negative');
    this.#burst = options.burst;
    this.#perMs = options.perMinute / 60_000;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#now = options.now ?? Date.now;
  }

  take(key: string): RateDecision {
    const now = this.#now();
    let bucket = this.#buckets.get(key);
    if (bucket) {
      this.#buckets.delete(key);
      bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) * this.#perMs);
      bucket.at = now;
    } else {
      bucket = { tokens: this.#burst, at: now };
      if (this.#buckets.size >= this.#maxKeys) {
        const oldest = this.#buckets.keys().next().value;
        if (oldest !== undefined) this.#buckets.delete(oldest);
      }
    }
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSec: 0 };
    }
    const waitMs = this.#perMs > 0 ? (1 - bucket.tokens) / this.#perMs : Number.POSITIVE_INFINITY;
    return { allowed: false, remaining: 0, retryAfterSec: Number.isFinite(waitMs) ? Math.max(1, Math.ceil(waitMs / 1000)) : 3600 };
  }

  /** How many clients are tracked (tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  close(): void {
    this.#buckets.clear();
  }
}

/** A limiter that allows everything (rate limiting turned off). */
export const unlimited: RateLimiter = { take: () => ({ allowed: true, remaining: Number.MAX_SAFE_INTEGER, retryAfterSec: 0 }) };
