/**
 * hls.js publishes `hls.js/light` (its build without subtitles, alternate audio, EME, CMCD,
 * interstitials) without a declaration file of its own; its API is the full build's minus those
 * controllers, so the full build's types describe it.
 */
declare module 'hls.js/light' {
  import Hls from 'hls.js';
  export default Hls;
  export * from 'hls.js';
}
