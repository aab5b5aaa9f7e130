// The read routes: broadcast lists, one broadcast, curations and the admin product route, against
// the guide's examples; validation (FA1010), paging by nextKey, search, and the clock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { adminToken, DAY, HOUR, kindOf, MIN, qs, startHarness, T0, type Harness } from './harness.js';

/** The guide's list item (최신 라이브 및 VOD 조회), field by field; `totalDuration` may also be a numeric string. */
const GUIDE_LIST_ITEM = {
  thumbnailList: [{ thumbnailUrl: 'https://www.fnordware.com/superpng/pnggrad16rgb.png', isRepresentative: true }],
  broadcastThumbnailList: [{ thumbnailUrl: 'https://www.fnordware.com/superpng/pnggrad16rgb.png', isRepresentative: true }],
  broadcastId: 'string',
  broadcastName: 'string',
  explanation: '브로드캐스트 설명',
  broadcastTypeCode: 'live',
  broadcastStateCode: 'standby',
  programmingStartDt: '2020-12-01T12:59:59.000Z',
  programmingEndDt: '2020-12-01T12:59:59.000Z',
  outputPath: 'string',
  shopName: 'string',
  partnerProfileImageUrl: 'string',
  productListDetail: [{}],
  room: { chatCounterInfo: 0, incomingCounterInfo: 0, reactionCounterInfo: 0 },
};
const GUIDE_LIST_PRODUCT = {
  productId: 'string',
  productName: '상품 이름',
  productThumbnailUrlList: [{ thumbnailUrl: 'https://~~~/xxx.png', isRepresentative: true }],
  priceTypeCode: 'basic',
  price: '1000',
  sellingPrice: '0',
  discountTypeCode: 'none',
  discountRate: '0.0',
  discountPrice: '0',
};
/** Extra fields of the guide's single-broadcast example (특정 방송 조회). */
const GUIDE_ONE_EXTRA = ['partnerId', 'roomId', 'hashTagList', 'shortUrl', 'previewUrl', 'totalDuration'];
const GUIDE_CURATION = {
  curationName: 'HOT Live',
  partnerId: 'sauceflex1',
  imageUrl: 'https://…jpg',
  liveCount: 25,
  ord: 1,
  curationId: 'a7szzK56tfkuFUTTmXAFuf',
  partnerName: 'sauceflex',
  regDt: '2021-02-15T07:15:44.837Z',
  isPublic: true,
  vodCount: 3,
};
const GUIDE_PRODUCT_KEYS = [
  'productThumbnailUrlList', 'discountRate', 'liveCount', 'brandName', 'regDt', 'externalProductId', 'priceTypeCode',
  'vodCount', 'productTypeCode', 'regName', 'redirectUrl', 'modName', 'productEventTypeCode', 'sellingPrice',
  'discountTypeCode', 'modDt', 'productCategoryId1', 'productCategoryId2', 'price', 'isSoldout', 'productId',
  'explanation', 'productName', 'countryId', 'currencyId', 'languageTag', 'currencyNotation',
];

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const latest = (params: Record<string, string | number | undefined> = {}) =>
  h.call(`/V1/front/broadcast${qs({ partnerId: 'mobidoo', ...params })}`);
const schedule = (params: Record<string, string | number | undefined> = {}) =>
  h.call(`/V1/front/broadcast/schedule${qs({ partnerId: 'mobidoo', ...params })}`);
const starts = (items: { programmingStartDt: string }[]) => items.map((b) => Date.parse(b.programmingStartDt));

function assertLike(actual: Record<string, unknown>, example: Record<string, unknown>, where: string) {
  for (const [key, value] of Object.entries(example)) {
    assert.ok(key in actual, `${where}: ${key} missing`);
    assert.equal(kindOf(actual[key]), kindOf(value), `${where}: ${key} is ${kindOf(actual[key])}`);
  }
}

/** Every page of a list, following nextKey. */
async function walk(get: (params: Record<string, string | number | undefined>) => ReturnType<typeof latest>, params: Record<string, string | number | undefined>) {
  const pages = [];
  let nextKey: string | undefined;
  do {
    const res = await get({ ...params, nextKey });
    assert.equal(res.json.code, 'SU0000', res.text);
    pages.push(res.json.response);
    nextKey = res.json.response.nextKey;
  } while (nextKey);
  return pages;
}

