import type { BroadcastProduct, PriceTypeCode } from '../api/models.js';

/**
 * A shopper opened a product from a card: click, Enter or Space, and also a middle, Ctrl/⌘ or Shift
 * click (then `newTab` is true and the browser opens the tracked URL itself). The orderCallBackId
 * is already issued and recorded when this fires. Cancel it to handle the navigation yourself (an SPA
 * route, a quick-view modal): the page then stays where it is, and `url` still carries the id.
 */
export interface SfProductClickDetail {
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

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-product-click': SfProductClickDetail;
  }
}
