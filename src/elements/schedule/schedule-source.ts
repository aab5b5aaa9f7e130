/**
 * A schedule from a backend source instead of sauceFlex (`<sf-schedule source="…">`): GET
 * `${source}?limit=&nextKey=`, our backend's `GET /sauceflex/schedule/:source`, which reads another
 * platform (SmartSTREAM) with its own credentials and answers sauceFlex's page shape. The answer is
 * checked like sauceFlex's own (a broken item is dropped, a broken page is an error).
 */
import { ResponseShapeError } from '../../api/errors.js';
import type { Broadcast, Page } from '../../api/models.js';
import { requestJson } from '../../api/json.js';
import { broadcast, page, ShapeIssue } from '../../api/validate.js';

const checkPage = page(broadcast);

export async function loadSourcePage(source: string, params: { returnLimit: number; nextKey?: string }, signal: AbortSignal): Promise<Page<Broadcast>> {
  const url = new URL(source, globalThis.location?.href ?? 'http://localhost/').toString();
  const { body } = await requestJson<unknown>({ url, query: { limit: params.returnLimit, nextKey: params.nextKey }, signal });
  try {
    const { dropped: _dropped, ...checked } = checkPage(body, 'body', () => {});
    return checked;
  } catch (issue) {
    if (issue instanceof ShapeIssue) throw new ResponseShapeError('GET', url, issue.path, issue.problem);
    throw issue;
  }
}
