import type { EngineKind } from '../player/engine.js';

/** A preview started playing (its first frame is moving), by autoplay, by the shopper or by `play()`. */
export interface SfPlayDetail {
  /** The m3u8 being played. */
  src: string;
  /** The engine playing it: `hlsjs` or `native`. */
  engine: EngineKind | undefined;
  /** `autoplay` (on screen, muted), `user` (play button, controls) or `api` (`play()`). */
  reason: 'autoplay' | 'user' | 'api';
  muted: boolean;
}

declare module '../shared/sauceflex-element.js' {
  interface SfEventDetails {
    'sf-play': SfPlayDetail;
  }
}
