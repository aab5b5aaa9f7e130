/**
 * The sauceFlex front-API client for the browser (and node): `createClient(defaults)` in the manner
 * of ky. Reads only (the five broadcast and curation routes), each parameter checked before anything
 * is sent, each answer checked on the way back (`validate.ts`), paging as async iterators.
 *
 * ```ts
 * const api = createClient({ apiBase: 'https://api.sauceFlex.com/V1', partnerId: 'mobidoo' });
 * const page = await api.schedule({ returnLimit: 10, signal });
 * for await (const b of api.items.latest({ searchType: SearchType.vod })) …
 * ```
 */
import type { Broadcast, Curation, SearchType } from './models.js';
import { ParameterError, ResponseShapeError } from './errors.js';
import { buildUrl, requestEnvelope, type QueryValue, type RequestOptions, type RetryPolicy } from './request.js';
import type { Check, CheckedPage, Repair, ShapeIssue } from './validate.js';

type Checks = typeof import('./validate.js');

/**
 * The answer checks, fetched beside the first request rather than before it: the main entry starts
 * requests at once (src/loader/prefetch.ts) and the checks (~1.5 kB brotli) arrive while the answer
 * is on its way. Element code that checks answers itself imports them statically.
 */
const loadChecks = (): Promise<Checks> => import('./validate.js');

/** A page as the client returns it: the API's page, minus the items that failed their check. */
export type ValidatedPage<T> = CheckedPage<T>;

export interface ClientDefaults {
  /** The API root including its version, e.g. `https://api.sauceFlex.com/V1`. http(s) only. */
  apiBase: string;
  partnerId: string;
  /** Per attempt; default 10 s. */
  timeoutMs?: number;
  /** Retries of these reads on transient failures (network, timeout, 408/429/5xx). */
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Called before each retry. */
  onRetry?: RequestOptions['onRetry'];
  /**
   * Called for each part of an answer left out because it failed its check: an item dropped from a
   * page, an optional field removed, a default applied. The call itself still succeeds.
   */
  onInvalid?: (error: ResponseShapeError, repair: Repair) => void;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

export interface PageParams extends CallOptions {
  /** 1–100. */
  returnLimit?: number;
  /** From the previous page's `nextKey`. */
  nextKey?: string;
}

export interface ScheduleParams extends PageParams {
  /** Matches broadcast names, product names and brand names. */
  searchWord?: string;
  /** A `Date` is sent as ISO 8601 UTC; a string must already be ISO 8601 and is sent as given. */
  searchStartDt?: string | Date;
  searchEndDt?: string | Date;
}

export interface LatestParams extends ScheduleParams {
  /** Default (server side) '0': live and catch-up. */
  searchType?: SearchType;
}

export interface PagingOptions {
  /** Stop after this many pages even if the API offers more (default 1000). */
  maxPages?: number;
}

export interface SauceflexClient {
  readonly apiBase: string;
  readonly partnerId: string;
  /** GET /front/broadcast: live broadcasts and VODs. */
  latest(params?: LatestParams): Promise<ValidatedPage<Broadcast>>;
  /** GET /front/broadcast/schedule: broadcasts still to come. */
  schedule(params?: ScheduleParams): Promise<ValidatedPage<Broadcast>>;
  /** GET /front/broadcast/{partnerId}/{broadcastId}: `null` when the API has no such broadcast. */
  broadcast(broadcastId: string, options?: CallOptions): Promise<Broadcast | null>;
  /** GET /front/curation/{partnerId}. */
  curations(params?: PageParams): Promise<ValidatedPage<Curation>>;
  /** GET /front/curation/{partnerId}/{curationId}: the broadcasts of one curation. */
  curation(curationId: string, params?: PageParams): Promise<ValidatedPage<Broadcast>>;
  /** Every page, following `nextKey` until there is none (or it repeats, or `maxPages`). */
  readonly pages: {
    latest(params?: LatestParams & PagingOptions): AsyncGenerator<ValidatedPage<Broadcast>, void, undefined>;
    schedule(params?: ScheduleParams & PagingOptions): AsyncGenerator<ValidatedPage<Broadcast>, void, undefined>;
    curations(params?: PageParams & PagingOptions): AsyncGenerator<ValidatedPage<Curation>, void, undefined>;
    curation(curationId: string, params?: PageParams & PagingOptions): AsyncGenerator<ValidatedPage<Broadcast>, void, undefined>;
  };
  /** Every item of every page, each id at most once (a page boundary that shifts does not repeat one). */
  readonly items: {
    latest(params?: LatestParams & PagingOptions): AsyncGenerator<Broadcast, void, undefined>;
    schedule(params?: ScheduleParams & PagingOptions): AsyncGenerator<Broadcast, void, undefined>;
    curations(params?: PageParams & PagingOptions): AsyncGenerator<Curation, void, undefined>;
    curation(curationId: string, params?: PageParams & PagingOptions): AsyncGenerator<Broadcast, void, undefined>;
  };
  /** A new client with some defaults replaced. */
  extend(overrides: Partial<ClientDefaults>): SauceflexClient;
}

const SEARCH_TYPES: readonly string[] = ['0', '1', '2', '3', '4'];
const DEFAULT_MAX_PAGES = 1000;
const GET = 'GET';

export function createClient(defaults: ClientDefaults): SauceflexClient {
  const apiBase = typeof defaults.apiBase === 'string' ? defaults.apiBase.replace(/\/+$/, '') : '';
  const partnerId = defaults.partnerId;
  // A bad configuration does not throw here (an element may build its client while rendering):
  // every call rejects with it instead, before anything is sent.
  const configError = checkConfig(defaults);

  const path = (...segments: string[]) => `${apiBase}/${segments.map(encodeURIComponent).join('/')}`;

  async function get<T>(
    url: string,
    query: Record<string, QueryValue>,
    options: CallOptions,
    checkOf: (checks: Checks) => Check<T>,
  ): Promise<T> {
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
      throw new ParameterError(GET, url, 'timeoutMs', 'must be a positive number of milliseconds');
    }
    const [{ response }, checks] = await Promise.all([
      requestEnvelope<unknown>({
        method: GET,
        url,
        query,
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
        retry: defaults.retry,
        fetch: defaults.fetch,
        onRetry: defaults.onRetry,
      }),
      loadChecks(),
    ]);
    const fullUrl = buildUrl(url, query);
    try {
      return checkOf(checks)(response, 'response', (issue, repair) => {
        try {
          defaults.onInvalid?.(new ResponseShapeError(GET, fullUrl, issue.path, `${issue.problem} (${repair})`), repair);
        } catch {
          // An observer's bug must not fail the shopper's list.
        }
      });
    } catch (issue) {
      if (issue instanceof checks.ShapeIssue) throw new ResponseShapeError(GET, fullUrl, issue.path, issue.problem);
      throw issue;
    }
  }

