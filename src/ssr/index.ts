/**
 * Server rendering (`sauceflex-widgets/ssr`): `<sf-schedule>`, `<sf-broadcast-card>` and
 * `<sf-product-list>` as HTML with Declarative Shadow DOM, rendered by `@lit-labs/ssr` from data this
 * module fetches through the same sources the elements use. The data goes into the page with the
 * element (a `<script type="application/json">` child, `<` escaped), so the element hydrates from it
 * (`@lit-labs/ssr-client`): no second request, no second render, nothing moves.
 *
 * For the shop's Node or edge server, and our backend's fragment route (src/server/). Text from the
 * API is escaped by Lit's server renderer exactly as Lit escapes it in the browser; URLs pass the
 * same `safeUrl()`. The time zone and language are fixed here and written on the element, so the
 * browser draws the same days and times the server did. Each element carries `ssr`: the space the
 * main entry reserves for elements not yet defined (and a shop's `:not(:defined)` rules written as
 * the README shows) leaves it alone.
 */
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, nothing } from 'lit';
import type { BroadcastProduct } from '../api/models.js';
import { createClient } from '../api/client.js';
import { fetchSchedulePage, scheduleQuery, type ScheduleType } from '../shared/schedule-source.js';
import { fillSchedule } from '../shared/schedule-fill.js';
import '../elements/schedule/schedule.js';
import '../elements/broadcast-card/broadcast-card.js';
import '../elements/product-list/product-list.js';

export interface ServerRenderOptions {
  /** The partner id sauceFlex issued. */
  partnerId: string;
  /** sauceFlex API base (default https://api.sauceFlex.com/V1). */
  apiBase?: string;
  /** ko (default) or en. */
  lang?: 'ko' | 'en';
  /** IANA zone the days and times are shown in; the browser keeps it (default Asia/Seoul). */
  timeZone?: string;
  /** The backend's viewer-token route, written on the element for the browser (the server never asks for a token). */
  tokenEndpoint?: string;
  /** Abort the API request (the shop's own request went away). */
  signal?: AbortSignal;
  /** The clock (ms), for tests. */
  now?: number;
}

export interface ScheduleRenderOptions extends ServerRenderOptions {
  type?: ScheduleType;
  limit?: number;
  layout?: 'list' | 'feed' | 'grid';
  search?: string;
  curationId?: string;
  headingLevel?: number;
  noCountdown?: boolean;
  target?: string;
  /** Seconds between the browser's refreshes (default 60; 0: none). */
  refreshInterval?: number;
}

const DEFAULT_API_BASE = 'https://api.sauceFlex.com/V1';
const MINUTE = 60_000;

/** The element's data as the child the browser reads before its first update (`</script>` cannot close it). */
function embedded(property: string, value: unknown): string {
  const json = JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" data-sf-property="${property}">${json}</script>`;
}

/** Lit's output with the data placed as the element's last child. */
async function withData(result: ReturnType<typeof render>, tag: string, property: string, value: unknown): Promise<string> {
  const markup = await collectResult(result);
  const close = markup.lastIndexOf(`</${tag}>`);
  if (close < 0) throw new Error(`[sauceflex] server render of <${tag}> produced no element`);
  return markup.slice(0, close) + embedded(property, value) + markup.slice(close);
}

function common(options: ServerRenderOptions) {
  if (!/^[\w.-]{1,64}$/.test(options.partnerId ?? '')) throw new Error('[sauceflex] renderSchedule: partnerId is required (letters, digits, . _ -)');
  return {
    apiBase: (options.apiBase ?? DEFAULT_API_BASE).replace(/\/+$/, ''),
    partnerId: options.partnerId,
    lang: options.lang === 'en' ? 'en' : 'ko',
    timeZone: options.timeZone ?? 'Asia/Seoul',
  } as const;
}

/**
 * `<sf-schedule>` with its first page, as HTML. Rejects when the API cannot be read (the shop may
 * then send the bare tag, which loads in the browser as usual).
 */
export async function renderSchedule(options: ScheduleRenderOptions): Promise<string> {
  const base = common(options);
  const query = scheduleQuery({ ...base, type: options.type, limit: options.limit, search: options.search, curationId: options.curationId });
  const page = await fetchSchedulePage(query, { returnLimit: query.pageSize }, options.signal);
  // As the element does: pages on until `limit` broadcasts are showable (the API pages before rehearsals are dropped).
  const shown = await fillSchedule({ items: page.items, nextKey: page.nextKey ?? undefined }, query.pageSize, query.type, (nextKey) =>
    fetchSchedulePage(query, { returnLimit: query.pageSize, nextKey }, options.signal),
  );
  const now = Math.floor((options.now ?? Date.now()) / MINUTE) * MINUTE;
  const initial = { ...shown, now };
  const result = render(html`<sf-schedule ssr partner-id=${base.partnerId} api-base=${base.apiBase} lang=${base.lang} time-zone=${base.timeZone}
    token-endpoint=${options.tokenEndpoint ?? nothing} type=${query.type} limit=${query.pageSize} layout=${options.layout ?? 'feed'}
    search=${query.search ?? nothing} curation-id=${query.curationId ?? nothing} heading-level=${options.headingLevel ?? nothing}
    ?no-countdown=${options.noCountdown ?? false} target=${options.target ?? nothing} refresh-interval=${options.refreshInterval ?? nothing}
    .initial=${initial}></sf-schedule>`);
  return withData(result, 'sf-schedule', 'initial', initial);
}

/** `<sf-broadcast-card>` for one broadcast, as HTML; an unknown id renders the card's "not found". */
export async function renderBroadcastCard(options: ServerRenderOptions & { broadcastId: string; variant?: 'list' | 'feed' | 'grid'; target?: string }): Promise<string> {
  const base = common(options);
  const broadcast = await createClient(base).broadcast(options.broadcastId, { signal: options.signal });
  const result = render(html`<sf-broadcast-card ssr partner-id=${base.partnerId} api-base=${base.apiBase} lang=${base.lang} time-zone=${base.timeZone}
    token-endpoint=${options.tokenEndpoint ?? nothing} broadcast-id=${options.broadcastId} variant=${options.variant ?? 'feed'}
    target=${options.target ?? nothing} .broadcast=${broadcast ?? undefined}></sf-broadcast-card>`);
  return broadcast ? withData(result, 'sf-broadcast-card', 'broadcast', broadcast) : collectResult(result);
}

/** `<sf-product-list>` with a broadcast's products, as HTML. */
export async function renderProductList(
  options: ServerRenderOptions & { broadcastId: string; layout?: 'grid' | 'list' | 'carousel'; productEndpoint?: string; target?: string },
): Promise<string> {
  const base = common(options);
  const broadcast = await createClient(base).broadcast(options.broadcastId, { signal: options.signal });
  const products: BroadcastProduct[] = Array.isArray(broadcast?.productListDetail) ? broadcast.productListDetail : [];
  const result = render(html`<sf-product-list ssr partner-id=${base.partnerId} api-base=${base.apiBase} lang=${base.lang} time-zone=${base.timeZone}
    broadcast-id=${options.broadcastId} layout=${options.layout ?? 'grid'} product-endpoint=${options.productEndpoint ?? nothing}
    target=${options.target ?? nothing} .products=${products}></sf-product-list>`);
  return withData(result, 'sf-product-list', 'products', products);
}
