/** The payments API over this backend's HTTP route, for shop code in another process. */
import { HttpError } from '../../api/errors.js';
import { requestJson } from '../../api/json.js';
import type { ErrorBody } from '../http.js';
import { describeError } from '../log.js';
import type { PaymentItemResult, PaymentsApi, PaymentsSummary } from './results.js';

export class PaymentsClientError extends Error {
  override name = 'PaymentsClientError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(`${message} (HTTP ${status}, ${code})`);
    this.status = status;
    this.code = code;
  }
}

export interface PaymentsClientOptions {
  /** The backend's origin, e.g. http://127.0.0.1:8788. */
  baseUrl: string;
  /** SF_PAYMENTS_SECRET. */
  secret: string;
  /** Default /sauceflex/payments. */
  path?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** `PaymentsApi` over this backend's payments route (Authorization: Bearer <secret>). Never retried: these are writes. */
export function createPaymentsClient(options: PaymentsClientOptions): PaymentsApi {
  const url = new URL(options.path ?? '/sauceflex/payments', options.baseUrl).toString();
  const call = async <T>(method: 'POST' | 'PATCH' | 'DELETE', body: unknown): Promise<T> => {
    try {
      const answer = await requestJson<T>({
        method,
        url,
        body,
        headers: { authorization: `Bearer ${options.secret}` },
        timeoutMs: options.timeoutMs ?? 30_000,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      return answer.body;
    } catch (error) {
      if (error instanceof HttpError) {
        const problem = (error.body as Partial<ErrorBody> | undefined)?.error;
        throw new PaymentsClientError(error.status, problem?.code ?? 'http', problem?.message ?? `${method} ${url} failed`);
      }
      throw new PaymentsClientError(0, 'network', `The payments route could not be reached: ${describeError(error)}`);
    }
  };
  return {
    reportPayments: (reports) => call<PaymentsSummary>('POST', { payments: reports }),
    updatePayment: (update) => call<PaymentItemResult>('PATCH', update),
    cancelPayment: (cancel) => call<PaymentItemResult>('DELETE', cancel),
  };
}
