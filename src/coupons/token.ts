/**
 * The viewer token for the shop's coupon API, and its one rule: a token the shop calls expired
 * (FA1008) is refreshed through the session and the call sent once more — once, and only while the
 * viewer is a member (a guest's token would be refused for another reason).
 */
import { getViewerToken } from '../session/viewer-session.js';
import { sessionStore } from '../store/session.js';

export interface Viewer {
  token?: string;
  isMember: boolean;
  memberId?: string;
}

/**
 * The member's token for a request: through the session (which waits for a fetch in progress and
 * renews a token that has expired), else the one the session holds.
 */
export async function currentViewer(): Promise<Viewer> {
  const fetched = await getViewerToken().catch(() => undefined);
  const session = sessionStore.getState();
  const token = fetched ?? session.token;
  return { token, isMember: session.isMember && !!token, memberId: session.claims?.memberId };
}

/** `send(token)`; when `expired(answer)`, once more with a refreshed token (else that first answer). */
export async function sendRefreshingOnce<T>(token: string, send: (token: string) => Promise<T>, expired: (answer: T) => boolean): Promise<T> {
  const answer = await send(token);
  if (!expired(answer)) return answer;
  const fresh = await getViewerToken({ forceRefresh: true }).catch(() => undefined);
  return fresh && sessionStore.getState().isMember ? send(fresh) : answer;
}