describe('GET /V1/front/broadcast (latest)', () => {
  test('items have the guide example fields with the guide types; products too', async () => {
    const res = await latest({ searchType: '2', returnLimit: 100 });
    assert.equal(res.status, 200);
    assert.equal(res.json.code, 'SU0000');
    assert.equal(res.json.message, '성공하였습니다.');
    const page = res.json.response;
    assert.equal(kindOf(page.totalCount), 'number');
    assert.equal(page.count, page.items.length);
    for (const item of page.items) {
      assertLike(item, GUIDE_LIST_ITEM, item.broadcastId);
      assert.ok(['number', 'string'].includes(kindOf(item.totalDuration)));
      assert.ok(item.productListDetail.length >= 1 && item.productListDetail.length <= 6);
      for (const product of item.productListDetail) {
        // The guide's table says number for these three where its example sends strings: either is served.
        const { sellingPrice, discountRate, discountPrice, ...strict } = GUIDE_LIST_PRODUCT;
        assertLike(product, strict, product.productId);
        for (const key of Object.keys({ sellingPrice, discountRate, discountPrice })) {
          assert.ok(['string', 'number'].includes(kindOf(product[key])), key);
        }
      }
    }
    // Both forms occur, so clients are tested against each.
    const sellingKinds = new Set(page.items.flatMap((b: any) => b.productListDetail.map((p: any) => kindOf(p.sellingPrice))));
    assert.deepEqual([...sellingKinds].sort(), ['number', 'string']);
  });

  test('default: started broadcasts of type live or catchup, newest first, 10 per page', async () => {
    const res = await latest();
    const { items, totalCount } = res.json.response;
    assert.equal(items.length, 10);
    assert.ok(totalCount > 10);
    assert.ok(items.every((b: any) => ['live', 'catchup'].includes(b.broadcastTypeCode)));
    assert.ok(starts(items).every((t) => t <= T0));
    assert.deepEqual(starts(items), [...starts(items)].sort((a, b) => b - a));
    assert.ok(res.json.response.nextKey);
  });

  test('searchType picks by broadcastTypeCode: 1 vod, 3 live, 4 catchup, 2 all, 0 live+catchup', async () => {
    const types = async (searchType: string) => {
      const items = (await latest({ searchType, returnLimit: 100 })).json.response.items as any[];
      return items.map((b) => b.broadcastTypeCode as string);
    };
    const [t0, t1, t2, t3, t4] = await Promise.all(['0', '1', '2', '3', '4'].map(types));
    assert.ok(t1!.length > 0 && t1!.every((t) => t === 'vod'));
    assert.ok(t3!.length > 0 && t3!.every((t) => t === 'live'));
    assert.ok(t4!.length > 0 && t4!.every((t) => t === 'catchup'));
    assert.equal(t0!.length, t3!.length + t4!.length);
    assert.equal(t2!.length, t0!.length + t1!.length);
  });

  test('keeps onair, vod, warning, converting, error, rehearsalonair and cancel items (the widgets decide)', async () => {
    const items = (await latest({ searchType: '2', returnLimit: 100 })).json.response.items as any[];
    const states = new Set(items.map((b) => b.broadcastStateCode));
    for (const state of ['onair', 'vod', 'warning', 'converting', 'error', 'rehearsalonair', 'cancel']) assert.ok(states.has(state), state);
    assert.ok(items.filter((b) => b.broadcastStateCode === 'onair').length >= 2);
  });

  test('paging: walking every page via nextKey gives each item once, totalCount steady, no empty last page', async () => {
    const all = (await latest({ searchType: '2', returnLimit: 100 })).json.response;
    for (const limit of [1, 3, 7]) {
      const pages = await walk(latest, { searchType: '2', returnLimit: limit });
      const ids = pages.flatMap((p) => p.items.map((b: any) => b.broadcastId));
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      assert.deepEqual(ids, all.items.map((b: any) => b.broadcastId), 'no gaps, same order');
      for (const page of pages) {
        assert.equal(page.totalCount, all.totalCount);
        assert.equal(page.count, page.items.length);
        assert.ok(page.count > 0 && page.count <= limit);
      }
      assert.equal(pages.at(-1).nextKey, undefined);
      assert.equal(pages.length, Math.ceil(all.totalCount / limit));
    }
  });

  test('nextKey is opaque base64; tampered, foreign or unknown keys are FA1010', async () => {
    const first = (await latest({ returnLimit: 2 })).json.response;
    assert.match(first.nextKey, /^[A-Za-z0-9+/]+={0,2}$/);
    const scheduleKey = (await schedule({ returnLimit: 1 })).json.response.nextKey;
    const decoded = JSON.parse(Buffer.from(first.nextKey, 'base64').toString());
    const unknownItem = Buffer.from(JSON.stringify({ ...decoded, SK: 'BRD#lkmobidoo-00000000000000000000000000000000' })).toString('base64');
    for (const nextKey of ['garbage!', first.nextKey.slice(0, -6) + 'AAAAAA', scheduleKey, unknownItem, Buffer.from('{"PK":1}').toString('base64')]) {
      const res = await latest({ returnLimit: 2, nextKey });
      assert.equal(res.status, 400, nextKey);
      assert.equal(res.json.code, 'FA1010');
      assert.match(res.json.response.validError[0], /"nextKey"/);
    }
  });

  test('searchWord matches broadcast names, product names and brand names, case-insensitively', async () => {
    const names = async (searchWord: string) =>
      ((await latest({ searchType: '2', returnLimit: 100, searchWord })).json.response.items as any[]).map((b) => b.broadcastName as string);
    const byName = await names('감귤');
    assert.ok(byName.length >= 2 && byName.every((n) => n.includes('감귤')));
    const byCase = await names('live');
    assert.ok(byCase.some((n) => n.includes('[LIVE]')));
    // '스마트 줄넘기' is a product, named in no broadcast title.
    const byProduct = (await latest({ searchType: '2', returnLimit: 100, searchWord: '스마트 줄넘기' })).json.response.items as any[];
    assert.ok(byProduct.length >= 1);
    assert.ok(byProduct.every((b) => b.productListDetail.some((p: any) => p.productName === '스마트 줄넘기')));
    // '슬립웰' is a brand only: it appears in no broadcast or product name.
    const byBrand = await names('슬립웰');
    assert.ok(byBrand.length >= 1);
    assert.ok(byBrand.every((n) => !n.includes('슬립웰')));
    assert.deepEqual(await names('없는검색어zzz'), []);
  });

  test('searchStartDt / searchEndDt bound programmingStartDt', async () => {
    const from = new Date(T0 - 3 * DAY).toISOString();
    const to = new Date(T0 - DAY).toISOString();
    const items = (await latest({ searchType: '2', returnLimit: 100, searchStartDt: from, searchEndDt: to })).json.response.items as any[];
    assert.ok(items.length >= 2);
    assert.ok(starts(items).every((t) => t >= Date.parse(from) && t <= Date.parse(to)));
  });

  test('validation: FA1010 with Joi-style validError for each bad parameter', async () => {
    const cases: [Record<string, string>, string[]][] = [
      [{ returnLimit: '0' }, ['"returnLimit" must be greater than or equal to 1']],
      [{ returnLimit: '101' }, ['"returnLimit" must be less than or equal to 100']],
      [{ returnLimit: 'x' }, ['"returnLimit" must be a number']],
      [{ returnLimit: '1.5' }, ['"returnLimit" must be an integer']],
      [{ foo: 'bar' }, ["'foo' is not allowed"]],
      [{ searchType: '5' }, ['"searchType" must be one of [0, 1, 2, 3, 4]']],
      [{ searchStartDt: 'yesterday' }, ['"searchStartDt" must be in ISO 8601 date format']],
      [{ searchStartDt: '2026-03-02T00:00:00Z', searchEndDt: '2026-03-01T00:00:00Z' }, ['"searchEndDt" must be greater than or equal to "ref:searchStartDt"']],
      [{ searchWord: '' }, ['"searchWord" is not allowed to be empty']],
    ];
    for (const [params, validError] of cases) {
      const res = await latest(params);
      assert.equal(res.status, 400, JSON.stringify(params));
      assert.equal(res.json.code, 'FA1010');
      assert.equal(res.json.message, '파라미터가 잘못되었습니다.');
      assert.deepEqual(res.json.response.validError, validError, JSON.stringify(params));
    }
    const missing = await h.call('/V1/front/broadcast');
    assert.deepEqual(missing.json.response.validError, ['"partnerId" is required']);
    const repeated = await h.call('/V1/front/broadcast?partnerId=mobidoo&returnLimit=1&returnLimit=2');
    assert.deepEqual(repeated.json.response.validError, ['"returnLimit" must be a number']);
  });

  test('an unknown partner is FA1012', async () => {
    const res = await h.call('/V1/front/broadcast?partnerId=acme');
    assert.equal(res.json.code, 'FA1012');
    assert.equal(res.status, 500);
  });
});

