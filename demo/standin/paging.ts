/**
 * `nextKey` paging. The real keys are DynamoDB's LastEvaluatedKey, base64 JSON such as
 * `{"PK":"PAR#sauceflex1","SK":"CUR#a7szz…"}` (the guide's curation sample even wraps it in JSON
 * quotes). The stand-in does the same: the key names the last item sent, and the next page starts
 * strictly after that item in the list's order, so pages neither repeat nor skip even if the
 * clock moves between them. A key that does not decode, or names another list or an unknown
 * item, is an FA1010.
 */
import { Buffer } from 'node:buffer';
import { badParameters } from './envelope.js';

export interface PageKey {
  /** Partition: the partner. */
  PK: string;
  /** Sort key: the last item sent, e.g. `BRD#lkmobidoo-…`. */
  SK: string;
  /** Which list the key belongs to (latest, schedule, a curation). */
  IDX: string;
}

export interface PageResult<T> {
  totalCount: number;
  count: number;
  nextKey?: string;
  items: T[];
}

export function encodeNextKey(key: PageKey, quoted = false): string {
  const b64 = Buffer.from(JSON.stringify(key), 'utf8').toString('base64');
  return quoted ? JSON.stringify(b64) : b64;
}

const INVALID = () => badParameters(['"nextKey" must be a key returned by the previous page']);

/** Decodes a key and checks that it belongs to this partner and list; returns its sort key. */
export function decodeNextKey(raw: string, expected: { PK: string; IDX: string }): string {
  let text = raw.trim();
  // Accept the quoted form the guide shows as well as the bare one.
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) throw INVALID();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw INVALID();
  }
  const k = key as Partial<PageKey> | null;
  if (!k || typeof k.SK !== 'string' || k.PK !== expected.PK || k.IDX !== expected.IDX) throw INVALID();
  return k.SK;
}

/** The rejection for a key whose item does not exist. */
export const unknownKey = INVALID;

/**
 * One page from a list already filtered and sorted: `start` is where the page begins, `skOf` names
 * an item for the next key.
 */
export function pageOf<T>(
  sorted: readonly T[],
  start: number,
  limit: number,
  keyOf: (last: T) => PageKey,
  quoted = false,
): PageResult<T> {
  const items = sorted.slice(start, start + limit);
  const result: PageResult<T> = { totalCount: sorted.length, count: items.length, items };
  const last = items[items.length - 1];
  // A key only when there is more: no empty last page.
  if (last !== undefined && start + items.length < sorted.length) result.nextKey = encodeNextKey(keyOf(last), quoted);
  return result;
}
