/** A countdown reached its time. `<sf-schedule>` refreshes on it, so the broadcast turns live. */
export interface SfCountdownEndDetail {
  to: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-countdown-end': SfCountdownEndDetail;
  }
}
