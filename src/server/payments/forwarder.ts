/**
 * Payments forwarding (결제 연동): the shop's own server reports purchases made after a product
 * click (`orderCallBackId`), updates them (quantity/amount) and cancels them. Reports go to
 * POST /front/product/payments in batches of at most 50, updates to PATCH /front/product/payment,
 * cancels to DELETE /front/product/payment.
 *
 * Delivery goes through a durable outbox:
 * 1. The item is validated, then stored (fdatasync'd) before anything is sent.
 * 2. Each send is counted in the outbox *before* it goes out (`attempts`), under a lease.
 * 3. An item leaves the outbox only when sauceFlex has answered for it: accepted (`success`), or
 *    refused for good (`fail` with FA1027, FA1028, FA1031, …, or the whole request refused with an
 *    FA code other than FA1011). A network error, a timeout, FA1011, a 5xx without an FA code or an
 *    unreadable answer leaves it there, and it is retried with exponential backoff (and jitter)
 *    until sauceFlex answers.
 * 4. "Sends nothing twice": if the process dies after sauceFlex accepted a report but before the
 *    outbox forgot it, the report is sent again after restart and sauceFlex answers FA1028 ("already
 *    used orderCallBackId") for it. An FA1028 on an item whose earlier attempt may have arrived
 *    (attempts > 1) therefore means "accepted earlier" and is reported as accepted with
 *    `alreadyAccepted: true`; on a first attempt it is a real refusal. Likewise FA1031 for a resent
 *    update and FA1125 for a resent cancel. sauceFlex itself never records one orderCallBackId twice.
 * 5. Outcomes are stored with the entry's removal (`Outbox.complete`), keyed by the entry and the
 *    payload's hash: a shop retrying an identical item gets the stored outcome (never FA1028 as a
 *    failure), and a report for a known orderCallBackId with a different payload is a `conflict`
 *    (never "accepted"). Callers wait for their own instance's delivery or for the stored outcome
 *    another instance wrote, whichever comes first.
 * 6. A batch refused as a whole (FA1010 for one bad item) is split in halves until the item is
 *    found; the others are delivered.
 */
import { ApiError, ResponseShapeError } from '../../api/errors.js';
import { ErrorCode, type PaymentCancel, type PaymentsResult } from '../../api/models.js';
import { requestEnvelope, type RequestOptions } from '../../api/request.js';
import { backoffDelay } from '../../api/backoff.js';
import { describeError, silentLogger, type Logger } from '../log.js';
import { entryId, payloadHash, resultKey, type NewOutboxEntry, type Outbox, type OutboxEntry, type PaymentOp, type StoredOutcome } from '../outbox.js';
import { summarize, type PaymentItemResult, type PaymentOutcome, type PaymentsApi, type PaymentsSummary } from './results.js';
import {
  normalizeCancel,
  normalizeReports,
  normalizeUpdate,
  type PaymentCancelInput,
  type PaymentReportInput,
  type PaymentUpdateInput,
} from './validation.js';

/** The most reports sauceFlex takes in one POST /front/product/payments. */
export const SAUCEFLEX_BATCH_MAX = 50;

export interface PaymentsForwarderOptions {
  /** sauceFlex API base including /V1. */
  apiBase: string;
  outbox: Outbox;
  /** Reports per POST /front/product/payments. Default (and maximum) 50. */
  batchSize?: number;
  /** Per-request timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retry backoff: base doubling up to max, with jitter. Default 1 s → 60 s. */
  backoff?: { baseMs: number; maxMs: number };
  /** With a shared outbox: look for due entries at least this often (other instances add them, or die holding them). */
  pollMs?: number;
  /** How long a call waits for the first delivery attempt before answering "queued". Default 15 000 ms; 0 answers at once. */
  waitMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
  log?: Logger;
  /** Every final outcome, including those of entries retried after the call answered "queued". */
  onOutcome?: (outcome: PaymentOutcome) => void;
}

