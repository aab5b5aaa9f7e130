import { expect, waitUntil } from '@open-wc/testing';
import { jwtDecode } from 'jwt-decode';
import { getViewerToken, resetSession, startSession, viewerJwt } from '../../src/session/viewer-session.js';
import { sessionStore } from '../../src/store/session.js';

interface TestEnv {
  tokenEndpoint: string;
  shortTokenEndpoint: string;
  apiBase: string;
}
const env = (window as unknown as { __SF_TEST__: TestEnv }).__SF_TEST__;
const MEMBER_COOKIE = 'sf_demo_member';

function signIn(memberId: string | undefined) {
  document.cookie = memberId ? `${MEMBER_COOKIE}=${encodeURIComponent(memberId)}; path=/` : `${MEMBER_COOKIE}=; path=/; max-age=0`;
}

/** What sauceFlex itself says of a token: the stand-in's /internal/token/validation. */
async function validate(token: string) {
  const url = `${env.apiBase}/internal/token/validation?accessToken=${encodeURIComponent(token)}&tokenType=0`;
  return (await fetch(url)).json() as Promise<{ code: string; response?: { memberId: string; memberType: string } }>;
}

describe('viewer session', () => {
  beforeEach(() => {
    resetSession();
    signIn(undefined);
  });
  after(() => {
    resetSession();
    signIn(undefined);
  });

  it('is anonymous without a token endpoint, and asks for nothing', async () => {
    startSession(undefined);
    expect(sessionStore.getState().status).to.equal('anonymous');
    expect(await getViewerToken()).to.equal(undefined);
  });

  it('fetches one token for the page however many elements start it', async () => {
    // Every request is counted as it is made (not when a resource entry is reported later), so once the
    // token is here the count is final.
    const requests: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.startsWith(env.tokenEndpoint)) requests.push(url);
      return realFetch(input, init);
    };
    let token: string | undefined;
    try {
      signIn('demo-member');
      for (let i = 0; i < 5; i++) startSession(env.tokenEndpoint);
      token = await getViewerToken();
    } finally {
      window.fetch = realFetch;
    }
    expect(token).to.be.a('string');
    expect(requests.length).to.equal(1);
    const state = sessionStore.getState();
    expect(state.status).to.equal('ready');
    expect(state.isMember).to.equal(true);
    expect(state.claims?.memberId).to.equal('demo-member');
    expect(state.expiresAt).to.be.greaterThan(Date.now());
    const verdict = await validate(token!);
    expect(verdict.code).to.equal('SU0000');
    expect(verdict.response?.memberId).to.equal('demo-member');
  });

  it('gives a guest a guest token (memberType "0")', async () => {
    startSession(env.tokenEndpoint);
    const token = await getViewerToken();
    const claims = jwtDecode<{ memberType: string; memberId: string }>(viewerJwt(token!));
    expect(claims.memberType).to.equal('0');
    expect(sessionStore.getState().isMember).to.equal(false);
    expect((await validate(token!)).code).to.equal('SU0000');
  });

  it('refreshes a token before it expires', async function () {
    this.timeout(12_000);
    signIn('demo-member');
    startSession(env.shortTokenEndpoint);
    const first = await getViewerToken();
    const firstExp = sessionStore.getState().expiresAt!;
    await waitUntil(() => sessionStore.getState().token !== first, 'token refreshed', { timeout: 9_000, interval: 100 });
    const refreshedAt = Date.now();
    expect(refreshedAt, 'refreshed ahead of expiry').to.be.lessThan(firstExp);
    expect(sessionStore.getState().expiresAt).to.be.greaterThan(firstExp);
    expect(sessionStore.getState().status).to.equal('ready');
  });

  it('forceRefresh fetches a new token once for all callers', async () => {
    signIn('demo-member');
    startSession(env.tokenEndpoint);
    const first = await getViewerToken();
    // A token minted in a later second has a new iat, so it differs from the first: wait for that second.
    const firstIat = sessionStore.getState().claims!.iat!;
    await waitUntil(() => Math.floor(Date.now() / 1000) > firstIat, 'the clock never passed the first iat', { timeout: 2_000, interval: 20 });
    const [a, b, c] = await Promise.all([getViewerToken({ forceRefresh: true }), getViewerToken({ forceRefresh: true }), getViewerToken()]);
    expect(a).to.not.equal(first);
    expect(b).to.equal(a);
    expect(c).to.equal(a);
  });

  it('falls back to anonymous when the token endpoint is down, and says why', async () => {
    const errors: unknown[] = [];
    startSession('http://127.0.0.1:9/sauceflex/token');
    await getViewerToken().catch((error: unknown) => errors.push(error));
    const state = sessionStore.getState();
    expect(state.status).to.equal('error');
    expect(state.token).to.equal(undefined);
    expect(state.error).to.be.a('string');
    expect(errors.length).to.equal(1);
    resetSession();
  });

  it('reads a token handed over raw or base64-encoded', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJtZW1iZXJJZCI6ImEifQ.c2ln';
    expect(viewerJwt(jwt)).to.equal(jwt);
    expect(viewerJwt(btoa(jwt))).to.equal(jwt);
  });
});
