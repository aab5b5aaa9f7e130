/** A shared store (PostgreSQL, Redis) did not answer: the route says 503 and acknowledges nothing. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  readonly store: 'PostgreSQL' | 'Redis';
  constructor(store: 'PostgreSQL' | 'Redis', cause: unknown) {
    super(`${store} is unavailable (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.store = store;
  }
}
