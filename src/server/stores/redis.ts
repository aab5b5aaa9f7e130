/**
 * Redis for several backend instances (`SF_REDIS_URL=redis://…`): the per-client rate limiter as
 * one token bucket per key shared by every instance (a Lua script, so a take is atomic and uses
 * Redis's clock), and the admin session with a lock (`SET NX PX`, released only by its holder), so
 * one instance authorizes or refreshes at a time.
 *
 * Commands fail fast when Redis is away (no offline queue): the browser routes answer 503 then.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { backoffDelay } from '../../api/backoff.js';
import type { AdminSession, SharedAdminSession } from '../admin-client.js';
import { MEETING_MEMORY_MS, type MeetingMemory } from '../consult.js';
import type { RateDecision, RateLimiter, TokenBucketOptions } from '../rate-limit.js';
import { StoreUnavailableError } from './errors.js';

/** A renewal (one authorize or refresh call) holds the lock at most this long; a dead holder's lock expires then. */
const ADMIN_LOCK_MS = 20_000;
/** How often a waiter looks whether the lock is free: 25 ms growing to 400 ms. */
const LOCK_POLL = { baseDelayMs: 25, maxDelayMs: 400 };

/**
 * KEYS[1] the bucket; ARGV burst, refill per ms, expiry ms. Refill by elapsed time (Redis TIME), take
 * one if there is one. Returns {allowed 0|1, whole tokens left, ms until one is available}.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil or at == nil then tokens = burst; at = now end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local wait = 0
if allowed == 0 then
  if rate > 0 then wait = math.ceil((1 - tokens) / rate) else wait = 3600000 end
end
return { allowed, math.floor(tokens), wait }
`;

/** Delete the lock only if it is still ours (it may have expired and been taken by another instance). */
const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

type Commands = Redis & {
  sfTake(key: string, burst: number, perMs: number, ttlMs: number): Promise<[number, number, number]>;
  sfRelease(key: string, token: string): Promise<number>;
};

export interface RedisStore {
  client: Redis;
  /** Resolves once connected; rejects (StoreUnavailableError) if Redis cannot be reached. */
  connect(): Promise<void>;
  rateLimiter(options: Pick<TokenBucketOptions, 'burst' | 'perMinute'>): RateLimiter;
  /** The admin session shared through Redis, `name` = partnerId:adminId. */
  adminSession(name: string): SharedAdminSession;
  /** The shoppers' consultation meetings, shared by every instance. */
  meetings: MeetingMemory;
  close(): Promise<void>;
}

export function createRedis(url: string, options: { prefix?: string; log?: (message: string) => void } = {}): RedisStore {
  const prefix = options.prefix ?? 'sf:';
  const client = new Redis(url, {
    lazyConnect: true,
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3_000,
    commandTimeout: 2_000,
    // Reconnect in the background after a loss; commands meanwhile fail at once (503), never queue.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  }) as Commands;
  client.defineCommand('sfTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  client.defineCommand('sfRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  let lastError = '';
  client.on('error', (error: Error) => {
    // One line per distinct failure, not one per reconnect attempt.
    if (error.message !== lastError) options.log?.(`Redis: ${error.message}`);
    lastError = error.message;
  });
  client.on('ready', () => {
    lastError = '';
  });

  let closing: Promise<void> | null = null;
  return {
    client,
    connect: () => guard(() => client.connect()),
    rateLimiter: (bucket) => new RedisRateLimiter(client, `${prefix}rl:`, bucket),
    adminSession: (name) => new RedisAdminSession(client, `${prefix}admin:${name}`),
    meetings: {
      get: async (puid) => (await guard(() => client.get(`${prefix}consult:${puid}`))) ?? undefined,
      set: async (puid, meetingKey) => void (await guard(() => client.set(`${prefix}consult:${puid}`, meetingKey, 'PX', MEETING_MEMORY_MS))),
    },
    close: () =>
      (closing ??= (async () => {
        await client.quit().catch(() => client.disconnect());
      })()),
  };
}

/** The token bucket of `MemoryRateLimiter`, one per key in Redis, shared by every instance. */
export class RedisRateLimiter implements RateLimiter {
  readonly #client: Commands;
  readonly #prefix: string;
  readonly #burst: number;
  readonly #perMs: number;
  readonly #ttlMs: number;

  constructor(client: Redis, prefix: string, options: Pick<TokenBucketOptions, 'burst' | 'perMinute'>) {
    if (!(options.burst >= 1)) throw new RangeError('burst must be at least 1');
    if (!(options.perMinute >= 0)) throw new RangeError('perMinute must not be negative');
    this.#client = client as Commands;
    this.#prefix = prefix;
    this.#burst = options.burst;
    this.#perMs = options.perMinute / 60_000;
    // A bucket left alone until it is full again is the same as no bucket: let Redis forget it.
    this.#ttlMs = this.#perMs > 0 ? Math.ceil(this.#burst / this.#perMs) + 1_000 : 3_600_000;
  }

  async take(key: string): Promise<RateDecision> {
    const [allowed, remaining, waitMs] = await guard(() => this.#client.sfTake(this.#prefix + key, this.#burst, this.#perMs, this.#ttlMs));
    return allowed === 1
      ? { allowed: true, remaining, retryAfterSec: 0 }
      : { allowed: false, remaining: 0, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

class RedisAdminSession implements SharedAdminSession {
  readonly #client: Commands;
  readonly #key: string;

  constructor(client: Redis, key: string) {
    this.#client = client as Commands;
    this.#key = key;
  }

  async load(): Promise<AdminSession | null> {
    const text = await guard(() => this.#client.get(this.#key));
    return text ? (JSON.parse(text) as AdminSession) : null;
  }

  async save(session: AdminSession): Promise<void> {
    // Kept until the refresh token runs out (at least a minute), then Redis forgets it.
    const ttlMs = Math.max(60_000, Math.round(session.refreshUntil - Date.now()));
    await guard(() => this.#client.set(this.#key, JSON.stringify(session), 'PX', ttlMs));
  }

  async withLock<T>(renew: () => Promise<T>): Promise<T> {
    const lock = `${this.#key}:lock`;
    const token = randomBytes(16).toString('hex');
    const deadline = Date.now() + ADMIN_LOCK_MS;
    for (let attempt = 1; ; attempt++) {
      if ((await guard(() => this.#client.set(lock, token, 'PX', ADMIN_LOCK_MS, 'NX'))) === 'OK') break;
      if (Date.now() >= deadline) throw new StoreUnavailableError('Redis', new Error('the admin session lock was not released in time'));
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(Math.min(attempt, 5), LOCK_POLL)));
    }
    try {
      return await renew();
    } finally {
      await this.#client.sfRelease(lock, token).catch(() => {});
    }
  }
}

/** Every Redis failure (refused, reset, timed out, not connected) is "unavailable" to the routes. */
async function guard<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw new StoreUnavailableError('Redis', error);
  }
}
