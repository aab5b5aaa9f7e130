/**
 * Purchase attribution (결제 연동): orderCallBackIds issued on a product click, carried in the
 * product URL, kept with the cart, reported with the purchase. See tracking.ts for the shop's side.
 */
export { tracking, createTracking, noAnnouncer, type Tracking, type TrackingOptions, type ClickAnnouncer, type ClickInput, type ClickResult, type CaptureOptions } from './tracking.js';
export { type TrackedClick, type RecordStoreOptions, RecordStore, DEFAULT_MAX, DEFAULT_TTL_MS } from './storage.js';
export { newOrderCallBackId, isOrderCallBackId } from './id.js';
export { trackedUrl, readOrderCallBackId, withoutOrderCallBackId, PARAM as ORDER_CALLBACK_PARAM } from './url.js';
export { navigate, setNavigator, defaultNavigator, type Navigator } from './navigate.js';
export { paymentReports, type PaidOrder, type PaidLine } from './checkout.js';
