// The stand-in's hostile fixture mode: switched by PUT /__control/fixtures (and the node handle), back
// to normal on reset; the same routes answer the corpus of demo/standin/hostile.ts, deterministically,
// with every payload used somewhere, in every text and URL field the issue names.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { qs, startHarness, adminToken, type Harness } from './harness.js';
import { fixtureMode, setFixtureMode } from '../support/standin-control.js';
import {
  HOSTILE_BROADCAST_IDS,
  HOSTILE_PAYLOAD_COUNT,
  TEXT_PAYLOADS,
  URL_PAYLOADS,
  hostileBroadcasts,
  hostileProductId,
} from '../../demo/standin/hostile.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  process.env.SF_STANDIN_ORIGIN = h.standin.origin;
});
after(() => h.close());
beforeEach(() => h.standin.reset());

const LATEST = `/V1/front/broadcast${qs({ partnerId: 'mobidoo', returnLimit: 100 })}`;
const SCHEDULE = `/V1/front/broadcast/schedule${qs({ partnerId: 'mobidoo', returnLimit: 100 })}`;

const PAYLOAD_IDS = [...TEXT_PAYLOADS, ...URL_PAYLOADS].map((p) => p.id);
const TAG = new RegExp(`(?:${PAYLOAD_IDS.map((id) => id.replace(/[-.]/g, '\\$&')).join('|')})\\.[A-Za-z0-9.-]+`, 'g');
/** Every `<payload id>.<where>` tag (what a payload passes to `__sfTrap`) in a text. */
const tags = (text: unknown) => (typeof text === 'string' ? text.match(TAG) ?? [] : []);

