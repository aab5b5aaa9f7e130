/**
 * orderCallBackId: the UUID v4 that ties a product click to the purchase it leads to (결제 연동).
 * `crypto.randomUUID` where the browser has it (secure contexts); otherwise a v4 UUID built from
 * `crypto.getRandomValues`, which plain-http pages and older browsers still have. There is no
 * `Math.random` fallback: an id that two shoppers could share would attribute one purchase to
 * another click, so without a CSPRNG no id is issued at all (the card then links untracked).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape sauceFlex accepts: a UUID (any version, any case). */
export function isOrderCallBackId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

type CryptoLike = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string };

/** A fresh UUID v4, or undefined when this environment has no cryptographic random source. */
export function newOrderCallBackId(source: CryptoLike | null = globalThis.crypto ?? null): string | undefined {
  if (!source) return undefined;
  if (typeof source.randomUUID === 'function') {
    try {
      return source.randomUUID();
    } catch {
      // Some embedded webviews expose randomUUID but throw outside a secure context; fall through.
    }
  }
  if (typeof source.getRandomValues !== 'function') return undefined;
  return uuidFromBytes(source.getRandomValues(new Uint8Array(16)));
}

/** RFC 9562 §5.4: version 4 in the high nibble of byte 6, variant 10xx in byte 8. */
export function uuidFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError('a UUID needs 16 bytes');
  const b = Uint8Array.from(bytes);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
