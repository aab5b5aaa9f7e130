/**
 * The SmartSTREAM and LiveMinutes settings from the environment: all of a group or none, each problem
 * naming its variable, the key and the token never echoed in an error or the start-up description.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, describeConfig, loadConfig } from '../../src/server/config.js';
import { makeKeyPair } from './helpers.js';

const keys = makeKeyPair();
const base = {
  SF_PARTNER_ID: 'mobidoo',
  SF_API_BASE: 'https://stage.api.sauceFlex.com/V1',
  SF_PRIVATE_KEY: keys.privateKeyPem,
  SF_ALLOWED_ORIGINS: 'https://shop.example',
};
const KEY = 'ss-key-canary-0123456789abcdef';
const TOKEN = 'lm-token-canary-0123456789abcdef';

function problemsOf(env: Record<string, string>): { problems: Record<string, string>; text: string } {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return { problems: Object.fromEntries(error.problems.map((p) => [p.variable, p.message])), text: error.message };
  }
  assert.fail('expected a ConfigError');
}

test('both platforms configured from the environment; the description names them without a secret', () => {
  const { config } = loadConfig({
    ...base,
    SF_SMARTSTREAM_API_BASE: 'https://ovp-s-api.smartstream.ne.jp/v1/',
    SF_SMARTSTREAM_MERCHANT_ID: 'nttsmc',
    SF_SMARTSTREAM_API_KEY: KEY,
    SF_LIVEMINUTES_ACCOUNT_SID: 'AC-shop',
    SF_LIVEMINUTES_AUTH_TOKEN: TOKEN,
    SF_LIVEMINUTES_HOST_ID: 'consultant-1',
    SF_CONSULT_PATH: '/api/consult',
  });
  assert.deepEqual(config.smartstream, { apiBase: 'https://ovp-s-api.smartstream.ne.jp/v1', merchantId: 'nttsmc', apiKey: KEY });
  assert.deepEqual(config.liveMinutes, { accountSid: 'AC-shop', authToken: TOKEN, hostId: 'consultant-1' });
  assert.equal(config.paths?.consult, '/api/consult');
  const described = JSON.stringify(describeConfig(config));
  assert.match(described, /"sources":\["smartstream"\]/);
  assert.match(described, /"consult":"on"/);
  assert.ok(!described.includes(KEY) && !described.includes(TOKEN));
});

test('half a group, a bad URL or a long host id: an error naming the variable, never echoing the key or token', () => {
  const partial = problemsOf({ ...base, SF_SMARTSTREAM_API_BASE: 'https://ovp-s-api.smartstream.ne.jp/v1', SF_SMARTSTREAM_API_KEY: KEY });
  assert.match(partial.problems.SF_SMARTSTREAM_MERCHANT_ID ?? '', /set all of/);
  assert.ok(!partial.text.includes(KEY));
  const badUrl = problemsOf({ ...base, SF_SMARTSTREAM_API_BASE: 'ftp://x', SF_SMARTSTREAM_MERCHANT_ID: 'nttsmc', SF_SMARTSTREAM_API_KEY: KEY });
  assert.match(badUrl.problems.SF_SMARTSTREAM_API_BASE ?? '', /http\(s\)/);
  const longHost = problemsOf({ ...base, SF_LIVEMINUTES_ACCOUNT_SID: 'AC', SF_LIVEMINUTES_AUTH_TOKEN: TOKEN, SF_LIVEMINUTES_HOST_ID: 'h'.repeat(51) });
  assert.match(longHost.problems.SF_LIVEMINUTES_HOST_ID ?? '', /50/);
  assert.ok(!longHost.text.includes(TOKEN));
  const noToken = problemsOf({ ...base, SF_LIVEMINUTES_ACCOUNT_SID: 'AC', SF_LIVEMINUTES_HOST_ID: 'consultant-1' });
  assert.ok('SF_LIVEMINUTES_AUTH_TOKEN' in noToken.problems);
});

test('neither configured: both off (optional extras: no warning), as the start-up description says', () => {
  const { config } = loadConfig(base);
  assert.equal(config.smartstream, undefined);
  assert.equal(config.liveMinutes, undefined);
  const described = JSON.stringify(describeConfig(config));
  assert.match(described, /"sources":\[\]/);
  assert.match(described, /"consult":"off"/);
});
