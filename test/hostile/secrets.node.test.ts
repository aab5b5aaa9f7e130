/**
 * Secrets stay on the server:
 * 1. The browser bundles (vite build, ES and IIFE, into a temporary folder, with canary secrets in
 *    the environment the way a shop's CI would have them) contain no private key, no partner
 *    password (the demo's nor the canary), no admin token, no payments secret, no SmartSTREAM key or
 *    ingest URL, no LiveMinutes credential, and no module of the backend or the stand-ins.
 * 2. The backend's logs during a busy run (hooks.log at debug level, plus everything written to the
 *    console, stdout and stderr) contain none of them either — nor the admin tokens sauceFlex issued
 *    during the run, nor the viewer tokens the backend signed — while saying plenty (failures,
 *    retries, refusals).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startStandin } from '../../demo/standin/index.js';
import { productIdAt } from '../../demo/standin/fixtures.js';
import { SMARTSTREAM_DEMO_KEY } from '../../demo/smartstream/index.js';
import { LIVEMINUTES_DEMO_ACCOUNT } from '../../demo/liveminutes/index.js';
import { createPaymentsClient, startServer, type Logger } from '../../src/server/index.js';
import { demoResolveMember } from '../../demo/demo-member.js';
import { callbackId, makeKeyPair, SHOP_ORIGIN } from '../server/helpers.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_PASSWORD = 'sauceflex-demo';
const PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;

/** The pieces of a PEM that must not appear anywhere: its header, and every 40-character run of its body. */
function pemFragments(pem: string): string[] {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const fragments: string[] = [];
  for (let i = 0; i + 40 <= body.length; i += 40) fragments.push(body.slice(i, i + 40));
  return fragments;
}

/** Which of `secrets` occur in `text` (names only, so a failure does not print a secret). */
function leaks(text: string, secrets: Record<string, string | string[]>): string[] {
  const found: string[] = [];
  if (PRIVATE_KEY.test(text)) found.push('a PEM private key header');
  for (const [name, value] of Object.entries(secrets)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => v.length >= 8 && text.includes(v))) found.push(name);
  }
  return found;
}

test('the built bundles hold no secret and no server code', { timeout: 180_000 }, async (t) => {
  const keys = makeKeyPair();
  const canary = {
    SF_ADMIN_PASSWORD: `canary-password-${randomUUID()}`,
    SF_PAYMENTS_SECRET: `canary-payments-secret-${randomUUID()}`,
    SF_ADMIN_ID: `canary-admin-${randomUUID()}`,
    SF_PRIVATE_KEY: keys.privateKeyPem,
    // The other platforms' credentials (SmartSTREAM's merchant key, LiveMinutes' account).
    SF_SMARTSTREAM_API_KEY: `canary-smartstream-key-${randomUUID()}`,
    SF_LIVEMINUTES_ACCOUNT_SID: `canary-lm-sid-${randomUUID()}`,
    SF_LIVEMINUTES_AUTH_TOKEN: `canary-lm-token-${randomUUID()}`,
  };
  const saved: Record<string, string | undefined> = {};
  // As a shop's CI would have them: plain, and with Vite's public prefix (which would be inlined if read).
  for (const [name, value] of Object.entries(canary)) {
    for (const key of [name, `VITE_${name}`]) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  }
  const outDir = mkdtempSync(join(tmpdir(), 'sf-secrets-build-'));
  t.after(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(outDir, { recursive: true, force: true });
  });
  const configFile = join(repoRoot, 'vite.config.ts');
  await build({ configFile, root: repoRoot, logLevel: 'silent', build: { outDir } });
  await build({ configFile, root: repoRoot, mode: 'iife', logLevel: 'silent', build: { outDir } });

  const files = readdirSync(outDir, { recursive: true }).map(String).filter((f) => statSync(join(outDir, f)).isFile());
  assert.ok(files.some((f) => f.endsWith('.iife.js')) && files.some((f) => f === 'sauceflex-widgets.js'), `both builds present: ${files.join(', ')}`);
  assert.ok(files.some((f) => f.endsWith('.map')), 'source maps are scanned too');
  const secrets = {
    'the demo partner password': DEMO_PASSWORD,
    'the admin password (canary)': canary.SF_ADMIN_PASSWORD,
    'the payments secret (canary)': canary.SF_PAYMENTS_SECRET,
    'the admin id (canary)': canary.SF_ADMIN_ID,
    'the private key (canary)': pemFragments(canary.SF_PRIVATE_KEY),
    'the SmartSTREAM key (canary)': canary.SF_SMARTSTREAM_API_KEY,
    'the SmartSTREAM stand-in key': SMARTSTREAM_DEMO_KEY,
    'the LiveMinutes account sid (canary)': canary.SF_LIVEMINUTES_ACCOUNT_SID,
    'the LiveMinutes auth token (canary)': canary.SF_LIVEMINUTES_AUTH_TOKEN,
    'the LiveMinutes stand-in token': LIVEMINUTES_DEMO_ACCOUNT.authToken,
  };
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(join(outDir, file), 'utf8');
    bytes += text.length;
    assert.deepEqual(leaks(text, secrets), [], `${file} leaks`);
    // No backend or stand-in module rode along (their sources would show in the maps).
    if (file.endsWith('.map')) {
      const sources = (JSON.parse(text) as { sources: string[] }).sources;
      assert.deepEqual(sources.filter((s) => /src\/server\/|demo\/(standin|smartstream|liveminutes)\/|node:/.test(s)), [], `${file} bundles server code`);
    } else {
      // The admin header and the admin routes are the backend's business alone.
      assert.doesNotMatch(text, /X-SauceFlex-Authorize|\/V1\/authorize|\/authorize\?/i, `${file} knows the admin API`);
      // Nor SmartSTREAM's API or its ingest URLs, nor LiveMinutes' methods: the backend speaks to them.
      assert.doesNotMatch(text, /rtmp:\/\/|input_sources|\/merchants\/|live_events|createMeeting|addParticipant|hostUrl/, `${file} knows another platform's API`);
    }
  }
  console.log(`[secrets] scanned ${files.length} built files (${Math.round(bytes / 1024)} KB): no secret`);
});

