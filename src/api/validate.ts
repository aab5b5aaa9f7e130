/**
 * A tiny hand-written checker for what sauceFlex sends back (no schema library: every byte ships to
 * shoppers). A `Check<T>` either returns a clean copy of the value, typed `T`, or throws a
 * `ShapeIssue` naming the path of the first problem (`response.items[3].broadcastName`).
 *
 * Three rules, so that one hostile item never blanks a shopper's schedule:
 * - the structure of a page (`response`, `items`, `totalCount`, …) must be right, or the whole call fails;
 * - an element of a list that fails its check is dropped from the list (and reported);
 * - an optional field that fails its check is removed from the object (and reported).
 * A field the model declares required stays required here: the compiler holds the two together
 * (see `object`). Unknown fields are not copied. Strings are kept as text, never interpreted.
 */
import type { Broadcast, BroadcastProduct, Curation, Page, RoomCounters, Thumbnail } from './models.js';

/** One problem in a body: where, and what. Thrown by checks, caught by lists, objects and the client. */
export class ShapeIssue {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {}
}

/** What happened to the value at an issue's path: a list element `dropped`, an optional field
 * `removed`, a field given its documented default (`defaulted`). */
export type Repair = 'dropped' | 'removed' | 'defaulted';
export type Report = (issue: ShapeIssue, repair: Repair) => void;
export type Check<T> = (value: unknown, path: string, report: Report) => T;

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

const guard =
  <T>(test: (v: unknown) => boolean, what: string): Check<T> =>
  (v, path) => {
    if (test(v)) return v as T;
    throw new ShapeIssue(path, v === undefined ? `missing (expected ${what})` : `expected ${what}, got ${describe(v)}`);
  };

export const string = guard<string>((v) => typeof v === 'string', 'a string');
/** An identifier: a string with something in it (it goes into URLs and keys). */
export const id = guard<string>((v) => typeof v === 'string' && v.trim() !== '', 'a non-empty string');
export const number = guard<number>((v) => typeof v === 'number' && Number.isFinite(v), 'a finite number');
export const boolean = guard<boolean>((v) => typeof v === 'boolean', 'a boolean');
/** Prices, rates, durations: the guide sends them as numbers or as (possibly non-numeric) strings; kept as sent. */
export const numeric = guard<string | number>(
  (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
  'a number or a string',
);
/** An ISO 8601 time that `Date` can read. */
export const date = guard<string>((v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), 'an ISO 8601 date');
/** `0 | 1` flags (isSoldout). */
export const flag = guard<0 | 1>((v) => v === 0 || v === 1, '0 or 1');

export const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, path, report) =>
    v === null ? null : check(v, path, report);

/** A value the guide gives a default for: absent → `fallback` silently, wrong → `fallback`, reported. */
export const withDefault =
  <T>(check: Check<T>, fallback: T): Check<T> =>
  (v, path, report) => {
    if (v === undefined) return fallback;
    try {
      return check(v, path, report);
    } catch (issue) {
      if (!(issue instanceof ShapeIssue)) throw issue;
      report(issue, 'defaulted');
      return fallback;
    }
  };

/** An array; elements failing `item` are dropped (reported), the rest kept in order. */
export const list =
  <T>(item: Check<T>): Check<T[]> =>
  (v, path, report) => {
    if (!Array.isArray(v)) throw new ShapeIssue(path, v === undefined ? 'missing (expected an array)' : `expected an array, got ${describe(v)}`);
    const out: T[] = [];
    v.forEach((element, i) => {
      try {
        out.push(item(element, `${path}[${i}]`, report));
      } catch (issue) {
        if (!(issue instanceof ShapeIssue)) throw issue;
        report(issue, 'dropped');
      }
    });
    return out;
  };

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
type OptionalKeys<T> = Exclude<keyof T, RequiredKeys<T>>;

/**
 * An object with the model's required fields (any failure fails the object) and its optional fields
 * (a failure removes the field; `null` where the model does not allow it is dropped silently, as
 * "absent"). Both maps must name every field of `T`, so the checker cannot drift from the model.
 */
export function object<T>(
  required: { [K in RequiredKeys<T>]-?: Check<T[K]> },
  optional: { [K in OptionalKeys<T>]-?: Check<Exclude<T[K], undefined>> },
): Check<T> {
  return (v, path, report) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new ShapeIssue(path, v === undefined ? 'missing (expected an object)' : `expected an object, got ${describe(v)}`);
    }
    const source = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(required) as [string, Check<unknown>][]) {
      out[key] = check(source[key], `${path}.${key}`, report);
    }
    for (const [key, check] of Object.entries(optional) as [string, Check<unknown>][]) {
      const value = source[key];
      if (value === undefined) continue;
      try {
        out[key] = check(value, `${path}.${key}`, report);
      } catch (issue) {
        if (!(issue instanceof ShapeIssue)) throw issue;
        if (value !== null) report(issue, 'removed');
      }
    }
    return out as T;
  };
}

