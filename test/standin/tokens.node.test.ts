// Admin tokens (authorize, refresh, delete, expiry on the stand-in's clock) and the viewer JWT
// check of /internal/token/validation, against the guide's examples.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { SignJWT } from 'jose';
import { adminToken, DAY, kindOf, qs, startHarness, T0, viewerKeys, viewerToken, type Harness, type ViewerKeys } from './harness.js';

/** The guide's authorize / token answer, field by field. */
const GUIDE_ADMIN_TOKENS = {
  accessToken: 'ZXlKaGJHY2lPaUpJVXpJMU5pSXNJbl...',
  refreshToken: 'ZXlKaGJHY2lPaUpJVXpJMU5pSXNJblI1Y0NJNklrcFhWQ...',
  accessIat: 1616292396,
  accessExp: 1616378796,
  refreshIat: 1616292396,
  refreshExp: 1616897196,
  partnerId: 'mobidoo',
  partnerName: '모비두',
  userId: 'ad6511d376c6444...',
  locale: 'ko',
  userName: '모비두슈퍼관리자1',
  roleCode: 'sa',
  userNickName: '모비두슈퍼관리자1닉네임',
};

const GUIDE_VIEWER_VALIDATION_KEYS = ['accessToken', 'partnerId', 'memberId', 'nickName', 'age', 'gender', 'memberType'];

let h: Harness;
let keys: ViewerKeys;

before(async () => {
  keys = await viewerKeys();
  h = await startHarness();
});
after(() => h.close());

const productPath = async () => {
  const any = await h.call('/V1/front/broadcast?partnerId=mobidoo&searchType=2');
  return `/V1/front/product/${any.json.response.items[0].productListDetail[0].productId}`;
};

