/**
 * The read side: broadcasts, curations and products, built from the fixtures at an anchor time
 * (start-up or reset) and filtered against the stand-in's clock at request time, so a test that
 * moves the clock sees scheduled broadcasts start.
 *
 * Which broadcasts each list returns (the guide only says "latest live and VOD" and "upcoming"):
 * - /front/broadcast: already started (programmingStartDt <= now), newest first; `searchType`
 *   picks by broadcastTypeCode (default '0', live + catchup).
 * - /front/broadcast/schedule: not yet started (programmingStartDt > now), soonest first.
 * Every state is kept, rehearsal, cancel and error included: the widgets must hide or mark them.
 * Ties are broken by broadcastId so the order, and with it paging, is total.
 */
import type { Broadcast, Curation, Page } from '../../src/api/models.js';
import { ApiFailure } from './envelope.js';
import {
  broadcastFixtures,
  curationFixtures,
  curationMembers,
  productFixtures,
  type ProductFixture,
} from './fixtures.js';
import { decodeNextKey, pageOf, unknownKey, type PageKey, type PageResult } from './paging.js';

export interface ListQuery {
  searchStartDt?: string;
  searchEndDt?: string;
  searchWord?: string;
  searchType?: string;
  returnLimit?: string;
  nextKey?: string;
}

const DEFAULT_LIMIT = 10;

/** searchType → the broadcastTypeCodes it selects. */
const SEARCH_TYPES: Record<string, readonly string[]> = {
  '0': ['live', 'catchup'],
  '1': ['vod'],
  '2': ['live', 'catchup', 'vod'],
  '3': ['live'],
  '4': ['catchup'],
};