describe('GET /V1/front/broadcast/schedule', () => {
  test('only broadcasts not yet started, soonest first, rehearsal and cancel kept', async () => {
    const items = (await schedule({ returnLimit: 100 })).json.response.items as any[];
    assert.ok(items.length >= 10);
    assert.ok(starts(items).every((t) => t > T0));
    assert.deepEqual(starts(items), [...starts(items)].sort((a, b) => a - b));
    const states = new Set(items.map((b) => b.broadcastStateCode));
    for (const state of ['accepted', 'standby', 'ready', 'rehearsal', 'cancel']) assert.ok(states.has(state), state);
    // Spread: later today, tomorrow and next week.
    assert.ok(starts(items).some((t) => t < T0 + 6 * HOUR));
    assert.ok(starts(items).some((t) => t > T0 + DAY && t < T0 + 2 * DAY));
    assert.ok(starts(items).some((t) => t > T0 + 7 * DAY));
  });

  test('searchType is not a schedule parameter', async () => {
    const res = await schedule({ searchType: '0' });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json.response.validError, ["'searchType' is not allowed"]);
  });

  test('moving the clock moves broadcasts from the schedule to the latest list', async () => {
    const first = (await schedule({ returnLimit: 1 })).json.response.items[0];
    const startsAt = Date.parse(first.programmingStartDt);
    assert.equal(startsAt, T0 + 15 * MIN);
    h.clock.now = startsAt + MIN;
    try {
      const after = (await schedule({ returnLimit: 100 })).json.response.items as any[];
      assert.ok(!after.some((b) => b.broadcastId === first.broadcastId));
      const newest = (await latest({ returnLimit: 1 })).json.response.items[0];
      assert.equal(newest.broadcastId, first.broadcastId);
    } finally {
      h.clock.now = T0;
    }
  });

  test('paging holds across a clock move: the next page starts after the last item sent', async () => {
    const page1 = (await schedule({ returnLimit: 2 })).json.response;
    h.clock.now = T0 + 20 * MIN; // the first item has started since
    try {
      const page2 = (await schedule({ returnLimit: 2, nextKey: page1.nextKey })).json.response;
      const ids1 = page1.items.map((b: any) => b.broadcastId);
      assert.ok(page2.items.length === 2);
      assert.ok(page2.items.every((b: any) => !ids1.includes(b.broadcastId)));
      assert.ok(Date.parse(page2.items[0].programmingStartDt) >= Date.parse(page1.items[1].programmingStartDt));
    } finally {
      h.clock.now = T0;
    }
  });

  test('paging the whole schedule: no duplicates, no gaps', async () => {
    const all = (await schedule({ returnLimit: 100 })).json.response;
    const pages = await walk(schedule, { returnLimit: 4 });
    const ids = pages.flatMap((p) => p.items.map((b: any) => b.broadcastId));
    assert.deepEqual(ids, all.items.map((b: any) => b.broadcastId));
    assert.ok(pages.every((p) => p.totalCount === all.totalCount));
  });

  test('reset re-anchors the fixtures at the current clock: the schedule moves with it', async () => {
    const before = (await schedule({ returnLimit: 100 })).json.response.items as any[];
    h.clock.now = T0 + 2 * HOUR;
    h.standin.reset();
    try {
      const after = (await schedule({ returnLimit: 100 })).json.response.items as any[];
      assert.deepEqual(after.map((b) => b.broadcastId), before.map((b) => b.broadcastId));
      assert.deepEqual(starts(after), starts(before).map((t) => t + 2 * HOUR));
    } finally {
      h.clock.now = T0;
      h.standin.reset();
    }
  });
});