type Waiter = (result: PaymentItemResult) => void;

/** Sends payment reports, updates and cancels to sauceFlex through the outbox. */
export class PaymentsForwarder implements PaymentsApi {
  readonly #apiBase: string;
  readonly #outbox: Outbox;
  readonly #batchSize: number;
  readonly #timeoutMs: number;
  readonly #backoff: { baseMs: number; maxMs: number };
  readonly #waitMs: number;
  readonly #pollMs: number | undefined;
  readonly #now: () => number;
  readonly #fetch: typeof fetch | undefined;
  readonly #log: Logger;
  readonly #onOutcome: ((outcome: PaymentOutcome) => void) | undefined;
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #abort = new AbortController();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #draining: Promise<void> | null = null;
  #again = false;
  #closed = false;
  /** Requests sent to sauceFlex, by kind (tests and metrics). */
  readonly stats = { batches: 0, updates: 0, cancels: 0, transientFailures: 0 };

  constructor(options: PaymentsForwarderOptions) {
    this.#apiBase = options.apiBase.replace(/\/+$/, '');
    this.#outbox = options.outbox;
    this.#batchSize = Math.min(SAUCEFLEX_BATCH_MAX, Math.max(1, options.batchSize ?? SAUCEFLEX_BATCH_MAX));
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#backoff = options.backoff ?? { baseMs: 1_000, maxMs: 60_000 };
    this.#waitMs = options.waitMs ?? 15_000;
    this.#pollMs = options.pollMs;
    this.#now = options.now ?? Date.now;
    this.#fetch = options.fetch;
    this.#log = options.log ?? silentLogger;
    this.#onOutcome = options.onOutcome;
  }

  /** Start delivering what the outbox already holds (after a restart). */
  start(): void {
    this.#kick();
  }

