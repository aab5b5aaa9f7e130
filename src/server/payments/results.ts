/** What a payments call answers, item by item, in-process and over HTTP alike. */
import type { PaymentOp } from '../outbox.js';
import type { PaymentCancelInput, PaymentReportInput, PaymentUpdateInput } from './validation.js';

export type PaymentStatus = 'accepted' | 'failed' | 'queued';

export interface PaymentItemResult {
  op: PaymentOp;
  orderCallBackId: string;
  /**
   * accepted: sauceFlex has it. failed: sauceFlex refused it for good (see messageCode); it is not
   * retried. queued: sauceFlex could not be reached; it is stored and retried until answered.
   */
  status: PaymentStatus;
  /**
   * sauceFlex's code when refused (FA1027 unknown id, FA1028 id already used, FA1031 no match, FA1125
   * already deleted, …), or `conflict`: this orderCallBackId was reported before with a different
   * payload (never sent again).
   */
  messageCode?: string;
  /** A resend after an unknown outcome was answered "already used/applied": the earlier attempt got through. */
  alreadyAccepted?: boolean;
}

export interface PaymentsSummary {
  results: PaymentItemResult[];
  accepted: number;
  failed: number;
  queued: number;
}

/** The same three calls in-process (`PaymentsForwarder`) and over HTTP (`createPaymentsClient`). */
export interface PaymentsApi {
  reportPayments(reports: PaymentReportInput[]): Promise<PaymentsSummary>;
  updatePayment(update: PaymentUpdateInput): Promise<PaymentItemResult>;
  cancelPayment(cancel: PaymentCancelInput): Promise<PaymentItemResult>;
}

export function summarize(results: PaymentItemResult[]): PaymentsSummary {
  return {
    results,
    accepted: results.filter((r) => r.status === 'accepted').length,
    failed: results.filter((r) => r.status === 'failed').length,
    queued: results.filter((r) => r.status === 'queued').length,
  };
}

/** A final outcome (accepted or failed) of an outbox entry, also for entries retried long after the call. */
export interface PaymentOutcome extends PaymentItemResult {
  status: 'accepted' | 'failed';
  attempts: number;
}
