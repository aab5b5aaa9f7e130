/**
 * The player bridge's web transport (src/player/bridge.ts): each documented event read with its payload,
 * and everything else (another frame, another origin, a wrong shape) refused with a reason, never thrown.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BRIDGE_EVENTS, bridgeMessage, listenToPlayer, readBridgeMessage, type BridgeEvent } from '../../src/player/bridge.js';
import { HOSTILE_MESSAGES } from '../../demo/standin/player-page.js';

const ORIGIN = 'https://player.sauceflex.com';
const frame = { name: 'the player window' };
/** A message from the player's own window and origin. */
const from = (data: unknown) => readBridgeMessage({ data, origin: ORIGIN, source: frame as unknown as MessageEventSource }, frame, ORIGIN);

describe('readBridgeMessage: every documented event', () => {
  const cases: Array<[string, Record<string, unknown> | undefined, BridgeEvent]> = [
    ['sauceflexEnter', undefined, { name: 'sauceflexEnter' }],
    ['sauceflexBroadcastStatus', { broadcastStateCode: 'onair' }, { name: 'sauceflexBroadcastStatus', payload: { broadcastStateCode: 'onair' } }],
    [
      'sauceflexMoveBanner',
      { linkUrl: 'https://shop.example/b', broadcastIdx: 7, bannerId: 'BN' },
      { name: 'sauceflexMoveBanner', payload: { linkUrl: 'https://shop.example/b', broadcastIdx: 7, bannerId: 'BN' } },
    ],
    ['sauceflexMoveExit', undefined, { name: 'sauceflexMoveExit' }],
    ['sauceflexMoveLogin', undefined, { name: 'sauceflexMoveLogin' }],
    [
      'sauceflexMoveProduct',
      { linkUrl: 'https://shop.example/p', broadcastIdx: 'lk1', price: '39000', externalProductId: null, isSoldout: true },
      { name: 'sauceflexMoveProduct', payload: { linkUrl: 'https://shop.example/p', broadcastIdx: 'lk1', price: '39000', externalProductId: null, isSoldout: true } },
    ],
    ['sauceflexOnShare', { linkUrl: 'https://p.example/b/1', shortUrl: null }, { name: 'sauceflexOnShare', payload: { linkUrl: 'https://p.example/b/1', shortUrl: null } }],
    ['sauceflexPictureInPicture', undefined, { name: 'sauceflexPictureInPicture' }],
    ['sauceflexSendPlayTime', { position: 12.5 }, { name: 'sauceflexSendPlayTime', payload: { position: 12.5 } }],
  ];

  test('the table covers every name the adapter knows', () => {
    assert.deepEqual(cases.map(([name]) => name).sort(), [...BRIDGE_EVENTS].sort());
  });

  for (const [name, payload, expected] of cases) {
    test(`${name}: read as an object and as a JSON string`, () => {
      const message = bridgeMessage(name as (typeof BRIDGE_EVENTS)[number], payload);
      assert.deepEqual(from(message), { ok: true, event: expected });
      assert.deepEqual(from(JSON.stringify(message)), { ok: true, event: expected });
    });
  }

  test('optional product fields default as documented: externalProductId null, isSoldout false', () => {
    const reading = from({ event: 'sauceflexMoveProduct', payload: { linkUrl: 'https://shop.example/p' } });
    assert.deepEqual(reading, { ok: true, event: { name: 'sauceflexMoveProduct', payload: { linkUrl: 'https://shop.example/p', broadcastIdx: undefined, price: undefined, externalProductId: null, isSoldout: false } } });
  });
});

describe('readBridgeMessage: what is refused', () => {
  test('another window, even with the right origin and shape', () => {
    const reading = readBridgeMessage({ data: bridgeMessage('sauceflexMoveLogin'), origin: ORIGIN, source: {} as MessageEventSource }, frame, ORIGIN);
    assert.equal(reading.ok, false);
    assert.equal(!reading.ok && reading.reason, 'source');
  });

  test('another origin from the player window (the frame navigated elsewhere)', () => {
    const reading = readBridgeMessage({ data: bridgeMessage('sauceflexMoveLogin'), origin: 'https://evil.example', source: frame as unknown as MessageEventSource }, frame, ORIGIN);
    assert.equal(!reading.ok && reading.reason, 'origin');
  });

  test('no player frame yet: nothing is read', () => {
    const reading = readBridgeMessage({ data: bridgeMessage('sauceflexMoveLogin'), origin: ORIGIN, source: null }, undefined, ORIGIN);
    assert.equal(!reading.ok && reading.reason, 'source');
  });

  test(`each of the stand-in's ${HOSTILE_MESSAGES.length} hostile messages is refused or (a javascript: link) left to the element, none throws`, () => {
    let readable = 0;
    for (const data of HOSTILE_MESSAGES) {
      const reading = from(data);
      if (reading.ok) {
        readable++;
        // The one shape-correct message: its link is not http(s), which the element refuses (safeUrl).
        assert.equal(reading.event.name, 'sauceflexMoveProduct');
        assert.match((reading.event as Extract<BridgeEvent, { name: 'sauceflexMoveProduct' }>).payload.linkUrl, /^javascript:/);
      } else {
        assert.ok(['shape', 'event', 'payload'].includes(reading.reason), `${JSON.stringify(data)?.slice(0, 60)}: ${reading.reason}`);
      }
    }
    assert.equal(readable, 1);
  });

  test('a payload of the wrong type for each event with one', () => {
    for (const [event, payload] of [
      ['sauceflexBroadcastStatus', { broadcastStateCode: 3 }],
      ['sauceflexBroadcastStatus', { broadcastStateCode: 'x'.repeat(41) }],
      ['sauceflexMoveBanner', { linkUrl: '' }],
      ['sauceflexMoveProduct', { linkUrl: 'https://a.example', price: { v: 1 } }],
      ['sauceflexMoveProduct', { linkUrl: 'https://a.example', price: Number.NaN }],
      ['sauceflexMoveProduct', { linkUrl: 'https://a.example', externalProductId: 5 }],
      ['sauceflexOnShare', { linkUrl: 'https://a.example', shortUrl: 5 }],
      ['sauceflexSendPlayTime', { position: Number.POSITIVE_INFINITY }],
      ['sauceflexSendPlayTime', undefined],
    ] as const) {
      const reading = from({ event, payload });
      assert.equal(!reading.ok && reading.reason, 'payload', `${event} ${JSON.stringify(payload)}`);
    }
  });
});

describe('listenToPlayer', () => {
  test('hands read events and refusals to their callbacks, and stops listening when told', () => {
    const target = new EventTarget() as unknown as Window;
    const events: BridgeEvent[] = [];
    const ignored: string[] = [];
    const off = listenToPlayer(target, { frame: () => frame as unknown as Window, origin: () => ORIGIN, onEvent: (e) => events.push(e), onIgnored: (reason) => ignored.push(reason) });
    const post = (data: unknown, origin = ORIGIN) => target.dispatchEvent(Object.assign(new Event('message'), { data, origin, source: frame }));
    post(bridgeMessage('sauceflexEnter'));
    post(bridgeMessage('sauceflexEnter'), 'https://evil.example');
    post('{');
    assert.deepEqual(events, [{ name: 'sauceflexEnter' }]);
    assert.deepEqual(ignored, ['origin', 'shape']);
    off();
    post(bridgeMessage('sauceflexEnter'));
    assert.equal(events.length, 1);
  });
});
