/** The sauceFlex player in `<sf-live-player>` has entered the broadcast (its `sauceflexEnter`). */
export interface SfLiveEnterDetail {
  broadcastId: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-live-enter': SfLiveEnterDetail;
  }
}
