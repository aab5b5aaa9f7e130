/**
 * From a paid cart to the guide's payment reports (결제 트래킹 등록), for the shop's server. Pure
 * and web-standard, so it runs next to the shop's order code on any runtime; sending the reports is
 * the backend's job (`createPaymentsClient` in src/server, POST /sauceflex/payments with the shared
 * secret — never from the browser).
 *
 * - Only lines that carry a well-formed orderCallBackId are reported; the rest were not clicked
 *   from a broadcast.
 * - sauceFlex takes each id once (FA1028), so lines sharing an id (the same click, added twice)
 *   become one report with their quantities and amounts summed.
 * - Amounts are what the shopper paid for the line (unit price × quantity, after the shop's own
 *   discounts), written as the guide's strings.
 */
import type { PaymentReport } from '../api/models.js';
import { isOrderCallBackId } from './id.js';

export interface PaidLine {
  orderCallBackId?: string | null;
  quantity: number;
  /** What one unit cost the shopper. */
  unitPrice: number;
}

export interface PaidOrder {
  /** The shop's order number. */
  orderId: string;
  /** The memberId the viewer token was minted with (guests: their guest id). */
  memberId: string;
  /** When the payment went through. Default now. */
  paidAt?: Date | string;
  lines: readonly PaidLine[];
}

export function paymentReports(order: PaidOrder): PaymentReport[] {
  const paidAt = order.paidAt === undefined ? new Date() : new Date(order.paidAt);
  if (Number.isNaN(paidAt.getTime())) throw new RangeError('paidAt is not a date');
  const byId = new Map<string, { id: string; quantity: number; amount: number }>();
  for (const line of order.lines) {
    if (!isOrderCallBackId(line.orderCallBackId)) continue;
    const quantity = Math.trunc(line.quantity);
    if (!Number.isFinite(quantity) || quantity <= 0 || !Number.isFinite(line.unitPrice) || line.unitPrice < 0) {
      throw new RangeError(`line ${line.orderCallBackId}: quantity must be a positive whole number and unitPrice a non-negative number`);
    }
    const key = line.orderCallBackId.toLowerCase();
    const sum = byId.get(key) ?? { id: line.orderCallBackId, quantity: 0, amount: 0 };
    sum.quantity += quantity;
    sum.amount += line.unitPrice * quantity;
    byId.set(key, sum);
  }
  return [...byId.values()].map((sum) => ({
    orderCallBackId: sum.id,
    orderId: String(order.orderId),
    payClickTime: paidAt.toISOString(),
    productQuantity: String(sum.quantity),
    amount: amountString(sum.amount),
    memberId: String(order.memberId),
  }));
}

/** 39000 → "39000"; 12.5 → "12.5" (at most two decimals, no exponent). */
function amountString(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2).replace(/0$/, '');
}
