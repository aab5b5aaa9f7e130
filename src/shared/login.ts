/**
 * The shop's login page, opened with a way back: `returnUrl` added to its query, or a `{returnUrl}`
 * placeholder filled in (`/login?next={returnUrl}`). One rule for every element that sends a guest to
 * log in (a coupon, the player's login button).
 */
import { isHttpUrl } from '../store/config.js';
import { withQuery } from './safe-url.js';

/** The login URL to open, or undefined when `loginUrl` is missing or not http(s) (relative URLs are the shop's own: fine). */
export function loginTarget(loginUrl: string | undefined, back: string = globalThis.location.href): string | undefined {
  const login = loginUrl?.trim();
  if (!login || !isHttpUrl(login)) return undefined;
  return login.includes('{returnUrl}')
    ? new URL(login.replace('{returnUrl}', encodeURIComponent(back)), back).href
    : withQuery(new URL(login, back).href, { returnUrl: back });
}
