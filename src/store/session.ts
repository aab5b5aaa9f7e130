/** The viewer session as every element sees it; `src/session/` fills it. */
import { createStore } from 'zustand/vanilla';
import type { ViewerClaims } from '../api/models.js';

export type SessionStatus =
  /** No token endpoint configured: the shopper is anonymous for sauceFlex. */
  | 'anonymous'
  /** Asking the backend for a token. */
  | 'loading'
  /** A token is held (a member, or a guest when memberType is "0"). */
  | 'ready'
  /** The token endpoint failed; retrying in the background, elements carry on anonymously. */
  | 'error';

export interface SessionState {
  status: SessionStatus;
  /** The token as the backend handed it (base64 of the JWT), passed on to sauceFlex as is. */
  token?: string;
  claims?: ViewerClaims & { exp?: number; iat?: number };
  /** Epoch ms when the token expires. */
  expiresAt?: number;
  /** True when the token names a signed-in member (memberType "1"). */
  isMember: boolean;
  /** The last failure, for logs and for elements that need a member. */
  error?: string;
}

export const initialSession: SessionState = { status: 'anonymous', isMember: false };

export const sessionStore = createStore<SessionState>()(() => ({ ...initialSession }));