describe('GET /V1/front/broadcast/{partnerId}/{broadcastId}', () => {
  test('a page of one, with the guide single-broadcast example fields and nextKey null', async () => {
    const any = (await latest({ searchType: '2' })).json.response.items[0];
    const res = await h.call(`/V1/front/broadcast/mobidoo/${any.broadcastId}`);
    assert.equal(res.json.code, 'SU0000');
    const page = res.json.response;
    assert.equal(page.nextKey, null);
    assert.equal(page.totalCount, 1);
    assert.equal(page.count, 1);
    assertLike(page.items[0], GUIDE_LIST_ITEM, 'one');
    for (const key of GUIDE_ONE_EXTRA) assert.ok(key in page.items[0], key);
    assert.equal(page.items[0].roomId, any.broadcastId);
    assert.deepEqual(page.items[0], any);
  });

  test('an unknown broadcast is an empty page; an unknown partner FA1012; a query parameter FA1010', async () => {
    const none = await h.call('/V1/front/broadcast/mobidoo/lkmobidoo-ffffffffffffffffffffffffffffffff');
    assert.deepEqual(none.json.response, { nextKey: null, totalCount: 0, count: 0, items: [] });
    assert.equal((await h.call('/V1/front/broadcast/acme/x')).json.code, 'FA1012');
    const extra = await h.call('/V1/front/broadcast/mobidoo/x?foo=1');
    assert.deepEqual(extra.json.response.validError, ["'foo' is not allowed"]);
  });
});

