/**
 * Ask the shop's backend for a live consultation: POST `consult-endpoint` (our backend's
 * `POST /sauceflex/consult`) with the shop's cookies, which says who the shopper is. The answer is the
 * shopper's own LiveMinutes join URL; everything else (guest, too many presses, the service down, a
 * broken answer) becomes one outcome the button shows. A POST is never retried behind the shopper's back.
 */
import { HttpError, SauceflexError } from '../../api/errors.js';
import { requestJson } from '../../api/json.js';
import { safeUrl } from '../../shared/safe-url.js';

export type ConsultOutcome =
  | { kind: 'joined'; joinUrl: string; reused: boolean }
  /** A guest (401 login_required). */
  | { kind: 'login-required' }
  /** 429: this shopper asked too often. */
  | { kind: 'busy' }
  /** 503, a timeout or the network: worth trying again shortly. */
  | { kind: 'unavailable'; error: unknown }
  /** Anything else: a refusal, a broken answer. */
  | { kind: 'failed'; error: unknown };

export async function requestConsultation(endpoint: string, lang: string, signal: AbortSignal): Promise<ConsultOutcome> {
  const url = new URL(endpoint, globalThis.location?.href ?? 'http://localhost/').toString();
  try {
    const { body } = await requestJson<unknown>({ method: 'POST', url, body: { lang }, credentials: 'include', signal, timeoutMs: 15_000 });
    const answer = (body ?? {}) as { joinUrl?: unknown; reused?: unknown };
    const joinUrl = safeUrl(answer.joinUrl);
    if (!joinUrl) return { kind: 'failed', error: new Error('the answer has no http(s) joinUrl') };
    return { kind: 'joined', joinUrl, reused: answer.reused === true };
  } catch (error) {
    if (error instanceof HttpError) {
      const code = (error.body as { error?: { code?: unknown } } | undefined)?.error?.code;
      if (error.status === 401 && code === 'login_required') return { kind: 'login-required' };
      if (error.status === 429) return { kind: 'busy' };
      if (error.status === 503 || error.status === 504) return { kind: 'unavailable', error };
    }
    if (error instanceof SauceflexError && (error.kind === 'network' || error.kind === 'timeout')) return { kind: 'unavailable', error };
    return { kind: 'failed', error };
  }
}