// ---- The guide's models -------------------------------------------------------------------------

export const thumbnail: Check<Thumbnail> = object<Thumbnail>(
  { thumbnailUrl: id, isRepresentative: withDefault(boolean, false) },
  {},
);

/** A list of thumbnails the model requires: missing or not an array → `[]` (reported when wrong). */
const thumbnails = withDefault(list(thumbnail), []);

export const room: Check<RoomCounters> = object<RoomCounters>(
  { chatCounterInfo: number, incomingCounterInfo: number, reactionCounterInfo: number },
  {},
);

export const broadcastProduct: Check<BroadcastProduct> = object<BroadcastProduct>(
  {
    productId: id,
    productName: string,
    productThumbnailUrlList: thumbnails,
    priceTypeCode: string as Check<BroadcastProduct['priceTypeCode']>,
    price: numeric,
    sellingPrice: numeric,
    discountTypeCode: string as Check<BroadcastProduct['discountTypeCode']>,
    discountRate: numeric,
  },
  {
    externalProductId: string,
    discountPrice: numeric,
    brandName: string,
    redirectUrl: string,
    isSoldout: flag,
    languageTag: string,
    currencyId: string,
    currencyNotation: string,
  },
);

/**
 * A broadcast. `broadcastTypeCode` and `broadcastStateCode` are kept as sent even when the guide's
 * code table does not list them (see `isKnownCode` in models.ts); the model's union type therefore promises a
 * little more than the wire does, and every `switch` over them needs a `default`.
 */
export const broadcast: Check<Broadcast> = object<Broadcast>(
  {
    broadcastId: id,
    broadcastName: string,
    broadcastTypeCode: id as Check<Broadcast['broadcastTypeCode']>,
    broadcastStateCode: id as Check<Broadcast['broadcastStateCode']>,
    programmingStartDt: date,
    programmingEndDt: date,
  },
  {
    partnerId: string,
    roomId: string,
    explanation: string,
    broadcastStartDt: nullable(date),
    broadcastEndDt: nullable(date),
    totalDuration: numeric,
    thumbnailList: list(thumbnail),
    broadcastThumbnailList: list(thumbnail),
    hashTagList: list(string),
    shortUrl: string,
    outputPath: string,
    previewUrl: string,
    shopName: string,
    partnerProfileImageUrl: string,
    productListDetail: list(broadcastProduct),
    room,
  },
);

export const curation: Check<Curation> = object<Curation>(
  {
    curationId: id,
    partnerId: string,
    partnerName: string,
    imageUrl: string,
    ord: number,
    isPublic: boolean,
    liveCount: number,
    vodCount: number,
    regDt: date,
  },
  { curationName: string },
);

/** A page after checking: `dropped` counts the items left out because they failed their check. */
export interface CheckedPage<T> extends Page<T> {
  dropped: number;
}

/**
 * The `{totalCount, count, nextKey, items}` of a paged answer, at path `response`. Items failing
 * `item` are dropped and counted; anything wrong with the page itself throws.
 * `count` missing → the number of items sent. `totalCount` missing where `totalOptional` (the guide's
 * curation-detail and single-broadcast examples omit it) → `count`.
 */
export function page<T>(
  item: Check<T>,
  options: { totalOptional?: boolean; onDrop?: (issue: ShapeIssue) => void } = {},
): Check<CheckedPage<T>> {
  const { totalOptional = false, onDrop } = options;
  const checkItem: Check<T> = (v, path, report) => {
    try {
      return item(v, path, report);
    } catch (issue) {
      if (issue instanceof ShapeIssue) onDrop?.(issue);
      throw issue;
    }
  };
  const structure = object<{ items: unknown[]; totalCount?: number; count?: number; nextKey?: string | null }>(
    { items: list((v) => v) },
    { totalCount: number, count: number, nextKey: nullable(string) },
  );
  return (v, path, report) => {
    // Check the structure strictly: here a wrong field is an error, not something to remove.
    const strict: Report = (issue) => {
      throw issue;
    };
    const raw = structure(v, path, strict);
    if (raw.totalCount === undefined && !totalOptional) throw new ShapeIssue(`${path}.totalCount`, 'missing (expected a finite number)');
    const items = list(checkItem)(raw.items, `${path}.items`, report);
    const count = raw.count ?? raw.items.length;
    const result: CheckedPage<T> = { totalCount: raw.totalCount ?? count, count, items, dropped: raw.items.length - items.length };
    if (raw.nextKey !== undefined) result.nextKey = raw.nextKey;
    return result;
  };
}
