/**
 * Where stories point elements so that the in-browser mock (backend.ts) answers them: nothing
 * leaves the page. One path prefix, `/mock-api/<scenario>[;option=value…]/`, then the real route
 * (`V1/front/broadcast`, `shop/coupons`, `products/<id>`, `token/member`):
 *
 * - scenario `ok`: the stand-in's fixtures, in the guide's envelope (demo/standin/catalog.ts and
 *   coupons.ts run here, in the browser); `loading`: a request that never settles (the skeleton
 *   stays); `error`: HTTP 500 with FA1011 (the error state and its retry button); `empty`: no items.
 * - options: `delay=<ms>` before answering; `only=<couponId>,…` keeps those coupons;
 *   `issue=hang` leaves coupon issue requests unanswered (the "issuing" state).
 *
 * Media needs no mock: the stream is demo/media/preview served under /media/preview/, thumbnails
 * are generated under /media/img/ (.storybook/media-plugin.ts). Two playlists exist only here:
 * `/media/broken/index.m3u8` (not a playlist: the player's error state) and anything under
 * `/mock-media/hang/` (an XHR that never answers: the player's loading state).
 */
export type Scenario = 'ok' | 'loading' | 'error' | 'empty';

export interface MockOptions {
  /** Answer after this many milliseconds. */
  delay?: number;
  /** Coupons: keep only these ids. */
  only?: readonly string[];
  /** Coupons: `hang` leaves issue requests unanswered. */
  issue?: 'hang';
}

export const MOCK_API_PREFIX = '/mock-api/';
export const HANG_MEDIA_PREFIX = '/mock-media/hang/';
export const PARTNER_ID = 'mobidoo';

const origin = (): string => globalThis.location?.origin ?? 'http://127.0.0.1:6006';

function segment(scenario: Scenario, options: MockOptions): string {
  const parts: string[] = [scenario];
  if (options.delay) parts.push(`delay=${options.delay}`);
  if (options.only?.length) parts.push(`only=${options.only.map(encodeURIComponent).join(',')}`);
  if (options.issue) parts.push(`issue=${options.issue}`);
  return parts.join(';');
}

/** `api-base` for a scenario (absolute, as the client needs). */
export const mockApiBase = (scenario: Scenario = 'ok', options: MockOptions = {}): string =>
  `${origin()}${MOCK_API_PREFIX}${segment(scenario, options)}/V1`;

/** `product-endpoint`: the shop backend's product route (answers the product itself, 404 when unknown). */
export const mockProductEndpoint = (scenario: Scenario = 'ok', options: MockOptions = {}): string =>
  `${origin()}${MOCK_API_PREFIX}${segment(scenario, options)}/products`;

/** `stats-endpoint`: the shop backend's stats route (the stand-in's analysis figures over a broadcast's window). */
export const mockStatsEndpoint = (scenario: Scenario = 'ok', options: MockOptions = {}): string =>
  `${origin()}${MOCK_API_PREFIX}${segment(scenario, options)}/stats`;

/** `source` of `<sf-schedule>`: the backend's SmartSTREAM schedule source (the SmartSTREAM stand-in's events, mapped as the backend maps them). */
export const mockScheduleSource = (scenario: Scenario = 'ok', options: MockOptions = {}): string =>
  `${origin()}${MOCK_API_PREFIX}${segment(scenario, options)}/schedule/smartstream`;

/** `consult-endpoint`: the backend's consultation route, for a signed-in member or a guest (401 login_required). */
export const mockConsultEndpoint = (scenario: Scenario = 'ok', viewer: 'member' | 'guest' = 'member'): string =>
  `${origin()}${MOCK_API_PREFIX}${scenario}/consult/${viewer}`;

/** `coupon-endpoint`: the shop's coupon list; its issue endpoint is this plus `/issue`. */
export const mockCouponEndpoint = (scenario: Scenario = 'ok', options: MockOptions = {}): string =>
  `${origin()}${MOCK_API_PREFIX}${segment(scenario, options)}/shop/coupons`;

/** `token-endpoint` answering a viewer token: a signed-in member (`demo-member`) or a guest. */
export const mockTokenEndpoint = (viewer: 'member' | 'guest' = 'member'): string =>
  `${origin()}${MOCK_API_PREFIX}ok/token/${viewer}`;

/** The real HLS preview stream (demo/media/preview). */
export const previewStream = (): string => `${origin()}/media/preview/index.m3u8`;
/** A playlist that is not one: hls.js fails to parse it. */
export const brokenStream = (): string => `${origin()}/media/broken/index.m3u8`;
/** A playlist whose request never answers. */
export const hangingStream = (): string => `${origin()}${HANG_MEDIA_PREFIX}index.m3u8`;
/** The origin thumbnails and the stream are served from (fixtures take it as their `origin`). */
export const mediaOrigin = origin;
