/**
 * `GET {fragments}/:element?…`: an element rendered on the server (src/ssr/) for this backend's
 * partner, its options from the query (the element's attribute names). The renderer, and Lit with
 * it, is imported on the first request only.
 */
import { HttpProblem } from './http.js';

const ELEMENTS = ['schedule', 'broadcast-card', 'product-list'] as const;

export async function renderFragment(element: string, query: URLSearchParams, partner: { partnerId: string; apiBase: string }, signal: AbortSignal): Promise<string> {
  if (!(ELEMENTS as readonly string[]).includes(element)) {
    throw new HttpProblem(404, 'not_found', `No fragment named "${element.slice(0, 40)}" (known: ${ELEMENTS.join(', ')}).`);
  }
  const text = (name: string) => query.get(name)?.slice(0, 200) || undefined;
  const number = (name: string) => (query.has(name) ? Number(query.get(name)) : undefined);
  const timeZone = text('time-zone');
  if (timeZone) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      throw new HttpProblem(400, 'invalid_parameter', 'time-zone must be an IANA zone such as Asia/Seoul.');
    }
  }
  const tokenEndpoint = text('token-endpoint');
  if (tokenEndpoint && !/^(\/(?!\/)|https?:\/\/)/.test(tokenEndpoint)) throw new HttpProblem(400, 'invalid_parameter', 'token-endpoint must be a path or an http(s) URL.');
  const common = { ...partner, lang: text('lang') === 'en' ? ('en' as const) : ('ko' as const), timeZone, tokenEndpoint, signal, target: text('target') };
  const ssr = await import('../ssr/index.js');
  if (element === 'schedule') {
    return ssr.renderSchedule({
      ...common,
      type: text('type') as never,
      limit: number('limit'),
      layout: text('layout') as never,
      search: text('search'),
      curationId: text('curation-id'),
      headingLevel: number('heading-level'),
      noCountdown: query.has('no-countdown'),
      refreshInterval: number('refresh-interval'),
    });
  }
  const broadcastId = text('broadcast-id');
  if (!broadcastId) throw new HttpProblem(400, 'invalid_parameter', 'broadcast-id is required.');
  if (element === 'broadcast-card') return ssr.renderBroadcastCard({ ...common, broadcastId, variant: text('variant') as never });
  return ssr.renderProductList({ ...common, broadcastId, layout: text('layout') as never });
}
