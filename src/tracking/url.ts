/**
 * The tracked product URL: the product's `redirectUrl` with `orderCallBackId=<id>` in its query, as
 * the guide's 결제 연동 asks. Only what `safeUrl()` lets through (absolute http/https) is ever
 * tracked; everything else (javascript:, data:, relative, protocol-relative, garbage) gives
 * `undefined` and the card is not a link.
 *
 * The existing query is kept byte for byte (not re-encoded through URLSearchParams, which would turn
 * `%20` into `+` and `/` into `%2F` and can break a shop's signed or strictly parsed URLs); only an
 * `orderCallBackId` already there is replaced, and the fragment stays where it is.
 */
import { safeUrl } from '../shared/safe-url.js';
import { isOrderCallBackId } from './id.js';

/** The query parameter's name, exactly as the guide spells it. */
export const PARAM = 'orderCallBackId';

/** `redirectUrl` with `orderCallBackId` set in its query, or undefined when the URL is not http(s). */
export function trackedUrl(redirectUrl: unknown, orderCallBackId: string): string | undefined {
  const safe = safeUrl(redirectUrl);
  if (!safe || !isOrderCallBackId(orderCallBackId)) return undefined;
  const url = new URL(safe);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && keyOf(pair) !== PARAM);
  kept.push(`${PARAM}=${orderCallBackId}`);
  url.search = kept.join('&');
  return url.toString();
}

/**
 * The orderCallBackId a landing URL carries: in its query (the guide's place), else in a query inside
 * the fragment (`#/product?orderCallBackId=…`, as hash-routed shops see it). Only well-formed ids.
 */
export function readOrderCallBackId(url: string | URL): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(String(url), globalThis.location?.href ?? 'http://localhost/');
  } catch {
    return undefined;
  }
  const fromQuery = parsed.searchParams.get(PARAM);
  if (isOrderCallBackId(fromQuery)) return fromQuery;
  const hashQuery = parsed.hash.indexOf('?');
  if (hashQuery >= 0) {
    const fromHash = new URLSearchParams(parsed.hash.slice(hashQuery + 1)).get(PARAM);
    if (isOrderCallBackId(fromHash)) return fromHash;
  }
  return undefined;
}

/** `url` without its orderCallBackId (query and fragment), everything else as it was. */
export function withoutOrderCallBackId(url: string | URL): string {
  const parsed = new URL(String(url), globalThis.location?.href ?? 'http://localhost/');
  parsed.search = stripParam(parsed.search.slice(1));
  const hashQuery = parsed.hash.indexOf('?');
  if (hashQuery >= 0) {
    const rest = stripParam(parsed.hash.slice(hashQuery + 1));
    parsed.hash = parsed.hash.slice(1, hashQuery) + (rest ? `?${rest}` : '');
  }
  return parsed.toString();
}

function stripParam(query: string): string {
  return query
    .split('&')
    .filter((pair) => pair !== '' && keyOf(pair) !== PARAM)
    .join('&');
}

/** The decoded key of one `key=value` pair (form encoding: `+` is a space). */
function keyOf(pair: string): string {
  const eq = pair.indexOf('=');
  const raw = (eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
