/**
 * Share a broadcast: `sf-share` from `host` (cancelable, bubbling, composed), then, unless the shop
 * cancelled it, the Web Share API, else a copy of the link to the clipboard. The caller shows what
 * came of it (a "link copied" confirmation).
 *
 * (Interim version in this branch, with exactly the agreed signature: the share work of issue 20 owns
 * this module and its version is kept at merge.)
 */
import type { SfShareDetail } from '../events/share.js';

export type ShareOutcome = 'shared' | 'copied' | 'cancelled' | 'dismissed' | 'failed';

export async function share(host: HTMLElement, detail: { broadcastId: string; title: string; url: string }): Promise<ShareOutcome> {
  const event = new CustomEvent<SfShareDetail>('sf-share', { bubbles: true, composed: true, cancelable: true, detail: { ...detail } });
  if (!host.dispatchEvent(event)) return 'cancelled';
  const nav = globalThis.navigator as Navigator | undefined;
  const data = { title: detail.title, url: detail.url };
  if (nav && typeof nav.share === 'function' && (typeof nav.canShare !== 'function' || nav.canShare(data))) {
    try {
      await nav.share(data);
      return 'shared';
    } catch (error) {
      // The shopper closed the share sheet: nothing to do. Another refusal falls back to copying.
      if (error instanceof DOMException && error.name === 'AbortError') return 'dismissed';
    }
  }
  try {
    await nav!.clipboard.writeText(detail.url);
    return 'copied';
  } catch {
    return 'failed';
  }
}
