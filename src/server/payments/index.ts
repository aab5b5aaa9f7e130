/**
 * Payments (결제 연동), by concern: `validation` (what the shop hands in), `results` (what it gets
 * back), `forwarder` (delivery to sauceFlex through the outbox), `route` (the HTTP route and its
 * secret), `client` (the same API over HTTP for shop code in another process).
 */
export {
  MAX_REPORTS_PER_CALL,
  PaymentValidationError,
  normalizeCancel,
  normalizeReport,
  normalizeReports,
  normalizeUpdate,
  type PaymentCancelInput,
  type PaymentReportInput,
  type PaymentUpdateInput,
} from './validation.js';
export { summarize, type PaymentItemResult, type PaymentOutcome, type PaymentStatus, type PaymentsApi, type PaymentsSummary } from './results.js';
export { PaymentsForwarder, SAUCEFLEX_BATCH_MAX, type PaymentsForwarderOptions } from './forwarder.js';
export { mountPaymentsRoute } from './route.js';
export { PaymentsClientError, createPaymentsClient, type PaymentsClientOptions } from './client.js';
