/**
 * What the client does with bodies the guide does not promise: page structure errors fail the call
 * with a path; a hostile item is dropped and reported; optional fields of the wrong type are removed;
 * unknown codes and odd prices are kept as sent. Served by a fake fetch (no stand-in needed).
 */
import { expect } from '@open-wc/testing';
import {
  BroadcastStateCode,
  ResponseShapeError,
  createClient,
  isKnownCode,
  type Repair,
} from '../../src/api/index.js';

const ok = (response: unknown) => ({ code: 'SU0000', message: '성공하였습니다.', response });

function serve(body: unknown) {
  const urls: string[] = [];
  const f: typeof fetch = async (input) => {
    urls.push(String(input));
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { urls, fetch: f };
}

function clientFor(body: unknown) {
  const invalid: { path: string; repair: Repair; error: ResponseShapeError }[] = [];
  const served = serve(body);
  const api = createClient({
    apiBase: 'https://api.example.test/V1',
    partnerId: 'mobidoo',
    fetch: served.fetch,
    retry: { limit: 0 },
    onInvalid: (error, repair) => invalid.push({ path: error.path, repair, error }),
  });
  return { api, invalid, urls: served.urls };
}

const broadcast = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  broadcastId: id,
  broadcastName: `방송 ${id}`,
  broadcastTypeCode: 'live',
  broadcastStateCode: 'onair',
  programmingStartDt: '2024-05-01T10:00:00.000Z',
  programmingEndDt: '2024-05-01T11:00:00.000Z',
  ...extra,
});

const pageOf = (items: unknown[], extra: Record<string, unknown> = {}) => ({ totalCount: items.length, count: items.length, items, ...extra });

describe('api validation: items', () => {
  it('drops a broadcast missing a required field, keeps the rest, reports the path', async () => {
    const hostile = broadcast('b2');
    delete hostile.broadcastName;
    const { api, invalid } = clientFor(ok(pageOf([broadcast('b1'), hostile, broadcast('b3'), broadcast('', {}), 'junk', null])));
    const page = await api.schedule();
    expect(page.items.map((b) => b.broadcastId)).to.deep.equal(['b1', 'b3']);
    expect(page.dropped).to.equal(4);
    expect(invalid.map((i) => [i.path, i.repair])).to.deep.equal([
      ['response.items[1].broadcastName', 'dropped'],
      ['response.items[3].broadcastId', 'dropped'],
      ['response.items[4]', 'dropped'],
      ['response.items[5]', 'dropped'],
    ]);
    expect(invalid[0]!.error).to.be.instanceOf(ResponseShapeError);
    expect(invalid[0]!.error.message).to.contain('response.items[1].broadcastName');
  });

  it('drops a broadcast whose programmingStartDt is not a date', async () => {
    const { api, invalid } = clientFor(ok(pageOf([broadcast('b1', { programmingStartDt: 'tomorrow-ish' })])));
    const page = await api.latest();
    expect(page.items).to.deep.equal([]);
    expect(page.dropped).to.equal(1);
    expect(invalid[0]!.path).to.equal('response.items[0].programmingStartDt');
  });

  it('keeps a broadcastStateCode the guide does not list', async () => {
    const { api, invalid } = clientFor(ok(pageOf([broadcast('b1', { broadcastStateCode: 'paused-by-moderator' })])));
    const [b] = (await api.latest()).items;
    expect(b!.broadcastStateCode).to.equal('paused-by-moderator');
    expect(isKnownCode(BroadcastStateCode, b!.broadcastStateCode)).to.equal(false);
    expect(isKnownCode(BroadcastStateCode, 'onair')).to.equal(true);
    expect(invalid).to.deep.equal([]);
  });

  it('removes optional fields of the wrong type and drops broken thumbnails', async () => {
    const { api, invalid } = clientFor(
      ok(
        pageOf([
          broadcast('b1', {
            thumbnailList: 'https://not-a-list.example/x.png',
            broadcastThumbnailList: [{ thumbnailUrl: 42, isRepresentative: true }, { thumbnailUrl: 'https://ok.example/a.png' }],
            hashTagList: ['봄', 7, '세일'],
            room: { chatCounterInfo: '3' },
            explanation: null,
            broadcastStartDt: null,
            totalDuration: '134.634667',
            shortUrl: 12,
          }),
        ]),
      ),
    );
    const [b] = (await api.latest()).items;
    expect(b!.thumbnailList).to.equal(undefined);
    expect(b!.broadcastThumbnailList).to.deep.equal([{ thumbnailUrl: 'https://ok.example/a.png', isRepresentative: false }]);
    expect(b!.hashTagList).to.deep.equal(['봄', '세일']);
    expect(b!.room).to.equal(undefined);
    expect('explanation' in b!).to.equal(false);
    expect(b!.broadcastStartDt).to.equal(null);
    expect(b!.totalDuration).to.equal('134.634667');
    expect(b!.shortUrl).to.equal(undefined);
    expect(invalid.map((i) => `${i.repair} ${i.path}`)).to.deep.equal([
      'removed response.items[0].thumbnailList',
      'dropped response.items[0].broadcastThumbnailList[0].thumbnailUrl',
      'dropped response.items[0].hashTagList[1]',
      'removed response.items[0].shortUrl',
      'removed response.items[0].room.chatCounterInfo',
    ]);
  });

  it('keeps prices as the API sends them, even a text price, and drops a product without an id', async () => {
    const product = (id: string | undefined, price: unknown) => ({
      productId: id,
      productName: '상품',
      productThumbnailUrlList: 'oops',
      priceTypeCode: 'text',
      price,
      sellingPrice: 15000,
      discountTypeCode: 'mystery',
      discountRate: '0.0',
      isSoldout: 'yes',
    });
    const { api } = clientFor(ok(pageOf([broadcast('b1', { productListDetail: [product('p1', '가격 문의'), product(undefined, '1000'), product('p3', '1000')] })])));
    const [b] = (await api.latest()).items;
    const products = b!.productListDetail!;
    expect(products.map((p) => p.productId)).to.deep.equal(['p1', 'p3']);
    expect(products[0]!.price).to.equal('가격 문의');
    expect(products[0]!.sellingPrice).to.equal(15000);
    expect(products[0]!.discountTypeCode).to.equal('mystery');
    expect(products[0]!.productThumbnailUrlList).to.deep.equal([]);
    expect(products[0]!.isSoldout).to.equal(undefined);
  });

  it('keeps markup in strings as text and copies no unknown fields', async () => {
    const name = '<img src=x onerror=alert(1)>';
    const { api } = clientFor(ok(pageOf([broadcast('b1', { broadcastName: name, extraField: 1 })])));
    const [b] = (await api.latest()).items;
    expect(b!.broadcastName).to.equal(name);
    expect((b as unknown as Record<string, unknown>).extraField).to.equal(undefined);
  });

  it('an onInvalid hook that throws does not fail the call', async () => {
    const served = serve(ok(pageOf([broadcast('b1', { room: 'x' })])));
    const api = createClient({
      apiBase: 'https://api.example.test/V1',
      partnerId: 'mobidoo',
      fetch: served.fetch,
      onInvalid: () => {
        throw new Error('logger broke');
      },
    });
    expect((await api.latest()).items.length).to.equal(1);
  });
});