interface Data {
  origin: string;
  broadcasts: Broadcast[];
  byId: Map<string, Broadcast>;
  products: ProductFixture[];
  productById: Map<string, ProductFixture>;
  curations: Curation[];
  members: Record<string, string[]>;
  /** Lower-cased name, product names and brands per broadcast, for searchWord. */
  haystack: Map<string, string>;
}

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('ko-KR');
const startOf = (b: Broadcast) => Date.parse(b.programmingStartDt);
const byNewest = (a: Broadcast, b: Broadcast) => startOf(b) - startOf(a) || cmp(a.broadcastId, b.broadcastId);
const bySoonest = (a: Broadcast, b: Broadcast) => startOf(a) - startOf(b) || cmp(a.broadcastId, b.broadcastId);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Catalog {
  private anchor: number;
  private data: Data | undefined;

  constructor(
    private readonly options: {
      partnerId: string;
      shopOrigin: string;
      origin: () => string;
      now: () => number;
    },
  ) {
    this.anchor = options.now();
  }

  /** Rebuilds the fixtures around the current clock. */
  reset(): void {
    this.anchor = this.options.now();
    this.data = undefined;
  }

  get partnerId(): string {
    return this.options.partnerId;
  }

  /** Built lazily: the origin is known only once the server listens. */
  private get current(): Data {
    const origin = this.options.origin();
    if (this.data && this.data.origin === origin) return this.data;
    const fixtureOptions = { partnerId: this.options.partnerId, shopOrigin: this.options.shopOrigin };
    const broadcasts = broadcastFixtures(this.anchor, origin, fixtureOptions);
    const products = productFixtures(origin, fixtureOptions);
    const productById = new Map(products.map((p) => [p.productId, p]));
    const haystack = new Map(
      broadcasts.map((b) => {
        const parts = [b.broadcastName];
        for (const item of b.productListDetail ?? []) {
          parts.push(item.productName, productById.get(item.productId)?.brandName ?? '');
        }
        return [b.broadcastId, fold(parts.join('\n'))];
      }),
    );
    this.data = {
      origin,
      broadcasts,
      byId: new Map(broadcasts.map((b) => [b.broadcastId, b])),
      products,
      productById,
      curations: curationFixtures(origin, fixtureOptions),
      members: curationMembers(this.options.partnerId),
      haystack,
    };
    return this.data;
  }

  broadcasts(): Broadcast[] {
    return this.current.broadcasts;
  }

  broadcast(broadcastId: string): Broadcast | undefined {
    return this.current.byId.get(broadcastId);
  }

  product(productId: string): ProductFixture | undefined {
    return this.current.productById.get(productId);
  }

  products(): ProductFixture[] {
    return this.current.products;
  }

  assertPartner(partnerId: string): void {
    if (partnerId !== this.options.partnerId) throw new ApiFailure('FA1012');
  }

  /** GET /front/broadcast */
  latest(query: ListQuery): PageResult<Broadcast> {
    const now = this.options.now();
    const types = SEARCH_TYPES[query.searchType ?? '0']!;
    const list = this.filter(query)
      .filter((b) => startOf(b) <= now && types.includes(b.broadcastTypeCode))
      .sort(byNewest);
    return this.pageByTime(list, query, 'latest', byNewest);
  }

  /** GET /front/broadcast/schedule */
  schedule(query: ListQuery): PageResult<Broadcast> {
    const now = this.options.now();
    const list = this.filter(query)
      .filter((b) => startOf(b) > now)
      .sort(bySoonest);
    return this.pageByTime(list, query, 'schedule', bySoonest);
  }

  /** GET /front/broadcast/{partnerId}/{broadcastId}: a page of zero or one, as the guide's example. */
  one(broadcastId: string): Page<Broadcast> {
    const found = this.current.byId.get(broadcastId);
    return { nextKey: null, totalCount: found ? 1 : 0, count: found ? 1 : 0, items: found ? [found] : [] };
  }

  /** GET /front/curation/{partnerId}, by `ord`. The guide's sample key is quoted; so is ours. */
  curations(query: ListQuery): PageResult<Curation> {
    const list = [...this.current.curations].sort((a, b) => a.ord - b.ord || cmp(a.curationId, b.curationId));
    const pk = this.pk();
    let start = 0;
    if (query.nextKey !== undefined) {
      const sk = decodeNextKey(query.nextKey, { PK: pk, IDX: 'curation' });
      const index = list.findIndex((c) => `CUR#${c.curationId}` === sk);
      if (index < 0) throw unknownKey();
      start = index + 1;
    }
    const keyOf = (c: Curation): PageKey => ({ PK: pk, SK: `CUR#${c.curationId}`, IDX: 'curation' });
    return pageOf(list, start, limitOf(query), keyOf, true);
  }

  /** GET /front/curation/{partnerId}/{curationId}: its broadcasts in the curation's order. */
  curationBroadcasts(curationId: string, query: ListQuery): PageResult<Broadcast> {
    const ids = this.current.members[curationId];
    if (!ids) throw new ApiFailure('FA1018');
    const list = ids.map((id) => this.current.byId.get(id)).filter((b): b is Broadcast => b !== undefined);
    const pk = this.pk();
    const idx = `CUR#${curationId}`;
    let start = 0;
    if (query.nextKey !== undefined) {
      const sk = decodeNextKey(query.nextKey, { PK: pk, IDX: idx });
      const index = list.findIndex((b) => `BRD#${b.broadcastId}` === sk);
      if (index < 0) throw unknownKey();
      start = index + 1;
    }
    return pageOf(list, start, limitOf(query), (b) => ({ PK: pk, SK: `BRD#${b.broadcastId}`, IDX: idx }));
  }

  private pk(): string {
    return `PAR#${this.options.partnerId}`;
  }

  /** searchWord and the date window, common to both broadcast lists. */
  private filter(query: ListQuery): Broadcast[] {
    const word = query.searchWord !== undefined ? fold(query.searchWord.trim()) : '';
    const from = query.searchStartDt !== undefined ? Date.parse(query.searchStartDt) : -Infinity;
    const to = query.searchEndDt !== undefined ? Date.parse(query.searchEndDt) : Infinity;
    return this.current.broadcasts.filter((b) => {
      const start = startOf(b);
      if (start < from || start > to) return false;
      return word === '' || this.current.haystack.get(b.broadcastId)!.includes(word);
    });
  }

  /**
   * The key names the last broadcast sent; the next page starts after it in the list's order, so
   * paging holds even when that broadcast has since left the list (the clock moved on).
   */
  private pageByTime(
    list: Broadcast[],
    query: ListQuery,
    idx: string,
    order: (a: Broadcast, b: Broadcast) => number,
  ): PageResult<Broadcast> {
    const pk = this.pk();
    let start = 0;
    if (query.nextKey !== undefined) {
      const sk = decodeNextKey(query.nextKey, { PK: pk, IDX: idx });
      const cursor = sk.startsWith('BRD#') ? this.current.byId.get(sk.slice(4)) : undefined;
      if (!cursor) throw unknownKey();
      start = list.findIndex((b) => order(b, cursor) > 0);
      if (start < 0) start = list.length;
    }
    return pageOf(list, start, limitOf(query), (b) => ({ PK: pk, SK: `BRD#${b.broadcastId}`, IDX: idx }));
  }
}

function limitOf(query: ListQuery): number {
  return query.returnLimit !== undefined ? Number(query.returnLimit) : DEFAULT_LIMIT;
}
