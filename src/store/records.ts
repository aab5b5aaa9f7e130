/**
 * Records keyed by ids that come from the API or the shop (broadcasts, coupons, issue states):
 * prototype-free, and read with `Object.hasOwn`, so "__proto__", "constructor" or "toString" are
 * ids like any other, never the prototype or an inherited property.
 */
export type Records<T> = Record<string, T>;

/** A new prototype-free record holding the entries of `from`, later ones winning. */
export function recordTable<T>(...from: Array<Records<T>>): Records<T> {
  return Object.assign(Object.create(null) as Records<T>, ...from);
}

/** The entry stored under `id`: own entries only. */
export function ownRecord<T>(records: Records<T>, id: string): T | undefined {
  return Object.hasOwn(records, id) ? records[id] : undefined;
}
