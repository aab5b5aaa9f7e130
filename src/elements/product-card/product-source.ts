/**
 * Product details from the shop's backend: GET `${productEndpoint}/${productId}` (the backend reads
 * sauceFlex's admin-only product route, so the browser never holds an admin token). A broadcast's
 * `productListDetail` lacks `redirectUrl`, `brandName` and `isSoldout`, so cards fill them from here.
 *
 * Every card on a page shares one request per product (in flight and for a minute after), and a
 * card that goes away stops waiting without cancelling the request for the others.
 */
import type { BroadcastProduct } from '../../api/models.js';
import { HttpError, SauceflexError } from '../../api/errors.js';
import { requestJson } from '../../api/json.js';
import { ShapeIssue, broadcastProduct } from '../../api/validate.js';
import { abortable } from '../../shared/abortable.js';
import { warnRepair } from '../../shared/repair-warnings.js';

const TTL_MS = 60_000;
const MAX_ENTRIES = 200;
const TIMEOUT_MS = 10_000;

/** The backend answered, but not with a product (or not at all). */
export class ProductLoadError extends Error {
  override name = 'ProductLoadError';
  constructor(
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}

const cache = new Map<string, { at: number; value: Promise<BroadcastProduct | null> }>();

/** The product, or null when the backend says there is none (404). Rejects with `ProductLoadError`. */
export function loadProduct(endpoint: string, productId: string, options: { signal?: AbortSignal } = {}): Promise<BroadcastProduct | null> {
  const url = productUrl(endpoint, productId);
  const now = Date.now();
  let entry = cache.get(url);
  if (!entry || now - entry.at > TTL_MS) {
    const value = fetchProduct(url);
    entry = { at: now, value };
    cache.delete(url);
    cache.set(url, entry);
    value.catch(() => {
      if (cache.get(url)?.value === value) cache.delete(url);
    });
    while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return options.signal ? abortable(entry.value, options.signal) : entry.value;
}

/** Forget cached products (tests; a shop after a stock change). */
export function clearProductCache(): void {
  cache.clear();
}

export function productUrl(endpoint: string, productId: string): string {
  const base = new URL(endpoint, globalThis.location?.href ?? 'http://localhost/').toString().replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(productId)}`;
}

async function fetchProduct(url: string): Promise<BroadcastProduct | null> {
  let status: number;
  let body: unknown;
  try {
    // Not retried here: the backend has already retried sauceFlex, and the card offers a retry button.
    ({ status, body } = await requestJson({ url, timeoutMs: TIMEOUT_MS, retry: { limit: 0 } }));
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return null;
    throw toLoadError(error, url);
  }
  // Our backend answers the product itself; accept it wrapped as `{product}` or in sauceFlex's envelope too.
  const candidate = unwrap(body);
  try {
    return broadcastProduct(candidate, 'product', (issue, repair) =>
      warnRepair(`[sauceflex] product ${repair}: ${issue.path}: ${issue.problem} (GET ${url})`, repair),
    );
  } catch (issue) {
    const detail = issue instanceof ShapeIssue ? `${issue.path}: ${issue.problem}` : String(issue);
    throw new ProductLoadError(`the product route answered something that is not a product (${detail}; GET ${url})`, status);
  }
}

function toLoadError(error: unknown, url: string): ProductLoadError {
  if (error instanceof HttpError) {
    const reason = error.status < 300 ? 'something that is not JSON' : `HTTP ${error.status}`;
    return new ProductLoadError(`the product route answered ${reason} (GET ${url})`, error.status);
  }
  if (error instanceof SauceflexError && error.kind === 'timeout') return new ProductLoadError(`no answer within ${TIMEOUT_MS} ms (GET ${url})`);
  return new ProductLoadError(`the product route could not be reached (GET ${url})`);
}

function unwrap(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const b = body as Record<string, unknown>;
  if ('productId' in b) return b;
  if (typeof b.product === 'object') return b.product;
  if (typeof b.response === 'object') return b.response;
  return b;
}
