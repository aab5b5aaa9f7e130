/** What a shopper reads when a load failed: the network or a slow server named, else the element's own words. */
import { SauceflexError } from '../api/errors.js';
import { msg } from '../i18n/messages.js';
import type { Lang } from '../store/config.js';

export function failureMessage(error: unknown, lang: Lang, fallback: string): string {
  const kind = error instanceof SauceflexError ? error.kind : undefined;
  if (kind === 'timeout') return msg(lang, 'error.timeout');
  if (kind === 'network') return msg(lang, 'error.network');
  return fallback;
}
