/**
 * No waterfall without a server: when the loader finds one of our tags, it starts that element's
 * data at once, in parallel with the element's code, instead of after it (HTML → loader → element
 * chunk → API → picture, one round trip each on a phone). It also opens the connections the page
 * will need — the API's origin before the first request, the pictures' origin as soon as the first
 * answer names it — and fetches the first visible picture with high priority while the card's code
 * is still on its way.
 *
 * The element takes the answer instead of asking again (src/shared/schedule-source.ts for a
 * schedule; src/shared/broadcast-source.ts shares a broadcast by id). Nothing here renders: a tag
 * whose options are wrong is left to its element, which says what to fix.
 */
import { bufferViolations } from '../shared/csp-buffer.js';
import type { Broadcast, Page } from '../api/models.js';
import { prefetchBroadcast } from '../shared/broadcast-source.js';
import { prefetchSchedule, scheduleQuery } from '../shared/schedule-source.js';
import { broadcastThumbnail } from '../shared/thumbnails.js';
import { startsInView } from '../shared/early-placement.js';
import { warmLocale } from '../i18n/locale.js';
import { configFromAttributes, configProblems, configStore, resolveConfig } from '../store/config.js';

/** Tags that show one broadcast by its `broadcast-id` (read through the shared broadcast source). */
const BY_BROADCAST_ID = new Set(['sf-broadcast-card', 'sf-preview-player', 'sf-product-list']);
/** Tags that ask for the viewer token before they render (their class's `viewerSession`). */

const started = new WeakSet<Element>();
let pictureClaimed = false;

/** A property set before the element was defined wins over its attribute, as it will once defined. */
function option(element: Element, property: string, attribute: string): unknown {
  const own = (element as unknown as Record<string, unknown>)[property];
  return own !== undefined ? own : (element.getAttribute(attribute) ?? undefined);
}

/** Start what `element` will ask for, once; called by the autoloader for each tag it finds undefined. */
export function prefetchFor(element: Element): void {
  const tag = element.localName;
  if (started.has(element)) return;
  started.add(element);
  const config = resolveConfig(configFromAttributes((name) => element.getAttribute(name)), configStore.getState());
  // Every element formats numbers and dates, a server-rendered one too when it hydrates.
  warmLocale(config.lang);
  // A server-rendered element (`ssr`, src/ssr/) brought its data with the page.
  if (element.hasAttribute('ssr') || (tag !== 'sf-schedule' && !BY_BROADCAST_ID.has(tag))) return;
  bufferViolations(); // a refusal of what is asked here is explained by the elements later
  if (configProblems(config).length || !config.partnerId) return;
  preconnect(config.apiBase, true);
  // The viewer token is not asked for here: its request starts with the elements, once shared/csp.ts listens, so a
  // policy that refuses it is named in the elements (an early refusal would go unrecorded).
  const key = { apiBase: config.apiBase, partnerId: config.partnerId };
  if (tag === 'sf-schedule') {
    const query = scheduleQuery({
      ...key,
      type: option(element, 'type', 'type'),
      limit: option(element, 'limit', 'limit'),
      search: option(element, 'search', 'search'),
      curationId: option(element, 'curationId', 'curation-id'),
    });
    prefetchSchedule(query).then((page) => warmPictures(element, page), () => undefined);
    return;
  }
  const broadcastId = option(element, 'broadcastId', 'broadcast-id');
  if (typeof broadcastId === 'string' && broadcastId) prefetchBroadcast(key, broadcastId);
}

/**
 * The pictures of a schedule's first answer: their origin's connection opened at once, and the
 * first picture fetched with high priority when the schedule is in view (it is then the page's
 * largest paint, and the card that shows it asks for the same URL, from the cache).
 */
function warmPictures(element: Element, page: Page<Broadcast>): void {
  const first = page.items.map(broadcastThumbnail).find(Boolean);
  if (!first) return;
  preconnect(first, false);
  if (pictureClaimed || !element.isConnected || !startsInView(element)) return;
  pictureClaimed = true;
  link({ rel: 'preload', as: 'image', href: first, fetchPriority: 'high' });
}

/** `<link rel=preconnect>` to the origin of `url` (once, and never to the page's own). */
function preconnect(url: string, cors: boolean): void {
  let origin: string;
  try {
    origin = new URL(url, location.href).origin;
  } catch {
    return;
  }
  if (origin === location.origin || origin === 'null') return;
  // fetch() without credentials uses the anonymous connection pool: the link must say so too.
  link({ rel: 'preconnect', href: origin, crossOrigin: cors ? 'anonymous' : null });
}

function link(attributes: { rel: string; href: string; as?: string; fetchPriority?: string; crossOrigin?: string | null }): void {
  const cors = attributes.crossOrigin ? '[crossorigin]' : ':not([crossorigin])';
  const selector = `link[rel="${attributes.rel}"][href="${CSS.escape(attributes.href)}"]${cors}`;
  if (document.head.querySelector(selector)) return;
  const element = document.createElement('link');
  element.rel = attributes.rel;
  if (attributes.as) element.as = attributes.as;
  if (attributes.crossOrigin !== undefined && attributes.crossOrigin !== null) element.crossOrigin = attributes.crossOrigin;
  if (attributes.fetchPriority) element.setAttribute('fetchpriority', attributes.fetchPriority);
  element.href = attributes.href;
  document.head.append(element);
}
