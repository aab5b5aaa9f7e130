/**
 * A banner inside the sauceFlex player was pressed (its `sauceflexMoveBanner`). Cancelable: unless
 * cancelled, the page goes to `url` (http(s) only) in `<sf-live-player>`'s `target`.
 */
export interface SfBannerClickDetail {
  broadcastId: string;
  /** The banner's link, checked (http(s) only); undefined when the player sent something else. */
  url: string | undefined;
  /** The banner's id and the broadcast's index, as the player sent them. */
  bannerId: string | number | undefined;
  broadcastIdx: string | number | undefined;
  target: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-banner-click': SfBannerClickDetail;
  }
}
