/**
 * The demo shop's own server route, POST /demo-shop/checkout: what a real shop's server does after a
 * payment. It prices the cart from the shop's catalog (never trusting the browser's prices), numbers
 * the order and reports the attributed lines through our backend's payments route with the shared
 * secret — server to server, so the secret never reaches a browser. Used by `npm start` (Vite
 * middleware) and by the browser tests (test runner middleware).
 * Body: { lines: [{ externalProductId, productId?, quantity, orderCallBackId? }] }
 * Answer: { orderId, amount, payments: PaymentsSummary } (400 { error } for a bad cart).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createPaymentsClient, GUEST_COOKIE } from '../src/server/index.js';
import { DEMO_MEMBER_COOKIE } from './demo-member.js';
import { paymentReports } from '../src/tracking/checkout.js';
import { DEMO_MEMBER_ID, productFixtures } from './standin/fixtures.js';

export const CHECKOUT_PATH = '/demo-shop/checkout';

export interface DemoCheckoutOptions {
  /** Our backend, e.g. http://127.0.0.1:8788 (its payments route is /sauceflex/payments). */
  backendOrigin: () => string;
  paymentsSecret: string;
  standinOrigin: () => string;
  shopOrigin: () => string;
}

export function createDemoCheckout(options: DemoCheckoutOptions) {
  return async function checkout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(405, { error: { code: 'method_not_allowed', message: 'Use POST.' } });
    }
    try {
      let raw = '';
      for await (const chunk of req) {
        raw += chunk;
        if (raw.length > 64 * 1024) return send(413, { error: { code: 'payload_too_large', message: 'The cart is too large.' } });
      }
      const body = JSON.parse(raw) as { lines?: { externalProductId?: string; productId?: string; quantity?: number; orderCallBackId?: string }[] };
      if (!Array.isArray(body.lines) || body.lines.length === 0 || body.lines.length > 50) throw new Error('lines must hold 1 to 50 cart lines');
      const catalog = productFixtures(options.standinOrigin(), { shopOrigin: options.shopOrigin() });
      const lines = body.lines.map((line) => {
        const product = catalog.find((p) => (p.externalProductId ?? p.productId) === line.externalProductId || p.productId === line.productId);
        if (!product) throw new Error(`no such product: ${String(line.externalProductId ?? line.productId).slice(0, 60)}`);
        if (product.isSoldout === 1) throw new Error(`sold out: ${product.productName}`);
        const selling = Number(product.sellingPrice);
        const unitPrice = selling > 0 ? selling : Number(product.price) || 0;
        const quantity = Math.max(1, Math.min(99, Math.trunc(Number(line.quantity)) || 1));
        return { orderCallBackId: typeof line.orderCallBackId === 'string' ? line.orderCallBackId : undefined, quantity, unitPrice };
      });
      const orderId = `DEMO-${Date.now().toString(36).toUpperCase()}`;
      // The memberId the viewer token was minted with: the demo login, else the guest id, else the demo member.
      const cookies = Object.fromEntries(
        (req.headers.cookie ?? '').split(';').filter(Boolean).map((c) => {
          const [name = '', ...value] = c.trim().split('=');
          return [name, safeDecode(value.join('='))];
        }),
      );
      const demoMember = cookies[DEMO_MEMBER_COOKIE];
      const memberId = demoMember && !demoMember.startsWith('{') ? demoMember : (cookies[GUEST_COOKIE] ?? DEMO_MEMBER_ID);
      const reports = paymentReports({ orderId, memberId, lines });
      const payments = reports.length
        ? await createPaymentsClient({ baseUrl: options.backendOrigin(), secret: options.paymentsSecret }).reportPayments(reports)
        : { results: [], accepted: 0, failed: 0, queued: 0 };
      send(200, { orderId, amount: lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0), payments });
    } catch (error) {
      send(400, { error: { code: 'bad_order', message: error instanceof Error ? error.message : String(error) } });
    }
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