  const guard = () => {
    if (configError) throw configError;
  };

  async function latest(params: LatestParams = {}) {
    guard();
    const url = path('front', 'broadcast');
    const query = { partnerId, ...searchQuery(url, params), searchType: checkSearchType(url, params.searchType) };
    return get(url, query, params, (checks) => checks.page(checks.broadcast));
  }

  async function schedule(params: ScheduleParams = {}) {
    guard();
    const url = path('front', 'broadcast', 'schedule');
    return get(url, { partnerId, ...searchQuery(url, params) }, params, (checks) => checks.page(checks.broadcast));
  }

  async function broadcast(broadcastId: string, options: CallOptions = {}) {
    guard();
    checkId(`${apiBase}/front/broadcast`, 'broadcastId', broadcastId);
    const url = path('front', 'broadcast', partnerId, broadcastId);
    let firstDrop: ShapeIssue | undefined;
    const onDrop = (issue: ShapeIssue) => void (firstDrop ??= issue);
    const result = await get(url, {}, options, (checks) => checks.page(checks.broadcast, { totalOptional: true, onDrop }));
    const found = result.items.find((b) => b.broadcastId === broadcastId);
    if (found) return found;
    // Asked for one broadcast and it came back broken: that is an error, not "no such broadcast".
    if (firstDrop) throw new ResponseShapeError(GET, url, firstDrop.path, firstDrop.problem);
    return null;
  }

  async function curations(params: PageParams = {}) {
    guard();
    const url = path('front', 'curation', partnerId);
    return get(url, pageQuery(url, params), params, (checks) => checks.page(checks.curation));
  }

  async function curation(curationId: string, params: PageParams = {}) {
    guard();
    checkId(`${apiBase}/front/curation`, 'curationId', curationId);
    const url = path('front', 'curation', partnerId, curationId);
    return get(url, pageQuery(url, params), params, (checks) => checks.page(checks.broadcast, { totalOptional: true }));
  }

  const pages = {
    latest: (params: LatestParams & PagingOptions = {}) => walk((nextKey) => latest({ ...params, nextKey }), params),
    schedule: (params: ScheduleParams & PagingOptions = {}) => walk((nextKey) => schedule({ ...params, nextKey }), params),
    curations: (params: PageParams & PagingOptions = {}) => walk((nextKey) => curations({ ...params, nextKey }), params),
    curation: (curationId: string, params: PageParams & PagingOptions = {}) =>
      walk((nextKey) => curation(curationId, { ...params, nextKey }), params),
  };

  const items = {
    latest: (params?: LatestParams & PagingOptions) => each(pages.latest(params), (b) => b.broadcastId),
    schedule: (params?: ScheduleParams & PagingOptions) => each(pages.schedule(params), (b) => b.broadcastId),
    curations: (params?: PageParams & PagingOptions) => each(pages.curations(params), (c) => c.curationId),
    curation: (curationId: string, params?: PageParams & PagingOptions) =>
      each(pages.curation(curationId, params), (b) => b.broadcastId),
  };

  return {
    apiBase,
    partnerId,
    latest,
    schedule,
    broadcast,
    curations,
    curation,
    pages,
    items,
    extend: (overrides) => createClient({ ...defaults, ...overrides }),
  };
}