test('the server logs say what happened and never a secret, a key, an admin token or a viewer token', { timeout: 60_000 }, async (t) => {
  const keys = makeKeyPair();
  const adminPassword = `canary-password-${randomUUID()}`;
  const paymentsSecret = `canary-payments-secret-${randomUUID()}`;
  const lines: string[] = [];
  const logger: Logger = Object.fromEntries(
    (['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`)]),
  ) as unknown as Logger;

  // Everything else written anywhere during the run, too.
  const written: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write, log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
  const capture = (chunk: unknown) => void written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (capture(chunk), (original.out as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest))) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (capture(chunk), (original.err as (...a: unknown[]) => boolean).call(process.stderr, chunk, ...rest))) as typeof process.stderr.write;
  for (const name of ['log', 'warn', 'error', 'info', 'debug'] as const) console[name] = (...args: unknown[]) => capture(args.map(String).join(' '));
  const restore = () => {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
    Object.assign(console, { log: original.log, warn: original.warn, error: original.error, info: original.info, debug: original.debug });
  };
  t.after(restore);

  // Admin tokens as sauceFlex issued them, seen on the wire (the server must never log them).
  const adminTokens: string[] = [];
  const watchingFetch: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const url = String(input instanceof Request ? input.url : input);
    if (/\/V1\/(authorize|token)(\?|$)/.test(url)) {
      const body = (await res.clone().json().catch(() => undefined)) as { response?: { accessToken?: string; refreshToken?: string } } | undefined;
      for (const token of [body?.response?.accessToken, body?.response?.refreshToken]) if (token) adminTokens.push(token);
    }
    return res;
  };

  const standin = await startStandin({ viewerPublicKey: keys.publicKeyPem, admin: { id: 'admin', password: adminPassword }, log: true });
  const start = (password: string, extra: Record<string, unknown> = {}) =>
    startServer({
      config: {
        partnerId: 'mobidoo',
        apiBase: standin.apiBase,
        privateKey: keys.privateKeyPem,
        allowedOrigins: [SHOP_ORIGIN],
        admin: { id: 'admin', password },
        paymentsSecret,
        outbox: { kind: 'memory' },
        rateLimit: { burst: 5, perMinute: 60 },
        paymentsBackoff: { baseMs: 20, maxMs: 100 },
        paymentsWaitMs: 300,
        upstreamTimeoutMs: 1_000,
        host: '127.0.0.1',
        port: 0,
        ...extra,
      },
      hooks: { resolveMember: demoResolveMember, log: logger },
      deps: { fetch: watchingFetch },
    });
  const server = await start(adminPassword);
  const wrongPassword = await start(`${adminPassword}-wrong`);
  const viewerTokens: string[] = [];
  try {
    const token = async (cookie?: string) => {
      const res = await fetch(`${server.origin}/sauceflex/token`, { method: 'POST', headers: { origin: SHOP_ORIGIN, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{}' });
      const body = (await res.json()) as { token?: string };
      if (body.token) viewerTokens.push(body.token);
      return res.status;
    };
    assert.equal(await token(`sf_demo_member=${encodeURIComponent(JSON.stringify({ memberId: 'log-member', nickName: '로그' }))}`), 200);
    assert.equal(await token(), 200);
    for (let i = 0; i < 6; i++) await token(); // past the rate limit
    assert.equal(await token('sf_demo_member=%7Bbroken'), 429);

    const product = (id: string, base = server.origin) => fetch(`${base}/sauceflex/products/${id}`, { headers: { origin: SHOP_ORIGIN } }).then((r) => r.status);
    assert.equal(await product(productIdAt(0)), 200);
    standin.setFault({ route: 'product.get', kind: 'expiredToken', times: 1 }); // FA1008: refresh
    assert.equal(await product(productIdAt(1)), 200);
    standin.setFault({ route: 'product.get', kind: 'error500' });
    assert.equal(await product(productIdAt(2)), 503);
    standin.setFault({ route: 'product.get', kind: 'wrongShape' });
    assert.equal(await product(productIdAt(3)), 502);
    standin.clearFaults();
    assert.equal(await product('mobidoo-unknown'), 404);
    assert.equal(await product(productIdAt(4), wrongPassword.origin), 502); // the admin password refused

    const payments = createPaymentsClient({ baseUrl: server.origin, secret: paymentsSecret });
    const report = (n: number) => ({ orderCallBackId: callbackId(n, 0x5ec), orderId: `log-${n}`, payClickTime: new Date().toISOString(), productQuantity: 1, amount: 1000, memberId: 'log-member' });
    assert.equal((await payments.reportPayments([report(1)])).accepted, 1);
    standin.setFault({ route: 'payments.batch', kind: 'reset', times: 2 });
    await payments.reportPayments([report(2), report(3)]);
    await payments.reportPayments([{ ...report(4), orderCallBackId: 'not-a-uuid' }]); // refused: FA1027
    await payments.updatePayment({ orderCallBackId: callbackId(1, 0x5ec), orderId: 'log-1', findProductQuantity: 1, findAmount: 1000, updateProductQuantity: 2, updateAmount: 2000 });
    await payments.cancelPayment({ orderCallBackId: callbackId(1, 0x5ec), orderId: 'log-1', payCancelTime: new Date().toISOString() });
    const wrongSecret = await fetch(`${server.origin}/sauceflex/payments`, { method: 'POST', headers: { authorization: `Bearer ${paymentsSecret}x`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(wrongSecret.status, 401);
    await server.app.payments.flush();
    for (let i = 0; i < 50 && (await server.app.payments.pending()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await server.app.payments.pending(), 0);
    // Closing revokes the admin token (DELETE /token/{accessToken}); make that fail so it is logged.
    standin.setFault({ route: 'token.delete', kind: 'error500' });
  } finally {
    await server.close();
    await wrongPassword.close();
    await standin.close();
    restore();
  }

  assert.ok(adminTokens.length >= 2, `admin tokens were issued (${adminTokens.length})`);
  assert.ok(viewerTokens.length >= 2);
  const everything = [...lines, ...written].join('\n');
  assert.ok(lines.some((l) => l.startsWith('warn')) && lines.some((l) => l.startsWith('error')), 'the logs said something about the failures');
  assert.ok(lines.some((l) => l.includes('refused')), 'refusals are logged');
  const secrets = {
    'the admin password': adminPassword,
    'the demo partner password': DEMO_PASSWORD,
    'the payments secret': paymentsSecret,
    'the private key': pemFragments(keys.privateKeyPem),
    'an admin token': adminTokens,
    'a viewer token': viewerTokens,
    'a viewer JWT': viewerTokens.map((t) => Buffer.from(t, 'base64').toString('utf8')),
  };
  assert.deepEqual(leaks(everything, secrets), [], 'the logs leak');
  // SF_SHOW_LOGS=1 prints what was checked, for a person reading the logs by eye.
  if (process.env.SF_SHOW_LOGS) console.log(`${lines.join('\n')}\n${written.join('')}`);
  console.log(`[secrets] ${lines.length} server log lines and ${written.length} console writes checked: no secret`);
});
