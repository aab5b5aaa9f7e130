/** A preview paused: scrolled away or tab hidden (`hidden`), by the shopper (`user`) or by `pause()` (`api`). */
export interface SfPauseDetail {
  src: string;
  reason: 'hidden' | 'user' | 'api';
  /** Where it stopped, in seconds. */
  currentTime: number;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-pause': SfPauseDetail;
  }
}
