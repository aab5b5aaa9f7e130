import { generateKeyPairSync } from 'node:crypto';
import { createServerApp } from '../../src/server/app.js';
import { silentLogger } from '../../src/server/log.js';
import { demoResolveMember } from '../../src/server/viewer-token.js';
const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const app = createServerApp({ partnerId: 'mobidoo', apiBase: 'http://127.0.0.1:9/V1', privateKey: pem, allowedOrigins: ['http://shop.bench'], outbox: { kind: 'memory' }, rateLimit: { burst: 1e12, perMinute: 1e12 } }, { resolveMember: demoResolveMember, log: silentLogger });
await app.ready;
const cookie = `sf_demo_member=${encodeURIComponent(JSON.stringify({ memberId: 'm', nickName: 'n', age: '30', gender: 'w' }))}`;
for (const par of [1, 16]) {
  const end = Date.now() + 3000; let n = 0;
  await Promise.all(Array.from({ length: par }, async () => { while (Date.now() < end) { const r = await app.fetch(new Request('http://x/sauceflex/token', { method: 'POST', headers: { origin: 'http://shop.bench', cookie, 'content-type': 'application/json' }, body: '{}' })); await r.text(); n++; } }));
  console.log(par, 'in-process app.fetch tokens/s', n / 3);
}
await app.close();