describe('curations', () => {
  test('the list has the guide example fields and types, ordered by ord; nextKey is quoted as the guide sample', async () => {
    const res = await h.call('/V1/front/curation/mobidoo?returnLimit=2');
    assert.equal(res.json.code, 'SU0000');
    const page = res.json.response;
    assert.ok(page.totalCount >= 3);
    for (const item of page.items) {
      assert.deepEqual(Object.keys(item).sort(), Object.keys(GUIDE_CURATION).sort());
      assertLike(item, GUIDE_CURATION, item.curationId);
      assert.match(item.curationId, /^[1-9A-HJ-NP-Za-km-z]{22}$/);
    }
    assert.match(page.nextKey, /^"[A-Za-z0-9+/]+={0,2}"$/);
    const pages = await walk((p) => h.call(`/V1/front/curation/mobidoo${qs(p)}`), { returnLimit: 2 });
    const ords = pages.flatMap((p) => p.items.map((c: any) => c.ord));
    assert.deepEqual(ords, [...ords].sort((a, b) => a - b));
    assert.equal(ords.length, page.totalCount);
    // The bare (unquoted) form of a key works as well.
    const bare = await h.call(`/V1/front/curation/mobidoo${qs({ returnLimit: 2, nextKey: JSON.parse(page.nextKey) })}`);
    assert.equal(bare.json.response.items[0].ord, 3);
  });

  test('detail: the broadcasts of a curation, paged; liveCount + vodCount match', async () => {
    const curations = (await h.call('/V1/front/curation/mobidoo?returnLimit=100')).json.response.items as any[];
    const hot = curations.find((c) => c.curationName === 'HOT Live');
    const all = (await h.call(`/V1/front/curation/mobidoo/${hot.curationId}?returnLimit=100`)).json.response;
    assert.equal(all.totalCount, hot.liveCount + hot.vodCount);
    assert.equal(all.count, all.items.length);
    for (const item of all.items) assertLike(item, GUIDE_LIST_ITEM, item.broadcastId);
    const pages = await walk((p) => h.call(`/V1/front/curation/mobidoo/${hot.curationId}${qs(p)}`), { returnLimit: 3 });
    assert.deepEqual(pages.flatMap((p) => p.items.map((b: any) => b.broadcastId)), all.items.map((b: any) => b.broadcastId));
  });

  test('an empty curation is an empty page; an unknown one FA1018; an unknown partner FA1012', async () => {
    const curations = (await h.call('/V1/front/curation/mobidoo?returnLimit=100')).json.response.items as any[];
    const empty = curations.find((c) => c.liveCount + c.vodCount === 0);
    assert.ok(empty && empty.isPublic === false);
    const res = await h.call(`/V1/front/curation/mobidoo/${empty.curationId}`);
    assert.equal(res.json.response.totalCount, 0);
    assert.deepEqual(res.json.response.items, []);
    const unknown = await h.call('/V1/front/curation/mobidoo/nope');
    assert.equal(unknown.json.code, 'FA1018');
    assert.equal(unknown.json.message, '잘못된 큐레이션 아이디입니다.');
    assert.equal((await h.call('/V1/front/curation/acme')).json.code, 'FA1012');
  });

  test('curation validation is FA1010: returnLimit range and a key from another list', async () => {
    const res = await h.call('/V1/front/curation/mobidoo?returnLimit=0');
    assert.deepEqual(res.json.response.validError, ['"returnLimit" must be greater than or equal to 1']);
    const latestKey = (await latest({ returnLimit: 1 })).json.response.nextKey;
    const foreign = await h.call(`/V1/front/curation/mobidoo${qs({ nextKey: latestKey })}`);
    assert.equal(foreign.json.code, 'FA1010');
  });
});

