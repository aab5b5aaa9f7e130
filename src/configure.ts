/**
 * The `configure` entry (`sauceflex-widgets/configure`, dist/configure.js): settings from
 * JavaScript and nothing else, so a page that imports elements one by one can set options without
 * the main entry's autoloader.
 */
export { configure, type SfConfig, type Lang } from './store/config.js';
