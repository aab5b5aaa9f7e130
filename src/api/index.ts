/**
 * The public face of `sauceflex-widgets/api`: the guide's types, the error hierarchy and
 * `createClient`. Everything else in this folder is internal.
 */
export * from './models.js';
export * from './errors.js';
export {
  createClient,
  type CallOptions,
  type ClientDefaults,
  type LatestParams,
  type PageParams,
  type PagingOptions,
  type SauceflexClient,
  type ScheduleParams,
  type ValidatedPage,
} from './client.js';
export { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RetryPolicy } from './request.js';
export type { Repair } from './validate.js';
