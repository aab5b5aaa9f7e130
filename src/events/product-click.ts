import type { BroadcastProduct, PriceTypeCode } from '../api/models.js';

/**
 * A shopper opened a product: from a card (click, Enter or Space, and also a middle, Ctrl/⌘ or Shift
 * click: then `newTab` is true and the browser opens the tracked URL itself), or from the product list
 * of the sauceFlex player in `<sf-live-player>` (`source: 'player'`). The orderCallBackId is already
 * issued and recorded when this fires, the same way for both. Cancel it to handle the navigation
 * yourself (an SPA route, a quick-view modal): the page then stays where it is, and `url` still
 * carries the id.
 */
export type SfProductClickDetail = SfCardProductClickDetail | SfPlayerProductClickDetail;

/** A product card (or list) was activated. */
export interface SfCardProductClickDetail {
  source: 'card';
  /** The product URL with `orderCallBackId` in its query: the link that is (or would be) opened. */
  url: string;
  /** The UUID issued for this click; report it with the purchase. (Empty only in a browser without `crypto.getRandomValues`: then `url` is the untracked product URL.) */
  orderCallBackId: string;
  /** The broadcast the product was shown in, when known. */
  broadcastId: string | undefined;
  /** sauceFlex's product id. */
  productId: string;
  /** The shop's own product code. */
  externalProductId: string | undefined;
  /** The price the card shows as the one to pay (selling price, else price); undefined for text and hidden prices. */
  price: number | undefined;
  priceTypeCode: PriceTypeCode;
  /** Always false from a card (a sold-out card cannot be opened); kept for parity with sauceFlex's player. */
  isSoldout: boolean;
  /** The product as the card shows it. */
  product: BroadcastProduct;
  /** Where a plain click opens it: `_self`, `_blank` or a frame name. */
  target: string;
  /** True when the browser opens it in another tab or window (middle or modified click). */
  newTab: boolean;
}

/**
 * A product was pressed inside the sauceFlex player (its `sauceflexMoveProduct`). The player sends the
 * product's link, price, the shop's product code and whether it is sold out; sauceFlex's own product id
 * and the product object are not part of what it sends.
 */
export interface SfPlayerProductClickDetail {
  source: 'player';
  /** The product's link (`linkUrl`) with `orderCallBackId` in its query. */
  url: string;
  orderCallBackId: string;
  broadcastId: string | undefined;
  /** The shop's own product code, when the player sent one. */
  externalProductId: string | undefined;
  /** The price the player sent (a number, or a numeric string read as one); undefined otherwise. */
  price: number | undefined;
  isSoldout: boolean;
  /** The broadcast's index as the player sent it. */
  broadcastIdx: string | number | undefined;
  target: string;
  /** Always false: the player's press is one press. */
  newTab: false;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-product-click': SfProductClickDetail;
  }
}