describe('GET /V1/front/product/{productId}', () => {
  test('with an admin token: the guide example fields, prices as strings', async () => {
    const { accessToken } = await adminToken(h);
    const listed = (await latest({ searchType: '2' })).json.response.items[0].productListDetail[0];
    const res = await h.call(`/V1/front/product/${listed.productId}`, { headers: { 'X-SauceFlex-Authorize': accessToken } });
    assert.equal(res.json.code, 'SU0000');
    const product = res.json.response;
    for (const key of GUIDE_PRODUCT_KEYS) assert.ok(key in product, key);
    assert.equal(product.productId, listed.productId);
    assert.equal(product.productName, listed.productName);
    assert.equal(typeof product.price, 'string');
    assert.equal(product.currencyNotation, '₩');
    assert.ok([0, 1].includes(product.isSoldout));
    assert.match(product.redirectUrl, /^http:\/\/127\.0\.0\.1:5173\//);
  });

  test('the guide curl wraps the header value in quotes: accepted', async () => {
    const { accessToken } = await adminToken(h);
    const listed = (await latest()).json.response.items[0].productListDetail[0];
    const res = await h.call(`/V1/front/product/${listed.productId}`, { headers: { 'X-SauceFlex-Authorize': `"${accessToken}"` } });
    assert.equal(res.json.code, 'SU0000');
  });

  test('no header or an unknown token is FA1007 (401); an unknown product FA1026', async () => {
    const listed = (await latest()).json.response.items[0].productListDetail[0];
    const none = await h.call(`/V1/front/product/${listed.productId}`);
    assert.equal(none.status, 401);
    assert.equal(none.json.code, 'FA1007');
    const bad = await h.call(`/V1/front/product/${listed.productId}`, { headers: { 'X-SauceFlex-Authorize': 'bm9wZQ==' } });
    assert.equal(bad.json.code, 'FA1007');
    const { accessToken } = await adminToken(h);
    const unknown = await h.call('/V1/front/product/mobidoo-00000000000000000000000000000000', { headers: { 'X-SauceFlex-Authorize': accessToken } });
    assert.equal(unknown.json.code, 'FA1026');
    assert.equal(unknown.json.message, '등록되지 않은 상품입니다.');
  });

  test('a shop-side origin option changes every redirectUrl', async () => {
    const other = await startHarness({ shopOrigin: 'https://shop.example' });
    try {
      const { accessToken } = await adminToken(other);
      const listed = (await other.call('/V1/front/broadcast?partnerId=mobidoo')).json.response.items[0].productListDetail[0];
      const res = await other.call(`/V1/front/product/${listed.productId}`, { headers: { 'X-SauceFlex-Authorize': accessToken } });
      assert.match(res.json.response.redirectUrl, /^https:\/\/shop\.example\//);
    } finally {
      await other.close();
    }
  });
});