describe('api validation: page structure', () => {
  const cases: [string, unknown, string][] = [
    ['response missing', ok(undefined), 'response'],
    ['response an array', ok([broadcast('b1')]), 'response'],
    ['items not an array', ok({ totalCount: 1, count: 1, items: { 0: broadcast('b1') } }), 'response.items'],
    ['items missing', ok({ totalCount: 1, count: 1 }), 'response.items'],
    ['totalCount a string', ok(pageOf([broadcast('b1')], { totalCount: '1' })), 'response.totalCount'],
    ['totalCount missing', ok({ count: 1, items: [broadcast('b1')] }), 'response.totalCount'],
    ['count not a number', ok(pageOf([broadcast('b1')], { count: 'one' })), 'response.count'],
    ['nextKey a number', ok(pageOf([broadcast('b1')], { nextKey: 7 })), 'response.nextKey'],
  ];
  for (const [label, body, path] of cases) {
    it(`${label} → ResponseShapeError at ${path}`, async () => {
      const { api } = clientFor(body);
      try {
        await api.latest();
        expect.fail('should have thrown');
      } catch (error) {
        expect(error).to.be.instanceOf(ResponseShapeError);
        expect((error as ResponseShapeError).path).to.equal(path);
        expect((error as ResponseShapeError).url).to.contain('/front/broadcast?partnerId=mobidoo');
      }
    });
  }

  it('curation detail and a single broadcast may omit totalCount (as the guide does)', async () => {
    const { api } = clientFor(ok({ count: 1, items: [broadcast('b1')] }));
    const page = await api.curation('c1');
    expect(page.totalCount).to.equal(1);
    expect((await api.broadcast('b1'))?.broadcastId).to.equal('b1');
  });

  it('a single broadcast: null when absent, ResponseShapeError when it came back broken', async () => {
    expect(await clientFor(ok({ nextKey: null, totalCount: 0, count: 0, items: [] })).api.broadcast('b1')).to.equal(null);
    const broken = broadcast('b1');
    delete broken.programmingEndDt;
    try {
      await clientFor(ok({ count: 1, items: [broken] })).api.broadcast('b1');
      expect.fail('should have thrown');
    } catch (error) {
      expect(error).to.be.instanceOf(ResponseShapeError);
      expect((error as ResponseShapeError).path).to.equal('response.items[0].programmingEndDt');
    }
  });
});