describe('GET /V1/authorize', () => {
  test('answers the guide example fields, same types, with the envelope and a timestamp', async () => {
    const res = await h.call(`/V1/authorize${qs({ partnerId: 'mobidoo', id: 'admin', password: 'sauceflex-demo' })}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.code, 'SU0000');
    assert.equal(res.json.message, '성공하였습니다.');
    assert.equal(typeof res.json.timestamp, 'number');
    const body = res.json.response;
    assert.deepEqual(Object.keys(body).sort(), Object.keys(GUIDE_ADMIN_TOKENS).sort());
    for (const [key, example] of Object.entries(GUIDE_ADMIN_TOKENS)) assert.equal(kindOf(body[key]), kindOf(example), key);
    assert.equal(body.partnerId, 'mobidoo');
    assert.equal(body.partnerName, '모비두');
  });

  test('access lasts 24 h plus lifeTime days, refresh 7 days, on the stand-in clock', async () => {
    const plain = await adminToken(h);
    const iat = Math.floor(T0 / 1000);
    assert.equal(plain.accessIat, iat);
    assert.equal(plain.accessExp, iat + 86400);
    assert.equal(plain.refreshExp, iat + 7 * 86400);
    const longer = await adminToken(h, 2);
    assert.equal(longer.accessExp, iat + 86400 + 2 * 86400);
  });

  test('tokens are opaque base64 text that always needs encoding in a URL', async () => {
    const { accessToken, refreshToken } = await adminToken(h);
    for (const token of [accessToken, refreshToken]) {
      assert.match(token, /^[A-Za-z0-9+/]+={0,2}$/);
      assert.ok(token.includes('/') && token.includes('+'));
    }
    assert.notEqual(accessToken, (await adminToken(h)).accessToken);
  });

  test('a wrong password or an unknown id is FA1006 (401)', async () => {
    for (const [id, password] of [['admin', 'wrong'], ['nobody', 'sauceflex-demo']]) {
      const res = await h.call(`/V1/authorize${qs({ partnerId: 'mobidoo', id, password })}`);
      assert.equal(res.status, 401);
      assert.equal(res.json.code, 'FA1006');
      assert.equal(res.json.message, '계정 정보가 일치하지 않습니다.');
    }
  });

  test('an unknown partner is FA1012', async () => {
    const res = await h.call(`/V1/authorize${qs({ partnerId: 'acme', id: 'admin', password: 'sauceflex-demo' })}`);
    assert.equal(res.json.code, 'FA1012');
    assert.equal(res.json.message, '존재하지 않는 파트너입니다.');
    assert.equal(res.status, 500);
  });

  test('missing, extra and non-numeric parameters are FA1010 with validError', async () => {
    const res = await h.call(`/V1/authorize${qs({ partnerId: 'mobidoo', id: 'admin', lifeTime: 'x', 'some-key': '1' })}`);
    assert.equal(res.status, 400);
    assert.equal(res.json.code, 'FA1010');
    assert.equal(res.json.message, '파라미터가 잘못되었습니다.');
    assert.deepEqual(res.json.response.validError.sort(), [
      '"lifeTime" must be a number',
      '"password" is required',
      "'some-key' is not allowed",
    ]);
  });
});

describe('admin token expiry, refresh and delete', () => {
  test('a token works until accessExp, then FA1008 (401); refresh gives a working pair and retires the old one', async () => {
    const tokens = await adminToken(h);
    const path = await productPath();
    const ok = await h.call(path, { headers: { 'X-SauceFlex-Authorize': tokens.accessToken } });
    assert.equal(ok.json.code, 'SU0000');

    h.clock.now = tokens.accessExp * 1000;
    try {
      const expired = await h.call(path, { headers: { 'X-SauceFlex-Authorize': tokens.accessToken } });
      assert.equal(expired.status, 401);
      assert.equal(expired.json.code, 'FA1008');
      assert.equal(expired.json.message, '만료된 토큰입니다.');

      const refreshed = await h.call('/V1/token', { method: 'POST', body: { refreshToken: tokens.refreshToken } });
      assert.equal(refreshed.json.code, 'SU0000');
      const pair = refreshed.json.response;
      assert.deepEqual(Object.keys(pair).sort(), Object.keys(GUIDE_ADMIN_TOKENS).sort());
      assert.notEqual(pair.accessToken, tokens.accessToken);
      assert.equal(pair.accessIat, tokens.accessExp);

      const again = await h.call(path, { headers: { 'X-SauceFlex-Authorize': pair.accessToken } });
      assert.equal(again.json.code, 'SU0000');
      const old = await h.call('/V1/token', { method: 'POST', body: { refreshToken: tokens.refreshToken } });
      assert.equal(old.status, 401);
      assert.equal(old.json.code, 'FA1007');
    } finally {
      h.clock.now = T0;
    }
  });

  test('refresh keeps the lifeTime extension', async () => {
    const tokens = await adminToken(h, 3);
    const refreshed = await h.call('/V1/token', { method: 'POST', body: { refreshToken: tokens.refreshToken } });
    const pair = refreshed.json.response;
    assert.equal(pair.accessExp - pair.accessIat, 86400 + 3 * 86400);
  });

  test('an expired refresh token is FA1008; an unknown one FA1007', async () => {
    const tokens = await adminToken(h);
    h.clock.now = T0 + 8 * DAY;
    try {
      const expired = await h.call('/V1/token', { method: 'POST', body: { refreshToken: tokens.refreshToken } });
      assert.equal(expired.status, 401);
      assert.equal(expired.json.code, 'FA1008');
    } finally {
      h.clock.now = T0;
    }
    const unknown = await h.call('/V1/token', { method: 'POST', body: { refreshToken: 'bm9wZQ==' } });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.code, 'FA1007');
    assert.equal(unknown.json.message, '유효하지 않은 토큰입니다.');
  });

  test('a refresh body that is missing, extra, not a string or not JSON is FA1010', async () => {
    const cases: [unknown, string][] = [
      [{}, '"refreshToken" is required'],
      [{ refreshToken: 'x', foo: 1 }, "'foo' is not allowed"],
      [{ refreshToken: 42 }, '"refreshToken" must be a string'],
      ['{not json', '"body" must be valid JSON'],
    ];
    for (const [body, message] of cases) {
      const res = await h.call('/V1/token', { method: 'POST', body });
      assert.equal(res.status, 400);
      assert.equal(res.json.code, 'FA1010');
      assert.deepEqual(res.json.response.validError, [message]);
    }
  });

  test('DELETE /token/{accessToken} (percent-encoded) removes it: SU0000, then FA1007', async () => {
    const tokens = await adminToken(h);
    const path = await productPath();
    const del = await h.call(`/V1/token/${encodeURIComponent(tokens.accessToken)}`, { method: 'DELETE' });
    assert.equal(del.status, 200);
    assert.deepEqual(Object.keys(del.json).sort(), ['code', 'message', 'timestamp']);
    assert.equal(del.json.code, 'SU0000');
    const after = await h.call(path, { headers: { 'X-SauceFlex-Authorize': tokens.accessToken } });
    assert.equal(after.json.code, 'FA1007');
    const twice = await h.call(`/V1/token/${encodeURIComponent(tokens.accessToken)}`, { method: 'DELETE' });
    assert.equal(twice.status, 401);
    assert.equal(twice.json.code, 'FA1007');
  });

  test('deleting an expired token is FA1008', async () => {
    const tokens = await adminToken(h);
    h.clock.now = T0 + 2 * DAY;
    try {
      const res = await h.call(`/V1/token/${encodeURIComponent(tokens.accessToken)}`, { method: 'DELETE' });
      assert.equal(res.status, 401);
      assert.equal(res.json.code, 'FA1008');
    } finally {
      h.clock.now = T0;
    }
  });
});

describe('GET /V1/internal/token/validation', () => {
  test('tokenType 1 validates an admin token; expired is FA1008', async () => {
    const tokens = await adminToken(h);
    const res = await h.call(`/V1/internal/token/validation${qs({ accessToken: tokens.accessToken, tokenType: '1' })}`);
    assert.equal(res.json.code, 'SU0000');
    assert.equal(res.json.response.accessToken, tokens.accessToken);
    assert.equal(res.json.response.partnerId, 'mobidoo');
    assert.equal(res.json.response.accessExp, tokens.accessExp);
    h.clock.now = T0 + 2 * DAY;
    try {
      const expired = await h.call(`/V1/internal/token/validation${qs({ accessToken: tokens.accessToken, tokenType: '1' })}`);
      assert.equal(expired.status, 401);
      assert.equal(expired.json.code, 'FA1008');
    } finally {
      h.clock.now = T0;
    }
  });

  test('tokenType 0 without a configured public key is FA1011 (500) saying what is missing', async () => {
    const bare = await startHarness();
    try {
      const token = await viewerToken(keys.privateKey, { memberId: 'm1' }, { nowMs: T0 });
      const res = await bare.call(`/V1/internal/token/validation${qs({ accessToken: token, tokenType: '0' })}`);
      assert.equal(res.status, 500);
      assert.equal(res.json.code, 'FA1011');
      assert.match(res.json.message, /public key/);
    } finally {
      await bare.close();
    }
  });

  describe('with the partner public key', () => {
    before(() => h.standin.setViewerPublicKey(keys.publicPem));

    test('a base64-wrapped RS256 viewer JWT validates: the claims and the token as sent, as the guide example', async () => {
      const token = await viewerToken(
        keys.privateKey,
        { memberId: 'test', nickName: 'test1', age: '10', gender: 'm', memberType: '1' },
        { nowMs: T0 },
      );
      assert.match(Buffer.from(token, 'base64').toString(), /^eyJ/);
      const res = await h.call(`/V1/internal/token/validation${qs({ accessToken: token, tokenType: '0' })}`);
      assert.equal(res.status, 200);
      assert.equal(res.json.code, 'SU0000');
      assert.deepEqual(Object.keys(res.json.response).sort(), [...GUIDE_VIEWER_VALIDATION_KEYS].sort());
      assert.deepEqual(res.json.response, {
        accessToken: token,
        partnerId: 'mobidoo',
        memberId: 'test',
        nickName: 'test1',
        age: '10',
        gender: 'm',
        memberType: '1',
      });
    });

    test('a raw JWT is accepted too, and the guide defaults fill absent optional claims', async () => {
      const token = await viewerToken(keys.privateKey, { memberId: 'raw-member' }, { nowMs: T0, base64: false });
      const res = await h.call(`/V1/internal/token/validation${qs({ accessToken: token, tokenType: '0' })}`);
      assert.equal(res.json.code, 'SU0000');
      assert.equal(res.json.response.memberId, 'raw-member');
      assert.equal(res.json.response.age, 'etc');
      assert.equal(res.json.response.gender, 'e');
      assert.equal(res.json.response.memberType, '0');
    });

    test('an expired viewer JWT is FA1008 (401) by the stand-in clock', async () => {
      const token = await viewerToken(keys.privateKey, { memberId: 'm1' }, { nowMs: T0, expiresInSec: 60 });
      h.clock.now = T0 + 61_000;
      try {
        const res = await h.call(`/V1/internal/token/validation${qs({ accessToken: token, tokenType: '0' })}`);
        assert.equal(res.status, 401);
        assert.equal(res.json.code, 'FA1008');
      } finally {
        h.clock.now = T0;
      }
    });

    test('wrong key, wrong partner, no exp, HS256, no memberId and garbage are all FA1007 (401)', async () => {
      const other = await viewerKeys();
      const hs = Buffer.from(
        await new SignJWT({ partnerId: 'mobidoo', memberId: 'm' })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime(Math.floor(T0 / 1000) + 600)
          .sign(new Uint8Array(32)),
      ).toString('base64');
      const tokens = [
        await viewerToken(other.privateKey, { memberId: 'm1' }, { nowMs: T0 }),
        await viewerToken(keys.privateKey, { memberId: 'm1', partnerId: 'acme' }, { nowMs: T0 }),
        await viewerToken(keys.privateKey, { memberId: 'm1' }, { nowMs: T0, noExp: true }),
        hs,
        await viewerToken(keys.privateKey, {}, { nowMs: T0 }),
        'bm90IGEgand0',
        'not a token at all',
      ];
      for (const token of tokens) {
        const res = await h.call(`/V1/internal/token/validation${qs({ accessToken: token, tokenType: '0' })}`);
        assert.equal(res.status, 401, token);
        assert.equal(res.json.code, 'FA1007', token);
      }
    });

    test('a tampered payload fails the signature: FA1007', async () => {
      const jwt = await viewerToken(keys.privateKey, { memberId: 'm1' }, { nowMs: T0, base64: false });
      const [head, , sig] = jwt.split('.');
      const forged = Buffer.from(JSON.stringify({ partnerId: 'mobidoo', memberId: 'admin', exp: 9999999999 })).toString('base64url');
      const res = await h.call(`/V1/internal/token/validation${qs({ accessToken: `${head}.${forged}.${sig}`, tokenType: '0' })}`);
      assert.equal(res.json.code, 'FA1007');
    });

    test('tokenType outside 0/1 and a missing accessToken are FA1010', async () => {
      const res = await h.call(`/V1/internal/token/validation${qs({ tokenType: '2' })}`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.json.response.validError.sort(), ['"accessToken" is required', '"tokenType" must be one of [0, 1]']);
    });
  });

  test('the key can be given at start-up or through PUT /__control/viewer-key', async () => {
    const fromOption = await startHarness({ viewerPublicKey: keys.publicPem });
    const fromControl = await startHarness();
    try {
      const token = await viewerToken(keys.privateKey, { memberId: 'm1' }, { nowMs: T0 });
      const path = `/V1/internal/token/validation${qs({ accessToken: token, tokenType: '0' })}`;
      assert.equal((await fromOption.call(path)).json.code, 'SU0000');

      const bad = await fromControl.call('/__control/viewer-key', { method: 'PUT', body: { publicKey: 'nope' } });
      assert.equal(bad.status, 400);
      const put = await fromControl.call('/__control/viewer-key', { method: 'PUT', body: { publicKey: keys.publicPem } });
      assert.equal(put.status, 200);
      assert.equal((await fromControl.call(path)).json.code, 'SU0000');
    } finally {
      await fromOption.close();
      await fromControl.close();
    }
  });
});
