/**
 * The hostile fixtures (hostile.ts) as the routes serve them: anchored at start-up or reset like the
 * normal catalog, built lazily once the origin is known, and paged with a `nextKey` that is itself
 * hostile (its leading number is the offset; anything else is FA1010).
 */
import type { Broadcast } from '../../src/api/models.js';
import { ApiFailure } from './envelope.js';
import {
  hostileBroadcasts,
  hostileCoupons,
  hostileCurations,
  hostileIssuedCoupon,
  hostileProduct,
  hostileProductIndex,
} from './hostile.js';

const DEFAULT_LIMIT = 10;
/** Page totals the hostile API claims: far more than it has. */
const CLAIMED_TOTAL = 1_000_000_000;

export class HostileData {
  private anchor: number;
  private built: { origin: string; broadcasts: unknown[] } | undefined;

  constructor(private readonly options: { partnerId: string; origin: () => string; now: () => number }) {
    this.anchor = options.now();
  }

  reset(): void {
    this.anchor = this.options.now();
    this.built = undefined;
  }

  private get broadcasts(): unknown[] {
    const origin = this.options.origin();
    if (!this.built || this.built.origin !== origin) {
      this.built = { origin, broadcasts: hostileBroadcasts(this.anchor, origin, { partnerId: this.options.partnerId }) };
    }
    return this.built.broadcasts;
  }

  /** Every list route: the whole hostile list in pages of `returnLimit`. */
  page(query: { returnLimit?: string; nextKey?: string }): Record<string, unknown> {
    const limit = query.returnLimit !== undefined ? Number(query.returnLimit) : DEFAULT_LIMIT;
    let start = 0;
    if (query.nextKey !== undefined) {
      const m = /^(\d{1,6})\|/.exec(query.nextKey);
      if (!m) throw new ApiFailure('FA1010', { validError: ['"nextKey" must be a key returned by the previous page'] });
      start = Number(m[1]);
    }
    const all = this.broadcasts;
    const items = all.slice(start, start + limit);
    const page: Record<string, unknown> = { totalCount: CLAIMED_TOTAL, count: items.length, items };
    const next = start + items.length;
    if (next < all.length) page.nextKey = `${next}|<img src=x onerror="__sfTrap('nextKey.page')">`;
    return page;
  }

  /** GET /front/broadcast/{partnerId}/{broadcastId}: the first item with that id (duplicates exist). */
  one(broadcastId: string): Record<string, unknown> {
    const found = this.broadcast(broadcastId);
    return { nextKey: null, count: found ? 1 : 0, items: found ? [found] : [] };
  }

  broadcast(broadcastId: string): Broadcast | undefined {
    return this.broadcasts.find(
      (b): b is Broadcast => typeof b === 'object' && b !== null && Object.hasOwn(b, 'broadcastId') && (b as Broadcast).broadcastId === broadcastId,
    );
  }

  curations(): Record<string, unknown> {
    const items = hostileCurations(this.options.origin(), { partnerId: this.options.partnerId });
    return { totalCount: items.length, count: items.length, nextKey: `"${'<script>__sfTrap(\'nextKey.curations\')</script>'}"`, items };
  }

  /** The admin product route: a hostile product for `…-hostile-p<n>`, nothing else. */
  product(productId: string): Record<string, unknown> | undefined {
    const n = hostileProductIndex(productId, this.options.partnerId);
    return n === undefined ? undefined : hostileProduct(n, this.options.origin(), this.options.partnerId);
  }

  coupons(): unknown[] {
    return hostileCoupons(this.options.now(), { partnerId: this.options.partnerId });
  }

  issued(couponId: string): Record<string, unknown> {
    return hostileIssuedCoupon(String(couponId), this.options.now());
  }
}