/** Follow `nextKey` from `params.nextKey` on; stop when it is absent, repeats, or after `maxPages`. */
async function* walk<T>(
  fetchPage: (nextKey: string | undefined) => Promise<ValidatedPage<T>>,
  params: PageParams & PagingOptions,
): AsyncGenerator<ValidatedPage<T>, void, undefined> {
  const maxPages = params.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>();
  let nextKey = params.nextKey;
  if (nextKey) seen.add(nextKey);
  for (let n = 0; n < maxPages; n++) {
    const page = await fetchPage(nextKey);
    yield page;
    const key = page.nextKey;
    if (!key || seen.has(key)) return;
    seen.add(key);
    nextKey = key;
    // A caller who left while this page was being consumed: the next call rejects with
    // AbortedError before sending anything (request.ts checks the signal first).
  }
}

async function* each<T>(pages: AsyncGenerator<ValidatedPage<T>, void, undefined>, key: (item: T) => string) {
  const seen = new Set<string>();
  for await (const page of pages) {
    for (const item of page.items) {
      const k = key(item);
      if (seen.has(k)) continue;
      seen.add(k);
      yield item;
    }
  }
}

// ---- Parameters ---------------------------------------------------------------------------------

function checkConfig(defaults: ClientDefaults): ParameterError | undefined {
  const base = String(defaults.apiBase);
  let u: URL | undefined;
  try {
    u = new URL(base);
  } catch {
    // reported below
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) {
    return new ParameterError(GET, base, 'apiBase', 'must be an absolute http(s) URL');
  }
  if (u.search || u.hash || u.username || u.password) {
    return new ParameterError(GET, base, 'apiBase', 'must not carry a query, a fragment or credentials');
  }
  if (typeof defaults.partnerId !== 'string' || defaults.partnerId.trim() === '') {
    return new ParameterError(GET, base, 'partnerId', 'must be a non-empty string');
  }
  if (isDotSegment(defaults.partnerId)) return new ParameterError(GET, base, 'partnerId', 'must not be "." or ".."');
  if (defaults.timeoutMs !== undefined && !(defaults.timeoutMs > 0)) {
    return new ParameterError(GET, base, 'timeoutMs', 'must be a positive number of milliseconds');
  }
  return undefined;
}

/** `.` and `..` (also as `%2e`) would be folded away by URL parsing and reach another route. */
const isDotSegment = (value: string) => /^(\.|%2e){1,2}$/i.test(value);

function checkId(url: string, name: string, value: unknown): void {
  if (typeof value !== 'string' || value.trim() === '') throw new ParameterError(GET, url, name, 'must be a non-empty string');
  if (isDotSegment(value)) throw new ParameterError(GET, url, name, 'must not be "." or ".."');
}

function pageQuery(url: string, params: PageParams): Record<string, QueryValue> {
  const { returnLimit, nextKey } = params;
  if (returnLimit !== undefined && !(Number.isInteger(returnLimit) && returnLimit >= 1 && returnLimit <= 100)) {
    throw new ParameterError(GET, url, 'returnLimit', `must be an integer from 1 to 100, got ${String(returnLimit)}`);
  }
  if (nextKey !== undefined && typeof nextKey !== 'string') {
    throw new ParameterError(GET, url, 'nextKey', 'must be a string from a previous page');
  }
  return { returnLimit, nextKey };
}

function searchQuery(url: string, params: ScheduleParams): Record<string, QueryValue> {
  if (params.searchWord !== undefined && typeof params.searchWord !== 'string') {
    throw new ParameterError(GET, url, 'searchWord', 'must be a string');
  }
  const start = checkDate(url, 'searchStartDt', params.searchStartDt);
  const end = checkDate(url, 'searchEndDt', params.searchEndDt);
  if (start && end && Date.parse(start) > Date.parse(end)) {
    throw new ParameterError(GET, url, 'searchStartDt', 'must not be after searchEndDt');
  }
  return { searchWord: params.searchWord, searchStartDt: start, searchEndDt: end, ...pageQuery(url, params) };
}

function checkSearchType(url: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !SEARCH_TYPES.includes(value)) {
    throw new ParameterError(GET, url, 'searchType', `must be one of '0' to '4', got ${JSON.stringify(value)}`);
  }
  return value;
}

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A Date → ISO 8601 UTC; a string must be ISO 8601 (a real calendar day) and is sent as given. */
function checkDate(url: string, name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ParameterError(GET, url, name, 'is an invalid Date');
    return value.toISOString();
  }
  const m = typeof value === 'string' ? ISO_8601.exec(value) : null;
  if (!m || Number.isNaN(Date.parse(value as string))) {
    throw new ParameterError(GET, url, name, `must be a Date or an ISO 8601 string, got ${JSON.stringify(value)}`);
  }
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) {
    throw new ParameterError(GET, url, name, `is not a calendar date: ${JSON.stringify(value)}`);
  }
  return value as string;
}
