/**
 * Share a broadcast, the one way every element does it (cards, the live player): first the
 * cancelable `sf-share` event from `host` (a shop that cancels it shares its own way); then the Web
 * Share API where the browser has it; else the URL copied to the clipboard; else nothing could be
 * done. The caller shows the outcome to the shopper (a visible confirmation, or the URL to copy).
 */
import type { SfShareDetail } from '../events/share.js';

export type ShareOutcome =
  /** The share sheet completed. */
  | 'shared'
  /** No share sheet: the URL is on the clipboard. */
  | 'copied'
  /** The page cancelled `sf-share` and shares its own way. */
  | 'cancelled'
  /** The shopper closed the share sheet. */
  | 'dismissed'
  /** Neither sharing nor copying was possible (no API, permission refused, insecure page). */
  | 'failed';

export async function share(host: HTMLElement, detail: SfShareDetail): Promise<ShareOutcome> {
  const event = new CustomEvent('sf-share', { bubbles: true, composed: true, cancelable: true, detail });
  if (!host.dispatchEvent(event)) return 'cancelled';
  const data = { title: detail.title, url: detail.url };
  const nav = globalThis.navigator as Navigator | undefined;
  if (typeof nav?.share === 'function' && (typeof nav.canShare !== 'function' || nav.canShare(data))) {
    try {
      await nav.share(data);
      return 'shared';
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return 'dismissed';
      // NotAllowedError (no user activation left, a permissions policy): the clipboard may still work.
    }
  }
  try {
    if (typeof nav?.clipboard?.writeText !== 'function') return 'failed';
    await nav.clipboard.writeText(detail.url);
    return 'copied';
  } catch {
    return 'failed';
  }
}
