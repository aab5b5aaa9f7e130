/**
 * Small HTTP helpers shared by the routes: the one JSON error shape, reading a JSON body with a
 * size limit and a Content-Type check, CORS for an exact list of origins, and the client address
 * the rate limiter keys on. Web-standard only (Request, Response, Headers), so the app also runs
 * on edge runtimes.
 */

/** Every error answer of this backend: `{ "error": { "code": "…", "message": "…" } }`. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

/** A failure that becomes a 4xx/5xx answer with the JSON error body. Never carries a secret. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, options: { field?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.headers = options.headers ?? {};
  }
}

/** 405 naming the methods the route takes. */
export function methodNotAllowed(allow: string): HttpProblem {
  return new HttpProblem(405, 'method_not_allowed', `Use ${allow}.`, { headers: { allow } });
}

export function problemResponse(problem: HttpProblem, extraHeaders?: Headers | Record<string, string>): Response {
  const body: ErrorBody = { error: { code: problem.code, message: problem.message } };
  if (problem.field) body.error.field = problem.field;
  const headers = new Headers(extraHeaders);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  headers.set('x-content-type-options', 'nosniff');
  for (const [name, value] of Object.entries(problem.headers)) headers.set(name, value);
  return new Response(JSON.stringify(body), { status: problem.status, headers });
}

export function jsonResponse(value: unknown, status = 200, headers?: Headers | Record<string, string>): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('x-content-type-options', 'nosniff');
  return new Response(JSON.stringify(value), { status, headers: h });
}

/**
 * Read a request body as JSON with a byte limit.
 * - `Content-Length` above the limit → 413 before a byte is read; a body that streams past it → 413.
 * - A non-empty body whose Content-Type is not `application/json` (or `+json`) → 415.
 * - Not JSON, or (with `requireObject`) not a JSON object → 400.
 * An empty body gives `undefined` (the caller decides whether that is allowed).
 */
export async function readJsonBody(
  request: Request,
  options: { maxBytes: number; requireObject?: boolean },
): Promise<unknown> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > options.maxBytes) {
    throw tooLarge(options.maxBytes);
  }
  const text = await readTextLimited(request, options.maxBytes);
  if (text === '') return undefined;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON.');
  }
  if (options.requireObject && (typeof value !== 'object' || value === null || Array.isArray(value))) {
    throw new HttpProblem(400, 'invalid_json', 'The body must be a JSON object.');
  }
  return value;
}

function tooLarge(maxBytes: number): HttpProblem {
  return new HttpProblem(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes.`);
}

async function readTextLimited(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && request.headers.get('transfer-encoding') === null) {
    // A declared length (already checked against the limit) bounds the body: the HTTP parser
    // never delivers more. arrayBuffer() has a fast path in @hono/node-server (no stream).
    if (declared === '0') return '';
    return decodeUtf8(new Uint8Array(await request.arrayBuffer()));
  }
  const body = request.body;
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (size === 0) return '';
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decodeUtf8(all);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid UTF-8.');
  }
}

/**
 * CORS for an exact allow-list of origins, with credentials (cookies) and never a wildcard.
 * A browser request from any other origin is refused with 403 before any work is done, so a
 * foreign page can neither read a token nor spend this server's signing time.
 */
export class CorsPolicy {
  readonly #allowed: ReadonlySet<string>;
  readonly #methods: string;
  constructor(allowedOrigins: readonly string[], methods: readonly string[]) {
    this.#allowed = new Set(allowedOrigins.map(normalizeOrigin));
    this.#methods = [...methods, 'OPTIONS'].join(', ');
  }

  /**
   * A request's Origin must be a serialized origin, exactly as browsers send it: the configured
   * list is normalised, the header is not (so `http://shop.example\@evil.example`, which the URL
   * parser would read as shop.example, or a path or another casing, is refused and never echoed).
   */
  isAllowed(origin: string): boolean {
    return normalizeOrigin(origin) === origin && this.#allowed.has(origin);
  }

  /** Headers to add to an answer for `origin` (empty when there is no Origin header). */
  headersFor(origin: string | null): Record<string, string> {
    if (origin === null || !this.isAllowed(origin)) return { vary: 'Origin' };
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      vary: 'Origin',
    };
  }

  /** The answer to a preflight: 204 with the allowance, or 403 without any CORS header. */
  preflight(request: Request): Response {
    const origin = request.headers.get('origin');
    if (origin === null || !this.isAllowed(origin)) {
      return problemResponse(new HttpProblem(403, 'origin_not_allowed', 'This origin may not call this endpoint.'), { vary: 'Origin' });
    }
    return new Response(null, {
      status: 204,
      headers: {
        ...this.headersFor(origin),
        'access-control-allow-methods': this.#methods,
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      },
    });
  }

  /** Throws 403 (without any CORS allowance) when the request carries an Origin that is not on the list. */
  check(request: Request): void {
    const origin = request.headers.get('origin');
    if (origin !== null && !this.isAllowed(origin)) {
      throw new HttpProblem(403, 'origin_not_allowed', 'This origin may not call this endpoint.', { headers: { vary: 'Origin' } });
    }
  }
}

/** `https://Shop.example:443/` → `https://shop.example`. Throws on anything that is not an http(s) origin. */
export function normalizeOrigin(origin: string): string {
  if (origin === 'null') return 'null';
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return origin;
  }
  return url.origin;
}

/** Node bindings as @hono/node-server passes them in `env`. */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The client's address for rate limiting: the socket's peer address (Node), or, behind
 * `trustedProxyHops` reverse proxies of the shop's own, the X-Forwarded-For entry that the
 * outermost trusted proxy added. Never the leftmost X-Forwarded-For entry, which a client can forge.
 */
export function clientAddress(request: Request, env: unknown, trustedProxyHops: number): string {
  const socketAddress = (env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
  if (trustedProxyHops <= 0) return socketAddress;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedProxyHops] ?? socketAddress;
}

/** Read one cookie from a Cookie header (no decoding beyond percent-decoding). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}

/** True when the request reached us over https (directly, or per a trusted proxy's X-Forwarded-Proto). */
export function isHttps(request: Request, trustedProxyHops: number): boolean {
  if (new URL(request.url).protocol === 'https:') return true;
  if (trustedProxyHops > 0) {
    const proto = request.headers.get('x-forwarded-proto')?.split(',').pop()?.trim().toLowerCase();
    return proto === 'https';
  }
  return false;
}

/**
 * Constant-time comparison of a presented secret with the configured one: both are hashed first (so
 * lengths leak nothing), then compared without an early exit. WebCrypto, so edge runtimes have it too.
 */
export async function secretMatches(presented: string | undefined, expected: string): Promise<boolean> {
  if (presented === undefined) return false;
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([presented, expected].map((value) => crypto.subtle.digest('SHA-256', encoder.encode(value))));
  const x = new Uint8Array(a!);
  const y = new Uint8Array(b!);
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= x[i]! ^ y[i]!;
  return difference === 0;
}
