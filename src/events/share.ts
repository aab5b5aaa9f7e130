/**
 * A shopper asked to share a broadcast (the share button of the sauceFlex player in `<sf-live-player>`).
 * Cancelable: cancel it to share your own way; otherwise the Web Share API is used where the browser
 * has it, else the link is copied and the element says so.
 *
 * (Interim version in this branch: the `sf-share` event is owned by the share work of issue 20, whose
 * module replaces this one at merge; the detail below is the signature agreed with it.)
 */
export interface SfShareDetail {
  broadcastId: string;
  title: string;
  /** The link shared: the broadcast's short link when there is one, else the player's link. */
  url: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-share': SfShareDetail;
  }
}
