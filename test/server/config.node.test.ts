/**
 * Configuration from the environment: clear errors that name the variable and never echo a secret,
 * the development key pair (made once, mode 0600, out of git), the `npm run serve` entry's exit on
 * a bad configuration, and the in-memory rate limiter.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, describeConfig, loadConfig } from '../../src/server/config.js';
import { ensureDevKeys } from '../../src/server/dev-keys.js';
import { createServerApp } from '../../src/server/app.js';
import { MemoryRateLimiter } from '../../src/server/rate-limit.js';
import { makeKeyPair, tempDir } from './helpers.js';

const keys = makeKeyPair();
const base = {
  SF_PARTNER_ID: 'mobidoo',
  SF_API_BASE: 'https://stage.api.sauceFlex.com/V1',
  SF_PRIVATE_KEY: keys.privateKeyPem,
  SF_ALLOWED_ORIGINS: 'https://shop.example, https://www.shop.example',
};

function problemsOf(env: Record<string, string | undefined>): Record<string, string> {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  test('a complete environment gives the configuration with defaults', () => {
    const { config, warnings } = loadConfig({
      ...base,
      SF_PAYMENTS_SECRET: 'p'.repeat(32),
      SF_ADMIN_ID: 'admin',
      SF_ADMIN_PASSWORD: 'pw',
      SF_TOKEN_PATH: '/api/sf-token/',
      SF_OUTBOX_FILE: '/var/lib/shop/outbox.jsonl',
    });
    assert.equal(config.partnerId, 'mobidoo');
    assert.equal(config.apiBase, 'https://stage.api.sauceFlex.com/V1');
    assert.deepEqual(config.allowedOrigins, ['https://shop.example', 'https://www.shop.example']);
    assert.equal(config.tokenTtlSec, 3600);
    assert.equal(config.paths!.token, '/api/sf-token');
    assert.equal(config.paths!.payments, '/sauceflex/payments');
    assert.deepEqual(config.outbox, { kind: 'file', file: '/var/lib/shop/outbox.jsonl' });
    assert.deepEqual(config.rateLimit, { burst: 30, perMinute: 120 });
    assert.equal(config.port, 8788);
    assert.equal(config.privateKey.asymmetricKeyType, 'rsa');
    assert.deepEqual(warnings, []);
    // Whatever logs the config object never prints the key.
    assert.doesNotMatch(inspect(config, { depth: 5 }), /BEGIN|PRIVATE KEY/);
  });

  test('SF_DATABASE_URL and SF_REDIS_URL: checked by scheme, and described without their password', () => {
    const { config, warnings } = loadConfig({
      ...base,
      SF_DATABASE_URL: 'postgres://sf:db-s3cret@db.internal:5432/sauceflex',
      SF_REDIS_URL: 'redis://:redis-s3cret@cache.internal:6379/0',
      SF_OUTBOX_FILE: '/var/lib/shop/outbox.jsonl',
    });
    assert.equal(config.databaseUrl, 'postgres://sf:db-s3cret@db.internal:5432/sauceflex');
    assert.equal(config.redisUrl, 'redis://:redis-s3cret@cache.internal:6379/0');
    assert.match(warnings.join('\n'), /SF_OUTBOX_FILE is not used/);
    const described = JSON.stringify(describeConfig(config));
    assert.doesNotMatch(described, /s3cret/);
    assert.match(described, /postgres:\/\/sf:\*\*\*@db\.internal:5432\/sauceflex/);
    const problems = problemsOf({ ...base, SF_DATABASE_URL: 'mysql://x@y/z', SF_REDIS_URL: 'http://cache:6379' });
    assert.match(problems.SF_DATABASE_URL!, /postgres:\/\//);
    assert.match(problems.SF_REDIS_URL!, /redis:\/\//);
  });

  test('every missing required variable is named at once', () => {
    const problems = problemsOf({});
    assert.deepEqual(Object.keys(problems).sort(), ['SF_ALLOWED_ORIGINS', 'SF_API_BASE', 'SF_PARTNER_ID', 'SF_PRIVATE_KEY']);
    assert.match(problems.SF_PRIVATE_KEY!, /SF_PRIVATE_KEY_FILE/);
  });

  test('invalid values are named with what is expected', () => {
    const problems = problemsOf({
      ...base,
      SF_API_BASE: 'ftp://x',
      SF_ALLOWED_ORIGINS: '*',
      SF_TOKEN_TTL_SEC: '10',
      SF_PORT: 'eighty',
      SF_TOKEN_PATH: 'token',
      SF_ADMIN_ID: 'admin',
      SF_RATE_LIMIT_BURST: '-1',
    });
    assert.match(problems.SF_API_BASE!, /http\(s\) URL/);
    assert.match(problems.SF_ALLOWED_ORIGINS!, /wildcard/);
    assert.match(problems.SF_TOKEN_TTL_SEC!, /60 to 604800/);
    assert.match(problems.SF_PORT!, /whole number/);
    assert.match(problems.SF_TOKEN_PATH!, /starting with \//);
    assert.match(problems.SF_ADMIN_PASSWORD!, /both/);
    assert.match(problems.SF_RATE_LIMIT_BURST!, /whole number/);
    assert.match(problemsOf({ ...base, SF_ALLOWED_ORIGINS: 'https://shop.example/path' }).SF_ALLOWED_ORIGINS!, /not an origin/);
  });

  test('secret values are never echoed in an error', () => {
    const secret = 'short-secret';
    const error = (() => {
      try {
        loadConfig({ ...base, SF_PAYMENTS_SECRET: secret, SF_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nTOPSECRETKEYMATERIAL\n-----END PRIVATE KEY-----' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected an error');
    })();
    assert.match(error.message, /SF_PAYMENTS_SECRET: must be at least 24 characters/);
    assert.match(error.message, /SF_PRIVATE_KEY: the PEM private key could not be read/);
    assert.ok(!error.message.includes(secret));
    assert.ok(!error.message.includes('TOPSECRETKEYMATERIAL'));
  });

  test('the key: PEM with literal \\n, PKCS#1, a file; wrong kinds are refused clearly', () => {
    assert.ok(loadConfig({ ...base, SF_PRIVATE_KEY: keys.privateKeyPem.replace(/\n/g, '\\n') }).config.privateKey);
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    assert.ok(loadConfig({ ...base, SF_PRIVATE_KEY: pkcs1 }).config.privateKey);

    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'key.pem');
      writeFileSync(file, keys.privateKeyPem, { mode: 0o644 });
      const loose = loadConfig({ ...base, SF_PRIVATE_KEY: undefined, SF_PRIVATE_KEY_FILE: file });
      assert.match(loose.warnings.join('\n'), /readable by other users.*chmod 600/);
      chmodSync(file, 0o600);
      assert.doesNotMatch(loadConfig({ ...base, SF_PRIVATE_KEY: undefined, SF_PRIVATE_KEY_FILE: file }).warnings.join('\n'), /readable by other users/);
      assert.match(problemsOf({ ...base, SF_PRIVATE_KEY: undefined, SF_PRIVATE_KEY_FILE: join(tmp.dir, 'none.pem') }).SF_PRIVATE_KEY_FILE!, /no file at/);
      assert.match(problemsOf({ ...base, SF_PRIVATE_KEY_FILE: file }).SF_PRIVATE_KEY_FILE!, /not both/);
    } finally {
      tmp.remove();
    }

    assert.match(problemsOf({ ...base, SF_PRIVATE_KEY: keys.publicKeyPem }).SF_PRIVATE_KEY!, /PEM private key/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.match(problemsOf({ ...base, SF_PRIVATE_KEY: ec }).SF_PRIVATE_KEY!, /RSA key \(RS256\); this one is ec/);
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    assert.match(problemsOf({ ...base, SF_PRIVATE_KEY: small }).SF_PRIVATE_KEY!, /1024 bits; use at least 2048/);
  });

  test('SF_DEV_KEYS=1 makes a key pair once, private half 0600 in a 0700 directory, and reuses it', () => {
    const tmp = tempDir();
    try {
      const dir = join(tmp.dir, '.dev');
      const first = loadConfig({ ...base, SF_PRIVATE_KEY: undefined, SF_DEV_KEYS: '1', SF_DEV_KEYS_DIR: dir });
      assert.equal(first.devKeys!.created, true);
      assert.equal(statSync(first.devKeys!.privateKeyFile).mode & 0o777, 0o600);
      assert.equal(statSync(dir).mode & 0o777, 0o700);
      assert.match(first.devKeys!.publicKeyPem, /BEGIN PUBLIC KEY/);
      assert.match(first.warnings.join('\n'), /development key pair/);
      const second = ensureDevKeys(dir);
      assert.equal(second.created, false);
      assert.equal(second.privateKeyPem, first.devKeys!.privateKeyPem);
      // Loosened permissions are tightened again.
      chmodSync(second.privateKeyFile, 0o644);
      ensureDevKeys(dir);
      assert.equal(statSync(second.privateKeyFile).mode & 0o777, 0o600);
    } finally {
      tmp.remove();
    }
  });

  test('.dev/ is ignored by git', () => {
    const result = spawnSync('git', ['check-ignore', '-q', '.dev/viewer-private.pem'], { cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    assert.equal(result.status, 0);
  });

  test('a programmatic configuration is checked the same way', () => {
    assert.throws(
      () => createServerApp({ partnerId: '', apiBase: 'nope', privateKey: 'nope', allowedOrigins: ['*'] }),
      (error: ConfigError) => {
        assert.deepEqual(error.problems.map((p) => p.variable).sort(), ['allowedOrigins', 'apiBase', 'partnerId', 'privateKey']);
        return true;
      },
    );
  });
});

describe('npm run serve entry', () => {
  test('a bad configuration exits 1 naming the variables, without a stack or a secret', () => {
    const node = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../src/server/node.ts', import.meta.url))], {
      env: { PATH: process.env.PATH, SF_PARTNER_ID: 'mobidoo', SF_PAYMENTS_SECRET: 'tiny-secret-value', SF_ADMIN_PASSWORD: 'hunter2' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(node.status, 1);
    assert.match(node.stderr, /SF_API_BASE: is required/);
    assert.match(node.stderr, /SF_PRIVATE_KEY: is required/);
    assert.match(node.stderr, /SF_ADMIN_ID: set both/);
    assert.doesNotMatch(node.stderr, /tiny-secret-value|hunter2|\bat .*\.ts:\d+/);
  });
});

describe('MemoryRateLimiter', () => {
  test('a token bucket per key: burst, then refill at the configured rate', () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ burst: 3, perMinute: 60, now: () => now });
    assert.deepEqual([1, 2, 3, 4].map(() => limiter.take('a').allowed), [true, true, true, false]);
    assert.equal(limiter.take('a').retryAfterSec, 1);
    assert.equal(limiter.take('b').allowed, true, 'another key has its own bucket');
    now += 1000;
    assert.equal(limiter.take('a').allowed, true);
    assert.equal(limiter.take('a').allowed, false);
    now += 60_000;
    assert.equal(limiter.take('a').remaining, 2, 'refilled to the burst, not beyond');
  });

  test('tracks a bounded number of clients', () => {
    const limiter = new MemoryRateLimiter({ burst: 1, perMinute: 1, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    assert.equal(limiter.size, 100);
  });
});
