/**
 * The demo's `resolveMember`, kept out of the production modules: reads the demo-login cookie
 * `sf_demo_member`, which holds either a bare member id or URL-encoded JSON
 * `{"memberId","nickName","age","gender"}`. No cookie → guest. A shop replaces this with a lookup
 * in its own session; never trust a client-set cookie like this in production.
 */
import { HttpProblem, readCookie } from '../src/server/http.js';
import type { ViewerMember } from '../src/server/viewer-token.js';

export const DEMO_MEMBER_COOKIE = 'sf_demo_member';

export function demoResolveMember(request: Request): ViewerMember | null {
  const raw = readCookie(request, DEMO_MEMBER_COOKIE);
  if (raw === undefined || raw === '') return null;
  if (!raw.startsWith('{')) return { memberId: raw };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new HttpProblem(400, 'invalid_member', `The ${DEMO_MEMBER_COOKIE} cookie is neither a member id nor valid JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpProblem(400, 'invalid_member', `The ${DEMO_MEMBER_COOKIE} cookie must hold a JSON object.`);
  }
  return value as ViewerMember;
}

/**
 * The demo's `authorizeStats`: anyone signed in with the demo login counts as the partner's staff. A shop
 * checks its own staff session instead; the stats are the partner's business figures.
 */
export function demoAuthorizeStats(request: Request): boolean {
  return Boolean(readCookie(request, DEMO_MEMBER_COOKIE));
}
