/**
 * Schedule sources: where a `<sf-schedule source="…">` list comes from when it is not sauceFlex.
 * A source reads its platform with server-side credentials and answers a page of broadcasts in the
 * shape the elements read (src/api/models.ts `Broadcast`), so nothing about the platform (its keys,
 * its ingest URLs, its field names) reaches a browser. `GET {schedule}/:source` (app.ts) serves them.
 */
import type { Broadcast, Page } from '../../api/models.js';

export interface SourceQuery {
  /** Broadcasts per page, 1–100. */
  limit: number;
  /** The `nextKey` of the previous page (opaque to the browser). */
  nextKey?: string;
}

export interface ScheduleSource {
  /**
   * One page, soonest first. Throws an `HttpProblem` (or an error `serviceProblem()` in upstream.ts
   * maps) when the platform cannot answer; a single unusable item is left out, not the page.
   */
  list(query: SourceQuery, signal: AbortSignal): Promise<Page<Broadcast>>;
}

/** A source's name in the route: lower-case letters, digits and "-". */
export const SOURCE_NAME = /^[a-z0-9-]{1,32}$/;
/** What a source's `nextKey` may look like on the way back in. */
export const NEXT_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;
