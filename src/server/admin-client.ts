/**
 * The partner's admin session with sauceFlex, for server-only calls (product details): GET
 * /authorize with the partner credentials, keep the accessToken/refreshToken pair, refresh ahead of
 * expiry with POST /token, and get a fresh pair when sauceFlex says a token is invalid (FA1007) or
 * expired (FA1008). However many requests are waiting, one authorize or refresh is in flight.
 *
 * Expiry is tracked on our own clock: a pair obtained at local time T with
 * `accessExp - accessIat = L` seconds is treated as good until T + L, so a skew between our clock
 * and sauceFlex's does not make us send expired tokens or refresh in a loop.
 *
 * With several instances the session is shared (`shared`: PostgreSQL or Redis): an instance first
 * looks for a pair another one stored, and renews only while holding the cluster-wide lock, re-reading
 * the stored pair under it, so one instance authorizes or refreshes at a time. A shared pair is not
 * revoked when one instance stops (the others still use it).
 *
 * Nothing here ever leaves the server: the tokens and the password stay in this object, and error
 * messages carry redacted URLs only (see `redactUrl`).
 */
import { ApiError, ResponseShapeError, SauceflexError } from '../api/errors.js';
import { ErrorCode, type AdminTokens, type Product } from '../api/models.js';
import { requestEnvelope } from '../api/request.js';
import { describeError, silentLogger, type Logger } from './log.js';

export interface AdminClientOptions {
  apiBase: string;
  partnerId: string;
  id: string;
  password: string;
  /** The guide's `lifeTime` (days added to the default 24 h). */
  lifeTimeDays?: number;
  /** Refresh this long before the access token runs out. Default 120 s (capped at half its lifetime). */
  refreshAheadSec?: number;
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
  log?: Logger;
  /** The session shared between instances, and the lock renewals take. */
  shared?: SharedAdminSession;
}

/** Where several instances keep one admin session (stores/postgres.ts, stores/redis.ts). */
export interface SharedAdminSession {
  load(): Promise<AdminSession | null>;
  save(session: AdminSession): Promise<void>;
  /** Run `renew` while no other instance runs its own. */
  withLock<T>(renew: () => Promise<T>): Promise<T>;
  close?(): Promise<void>;
}

export type AdminSession = Session;

interface Session {
  tokens: AdminTokens;
  /** Local-clock ms until which the access token is good / the refresh token is good. */
  accessUntil: number;
  refreshUntil: number;
  /** Local-clock ms from which we refresh ahead. */
  refreshFrom: number;
}

const TOKEN_REJECTED = new Set<string>([ErrorCode.invalidToken, ErrorCode.expiredToken]);

export class AdminClient {
  readonly #o: Required<Omit<AdminClientOptions, 'lifeTimeDays' | 'fetch' | 'shared'>> & Pick<AdminClientOptions, 'lifeTimeDays' | 'fetch' | 'shared'>;
  /** A token sauceFlex refused: never taken back from the shared store. */
  #refused: string | null = null;
  #session: Session | null = null;
  #pending: Promise<Session> | null = null;
  #closed = false;
  /** How many authorize and refresh calls this client made (tests and metrics). */
  readonly stats = { authorize: 0, refresh: 0, rejectedTokens: 0 };

