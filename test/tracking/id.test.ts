import { expect } from '@open-wc/testing';
import { isOrderCallBackId, newOrderCallBackId, uuidFromBytes } from '../../src/tracking/id.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('tracking: orderCallBackId', () => {
  it('is a UUID v4 from crypto.randomUUID', () => {
    expect(newOrderCallBackId()).to.match(V4);
  });

  it('10,000 ids are all different and all v4 (randomUUID)', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) ids.add(newOrderCallBackId()!);
    expect(ids.size).to.equal(10_000);
    for (const id of ids) expect(id).to.match(V4);
  });

  it('falls back to crypto.getRandomValues where randomUUID is missing: still v4, 10,000 different', () => {
    const noRandomUUID = { getRandomValues: <T extends ArrayBufferView>(array: T) => crypto.getRandomValues(array as never) as T };
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) ids.add(newOrderCallBackId(noRandomUUID as Crypto)!);
    expect(ids.size).to.equal(10_000);
    for (const id of ids) expect(id).to.match(V4);
  });

  it('falls back too when randomUUID throws (insecure context in some webviews)', () => {
    const throwing = {
      randomUUID: () => {
        throw new DOMException('insecure', 'SecurityError');
      },
      getRandomValues: <T extends ArrayBufferView>(array: T) => crypto.getRandomValues(array as never) as T,
    };
    expect(newOrderCallBackId(throwing as unknown as Crypto)).to.match(V4);
  });

  it('issues nothing without a cryptographic random source (no Math.random ids)', () => {
    expect(newOrderCallBackId(null)).to.equal(undefined);
    expect(newOrderCallBackId({} as Crypto)).to.equal(undefined);
  });

  it('sets the version and variant bits whatever the random bytes are', () => {
    expect(uuidFromBytes(new Uint8Array(16).fill(0xff))).to.equal('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuidFromBytes(new Uint8Array(16))).to.equal('00000000-0000-4000-8000-000000000000');
  });

  it('recognises UUIDs and nothing else', () => {
    expect(isOrderCallBackId('3F2B8C1E-9D4A-4E6B-8F0A-1C2D3E4F5A6B')).to.equal(true);
    for (const bad of ['', 'abc', '3f2b8c1e9d4a4e6b8f0a1c2d3e4f5a6b', '3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b ', null, 7, {}]) {
      expect(isOrderCallBackId(bad), String(bad)).to.equal(false);
    }
  });
});