  async reportPayments(inputs: PaymentReportInput[]): Promise<PaymentsSummary> {
    const reports = normalizeReports(inputs);
    const now = this.#now();
    return summarize(await this.#enqueue(reports.map((payload) => newEntry('report', payload, now))));
  }

  async updatePayment(input: PaymentUpdateInput): Promise<PaymentItemResult> {
    const [result] = await this.#enqueue([newEntry('update', normalizeUpdate(input), this.#now())]);
    return result!;
  }

  async cancelPayment(input: PaymentCancelInput): Promise<PaymentItemResult> {
    const [result] = await this.#enqueue([newEntry('cancel', normalizeCancel(input), this.#now())]);
    return result!;
  }

  /** Pending outbox entries. */
  pending(): Promise<number> {
    return this.#outbox.size();
  }

  /** Run a delivery round now and wait for it (tests; operators after an outage). */
  async flush(): Promise<void> {
    this.#kick();
    while (this.#draining) await this.#draining;
  }

  /**
   * Stop: no new round starts, the timer is cleared, a round in flight gets `graceMs` to finish and
   * is then aborted (its entries stay in the outbox), callers still waiting are told "queued", and
   * the outbox is closed (its journal synced).
   */
  async close(graceMs = 2_000): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const draining = this.#draining;
    if (draining) {
      let graceTimer: ReturnType<typeof setTimeout> | undefined;
      const graceOver = new Promise<void>((resolve) => {
        graceTimer = setTimeout(resolve, graceMs);
      });
      await Promise.race([draining, graceOver]);
      clearTimeout(graceTimer);
      this.#abort.abort();
      await draining.catch(() => {});
    }
    for (const [id, waiters] of this.#waiters) {
      for (const waiter of waiters) waiter({ op: opOf(id), orderCallBackId: '', status: 'queued' });
    }
    this.#waiters.clear();
    await this.#outbox.close();
  }

  async #enqueue(entries: NewOutboxEntry[]): Promise<PaymentItemResult[]> {
    if (this.#closed) throw new Error('The payments forwarder is closed');
    const answers = new Map<string, PaymentItemResult>();
    const answer = (e: NewOutboxEntry, result: Omit<PaymentItemResult, 'op' | 'orderCallBackId'> & Partial<PaymentItemResult>) => {
      if (!answers.has(e.id)) answers.set(e.id, { ...result, op: e.op, orderCallBackId: e.orderCallBackId });
    };

    // An item answered before (here or at another instance): the same answer again, or a conflict.
    const known = await this.#outbox.results(entries.map(resultKey));
    const fresh: NewOutboxEntry[] = [];
    for (const e of entries) {
      const stored = known.get(resultKey(e));
      if (!stored) fresh.push(e);
      else if (stored.hash === payloadHash(e.payload)) answer(e, storedAnswer(stored));
      else answer(e, CONFLICT);
    }

    // Register before storing, so an answer that comes back very fast is not missed.
    const waiting = new Map<string, Waiter>();
    let wake: () => void = () => {};
    for (const e of fresh) {
      const waiter: Waiter = (result) => {
        answer(e, result);
        wake();
      };
      waiting.set(e.id, waiter);
      let set = this.#waiters.get(e.id);
      if (!set) this.#waiters.set(e.id, (set = new Set()));
      set.add(waiter);
    }
    const forget = () => {
      for (const [id, waiter] of waiting) {
        const set = this.#waiters.get(id);
        set?.delete(waiter);
        if (set && set.size === 0) this.#waiters.delete(id);
      }
    };

    try {
      if (fresh.length) {
        const { conflicts, behind } = await this.#outbox.add(fresh);
        const byId = new Map(fresh.map((e) => [e.id, e]));
        for (const id of conflicts) answer(byId.get(id)!, CONFLICT);
        // Behind a pending report (or update): it cannot go before that one does; say so at once.
        for (const id of behind) answer(byId.get(id)!, { status: 'queued' });
        this.#kick();
      }

      // Wait for the first delivery attempt: ours (the waiters) or another instance's (its stored outcome).
      const deadline = this.#now() + this.#waitMs;
      for (let poll = 1; this.#waitMs > 0 && answers.size < entries.length && !this.#closed; poll++) {
        const left = deadline - this.#now();
        if (left <= 0) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, backoffDelay(Math.min(poll, 6), RESULT_POLL)));
          wake = () => {
            if (waiting.size && [...waiting.keys()].every((id) => answers.has(id))) {
              clearTimeout(timer);
              resolve();
            }
          };
        });
        wake = () => {};
        const open = fresh.filter((e) => !answers.has(e.id));
        if (open.length === 0) break;
        // Stored already: a store that stops answering now makes this "queued", not an error.
        const stored = await this.#outbox.results(open.map(resultKey)).catch(() => new Map<string, StoredOutcome>());
        for (const e of open) {
          const s = stored.get(resultKey(e));
          if (s) answer(e, s.hash === payloadHash(e.payload) ? storedAnswer(s) : CONFLICT);
        }
      }
    } finally {
      forget();
    }
    return entries.map((e) => answers.get(e.id) ?? { op: e.op, orderCallBackId: e.orderCallBackId, status: 'queued' });
  }

  #kick(): void {
    if (this.#closed) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#draining = this.#drain()
      .catch((error) => this.#log.error('payments delivery round failed', { error: describeError(error) }))
      .finally(() => {
        this.#draining = null;
        if (this.#again && !this.#closed) {
          this.#again = false;
          this.#kick();
        } else {
          void this.#schedule();
        }
      });
  }

  async #schedule(): Promise<void> {
    if (this.#closed) return;
    let next: number | null;
    try {
      next = await this.#outbox.nextDueAt();
    } catch {
      // The store is away: with polling, look again later; without, the next call kicks a round.
      next = null;
    }
    if (this.#closed || this.#draining) return;
    if (next === null && this.#pollMs === undefined) return;
    const untilDue = next === null ? Number.POSITIVE_INFINITY : Math.max(0, next - this.#now());
    const delay = Math.min(untilDue, this.#pollMs ?? Number.POSITIVE_INFINITY, 2 ** 31 - 1);
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#kick();
    }, delay);
    // Do not hold a process open for a retry: the entries are durable and resume at the next start.
    this.#timer.unref?.();
  }

  async #drain(): Promise<void> {
    for (let round = 0; round < 1000 && !this.#closed; round++) {
      this.#again = false;
      const leaseMs = this.#timeoutMs * 2 + 5_000;
      const claimed = await this.#outbox.claimDue(this.#now(), this.#batchSize * 4, leaseMs);
      if (claimed.length === 0) return;
      const reports = claimed.filter((e) => e.op === 'report');
      for (let i = 0; i < reports.length; i += this.#batchSize) {
        await this.#sendBatch(reports.slice(i, i + this.#batchSize));
      }
      for (const entry of claimed) {
        if (entry.op !== 'report') await this.#sendOne(entry);
      }
    }
  }

  #request(options: RequestOptions): ReturnType<typeof requestEnvelope> {
    return requestEnvelope({
      ...options,
      timeoutMs: this.#timeoutMs,
      signal: this.#abort.signal,
      ...(this.#fetch ? { fetch: this.#fetch } : {}),
    });
  }

  async #sendBatch(entries: OutboxEntry[]): Promise<void> {
    this.stats.batches++;
    const url = `${this.#apiBase}/front/product/payments`;
    let result: PaymentsResult;
    try {
      const { response } = await this.#request({ method: 'POST', url, body: { payments: entries.map((e) => e.payload) } });
      result = checkPaymentsResult(url, response);
    } catch (error) {
      await this.#failed(entries, error);
      return;
    }
    const success = new Set(result.success.map((s) => s.orderCallBackId));
    const fail = new Map(result.fail.map((f) => [f.orderCallBackId, f.messageCode] as const));
    // "Already used": was it us (stored outcome, same payload) or a different order (conflict)?
    const used = entries.filter((e) => fail.get(e.orderCallBackId) === ErrorCode.usedOrderCallBackId);
    const usedBy = used.length ? await this.#outbox.results(used.map(resultKey)) : new Map<string, StoredOutcome>();
    const overtaken = await this.#overtaken(used.filter((e) => e.attempts === 1 && usedBy.get(resultKey(e))?.status !== 'accepted'));
    const done: [OutboxEntry, PaymentItemResult][] = [];
    const missing: OutboxEntry[] = [];
    for (const entry of entries) {
      const base = { op: entry.op, orderCallBackId: entry.orderCallBackId };
      if (overtaken.has(entry.id)) continue; // the newer attempt's answer is the one that counts
      if (success.has(entry.orderCallBackId)) {
        done.push([entry, { ...base, status: 'accepted' }]);
      } else if (fail.has(entry.orderCallBackId)) {
        const code = fail.get(entry.orderCallBackId)!;
        const stored = code === ErrorCode.usedOrderCallBackId ? usedBy.get(resultKey(entry)) : undefined;
        if (stored && stored.hash !== payloadHash(entry.payload)) {
          done.push([entry, { ...base, ...CONFLICT }]);
        } else if (code === ErrorCode.usedOrderCallBackId && (entry.attempts > 1 || stored?.status === 'accepted')) {
          done.push([entry, { ...base, status: 'accepted', alreadyAccepted: true }]);
        } else {
          done.push([entry, { ...base, status: 'failed', messageCode: code }]);
        }
      } else {
        missing.push(entry);
      }
    }
    await this.#finish(done);
    if (missing.length) await this.#retry(missing, 'sauceFlex did not mention these in success or fail');
  }

  async #sendOne(entry: OutboxEntry): Promise<void> {
    const url = `${this.#apiBase}/front/product/payment`;
    try {
      if (entry.op === 'update') {
        this.stats.updates++;
        await this.#request({ method: 'PATCH', url, body: entry.payload });
      } else {
        this.stats.cancels++;
        const cancel = entry.payload as PaymentCancel;
        await this.#request({
          method: 'DELETE',
          url,
          query: { orderCallBackId: cancel.orderCallBackId, orderId: cancel.orderId, payCancelTime: cancel.payCancelTime },
        });
      }
    } catch (error) {
      const resendCode = entry.op === 'update' ? ErrorCode.noMatchingPayment : ErrorCode.paymentAlreadyDeleted;
      if (error instanceof ApiError && error.code === resendCode) {
        if (entry.attempts > 1) {
          await this.#finish([[entry, { op: entry.op, orderCallBackId: entry.orderCallBackId, status: 'accepted', alreadyAccepted: true }]]);
          return;
        }
        if ((await this.#overtaken([entry])).size > 0) return; // the newer attempt's answer is the one that counts
      }
      await this.#failed([entry], error);
      return;
    }
    await this.#finish([[entry, { op: entry.op, orderCallBackId: entry.orderCallBackId, status: 'accepted' }]]);
  }

  /**
   * Entries whose lease ran out while this attempt was at sauceFlex (a stalled process): another attempt
   * was claimed since (more attempts now) or has already finished (no longer pending). sauceFlex applies
   * only one of the two, so "already used / no match" here may be the other attempt's success, not a
   * refusal: this attempt records nothing, and the other one's outcome stands.
   */
  async #overtaken(entries: OutboxEntry[]): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const now = await this.#outbox.attemptsOf(entries.map((e) => e.id));
    return new Set(entries.filter((e) => (now.get(e.id) ?? Infinity) > e.attempts).map((e) => e.id));
  }

  /** The whole request failed: refused for good (a 4xx envelope), or to be retried. */
  async #failed(entries: OutboxEntry[], error: unknown): Promise<void> {
    if (isFinalRefusal(error) && entries.length > 1 && entries.every((e) => e.op === 'report')) {
      // One bad item makes sauceFlex refuse the whole batch (FA1010): halve it until that item is alone.
      const half = Math.ceil(entries.length / 2);
      await this.#sendBatch(entries.slice(0, half));
      await this.#sendBatch(entries.slice(half));
      return;
    }
    if (isFinalRefusal(error)) {
      const code = (error as ApiError).code;
      await this.#finish(entries.map((e) => [e, { op: e.op, orderCallBackId: e.orderCallBackId, status: 'failed', messageCode: code }]));
      return;
    }
    this.stats.transientFailures++;
    await this.#retry(entries, describeError(error));
  }

  async #retry(entries: OutboxEntry[], reason: string): Promise<void> {
    const now = this.#now();
    const backoff = { baseDelayMs: this.#backoff.baseMs, maxDelayMs: this.#backoff.maxMs };
    await this.#outbox.retryLater(
      entries.map((e) => ({ id: e.id, nextAttemptAt: now + backoffDelay(Math.min(e.attempts, 30), backoff), lastError: reason })),
    );
    this.#log.warn('sauceFlex did not take payment items; they stay queued', {
      count: entries.length,
      orderCallBackIds: entries.slice(0, 5).map((e) => e.orderCallBackId),
      reason,
    });
    for (const entry of entries) this.#settle(entry.id, { op: entry.op, orderCallBackId: entry.orderCallBackId, status: 'queued' });
  }

  /** Forget entries sauceFlex answered for (durably first), then tell whoever waits. */
  async #finish(done: [OutboxEntry, PaymentItemResult][]): Promise<void> {
    if (done.length === 0) return;
    // A conflict is not sauceFlex's answer for this payload: the outcome stored for the id stays.
    const outcomes: StoredOutcome[] = done
      .filter(([, r]) => r.messageCode !== CONFLICT.messageCode)
      .map(([entry, r]) => ({
        key: resultKey(entry),
        hash: payloadHash(entry.payload),
        status: r.status as 'accepted' | 'failed',
        ...(r.messageCode ? { messageCode: r.messageCode } : {}),
        ...(r.alreadyAccepted ? { alreadyAccepted: true } : {}),
      }));
    await this.#outbox.complete(
      done.map(([entry]) => entry.id),
      outcomes,
    );
    for (const [entry, result] of done) {
      if (result.status === 'failed') {
        this.#log.warn('sauceFlex refused a payment item', { op: entry.op, orderCallBackId: entry.orderCallBackId, code: result.messageCode });
      }
      this.#settle(entry.id, result);
      try {
        this.#onOutcome?.({ ...result, status: result.status as 'accepted' | 'failed', attempts: entry.attempts });
      } catch (error) {
        this.#log.error('onOutcome hook threw', { error: describeError(error) });
      }
    }
  }

  #settle(id: string, result: PaymentItemResult): void {
    const waiters = this.#waiters.get(id);
    if (!waiters) return;
    for (const waiter of [...waiters]) waiter(result);
  }
}

