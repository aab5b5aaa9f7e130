/**
 * A shopper asked to share a broadcast (a card's or the player's share control). Cancel it to share
 * your own way (a KakaoTalk sheet, say): nothing else happens then. Otherwise the Web Share API opens
 * where the browser has it, else the URL is copied to the clipboard.
 */
export interface SfShareDetail {
  broadcastId: string;
  /** The broadcast's name, as shared. */
  title: string;
  /** What is shared: the broadcast's `shortUrl`, else its player URL (never with the viewer token). */
  url: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-share': SfShareDetail;
  }
}
