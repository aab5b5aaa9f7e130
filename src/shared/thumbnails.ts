/**
 * Which picture stands for a broadcast or a product: for the cards, and for the loader, which
 * warms the first picture's connection before the card's code has arrived.
 */
import type { Broadcast, Thumbnail } from '../api/models.js';
import { safeUrl } from './safe-url.js';

/** The representative image of a list (the one marked, else the first), as a safe URL. */
export function representative(list: readonly Thumbnail[] | undefined): string | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const marked = list.find((item) => item?.isRepresentative) ?? list[0];
  return safeUrl(marked?.thumbnailUrl);
}

/** The broadcast's picture: its own thumbnail, else the programme's. */
export function broadcastThumbnail(broadcast: Broadcast): string | undefined {
  return representative(broadcast.broadcastThumbnailList) ?? representative(broadcast.thumbnailList);
}

