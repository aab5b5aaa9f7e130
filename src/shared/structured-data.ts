/**
 * schema.org JSON-LD for broadcasts, so search engines can show a shop's live shows: per broadcast a
 * `VideoObject` whose `publication` is its `BroadcastEvent` (live, planned start and end), the way search
 * engines document livestream markup, with the shop as publisher (an uploaded VOD has no BroadcastEvent). Text is the API's, as JSON strings;
 * every URL passes `safeUrl()` first (a broadcast without a safe page URL is left out). The JSON is
 * escaped for a `<script>` element (`<`, `>`, `&`, U+2028, U+2029 as \u escapes), so even a page that
 * serialises the DOM (a pre-renderer, a CMS snapshot) cannot have a name close the script.
 */
import type { Broadcast } from '../api/models.js';
import { parseApiDate } from '../i18n/format.js';
import { broadcastThumbnail, playerUrl } from './broadcast-view.js';
import { safeUrl } from './safe-url.js';

const HOUR = 3_600_000;

/** One broadcast's `VideoObject`, or undefined when it has no safe page URL or no valid start. */
export function videoObject(broadcast: Broadcast): Record<string, unknown> | undefined {
  const url = safeUrl(broadcast.shortUrl) ?? playerUrl(broadcast, undefined);
  const start = parseApiDate(broadcast.programmingStartDt);
  if (!url || !start || typeof broadcast.broadcastName !== 'string') return undefined;
  const plannedEnd = parseApiDate(broadcast.programmingEndDt);
  const end = plannedEnd && plannedEnd > start ? plannedEnd : new Date(start.getTime() + HOUR);
  if (Number.isNaN(end.getTime())) return undefined;
  const thumbnail = broadcastThumbnail(broadcast);
  const logo = safeUrl(broadcast.partnerProfileImageUrl);
  const description = typeof broadcast.explanation === 'string' && broadcast.explanation.trim() ? broadcast.explanation : broadcast.broadcastName;
  const video: Record<string, unknown> = {
    '@type': 'VideoObject',
    '@id': `${url}#video`,
    name: broadcast.broadcastName,
    description,
    uploadDate: start.toISOString(),
    url,
  };
  // An uploaded video (broadcastTypeCode vod) was never broadcast: a VideoObject alone.
  if (broadcast.broadcastTypeCode !== 'vod') {
    video.publication = { '@type': 'BroadcastEvent', name: broadcast.broadcastName, isLiveBroadcast: true, startDate: start.toISOString(), endDate: end.toISOString(), url };
  }
  if (thumbnail) video.thumbnailUrl = [thumbnail];
  if (typeof broadcast.shopName === 'string' && broadcast.shopName.trim()) {
    video.publisher = { '@type': 'Organization', name: broadcast.shopName, ...(logo ? { logo } : {}) };
  }
  return video;
}

/** The JSON-LD document for a list of broadcasts (an `@graph`), as text safe inside `<script>`. */
export function structuredDataFor(broadcasts: readonly Broadcast[]): string {
  const graph = broadcasts.map(videoObject).filter((item): item is Record<string, unknown> => item !== undefined);
  return JSON.stringify({ '@context': 'https://schema.org', '@graph': graph }).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Keep one `<script type="application/ld+json">` of ours in `host`'s light DOM with `json` (removed when undefined). */
export function writeStructuredData(host: HTMLElement, json: string | undefined): void {
  let script = host.querySelector<HTMLScriptElement>(':scope > script[data-sf-structured-data]');
  if (json === undefined) {
    script?.remove();
    return;
  }
  if (!script) {
    script = host.ownerDocument.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.sfStructuredData = '';
    host.append(script);
  }
  if (script.textContent !== json) script.textContent = json;
}