  constructor(options: AdminClientOptions) {
    this.#o = {
      refreshAheadSec: 120,
      timeoutMs: 10_000,
      now: Date.now,
      log: silentLogger,
      ...options,
      apiBase: options.apiBase.replace(/\/+$/, ''),
    };
  }

  /** A usable access token: the current one, or (one shared) refresh/authorize first. */
  async accessToken(): Promise<string> {
    const session = this.#session;
    if (session && this.#o.now() < session.refreshFrom) return session.tokens.accessToken;
    return (await this.#renew()).tokens.accessToken;
  }

  /**
   * Run `call` with the access token; if sauceFlex rejects the token (FA1007/FA1008), renew once
   * (shared with every other caller that saw the same rejection) and run it again.
   */
  async withToken<T>(call: (accessToken: string) => Promise<T>): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof ApiError) || !TOKEN_REJECTED.has(error.code)) throw error;
      this.stats.rejectedTokens++;
      const fresh = await this.#afterRejection(token, error.code);
      return call(fresh);
    }
  }

  /** GET /front/product/{productId} with the admin token. */
  async getProduct(productId: string, signal?: AbortSignal): Promise<Product> {
    const url = `${this.#o.apiBase}/front/product/${encodeURIComponent(productId)}`;
    return this.withToken(async (accessToken) => {
      const options: Parameters<typeof requestEnvelope>[0] = {
        method: 'GET',
        url,
        headers: { 'X-SauceFlex-Authorize': accessToken },
        timeoutMs: this.#o.timeoutMs,
      };
      if (signal) options.signal = signal;
      if (this.#o.fetch) options.fetch = this.#o.fetch;
      const { response } = await requestEnvelope<Product>(options);
      if (typeof response !== 'object' || response === null || typeof (response as Product).productId !== 'string') {
        throw new ResponseShapeError('GET', url, 'response.productId', 'expected a product with a productId');
      }
      return response as Product;
    });
  }

  /** Forget the session; best-effort DELETE /token/{accessToken} so sauceFlex can drop it too. */
  async close(options: { revoke?: boolean } = {}): Promise<void> {
    this.#closed = true;
    const pending = this.#pending;
    if (pending) await pending.catch(() => {});
    const session = this.#session;
    this.#session = null;
    if (session && options.revoke !== false && !this.#o.shared && this.#o.now() < session.accessUntil) {
      try {
        await requestEnvelope({
          method: 'DELETE',
          url: `${this.#o.apiBase}/token/${encodeURIComponent(session.tokens.accessToken)}`,
          timeoutMs: Math.min(this.#o.timeoutMs, 2_000),
          ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
        });
      } catch (error) {
        this.#o.log.debug('admin token revoke failed', { error: describeError(error) });
      }
    }
  }

  /** sauceFlex refused `token`: renew unless someone already did, then answer the current token. */
  async #afterRejection(token: string, code: string): Promise<string> {
    const session = this.#session;
    if (session && session.tokens.accessToken === token) {
      // Mark the access token unusable; on FA1007 (invalid) the refresh token is not trusted either.
      session.refreshFrom = 0;
      session.accessUntil = 0;
      if (code === ErrorCode.invalidToken) session.refreshUntil = 0;
      this.#o.log.info('sauceFlex rejected the admin token; renewing', { code });
    }
    this.#refused = token;
    return (await this.#renew()).tokens.accessToken;
  }

  /** One refresh (or authorize) at a time; every caller awaits the same promise. */
  #renew(): Promise<Session> {
    if (this.#closed) return Promise.reject(new Error('The admin client is closed'));
    if (this.#pending) return this.#pending;
    const current = this.#session;
    // A renewal that finished while this caller was waiting for its own answer is reused.
    if (current && this.#o.now() < current.refreshFrom) return Promise.resolve(current);
    this.#pending = (this.#o.shared ? this.#obtainShared(this.#o.shared, current) : this.#obtain(current)).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** Renew under the shared lock, unless another instance stored a usable pair meanwhile. */
  #obtainShared(shared: SharedAdminSession, current: Session | null): Promise<Session> {
    return shared.withLock(async () => {
      const stored = await shared.load();
      const now = this.#o.now();
      if (stored && stored.tokens.accessToken !== this.#refused && now < stored.refreshFrom) {
        this.#session = stored;
        return stored;
      }
      // The stored pair is the newest; ours may be older. A refused refresh token is not tried again.
      let base = stored ?? current;
      if (base && base.tokens.accessToken === this.#refused && current) base = current;
      const session = await this.#obtain(base);
      await shared.save(session);
      return session;
    });
  }

  async #obtain(current: Session | null): Promise<Session> {
    const now = this.#o.now();
    if (current && now < current.refreshUntil - 30_000) {
      try {
        return this.#store(await this.#refreshCall(current.tokens.refreshToken));
      } catch (error) {
        // A transient failure while the access token still works: keep using it, try again later.
        if (error instanceof SauceflexError && error.kind !== 'api' && now < current.accessUntil) {
          this.#o.log.warn('admin token refresh failed; keeping the current token', { error: describeError(error) });
          current.refreshFrom = now + 5_000;
          return current;
        }
        this.#o.log.info('admin token refresh refused; authorizing again', { error: describeError(error) });
      }
    }
    return this.#store(await this.#authorizeCall());
  }

  #store(tokens: AdminTokens): Session {
    const now = this.#o.now();
    const accessLifeMs = Math.max(0, (tokens.accessExp - tokens.accessIat) * 1000);
    const refreshLifeMs = Math.max(0, (tokens.refreshExp - tokens.refreshIat) * 1000);
    const ahead = Math.min(this.#o.refreshAheadSec * 1000, accessLifeMs / 2);
    const session: Session = {
      tokens,
      accessUntil: now + accessLifeMs,
      refreshUntil: now + refreshLifeMs,
      refreshFrom: now + accessLifeMs - ahead,
    };
    this.#session = session;
    return session;
  }

  async #authorizeCall(): Promise<AdminTokens> {
    this.stats.authorize++;
    const url = `${this.#o.apiBase}/authorize`;
    const { response } = await requestEnvelope<AdminTokens>({
      method: 'GET',
      url,
      query: {
        partnerId: this.#o.partnerId,
        id: this.#o.id,
        password: this.#o.password,
        lifeTime: this.#o.lifeTimeDays,
      },
      timeoutMs: this.#o.timeoutMs,
      // A wrong password is not transient; the envelope core only retries network/5xx.
      ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
    });
    return checkTokens('GET', url, response);
  }

  async #refreshCall(refreshToken: string): Promise<AdminTokens> {
    this.stats.refresh++;
    const url = `${this.#o.apiBase}/token`;
    const { response } = await requestEnvelope<AdminTokens>({
      method: 'POST',
      url,
      body: { refreshToken },
      timeoutMs: this.#o.timeoutMs,
      ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
    });
    return checkTokens('POST', url, response);
  }
}

function checkTokens(method: string, url: string, value: unknown): AdminTokens {
  const t = value as Partial<AdminTokens> | null;
  if (typeof t !== 'object' || t === null) throw new ResponseShapeError(method, url, 'response', 'expected the token pair');
  for (const key of ['accessToken', 'refreshToken'] as const) {
    if (typeof t[key] !== 'string' || t[key] === '') throw new ResponseShapeError(method, url, `response.${key}`, 'expected a string');
  }
  for (const key of ['accessIat', 'accessExp', 'refreshIat', 'refreshExp'] as const) {
    if (typeof t[key] !== 'number' || !Number.isFinite(t[key])) throw new ResponseShapeError(method, url, `response.${key}`, 'expected epoch seconds');
  }
  return t as AdminTokens;
}
