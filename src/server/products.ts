/**
 * `GET {products}/:productId`: product details for the cards, read from sauceFlex with the partner's
 * admin token so the browser never sees `X-SauceFlex-Authorize`. Answers are cached briefly in a
 * bounded LRU map, and concurrent requests for one product share one upstream call.
 */
import { ApiError } from '../api/errors.js';
import { ErrorCode, type Product } from '../api/models.js';
import type { AdminClient } from './admin-client.js';
import { HttpProblem } from './http.js';
import type { Logger } from './log.js';
import { upstreamProblem } from './upstream.js';

export const PRODUCT_ID = /^[A-Za-z0-9_.-]{1,100}$/;

export interface ProductServiceOptions {
  /** Cache lifetime; 0 turns caching (but not the sharing of in-flight calls) off. */
  ttlMs: number;
  /** Total time one upstream read (with its retries) may take. Default 5 000 ms. */
  budgetMs?: number;
  /** Most products kept. Default 500. */
  maxEntries?: number;
  now?: () => number;
  log: Logger;
}

export class ProductService {
  readonly #admin: AdminClient;
  readonly #ttlMs: number;
  readonly #budgetMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #log: Logger;
  readonly #cache = new Map<string, { product: Product; until: number }>();
  readonly #inFlight = new Map<string, Promise<Product>>();

  constructor(admin: AdminClient, options: ProductServiceOptions) {
    this.#admin = admin;
    this.#ttlMs = options.ttlMs;
    this.#budgetMs = options.budgetMs ?? 5_000;
    this.#maxEntries = options.maxEntries ?? 500;
    this.#now = options.now ?? Date.now;
    this.#log = options.log;
  }

  /** The product, or an `HttpProblem` saying why not (404 unknown, 503 sauceFlex down, 502 otherwise). */
  async get(productId: string): Promise<{ product: Product; maxAgeSec: number }> {
    if (!PRODUCT_ID.test(productId)) {
      throw new HttpProblem(400, 'invalid_product_id', 'productId must be 1–100 letters, digits, ".", "_" or "-".', { field: 'productId' });
    }
    const now = this.#now();
    const hit = this.#cache.get(productId);
    if (hit && hit.until > now) {
      return { product: hit.product, maxAgeSec: Math.max(0, Math.floor((hit.until - now) / 1000)) };
    }
    if (hit) this.#cache.delete(productId);

    let flight = this.#inFlight.get(productId);
    if (!flight) {
      flight = this.#admin.getProduct(productId, AbortSignal.timeout(this.#budgetMs)).finally(() => this.#inFlight.delete(productId));
      this.#inFlight.set(productId, flight);
    }
    let product: Product;
    try {
      product = await flight;
    } catch (error) {
      throw this.#toProblem(error, productId);
    }
    if (this.#ttlMs > 0) {
      this.#cache.delete(productId);
      this.#cache.set(productId, { product, until: this.#now() + this.#ttlMs });
      while (this.#cache.size > this.#maxEntries) {
        const oldest = this.#cache.keys().next().value;
        if (oldest === undefined) break;
        this.#cache.delete(oldest);
      }
    }
    return { product, maxAgeSec: Math.floor(this.#ttlMs / 1000) };
  }

  #toProblem(error: unknown, productId: string): HttpProblem {
    if (error instanceof ApiError && error.code === ErrorCode.unknownProduct) {
      return new HttpProblem(404, 'product_not_found', `sauceFlex has no product ${productId}.`);
    }
    if (error instanceof ApiError && error.code === ErrorCode.badParameter) {
      return new HttpProblem(400, 'invalid_product_id', 'sauceFlex refused this productId.', { field: 'productId' });
    }
    return upstreamProblem(error, this.#log, 'product read', { productId });
  }
}
