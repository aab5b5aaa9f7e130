/**
 * The stand-in's control contract: route ids, fault kinds and the state it reports. Tests drive it
 * through `/__control/*` (see test/support/standin-control.ts, which re-exports these types) or,
 * in node, through the `Standin` handle. Types only, so the browser bundle of a test pays nothing.
 */

/**
 * Route ids the stand-in knows; a fault or a counter names one of these (or '*' for all).
 * `media` is the preview stream (/media/preview/*, and again under /media/session/<name>/* with
 * segment URLs of its own), and the live stream (/media/live/*); `coupons.*`
 * are the shop's coupon API sample (/shop/coupons…). Thumbnails, the player page and short links
 * carry no id.
 */
export type StandinRoute =
  | 'authorize'
  | 'token.refresh'
  | 'token.delete'
  | 'token.validation'
  | 'broadcast.latest'
  | 'broadcast.schedule'
  | 'broadcast.one'
  | 'curation.list'
  | 'curation.detail'
  | 'product.get'
  | 'analysis.totals'
  | 'analysis.series'
  | 'notification.members'
  | 'payments.batch'
  | 'payment.single'
  | 'payment.update'
  | 'payment.cancel'
  | 'coupons.list'
  | 'coupons.issue'
  | 'media'
  /** The player page (`outputPath`), for faults that make it slow or fail. */
  | 'player';

/**
 * - error500: HTTP 500 with the envelope `{code: 'FA1011', message}`
 * - html502: HTTP 502 with an HTML body, as a proxy in front of the API would send
 * - malformed: HTTP 200 with a body that is not valid JSON
 * - wrongShape: HTTP 200, SU0000, but `response` is not what the guide promises
 * - expiredToken: FA1008 (HTTP 401) on routes that check a token (admin or viewer)
 * - delay: answer normally after `delayMs`
 * - trickle: send the normal body a few bytes at a time over `delayMs`
 * - reset: drop the connection without an answer
 * - notFound: HTTP 404 (the envelope on API routes, an empty body on media), as a CDN that lost a
 *   segment or a route that went away answers
 */
export type FaultKind = 'error500' | 'html502' | 'malformed' | 'wrongShape' | 'expiredToken' | 'delay' | 'trickle' | 'reset' | 'notFound';

export interface Fault {
  route: StandinRoute | '*';
  kind: FaultKind;
  delayMs?: number;
  /** Apply to this many matching requests, then clear itself. Unset: until cleared. */
  times?: number;
  /**
   * Only requests to this path (the URL's pathname, query ignored), e.g.
   * `/media/preview/segment001.m4s` or `/media/preview/index.m3u8`; a trailing `*` matches a prefix
   * (`/media/live/*`). Unset: every path of the route. Faults on one route with different paths
   * live side by side; a new fault replaces the one with the same route and path.
   */
  path?: string;
}

/**
 * What the data routes answer (PUT /__control/fixtures `{mode}`; GET answers `{mode}`; a reset goes
 * back to `normal`):
 * - normal: the guide-shaped Korean fixtures (fixtures.ts);
 * - hostile: the same routes answer a deterministic corpus of XSS payloads in every text field,
 *   `javascript:` / `data:` / `vbscript:` / protocol-relative URLs in every URL field, wrong types,
 *   missing fields, huge strings and lists and unknown codes (hostile.ts). A payload that ever runs
 *   calls `window.__sfTrap('<id>')`.
 */
export type FixtureMode = 'normal' | 'hostile';

export const FIXTURE_MODES: readonly FixtureMode[] = ['normal', 'hostile'];

export interface StandinState {
  /** Requests received per route id (control routes not counted). */
  counts: Partial<Record<StandinRoute, number>>;
  /** Payment records currently held (registered and not deleted). */
  payments: number;
}

export const STANDIN_ROUTES: readonly StandinRoute[] = [
  'authorize',
  'token.refresh',
  'token.delete',
  'token.validation',
  'broadcast.latest',
  'broadcast.schedule',
  'broadcast.one',
  'curation.list',
  'curation.detail',
  'product.get',
  'analysis.totals',
  'analysis.series',
  'notification.members',
  'payments.batch',
  'payment.single',
  'payment.update',
  'payment.cancel',
  'coupons.list',
  'coupons.issue',
  'media',
  'player',
];

export const FAULT_KINDS: readonly FaultKind[] = ['error500', 'html502', 'malformed', 'wrongShape', 'expiredToken', 'delay', 'trickle', 'reset', 'notFound'];
