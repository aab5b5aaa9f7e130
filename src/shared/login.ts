/**
 * Where a guest goes to sign in, for every element that needs a member (a coupon, a reminder): the
 * shop's `login-url` with this page as `returnUrl` (or filling a `{returnUrl}` placeholder). Relative
 * URLs are the shop's own and fine; anything but http(s) is refused (undefined: show a prompt instead).
 */
import { isHttpUrl } from '../store/config.js';
import { withQuery } from './safe-url.js';

export function loginTarget(loginUrl: string | undefined, back: string = globalThis.location.href): string | undefined {
  const login = loginUrl?.trim();
  if (!login || !isHttpUrl(login)) return undefined;
  return login.includes('{returnUrl}')
    ? new URL(login.replace('{returnUrl}', encodeURIComponent(back)), back).href
    : withQuery(new URL(login, back).href, { returnUrl: back });
}
