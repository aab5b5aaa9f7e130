/** A preview reached its end: a VOD clip played out, or a live stream ended (its playlist closed). */
export interface SfEndedDetail {
  src: string;
  /** True when the stream was live: the broadcast is over. */
  live: boolean;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-ended': SfEndedDetail;
  }
}