describe('switching', () => {
  test('PUT /__control/fixtures switches the mode, GET reads it; a reset returns to normal', async () => {
    assert.deepEqual(await fixtureMode(), { mode: 'normal' });
    assert.deepEqual(await setFixtureMode('hostile'), { mode: 'hostile' });
    assert.deepEqual(await fixtureMode(), { mode: 'hostile' });
    assert.equal(h.standin.fixtureMode(), 'hostile');
    const hostile = await h.call(LATEST);
    assert.ok(hostile.json.response.items.some((b: any) => b?.broadcastId === HOSTILE_BROADCAST_IDS.playable));
    h.standin.reset();
    assert.equal(h.standin.fixtureMode(), 'normal');
    const normal = await h.call(LATEST);
    assert.ok(normal.json.response.items.every((b: any) => b.broadcastId.startsWith('lkmobidoo-') && !b.broadcastId.includes('hostile')));
  });

  test('a bad mode is refused with a 400 naming the modes; the node handle throws a TypeError', async () => {
    for (const body of [{ mode: 'evil' }, {}, 'hostile']) {
      const res = await h.call('/__control/fixtures', { method: 'PUT', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.json.error, /normal.*hostile/);
    }
    assert.throws(() => h.standin.setFixtureMode('evil' as 'normal'), TypeError);
    assert.equal(h.standin.fixtureMode(), 'normal');
  });

  test('the state route keeps its contract shape (counts and payments only)', async () => {
    h.standin.setFixtureMode('hostile');
    const res = await h.call('/__control/state');
    assert.deepEqual(Object.keys(res.json).sort(), ['counts', 'payments']);
  });
});

describe('what the hostile routes answer', () => {
  beforeEach(() => h.standin.setFixtureMode('hostile'));

  test('lists: still a valid envelope and page, with payloads in every text and URL field of every broadcast', async () => {
    for (const path of [LATEST, SCHEDULE, `/V1/front/curation/mobidoo/any${qs({ returnLimit: 100 })}`]) {
      const res = await h.call(path);
      assert.equal(res.status, 200, path);
      assert.equal(res.json.code, 'SU0000');
      const { items, totalCount, count } = res.json.response;
      assert.ok(Array.isArray(items) && items.length > 40, `${path}: ${items?.length} items`);
      assert.equal(count, items.length);
      assert.ok(totalCount > items.length, 'the total is a lie');
      const dressed = items.filter((b: any) => typeof b?.broadcastId === 'string' && b.broadcastId.startsWith('lkmobidoo-hostile-0'));
      assert.ok(dressed.length >= 30);
      for (const b of dressed) {
        for (const field of ['broadcastName', 'explanation', 'shopName']) assert.ok(tags(b[field]).length > 0, `${b.broadcastId}.${field}: ${b[field]}`);
        for (const tag of b.hashTagList) assert.ok(tags(tag).length > 0);
        for (const field of ['shortUrl', 'partnerProfileImageUrl']) assert.doesNotMatch(b[field], /^https?:\/\/(?!127\.0\.0\.1:9\/)/, `${b.broadcastId}.${field}: ${b[field]}`);
        assert.doesNotMatch(b.thumbnailList[0].thumbnailUrl, /^https?:\/\/(?!127\.0\.0\.1:9\/)/);
        for (const p of b.productListDetail) {
          // One product in ten has a field of the wrong type (the name may be null there).
          if (typeof p.productName === 'string') assert.ok(tags(p.productName).length > 0, p.productName);
          assert.ok(tags(p.brandName).length > 0);
        }
      }
    }
  });

  test('every payload of the corpus appears in the data, each with a tag naming its field', async () => {
    const text = JSON.stringify(hostileBroadcasts(Date.now(), h.standin.origin)) + (await h.call('/shop/coupons')).text;
    const seen = new Set(tags(text).map((tag) => tag.split('.')[0]));
    const missing = PAYLOAD_IDS.filter((id) => !seen.has(id));
    assert.deepEqual(missing, [], 'payloads never used');
    assert.equal(HOSTILE_PAYLOAD_COUNT, TEXT_PAYLOADS.length + URL_PAYLOADS.length);
    assert.ok(HOSTILE_PAYLOAD_COUNT >= 50, `a corpus of ${HOSTILE_PAYLOAD_COUNT}`);
  });

  test('deterministic: the same request gives the same body (bar the envelope timestamp)', async () => {
    const strip = (text: string) => text.replace(/"timestamp":\d+/, '');
    assert.equal(strip((await h.call(LATEST)).text), strip((await h.call(LATEST)).text));
    const a = JSON.stringify(hostileBroadcasts(Date.parse('2026-03-02T03:00:00Z'), 'http://x'));
    const b = JSON.stringify(hostileBroadcasts(Date.parse('2026-03-02T03:00:00Z'), 'http://x'));
    assert.equal(a, b);
  });

  test('wrong types, missing fields, non-objects, unknown codes, duplicates and prototype names are all in the list', async () => {
    const { items } = (await h.call(LATEST)).json.response;
    const products = items.flatMap((b: any) => (Array.isArray(b?.productListDetail) ? b.productListDetail : []));
    assert.ok(products.some((p: any) => p.productName === null) && products.some((p: any) => typeof p.priceTypeCode === 'number'), 'products of the wrong type');
    assert.ok(items.includes(null) && items.includes(42) && items.some((i: unknown) => typeof i === 'string'));
    assert.ok(items.some((b: any) => b && typeof b === 'object' && !('broadcastId' in b) && 'broadcastName' in b), 'an item without an id');
    assert.ok(items.some((b: any) => b?.broadcastName === 12345), 'a name of the wrong type');
    const ids = items.filter((b: any) => b && typeof b === 'object').map((b: any) => b.broadcastId);
    assert.equal(ids.filter((id: unknown) => id === HOSTILE_BROADCAST_IDS.playable).length, 2, 'a duplicate id');
    for (const id of ['__proto__', 'constructor', 'toString']) assert.ok(ids.includes(id), id);
    const codes = items.find((b: any) => b?.broadcastId === HOSTILE_BROADCAST_IDS.unknownCodes);
    assert.ok(!['accepted', 'standby', 'ready', 'onair', 'vod', 'error', 'warning', 'converting', 'rehearsal', 'rehearsalonair', 'cancel'].includes(codes.broadcastStateCode));
    const types = items.find((b: any) => b?.broadcastId === HOSTILE_BROADCAST_IDS.wrongTypes);
    assert.equal(typeof types.hashTagList, 'string');
    assert.equal(typeof types.previewUrl, 'object');
    assert.ok(Object.hasOwn(items[0], '__proto__'), 'an own __proto__ field on the wire');
  });

  test('huge strings and long lists: a 100 kB name, thousands of hashtags, hundreds of products', async () => {
    const res = await h.call(`/V1/front/broadcast/mobidoo/${HOSTILE_BROADCAST_IDS.huge}`);
    const [b] = res.json.response.items;
    assert.ok(b.broadcastName.length >= 100_000, `${b.broadcastName.length}`);
    assert.ok(b.explanation.length >= 100_000);
    assert.ok(b.hashTagList.length >= 5000);
    assert.ok(b.productListDetail.length >= 300);
    assert.ok(b.thumbnailList.length >= 1000);
  });

  test('paging: a hostile nextKey that leads to the next page; a key that is not ours is FA1010', async () => {
    const first = (await h.call(`/V1/front/broadcast${qs({ partnerId: 'mobidoo', returnLimit: 10 })}`)).json.response;
    assert.match(first.nextKey, /__sfTrap/);
    const second = (await h.call(`/V1/front/broadcast${qs({ partnerId: 'mobidoo', returnLimit: 10, nextKey: first.nextKey })}`)).json.response;
    assert.notDeepEqual(second.items[0], first.items[0]);
    const bad = await h.call(`/V1/front/broadcast${qs({ partnerId: 'mobidoo', nextKey: 'nope' })}`);
    assert.equal(bad.json.code, 'FA1010');
    // Parameters are still checked as the guide says.
    assert.equal((await h.call('/V1/front/broadcast')).json.code, 'FA1010');
  });

  test('one broadcast by id (the first of duplicates); unknown ids are an empty page', async () => {
    const one = (await h.call(`/V1/front/broadcast/mobidoo/${HOSTILE_BROADCAST_IDS.playable}`)).json.response;
    assert.equal(one.items.length, 1);
    assert.match(one.items[0].previewUrl, /\/media\/preview\/index\.m3u8/);
    assert.match(one.items[0].outputPath, /^http:\/\/127\.0\.0\.1:\d+\/player\/broadcast\//);
    const none = (await h.call('/V1/front/broadcast/mobidoo/lkmobidoo-nope')).json.response;
    assert.deepEqual(none.items, []);
  });

  test('products through the admin route: hostile details for hostile ids, FA1026 for the rest; the token is still checked', async () => {
    const { accessToken } = await adminToken(h);
    const headers = { 'X-SauceFlex-Authorize': accessToken };
    const res = await h.call(`/V1/front/product/${hostileProductId(3)}`, { headers });
    assert.equal(res.json.code, 'SU0000');
    assert.equal(res.json.response.productId, hostileProductId(3));
    assert.ok(tags(res.json.response.productName).length > 0);
    assert.ok(tags(res.json.response.explanation).length > 0);
    assert.ok((await h.call(`/V1/front/product/${hostileProductId(7)}`, { headers })).json.response.productName.length >= 100_000);
    assert.equal((await h.call('/V1/front/product/mobidoo-unknown', { headers })).json.code, 'FA1026');
    assert.equal((await h.call(`/V1/front/product/${hostileProductId(3)}`)).status, 401);
  });

  test('coupons: payload names, odd numbers and types, duplicates, __proto__ ids; an issue answers a coupon that is not the one asked for', async () => {
    const res = await h.call('/shop/coupons');
    assert.equal(res.json.code, 'SU0000');
    const { items } = res.json.response;
    assert.ok(items.length >= 300);
    assert.ok(items.some((c: any) => c.couponId === '__proto__'));
    assert.equal(items.filter((c: any) => c.couponId === 'HOSTILE-DUP').length, 2);
    assert.ok(items.every((c: any) => !('couponName' in c) || tags(c.couponName).length > 0));
    const posted = await h.call('/shop/coupons', { method: 'POST', body: { externalProductIds: ['x'] } });
    assert.equal(posted.json.response.items.length, items.length);
  });

  test('the player page of a hostile broadcast escapes everything and embeds no hostile URL', async () => {
    for (const id of Object.values(HOSTILE_BROADCAST_IDS)) {
      const res = await h.call(`/player/broadcast/${encodeURIComponent(id)}`);
      if (res.status === 404) continue;
      assert.equal(res.status, 200, id);
      // Markup from the data is escaped; the only tags are the page's own, and every URL in it is http(s).
      const tagNames = [...res.text.matchAll(/<([a-z][\w-]*)/gi)].map((m) => m[1]!.toLowerCase());
      const own = ['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'p', 'h1', 'strong', 'span', 'video', 'div', 'button', 'select', 'option', 'script'];
      assert.deepEqual([...new Set(tagNames)].filter((t) => !own.includes(t)), [], id);
      // The page's one script (its bridge buttons): none came in with the data.
      assert.equal(tagNames.filter((t) => t === 'script').length, 1, id);
      for (const m of res.text.matchAll(/\s(?:src|href)="([^"]*)"/g)) assert.match(m[1]!, /^https?:\/\//, id);
    }
  });
});
