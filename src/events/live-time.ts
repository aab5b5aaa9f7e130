/** Where playback is, sent continuously by the sauceFlex player while it plays (its `sauceflexSendPlayTime`). */
export interface SfLiveTimeDetail {
  broadcastId: string;
  /** The player's position, in seconds, as it sent it. */
  position: number;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-live-time': SfLiveTimeDetail;
  }
}
