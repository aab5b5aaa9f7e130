/**
 * POST /sauceflex/token against the local stand-in: minted tokens are accepted by its
 * /internal/token/validation (the guide's check) and decode to exactly the claims sent; expired
 * and wrong-key tokens are refused there; CORS, the rate limit and every bad input hold.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jwtDecode } from 'jwt-decode';
import { startStandin, type Standin } from '../../demo/standin/index.js';
import { ViewerTokenMinter, maskName, validateMember } from '../../src/server/viewer-token.js';
import { demoResolveMember } from '../../demo/demo-member.js';
import { HttpProblem } from '../../src/server/http.js';
import { createServerApp } from '../../src/server/app.js';
import { silentLogger } from '../../src/server/log.js';
import { OTHER_ORIGIN, SHOP_ORIGIN, makeKeyPair, postToken, startPair, validateAtStandin, type Pair } from './helpers.js';

const CLAIM_KEYS = ['age', 'exp', 'gender', 'iat', 'memberId', 'memberType', 'nickName', 'partnerId'];

function decodeToken(token: string) {
  const jwt = Buffer.from(token, 'base64').toString('utf8');
  assert.match(jwt, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'the token is base64 of a compact JWT');
  return { jwt, header: jwtDecode<Record<string, unknown>>(jwt, { header: true }), claims: jwtDecode<Record<string, unknown>>(jwt) };
}

describe('viewer token route', () => {
  let pair: Pair;
  const member = { memberId: 'user-42', nickName: '모비두', age: '30', gender: 'w' };

  before(async () => {
    pair = await startPair({ hooks: { resolveMember: demoResolveMember } });
  });
  after(() => pair.close());

  test('a member token is accepted by the stand-in and decodes to exactly the claims sent', async () => {
    const cookie = `sf_demo_member=${encodeURIComponent(JSON.stringify(member))}`;
    const before = Math.floor(Date.now() / 1000);
    const { res, json } = await postToken(pair.base, { cookie, contentType: 'application/json', body: '{}' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
    assert.deepEqual(Object.keys(json!).sort(), ['expiresAt', 'token']);

    const { header, claims } = decodeToken(json!.token);
    assert.deepEqual(header, { typ: 'JWT', alg: 'RS256' });
    assert.deepEqual(Object.keys(claims).sort(), CLAIM_KEYS);
    assert.deepEqual(
      { partnerId: claims.partnerId, memberId: claims.memberId, nickName: claims.nickName, age: claims.age, gender: claims.gender, memberType: claims.memberType },
      { partnerId: 'mobidoo', ...member, memberType: '1' },
    );
    assert.ok((claims.iat as number) >= before && (claims.iat as number) <= before + 2);
    assert.equal((claims.exp as number) - (claims.iat as number), 3600);
    assert.equal(json!.expiresAt, new Date((claims.exp as number) * 1000).toISOString());

    const validation = await validateAtStandin(pair.standin, json!.token);
    assert.equal(validation.code, 'SU0000');
    assert.equal(validation.status, 200);
    assert.deepEqual(
      { ...validation.response, accessToken: undefined },
      { accessToken: undefined, partnerId: 'mobidoo', memberId: 'user-42', nickName: '모비두', age: '30', gender: 'w', memberType: '1' },
    );
  });

  test('a guest gets memberType 0 and a stable anonymous id from an HttpOnly cookie', async () => {
    const first = await postToken(pair.base);
    assert.equal(first.res.status, 200);
    const setCookie = first.res.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^sf_anon=guest-[0-9a-f]{32}; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const guestCookie = setCookie.split(';')[0]!;
    const claims1 = decodeToken(first.json!.token).claims;
    assert.equal(claims1.memberType, '0');
    assert.equal(claims1.age, 'etc');
    assert.equal(claims1.gender, 'e');
    assert.equal(claims1.memberId, guestCookie.slice('sf_anon='.length));
    assert.match(claims1.nickName as string, /^게스트[0-9a-f]{4}$/);

    const second = await postToken(pair.base, { cookie: guestCookie });
    assert.equal(second.res.headers.get('set-cookie'), null, 'a known guest keeps its cookie');
    assert.equal(decodeToken(second.json!.token).claims.memberId, claims1.memberId);
    assert.equal((await validateAtStandin(pair.standin, second.json!.token)).code, 'SU0000');

    // A forged or damaged guest cookie is replaced, never signed as given.
    const forged = await postToken(pair.base, { cookie: 'sf_anon=admin' });
    assert.notEqual(decodeToken(forged.json!.token).claims.memberId, 'admin');
    assert.match(forged.res.headers.get('set-cookie') ?? '', /^sf_anon=guest-/);
  });

  test('storage consent decides the guest cookie: none while pending, the page\'s own id once granted, removed when denied', async () => {
    const json = (body: unknown) => ({ contentType: 'application/json', body: JSON.stringify(body) });
    // Pending: no cookie; the page keeps the id it was given and sends it back, so it stays one viewer.
    const pending = await postToken(pair.base, json({ consent: 'pending' }));
    assert.equal(pending.res.status, 200);
    assert.equal(pending.res.headers.get('set-cookie'), null, 'nothing is written while consent is pending');
    const pageGuest = decodeToken(pending.json!.token).claims.memberId as string;
    assert.match(pageGuest, /^guest-[0-9a-f]{32}$/);
    const refreshed = await postToken(pair.base, json({ consent: 'pending', guestId: pageGuest }));
    assert.equal(refreshed.res.headers.get('set-cookie'), null);
    assert.equal(decodeToken(refreshed.json!.token).claims.memberId, pageGuest, 'a refresh keeps the in-memory guest');
    assert.equal((await validateAtStandin(pair.standin, refreshed.json!.token)).code, 'SU0000');

    // Granted later: the cookie stores the id the page already has.
    const granted = await postToken(pair.base, json({ consent: 'granted', guestId: pageGuest }));
    assert.match(granted.res.headers.get('set-cookie') ?? '', new RegExp(`^sf_anon=${pageGuest}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax$`));
    assert.equal(decodeToken(granted.json!.token).claims.memberId, pageGuest);

    // Denied: the cookie is removed; this page keeps its viewer id in memory.
    const denied = await postToken(pair.base, { cookie: `sf_anon=${pageGuest}`, ...json({ consent: 'denied', guestId: pageGuest }) });
    assert.equal(denied.res.headers.get('set-cookie'), 'sf_anon=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax');
    assert.equal(decodeToken(denied.json!.token).claims.memberId, pageGuest);
    const deniedAgain = await postToken(pair.base, json({ consent: 'denied' }));
    assert.equal(deniedAgain.res.headers.get('set-cookie'), null, 'no cookie to remove, nothing written');

    // A malformed guest id in the body is never signed as given.
    const forged = await postToken(pair.base, json({ consent: 'pending', guestId: 'admin' }));
    assert.notEqual(decodeToken(forged.json!.token).claims.memberId, 'admin');
    assert.match(decodeToken(forged.json!.token).claims.memberId as string, /^guest-[0-9a-f]{32}$/);

    // Members never get the guest cookie, whatever the consent.
    const memberCookie = `sf_demo_member=${encodeURIComponent(JSON.stringify(member))}`;
    const asMember = await postToken(pair.base, { cookie: memberCookie, ...json({ consent: 'granted' }) });
    assert.equal(asMember.res.headers.get('set-cookie'), null);
  });

  test('a bare member id in the demo cookie gets the defaults and a neutral nickName', async () => {
    const { res, json } = await postToken(pair.base, { cookie: 'sf_demo_member=kim%40shop.example' });
    assert.equal(res.status, 200);
    const { claims } = decodeToken(json!.token);
    assert.equal(claims.memberId, 'kim@shop.example');
    assert.match(claims.nickName as string, /^회원[0-9a-f]{4}$/, 'never the member id (an e-mail) as the chat name');
    assert.equal(claims.age, 'etc');
    assert.equal(claims.gender, 'e');
    assert.equal(claims.memberType, '1');
  });

  test('every bad member value is a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...member, age: '27' }, 'invalid_age', 'age'],
      [{ ...member, age: 70 }, 'invalid_age', 'age'],
      [{ ...member, gender: 'f' }, 'invalid_gender', 'gender'],
      [{ ...member, memberType: '2' }, 'invalid_member_type', 'memberType'],
      [{ ...member, nickName: 'x'.repeat(21) }, 'invalid_nickname', 'nickName'],
      [{ ...member, nickName: '   ' }, 'invalid_nickname', 'nickName'],
      [{ ...member, nickName: 'a\u0000b' }, 'invalid_nickname', 'nickName'],
      [{ ...member, memberId: '' }, 'invalid_member_id', 'memberId'],
      [{ ...member, memberId: 'x'.repeat(101) }, 'invalid_member_id', 'memberId'],
      [{ nickName: 'no id' }, 'invalid_member_id', 'memberId'],
    ];
    for (const [value, code, field] of cases) {
      const { res, json } = await postToken(pair.base, { cookie: `sf_demo_member=${encodeURIComponent(JSON.stringify(value))}` });
      assert.equal(res.status, 400, `${JSON.stringify(value)} → 400`);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(json!.error.code, code);
      assert.equal(json!.error.field, field);
      assert.equal(typeof json!.error.message, 'string');
      assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN, 'the shop can read the error');
    }
    const broken = await postToken(pair.base, { cookie: 'sf_demo_member=%7Bnot-json' });
    assert.equal(broken.res.status, 400);
    assert.equal(broken.json!.error.code, 'invalid_member');
  });

  test('bad requests: wrong content type 415, too large 413, not JSON 400, not an object 400, wrong method 405', async () => {
    const r415 = await postToken(pair.base, { contentType: 'text/plain', body: '{}' });
    assert.equal(r415.res.status, 415);
    assert.equal(r415.json!.error.code, 'unsupported_media_type');
    const form = await postToken(pair.base, { contentType: 'application/x-www-form-urlencoded', body: 'a=1' });
    assert.equal(form.res.status, 415);

    const r413 = await postToken(pair.base, { contentType: 'application/json', body: JSON.stringify({ pad: 'x'.repeat(5000) }) });
    assert.equal(r413.res.status, 413);
    assert.equal(r413.json!.error.code, 'payload_too_large');

    // A chunked body (no Content-Length) is cut off once it passes the limit.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1000)));
        controller.close();
      },
    });
    const chunked = await fetch(`${pair.base}/sauceflex/token`, {
      method: 'POST',
      headers: { origin: SHOP_ORIGIN, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    assert.equal(chunked.status, 413);

    const notJson = await postToken(pair.base, { contentType: 'application/json', body: '{"a":' });
    assert.equal(notJson.res.status, 400);
    assert.equal(notJson.json!.error.code, 'invalid_json');
    const array = await postToken(pair.base, { contentType: 'application/json', body: '[1]' });
    assert.equal(array.res.status, 400);

    const get = await fetch(`${pair.base}/sauceflex/token`, { headers: { origin: SHOP_ORIGIN } });
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST, OPTIONS');

    const unknown = await fetch(`${pair.base}/sauceflex/nothing-here`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not_found');
  });

  test('CORS: the configured origin is allowed with credentials; any other is refused; never a wildcard', async () => {
    const preflight = await fetch(`${pair.base}/sauceflex/token`, {
      method: 'OPTIONS',
      headers: { origin: SHOP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /content-type/);

    const badPreflight = await fetch(`${pair.base}/sauceflex/token`, {
      method: 'OPTIONS',
      headers: { origin: OTHER_ORIGIN, 'access-control-request-method': 'POST' },
    });
    assert.equal(badPreflight.status, 403);
    assert.equal(badPreflight.headers.get('access-control-allow-origin'), null);

    const foreign = await postToken(pair.base, { origin: OTHER_ORIGIN });
    assert.equal(foreign.res.status, 403);
    assert.equal(foreign.json!.error.code, 'origin_not_allowed');
    assert.equal(foreign.res.headers.get('access-control-allow-origin'), null);
    assert.equal(foreign.json!.token, undefined);

    const lookalike = await postToken(pair.base, { origin: 'http://shop.test:5173.evil.test' });
    assert.equal(lookalike.res.status, 403);

    // No Origin at all (a server-side call): allowed, and no CORS headers needed.
    const noOrigin = await postToken(pair.base, { origin: null });
    assert.equal(noOrigin.res.status, 200);
    assert.equal(noOrigin.res.headers.get('access-control-allow-origin'), null);
  });
});

describe('tokens the stand-in refuses', () => {
  let standin: Standin;
  const keys = makeKeyPair();
  const member = validateMember({ memberId: 'user-7', nickName: '테스터' }, 'mobidoo');

  before(async () => {
    standin = await startStandin({ port: 0, viewerPublicKey: keys.publicKeyPem });
  });
  after(() => standin.close());

  test('an expired token is refused with FA1008', async () => {
    const minter = new ViewerTokenMinter({ privateKey: keys.privateKeyPem, ttlSec: 60, now: () => Date.now() - 3_600_000 });
    const minted = await minter.mint(member);
    const validation = await validateAtStandin(standin, minted.token);
    assert.equal(validation.code, 'FA1008');
    assert.equal(validation.status, 401);
  });

  test('a token signed with another key is refused with FA1007', async () => {
    const other = makeKeyPair();
    const minted = await new ViewerTokenMinter({ privateKey: other.privateKeyPem, ttlSec: 600 }).mint(member);
    const validation = await validateAtStandin(standin, minted.token);
    assert.equal(validation.code, 'FA1007');
  });

  test('a token for another partner is refused; a fresh one with the right key is accepted', async () => {
    const minter = new ViewerTokenMinter({ privateKey: keys.privateKeyPem, ttlSec: 600 });
    assert.equal((await validateAtStandin(standin, (await minter.mint({ ...member, partnerId: 'someone-else' })).token)).code, 'FA1007');
    const good = await minter.mint(member);
    assert.equal((await validateAtStandin(standin, good.token)).code, 'SU0000');
    assert.equal(standin.state().counts['token.validation'], 4, 'one validation per token checked in this suite');
  });
});

describe('rate limit', () => {
  test('a client over its budget gets 429 with Retry-After', async () => {
    const pair = await startPair({ config: { rateLimit: { burst: 5, perMinute: 6 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await postToken(pair.base)).res.status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
      const limited = await postToken(pair.base);
      assert.equal(limited.res.status, 429);
      assert.equal(limited.json!.error.code, 'rate_limited');
      assert.equal(limited.res.headers.get('retry-after'), '10');
      assert.equal(limited.res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    } finally {
      await pair.close();
    }
  });

  test('the limiter keys on the client address (a different socket address has its own budget)', async () => {
    const keys = makeKeyPair();
    const app = createServerApp(
      { partnerId: 'mobidoo', apiBase: 'http://127.0.0.1:9/V1', privateKey: keys.privateKeyPem, allowedOrigins: [SHOP_ORIGIN], outbox: { kind: 'memory' }, rateLimit: { burst: 2, perMinute: 1 } },
      { log: silentLogger },
    );
    try {
      const ask = (address: string) =>
        app.fetch(new Request('http://backend.test/sauceflex/token', { method: 'POST' }), { incoming: { socket: { remoteAddress: address } } });
      assert.deepEqual(
        await Promise.all(['10.0.0.1', '10.0.0.1', '10.0.0.1', '10.0.0.2'].map(async (a) => (await ask(a)).status)),
        [200, 200, 429, 200],
      );
    } finally {
      await app.close();
    }
  });
});

describe('claims helpers', () => {
  test('maskName keeps the first and last character', () => {
    assert.equal(maskName('홍길동'), '홍*동');
    assert.equal(maskName('남궁민수'), '남**수');
    assert.equal(maskName('이순'), '이*');
    assert.equal(maskName('김'), '김');
    assert.equal(maskName('😀ab😀'), '😀**😀');
  });

  test('masking applies per member or to everyone', () => {
    assert.equal(validateMember({ memberId: 'a', nickName: '홍길동', maskNickName: true }, 'p').nickName, '홍*동');
    assert.equal(validateMember({ memberId: 'a', nickName: '홍길동' }, 'p', { maskAll: true }).nickName, '홍*동');
    assert.equal(validateMember({ memberId: 'a', nickName: '홍길동' }, 'p').nickName, '홍길동');
  });

  test('numbers are accepted where the guide means numeric strings', () => {
    const claims = validateMember({ memberId: 'a', nickName: 'n', age: 60, memberType: 0 }, 'p');
    assert.equal(claims.age, '60');
    assert.equal(claims.memberType, '0');
  });

  test('a masked nickName is what the stand-in sees', async () => {
    const pair = await startPair({
      config: { maskNickNames: true },
      hooks: { resolveMember: () => ({ memberId: 'm-1', nickName: '홍길동', age: '40', gender: 'm' }) },
    });
    try {
      const { json } = await postToken(pair.base);
      const validation = await validateAtStandin(pair.standin, json!.token);
      assert.equal(validation.code, 'SU0000');
      assert.equal(validation.response!.nickName, '홍*동');
    } finally {
      await pair.close();
    }
  });

  test('resolveMember can refuse with its own 4xx; a crash in it is a 500 that says nothing more', async () => {
    let mode: 'refuse' | 'crash' = 'refuse';
    const pair = await startPair({
      hooks: {
        resolveMember: () => {
          if (mode === 'refuse') throw new HttpProblem(401, 'login_required', 'Log in first.');
          throw new Error('database password is hunter2');
        },
      },
    });
    try {
      const refused = await postToken(pair.base);
      assert.equal(refused.res.status, 401);
      assert.equal(refused.json!.error.code, 'login_required');
      mode = 'crash';
      const crashed = await postToken(pair.base);
      assert.equal(crashed.res.status, 500);
      assert.equal(crashed.json!.error.code, 'member_lookup_failed');
      assert.doesNotMatch(JSON.stringify(crashed.json), /hunter2/);
    } finally {
      await pair.close();
    }
  });

  test('the token path is configurable', async () => {
    const pair = await startPair({ config: { paths: { token: '/api/viewer-token' } } });
    try {
      assert.equal((await postToken(pair.base, { path: '/api/viewer-token' })).res.status, 200);
      assert.equal((await postToken(pair.base)).res.status, 404);
    } finally {
      await pair.close();
    }
  });
});
