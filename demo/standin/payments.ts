/**
 * 결제 연동: purchase reports keyed by orderCallBackId. The guide has FA1027 (an orderCallBackId
 * sauceFlex never issued) but no route by which an id issued outside its player becomes known, so
 * (DESIGN.md) any well-formed UUID counts as issued, a malformed one is FA1027, and an id can be
 * used once: a second report is FA1028, even after the first was deleted.
 */
import type { PaymentReport } from '../../src/api/models.js';
import { ApiFailure, badParameters } from './envelope.js';
import { bodyProblems, type Schema } from './validate.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The guide sends quantities and amounts as strings; they must still be numbers written out. */
const QUANTITY = /^[0-9]+$/;
const AMOUNT = /^[0-9]+(\.[0-9]+)?$/;

export const REPORT_SCHEMA: Schema = {
  orderCallBackId: { type: 'string', required: true },
  orderId: { type: 'string', required: true },
  payClickTime: { type: 'string', required: true, isoDate: true },
  productQuantity: { type: 'string', required: true, pattern: QUANTITY },
  amount: { type: 'string', required: true, pattern: AMOUNT },
  memberId: { type: 'string', required: true },
};

export const UPDATE_SCHEMA: Schema = {
  orderCallBackId: { type: 'string', required: true },
  orderId: { type: 'string', required: true },
  findProductQuantity: { type: 'string', required: true, pattern: QUANTITY },
  findAmount: { type: 'string', required: true, pattern: AMOUNT },
  updateProductQuantity: { type: 'string', required: true, pattern: QUANTITY },
  updateAmount: { type: 'string', required: true, pattern: AMOUNT },
};

export const CANCEL_SCHEMA: Schema = {
  orderCallBackId: { type: 'string', required: true },
  orderId: { type: 'string', required: true },
  payCancelTime: { type: 'string', required: true, isoDate: true },
};

interface PaymentRecord extends PaymentReport {
  cancelledAt?: string;
  /** What was applied to it, in order ('report', 'update', 'cancel'): tests prove nothing is applied twice or out of order. */
  applied: ('report' | 'update' | 'cancel')[];
}

export class PaymentStore {
  private readonly records = new Map<string, PaymentRecord>();

  reset(): void {
    this.records.clear();
  }

  /** Records held and not deleted. */
  get active(): number {
    let n = 0;
    for (const record of this.records.values()) if (!record.cancelledAt) n++;
    return n;
  }

  /** Every record held, newest last (cancelled ones marked): the demo's "payments recorded" page. */
  list(): (PaymentReport & { cancelledAt?: string; applied: string[] })[] {
    return [...this.records.values()].map((record) => ({ ...record, applied: [...record.applied] }));
  }

  /** One report; returns SU0000 or the refusal code. */
  register(report: PaymentReport): string {
    if (!UUID.test(report.orderCallBackId)) return 'FA1027';
    const key = report.orderCallBackId.toLowerCase();
    if (this.records.has(key)) return 'FA1028';
    this.records.set(key, { ...report, applied: ['report'] });
    return 'SU0000';
  }

  /** POST /front/product/payments: the body as a whole must be valid (FA1010); each report then succeeds or fails on its own. */
  batch(body: unknown) {
    const payments = (body as { payments?: unknown } | null)?.payments;
    const errors = bodyProblems(body, { payments: { type: 'array', required: true, minItems: 1 } });
    if (errors.length === 0 && Array.isArray(payments)) {
      payments.forEach((item, i) => errors.push(...bodyProblems(item, REPORT_SCHEMA, `payments[${i}]`)));
    }
    if (errors.length) throw badParameters(errors);
    const result = { success: [] as { orderCallBackId: string }[], fail: [] as { orderCallBackId: string; messageCode: string }[] };
    for (const report of payments as PaymentReport[]) {
      const code = this.register(report);
      if (code === 'SU0000') result.success.push({ orderCallBackId: report.orderCallBackId });
      else result.fail.push({ orderCallBackId: report.orderCallBackId, messageCode: code });
    }
    return result;
  }

  /** PATCH /front/product/payment: found by id, orderId and the current quantity and amount. */
  update(u: Record<string, string>): void {
    const record = this.find(u.orderCallBackId!, u.orderId!);
    if (Number(record.productQuantity) !== Number(u.findProductQuantity) || Number(record.amount) !== Number(u.findAmount)) {
      throw new ApiFailure('FA1031');
    }
    record.productQuantity = u.updateProductQuantity!;
    record.amount = u.updateAmount!;
    record.applied.push('update');
  }

  /** DELETE /front/product/payment */
  cancel(orderCallBackId: string, orderId: string, payCancelTime: string): void {
    const record = this.find(orderCallBackId, orderId);
    record.cancelledAt = payCancelTime;
    record.applied.push('cancel');
  }

  /** FA1031 when nothing matches; FA1125 when it matched but was deleted already. */
  private find(orderCallBackId: string, orderId: string): PaymentRecord {
    const record = this.records.get(orderCallBackId.toLowerCase());
    if (!record || record.orderId !== orderId) throw new ApiFailure('FA1031');
    if (record.cancelledAt) throw new ApiFailure('FA1125');
    return record;
  }
}
