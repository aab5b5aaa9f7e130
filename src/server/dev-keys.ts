/**
 * A development RSA key pair for the demo and local runs, made on first use and kept in `.dev/`
 * (git-ignored): `viewer-private.pem` (PKCS#8, mode 0600, directory 0700) and `viewer-public.pem`
 * (SPKI, the half the stand-in — or sauceFlex — verifies with). Never use it in production: there
 * the partner's own key comes from SF_PRIVATE_KEY / SF_PRIVATE_KEY_FILE.
 */
import { generateKeyPairSync, createPrivateKey, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface DevKeys {
  dir: string;
  privateKeyFile: string;
  publicKeyFile: string;
  privateKeyPem: string;
  publicKeyPem: string;
  /** True when this call generated the pair; false when it was already there. */
  created: boolean;
}

export function ensureDevKeys(dir = '.dev'): DevKeys {
  const absDir = resolve(dir);
  const privateKeyFile = join(absDir, 'viewer-private.pem');
  const publicKeyFile = join(absDir, 'viewer-public.pem');
  mkdirSync(absDir, { recursive: true, mode: 0o700 });

  if (existsSync(privateKeyFile)) {
    // Tighten permissions that something else loosened.
    if (process.platform !== 'win32' && (statSync(privateKeyFile).mode & 0o077) !== 0) chmodSync(privateKeyFile, 0o600);
    const privateKeyPem = readFileSync(privateKeyFile, 'utf8');
    // The public half is derived, so a lost or stale public file is simply rewritten.
    const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
    if (!existsSync(publicKeyFile) || readFileSync(publicKeyFile, 'utf8') !== publicKeyPem) {
      writeFileSync(publicKeyFile, publicKeyPem, { mode: 0o644 });
    }
    return { dir: absDir, privateKeyFile, publicKeyFile, privateKeyPem, publicKeyPem, created: false };
  }

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  // Write to a temporary name (created 0600, whatever the umask), then link it into place: a crash
  // never leaves a half-written key, and of two processes starting at once only one pair wins.
  const tmp = `${privateKeyFile}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, privateKeyPem, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  try {
    linkSync(tmp, privateKeyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    unlinkSync(tmp);
    return ensureDevKeys(dir);
  }
  unlinkSync(tmp);
  writeFileSync(publicKeyFile, publicKeyPem, { mode: 0o644 });
  return { dir: absDir, privateKeyFile, publicKeyFile, privateKeyPem, publicKeyPem, created: true };
}
