/**
 * A viewer session for coupon tests, with tokens the stand-in really verifies.
 *
 * - When the runner announces our backend (`__SF_TEST__.tokenEndpoint`), the session is the real
 *   one: the demo login cookie `sf_demo_member` names the member, the backend signs the token.
 * - Until then: the test makes its own RSA key pair (WebCrypto), registers the public half with the
 *   stand-in (`PUT /__control/viewer-key`, which exists for browser tests), signs RS256 viewer JWTs
 *   with the guide's claims, and serves them to the real session code from a `data:` token endpoint
 *   (`startSession` fetches it exactly as it would fetch the backend's route).
 *
 * Either way the coupon endpoints verify the signature, `exp` and `partnerId`; nothing is stubbed
 * after the token endpoint.
 */
import { getViewerToken, resetSession, startSession } from '../../src/session/viewer-session.js';
import { sessionStore } from '../../src/store/session.js';
import { standinOrigin } from '../support/standin-control.js';

interface TestGlobals {
  standinOrigin?: string;
  apiBase?: string;
  backendOrigin?: string;
  tokenEndpoint?: string;
}

export const testGlobals = (): TestGlobals => (globalThis as { __SF_TEST__?: TestGlobals }).__SF_TEST__ ?? {};

export const PARTNER_ID = 'mobidoo';
const DEMO_MEMBER_COOKIE = 'sf_demo_member';

let keyPair: Promise<CryptoKeyPair> | undefined;

const encoder = new TextEncoder();
const base64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const base64url = (bytes: ArrayBuffer | Uint8Array) => base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The test's partner key, registered with the stand-in once per page. */
function partnerKey(): Promise<CryptoKeyPair> {
  keyPair ??= (async () => {
    const pair = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    const spki = base64(await crypto.subtle.exportKey('spki', pair.publicKey));
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
    const res = await fetch(`${standinOrigin()}/__control/viewer-key`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ publicKey: pem }),
    });
    if (!res.ok) throw new Error(`stand-in refused the test's public key: HTTP ${res.status} ${await res.text()}`);
    return pair;
  })();
  return keyPair;
}

export interface MintOptions {
  memberId: string;
  memberType?: '0' | '1';
  /** Seconds from now; negative for an already expired token. */
  ttlSec?: number;
  nickName?: string;
}

/** A viewer token as the backend hands it: base64 of an RS256 JWT with the guide's claims. */
export async function mintViewerToken(options: MintOptions): Promise<{ token: string; expiresAt: string }> {
  const { privateKey } = await partnerKey();
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + (options.ttlSec ?? 3600);
  const header = base64url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'RS256' })));
  const payload = base64url(
    encoder.encode(
      JSON.stringify({
        partnerId: PARTNER_ID,
        memberId: options.memberId,
        nickName: options.nickName ?? '테스트회원',
        age: 'etc',
        gender: 'e',
        memberType: options.memberType ?? '1',
        iat,
        exp,
      }),
    ),
  );
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, encoder.encode(`${header}.${payload}`));
  const jwt = `${header}.${payload}.${base64url(signature)}`;
  return { token: btoa(jwt), expiresAt: new Date(exp * 1000).toISOString() };
}

/** A token endpoint that answers `{token, expiresAt}` to the session's POST. */
const dataEndpoint = (answer: { token: string; expiresAt: string }) => `data:application/json,${encodeURIComponent(JSON.stringify(answer))}`;

export interface TestSession {
  /** The endpoint the session fetches tokens from (to count refreshes). */
  endpoint: string;
  /** 'backend' when our backend signed the tokens, 'test-key' when this file did. */
  source: 'backend' | 'test-key';
}

/**
 * A token endpoint that signs in `memberId` (memberType '1') or a guest with a token ('0'), not yet
 * fetched: for an element's `token-endpoint` attribute.
 */
export async function tokenEndpointFor(memberId: string, memberType: '0' | '1' = '1'): Promise<TestSession> {
  const { tokenEndpoint } = testGlobals();
  if (tokenEndpoint) {
    document.cookie = memberType === '1' ? `${DEMO_MEMBER_COOKIE}=${encodeURIComponent(memberId)}; path=/` : `${DEMO_MEMBER_COOKIE}=; path=/; max-age=0`;
    return { endpoint: new URL(tokenEndpoint, location.href).toString(), source: 'backend' };
  }
  return { endpoint: dataEndpoint(await mintViewerToken({ memberId, memberType })), source: 'test-key' };
}

/** Sign in `memberId` (memberType '1') or a guest with a token ('0'), through the real session code. */
export async function signIn(memberId: string, memberType: '0' | '1' = '1'): Promise<TestSession> {
  resetSession();
  const session = await tokenEndpointFor(memberId, memberType);
  startSession(session.endpoint);
  await getViewerToken();
  const state = sessionStore.getState();
  if (state.status !== 'ready' || state.isMember !== (memberType === '1')) {
    throw new Error(`test session for ${memberId} did not start as expected: ${JSON.stringify({ status: state.status, isMember: state.isMember, error: state.error })}`);
  }
  return session;
}

/** The shopper is anonymous: no token endpoint, no token. */
export function signOut(): void {
  resetSession();
  if (testGlobals().tokenEndpoint) document.cookie = `${DEMO_MEMBER_COOKIE}=; path=/; max-age=0`;
}

/** Count the requests to a URL prefix, passing every request through unchanged. Returns the count and a restore. */
export function countFetches(prefix: string): { count: () => number; restore: () => void } {
  const original = window.fetch;
  let n = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    if (url.startsWith(prefix)) n++;
    return original.call(window, input, init);
  };
  return { count: () => n, restore: () => void (window.fetch = original) };
}
