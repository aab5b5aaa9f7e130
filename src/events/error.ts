/**
 * An element hit an error it could not recover from and now shows its error state (with a retry
 * button). Automatic retries happen before this; it fires once per failure.
 */
export interface SfErrorDetail {
  /** `network` (retries exhausted), `media` (undecodable even after recovery), `unsupported`
   * (this browser cannot play it), `load` (the element's data could not be loaded), `other`. */
  kind: 'network' | 'media' | 'unsupported' | 'load' | 'other';
  /** For developers (English; not shown to shoppers). */
  message: string;
  /** The URL concerned (the m3u8 for a player). */
  src?: string;
  /** Engine-level detail, e.g. hls.js's `manifestLoadError` or `MEDIA_ERR_DECODE`. */
  details?: string;
  /** The engine that failed, for a player: `hlsjs` or `native`. */
  engine?: string;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-error': SfErrorDetail;
  }
}
