/**
 * The payments route, server to server only: `POST|PATCH|DELETE {path}` report / update / cancel,
 * with `Authorization: Bearer <secret>` compared in constant time, and never CORS. Without a
 * configured secret the route does not exist (404, like any unknown path). Errors are thrown and
 * answered by the app's one error handler.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { HttpProblem, jsonResponse, methodNotAllowed, readJsonBody, secretMatches } from '../http.js';
import type { PaymentsApi } from './results.js';
import type { PaymentCancelInput, PaymentReportInput, PaymentUpdateInput } from './validation.js';

const PAYMENTS_BODY_MAX = 512 * 1024;
const NO_STORE = { 'cache-control': 'no-store' };

export function mountPaymentsRoute(app: Hono, path: string, secret: string | undefined, payments: PaymentsApi): void {
  if (secret === undefined) return;

  const requireSecret: MiddlewareHandler = async (c, next) => {
    const auth = c.req.header('authorization') ?? '';
    const presented = /^Bearer [^\s]+$/.test(auth) ? auth.slice(7) : undefined;
    if (!(await secretMatches(presented, secret))) {
      throw new HttpProblem(401, 'unauthorized', 'Send the payments secret as Authorization: Bearer <secret>.', {
        headers: { 'www-authenticate': 'Bearer realm="sauceflex-payments"' },
      });
    }
    await next();
  };

  app.post(path, requireSecret, async (c) => {
    const body = await readBody(c.req.raw);
    const summary = await payments.reportPayments(body.payments as PaymentReportInput[]);
    return jsonResponse(summary, summary.queued > 0 ? 202 : 200, NO_STORE);
  });
  app.patch(path, requireSecret, async (c) => {
    const result = await payments.updatePayment((await readBody(c.req.raw)) as unknown as PaymentUpdateInput);
    return jsonResponse(result, result.status === 'queued' ? 202 : 200, NO_STORE);
  });
  app.delete(path, requireSecret, async (c) => {
    const result = await payments.cancelPayment((await readBody(c.req.raw)) as unknown as PaymentCancelInput);
    return jsonResponse(result, result.status === 'queued' ? 202 : 200, NO_STORE);
  });
  app.all(path, () => {
    throw methodNotAllowed('POST, PATCH, DELETE');
  });
}

async function readBody(request: Request): Promise<Record<string, unknown>> {
  const body = (await readJsonBody(request, { maxBytes: PAYMENTS_BODY_MAX, requireObject: true })) as Record<string, unknown> | undefined;
  if (body === undefined) throw new HttpProblem(400, 'invalid_payment', 'The body is empty; send JSON.');
  return body;
}
