/**
 * What the shop's code hands in (reports, updates, cancels), checked and turned into the guide's
 * strings before anything is stored or sent: numbers and Dates become strings, anything else that
 * does not fit is a `PaymentValidationError` naming the field.
 */
import type { PaymentCancel, PaymentReport, PaymentUpdate } from '../../api/models.js';

/** A report as the shop's code may give it: numbers and Dates are turned into the guide's strings. */
export interface PaymentReportInput {
  orderCallBackId: string;
  orderId: string | number;
  payClickTime: string | Date;
  productQuantity: string | number;
  amount: string | number;
  memberId: string | number;
}

export interface PaymentUpdateInput {
  orderCallBackId: string;
  orderId: string | number;
  findProductQuantity: string | number;
  findAmount: string | number;
  updateProductQuantity: string | number;
  updateAmount: string | number;
}

export interface PaymentCancelInput {
  orderCallBackId: string;
  orderId: string | number;
  payCancelTime: string | Date;
}

/** A report, update or cancel was refused before anything was stored or sent. */
export class PaymentValidationError extends Error {
  override name = 'PaymentValidationError';
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field} ${message}`);
    this.field = field;
  }
}

export const MAX_REPORTS_PER_CALL = 1000;

const CONTROL = /[\u0000-\u001f\u007f]/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const QUANTITY = /^[1-9]\d{0,8}$/;
const AMOUNT = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/;
const CALLBACK_ID = /^[\x21-\x7e]{1,100}$/;

function text(value: unknown, field: string, max = 100): string {
  const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof s !== 'string' || s.length === 0 || s.length > max || CONTROL.test(s) || s.trim() !== s) {
    throw new PaymentValidationError(field, `must be a string of 1–${max} characters without surrounding spaces`);
  }
  return s;
}

function callbackId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CALLBACK_ID.test(value)) {
    throw new PaymentValidationError(field, 'must be the orderCallBackId from the product URL (1–100 visible ASCII characters)');
  }
  return value;
}

function time(value: unknown, field: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new PaymentValidationError(field, 'is an invalid Date');
    return value.toISOString();
  }
  if (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new PaymentValidationError(field, 'must be an ISO 8601 time with a zone, e.g. 2021-01-01T01:00:00.000Z');
  }
  return value;
}

function quantity(value: unknown, field: string): string {
  const s = typeof value === 'number' ? String(value) : value;
  if (typeof s !== 'string' || !QUANTITY.test(s)) throw new PaymentValidationError(field, 'must be a whole number of at least 1');
  return s;
}

function amount(value: unknown, field: string): string {
  const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof s !== 'string' || !AMOUNT.test(s)) {
    throw new PaymentValidationError(field, 'must be a non-negative amount, e.g. "39000" (at most 2 decimals)');
  }
  return s;
}

function record(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PaymentValidationError(field, 'must be an object');
  return value as Record<string, unknown>;
}

export function normalizeReport(input: unknown, field = 'payment'): PaymentReport {
  const r = record(input, field);
  return {
    orderCallBackId: callbackId(r.orderCallBackId, `${field}.orderCallBackId`),
    orderId: text(r.orderId, `${field}.orderId`),
    payClickTime: time(r.payClickTime, `${field}.payClickTime`),
    productQuantity: quantity(r.productQuantity, `${field}.productQuantity`),
    amount: amount(r.amount, `${field}.amount`),
    memberId: text(r.memberId, `${field}.memberId`),
  };
}

export function normalizeReports(inputs: unknown, field = 'payments'): PaymentReport[] {
  if (!Array.isArray(inputs)) throw new PaymentValidationError(field, 'must be an array of payment reports');
  if (inputs.length === 0) throw new PaymentValidationError(field, 'must hold at least one report');
  if (inputs.length > MAX_REPORTS_PER_CALL) throw new PaymentValidationError(field, `may hold at most ${MAX_REPORTS_PER_CALL} reports per call`);
  const seen = new Set<string>();
  return inputs.map((input, i) => {
    const report = normalizeReport(input, `${field}[${i}]`);
    if (seen.has(report.orderCallBackId)) {
      throw new PaymentValidationError(`${field}[${i}].orderCallBackId`, 'appears twice in this call');
    }
    seen.add(report.orderCallBackId);
    return report;
  });
}

export function normalizeUpdate(input: unknown, field = 'update'): PaymentUpdate {
  const r = record(input, field);
  return {
    orderCallBackId: callbackId(r.orderCallBackId, `${field}.orderCallBackId`),
    orderId: text(r.orderId, `${field}.orderId`),
    findProductQuantity: quantity(r.findProductQuantity, `${field}.findProductQuantity`),
    findAmount: amount(r.findAmount, `${field}.findAmount`),
    updateProductQuantity: quantity(r.updateProductQuantity, `${field}.updateProductQuantity`),
    updateAmount: amount(r.updateAmount, `${field}.updateAmount`),
  };
}

export function normalizeCancel(input: unknown, field = 'cancel'): PaymentCancel {
  const r = record(input, field);
  return {
    orderCallBackId: callbackId(r.orderCallBackId, `${field}.orderCallBackId`),
    orderId: text(r.orderId, `${field}.orderId`),
    payCancelTime: time(r.payCancelTime, `${field}.payCancelTime`),
  };
}