function opOf(id: string): PaymentOp {
  return id.slice(0, id.indexOf(':')) as PaymentOp;
}

/** How often a waiting call looks for an outcome stored by another instance: 50 ms growing to 800 ms. */
const RESULT_POLL = { baseDelayMs: 50, maxDelayMs: 800 };

/** A report whose orderCallBackId is known with a different payload: never sent, never "accepted". */
const CONFLICT = { status: 'failed', messageCode: 'conflict' } as const;

function newEntry(op: PaymentOp, payload: NewOutboxEntry['payload'], now: number): NewOutboxEntry {
  return { id: entryId(op, payload.orderCallBackId, payload), op, orderCallBackId: payload.orderCallBackId, payload, createdAt: now, nextAttemptAt: now };
}

function storedAnswer(s: StoredOutcome): Omit<PaymentItemResult, 'op' | 'orderCallBackId'> {
  return { status: s.status, ...(s.messageCode ? { messageCode: s.messageCode } : {}), ...(s.alreadyAccepted ? { alreadyAccepted: true } : {}) };
}

/**
 * sauceFlex looked at the request and said no for good: one of its own FA codes, which it sends
 * with HTTP 400/401/500 alike (the guide: business refusals travel as 500), except FA1011 (its
 * internal error) and token/permission codes (our configuration: keep the item and retry). Anything
 * that is not an FA code (a proxy's 502, a 404 from a wrong SF_API_BASE, a 429) is retried too,
 * so a misconfiguration or an outage never loses a report.
 */
function isFinalRefusal(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (!/^FA\d{4}$/.test(error.code)) return false;
  const retryable: string[] = [ErrorCode.internal, ErrorCode.invalidToken, ErrorCode.expiredToken, ErrorCode.forbidden];
  return !retryable.includes(error.code);
}

function checkPaymentsResult(url: string, value: unknown): PaymentsResult {
  const r = value as Partial<PaymentsResult> | null;
  if (typeof r !== 'object' || r === null) throw new ResponseShapeError('POST', url, 'response', 'expected {success, fail}');
  const success = r.success ?? [];
  const fail = r.fail ?? [];
  if (!Array.isArray(success) || success.some((s) => typeof s?.orderCallBackId !== 'string')) {
    throw new ResponseShapeError('POST', url, 'response.success', 'expected [{orderCallBackId}]');
  }
  if (!Array.isArray(fail) || fail.some((f) => typeof f?.orderCallBackId !== 'string' || typeof f?.messageCode !== 'string')) {
    throw new ResponseShapeError('POST', url, 'response.fail', 'expected [{orderCallBackId, messageCode}]');
  }
  return { success, fail };
}
