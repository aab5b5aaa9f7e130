/**
 * The backend's configuration: the shape code passes to `createServerApp` / `startServer`, its
 * defaults, and `loadConfig(env)` that reads it from environment variables (the `npm run serve`
 * entry and any deployment). A missing or invalid setting stops start-up with an error that names
 * the variable and says what is expected; secret values (key, password, shared secret) are never
 * echoed in an error or a log.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ensureDevKeys, type DevKeys } from './dev-keys.js';
import type { LiveMinutesConfig } from './consult.js';
import type { SmartStreamConfig } from './sources/smartstream.js';

/** What the backend needs. Only `partnerId`, `apiBase`, `privateKey` and `allowedOrigins` are required. */
export interface ServerConfig {
  /** The partnerId sauceFlex issued (goes into every viewer token and the admin authorize call). */
  partnerId: string;
  /** sauceFlex API base including `/V1`, e.g. `https://api.sauceFlex.com/V1`. */
  apiBase: string;
  /** The partner's RSA private key: PEM (PKCS#8 or PKCS#1) or a Node KeyObject. */
  privateKey: string | KeyObject;
  /** Exact shop origins allowed to call the browser routes (token, products), e.g. `https://shop.example`. */
  allowedOrigins: readonly string[];
  /** Viewer token lifetime in seconds. Default 3600. */
  tokenTtlSec?: number;
  /** Route paths. Defaults: /sauceflex/token, /sauceflex/products, /sauceflex/payments, /sauceflex/health. */
  paths?: Partial<ServerPaths>;
  /** Shared secret the shop's own server sends as `Authorization: Bearer …` on the payments route. Unset: route off. */
  paymentsSecret?: string;
  /** Shared secret for the stats route from another server (`Authorization: Bearer …`); browsers go through `authorizeStats`. */
  statsSecret?: string;
  /** Shared secret for the notification list (`Authorization: Bearer …`), another server only. Unset: the route is off. */
  notificationsSecret?: string;
  /** Partner admin credentials for server-only reads (products). Unset: the products route answers 503. */
  admin?: { id: string; password: string; lifeTimeDays?: number };
  /** SmartSTREAM live events as the schedule source `smartstream` (GET {schedule}/smartstream). Unset: no such source. */
  smartstream?: SmartStreamConfig;
  /** LiveMinutes for the consultation route. Unset: the route answers 503 `consult_unavailable`. */
  liveMinutes?: LiveMinutesConfig;
  /** Per-member token bucket of the consultation route (each press may create a meeting). Default 3 burst, 6/min. */
  consultRateLimit?: { burst: number; perMinute: number };
  /** Per-client token bucket for the browser routes; `false` turns it off. Default 30 burst, 120/min. */
  rateLimit?: { burst: number; perMinute: number } | false;
  /** How many reverse proxies of the shop's own sit in front (their X-Forwarded-For is trusted). Default 0. */
  trustedProxyHops?: number;
  /**
   * PostgreSQL shared by several instances (`postgres://…`): the payments outbox, the delivery
   * results and the admin-token lease live there (and `outbox` is ignored).
   */
  databaseUrl?: string;
  /** Redis shared by several instances (`redis://…`): the rate limiter and the admin token (with its lock). */
  redisUrl?: string;
  /** With a shared outbox: how often an instance looks for work other instances left (ms). Default 1 000. */
  paymentsPollMs?: number;
  /** Where undelivered payment reports wait: a JSONL file (default `.dev/payments-outbox.jsonl`) or memory. */
  outbox?: { kind: 'file'; file: string } | { kind: 'memory' };
  /** Mask every member nickName as a real name (홍길동 → 홍*동). Default false. */
  maskNickNames?: boolean;
  /** How long a product answer is cached, in seconds; 0 turns the cache off. Default 30. */
  productCacheTtlSec?: number;
  /** Per-attempt timeout for calls to sauceFlex. Default 10 000 ms. */
  upstreamTimeoutMs?: number;
  /** Retry backoff of the payments outbox. Defaults 1 s doubling to 60 s. */
  paymentsBackoff?: { baseMs: number; maxMs: number };
  /** How long POST /payments waits for the first delivery attempt before answering "queued". Default 15 000 ms. */
  paymentsWaitMs?: number;
  /** Total time a browser route (token, products) may take before it answers 503. Default 5 000 ms. */
  browserBudgetMs?: number;
  /** Listen address for `startServer`. Defaults 127.0.0.1:8788. */
  host?: string;
  port?: number;
}

export interface ServerPaths {
  token: string;
  products: string;
  payments: string;
  stats: string;
  schedule: string;
  consult: string;
  notifications: string;
  health: string;
  /** Server-rendered elements as HTML fragments (`GET {fragments}/schedule?…`). */
  fragments: string;
}

export const DEFAULT_PATHS: ServerPaths = {
  token: '/sauceflex/token',
  products: '/sauceflex/products',
  payments: '/sauceflex/payments',
  stats: '/sauceflex/stats',
  schedule: '/sauceflex/schedule',
  consult: '/sauceflex/consult',
  notifications: '/sauceflex/notifications',
  health: '/sauceflex/health',
  fragments: '/sauceflex/fragments',
};

export const DEFAULTS = {
  tokenTtlSec: 3600,
  rateLimit: { burst: 30, perMinute: 120 },
  consultRateLimit: { burst: 3, perMinute: 6 },
  outboxFile: '.dev/payments-outbox.jsonl',
  productCacheTtlSec: 30,
  upstreamTimeoutMs: 10_000,
  paymentsBackoff: { baseMs: 1_000, maxMs: 60_000 },
  paymentsWaitMs: 15_000,
  browserBudgetMs: 5_000,
  paymentsPollMs: 1_000,
  host: '127.0.0.1',
  port: 8788,
} as const;

/** One or more settings are missing or wrong. `problems` names each variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: readonly { variable: string; message: string }[];
  constructor(problems: { variable: string; message: string }[]) {
    super(
      `sauceflex server configuration is invalid:\n` + problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.problems = problems;
  }
}

/**
 * Parse a PEM private key and check it is RSA of at least 2048 bits. The error names `variable`
 * and never contains the key or OpenSSL's message about it.
 */
export function parsePrivateKey(pem: string | KeyObject, variable = 'privateKey'): KeyObject {
  let key: KeyObject;
  if (typeof pem === 'string') {
    // Platforms that cannot hold multi-line values often store the PEM with literal "\n".
    const text = pem.includes('\\n') && !pem.includes('\n') ? pem.replace(/\\n/g, '\n') : pem;
    if (/ENCRYPTED/.test(text)) {
      throw new ConfigError([{ variable, message: 'the private key is encrypted; give the decrypted PEM (openssl pkey -in key.pem -out plain.pem)' }]);
    }
    // `[ ]` keeps secret scanners from taking this pattern for a committed key.
    if (!/-----BEGIN (RSA )?PRIVATE[ ]KEY-----/.test(text)) {
      throw new ConfigError([{ variable, message: 'expected a PEM private key (PKCS#8 or PKCS#1 PEM text)' }]);
    }
    try {
      key = createPrivateKey({ key: text, format: 'pem' });
    } catch {
      throw new ConfigError([{ variable, message: 'the PEM private key could not be read (damaged or truncated?)' }]);
    }
  } else {
    key = pem;
  }
  if (key.type !== 'private') throw new ConfigError([{ variable, message: 'a private key is required, not a public one' }]);
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigError([{ variable, message: `sauceFlex needs an RSA key (RS256); this one is ${key.asymmetricKeyType ?? 'unknown'}` }]);
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new ConfigError([{ variable, message: `the RSA key has ${bits} bits; use at least 2048` }]);
  return key;
}

export interface LoadedConfig {
  config: ServerConfig & { privateKey: KeyObject };
  /** Non-fatal remarks for the start-up log (no secret in them). */
  warnings: string[];
  /** Set when SF_DEV_KEYS=1 made or reused a development key pair. */
  devKeys?: DevKeys;
}

/**
 * Read the configuration from environment variables (see src/server/DEPLOY.md for the list).
 * Throws one `ConfigError` listing every problem.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): LoadedConfig {
  const problems: { variable: string; message: string }[] = [];
  const warnings: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const required = (name: string, what: string): string => {
    const value = get(name);
    if (value === undefined) problems.push({ variable: name, message: `is required (${what})` });
    return value ?? '';
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push({ variable: name, message: `must be a whole number from ${min} to ${max}, got "${raw}"` });
      return fallback;
    }
    return Number(raw);
  };
  const flag = (name: string): boolean => {
    const raw = get(name)?.toLowerCase();
    if (raw === undefined) return false;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push({ variable: name, message: `must be 1/0 (or true/false), got "${raw}"` });
    return false;
  };

  // partnerId
  const partnerId = required('SF_PARTNER_ID', 'the partnerId sauceFlex issued, e.g. mobidoo');
  if (partnerId && !/^[A-Za-z0-9_-]{1,64}$/.test(partnerId)) {
    problems.push({ variable: 'SF_PARTNER_ID', message: 'may hold only letters, digits, _ and - (1–64 characters)' });
  }

  // API base
  let apiBase = required('SF_API_BASE', 'the sauceFlex API base, e.g. https://api.sauceFlex.com/V1');
  if (apiBase) {
    try {
      const url = new URL(apiBase);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
      if (url.search || url.hash) throw new Error();
      apiBase = apiBase.replace(/\/+$/, '');
    } catch {
      problems.push({ variable: 'SF_API_BASE', message: `must be an http(s) URL without query, e.g. https://api.sauceFlex.com/V1, got "${apiBase}"` });
    }
  }

  // Private key: PEM in a variable, a file, or (development only) a generated pair in .dev/
  let privateKey: KeyObject | undefined;
  let devKeys: DevKeys | undefined;
  const pem = env.SF_PRIVATE_KEY?.trim() ? env.SF_PRIVATE_KEY : undefined;
  const keyFile = get('SF_PRIVATE_KEY_FILE');
  if (pem !== undefined && keyFile !== undefined) {
    problems.push({ variable: 'SF_PRIVATE_KEY_FILE', message: 'set either SF_PRIVATE_KEY or SF_PRIVATE_KEY_FILE, not both' });
  } else if (pem !== undefined) {
    privateKey = tryKey(() => parsePrivateKey(pem, 'SF_PRIVATE_KEY'), problems);
  } else if (keyFile !== undefined) {
    let text: string | undefined;
    try {
      text = readFileSync(keyFile, 'utf8');
      const mode = statSync(keyFile).mode;
      if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
        warnings.push(`SF_PRIVATE_KEY_FILE ${keyFile} is readable by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        variable: 'SF_PRIVATE_KEY_FILE',
        message: code === 'ENOENT' ? `no file at ${keyFile}` : `cannot read ${keyFile} (${code ?? 'error'})`,
      });
    }
    if (text !== undefined) privateKey = tryKey(() => parsePrivateKey(text, 'SF_PRIVATE_KEY_FILE'), problems);
  } else if (flag('SF_DEV_KEYS')) {
    devKeys = ensureDevKeys(get('SF_DEV_KEYS_DIR') ?? '.dev');
    privateKey = parsePrivateKey(devKeys.privateKeyPem, 'SF_DEV_KEYS');
    warnings.push(
      `using the development key pair in ${devKeys.dir} (${devKeys.created ? 'just generated' : 'reused'}); ` +
        `register ${devKeys.publicKeyFile} with the stand-in, never use it in production`,
    );
  } else {
    problems.push({
      variable: 'SF_PRIVATE_KEY',
      message: 'is required: the RSA private key PEM (or SF_PRIVATE_KEY_FILE=path; SF_DEV_KEYS=1 makes a development pair in .dev/)',
    });
  }

  // Allowed origins
  const originsRaw = required('SF_ALLOWED_ORIGINS', 'comma-separated shop origins, e.g. https://shop.example,https://www.shop.example');
  const allowedOrigins: string[] = [];
  for (const item of originsRaw.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item === '*' || item.includes('*')) {
      problems.push({ variable: 'SF_ALLOWED_ORIGINS', message: 'wildcards are not allowed; list each shop origin exactly' });
      continue;
    }
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      /* reported below */
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) {
      problems.push({ variable: 'SF_ALLOWED_ORIGINS', message: `"${item}" is not an origin (scheme://host[:port], no path)` });
      continue;
    }
    allowedOrigins.push(url.origin);
  }

  const tokenTtlSec = integer('SF_TOKEN_TTL_SEC', DEFAULTS.tokenTtlSec, 60, 7 * 24 * 3600);

  // Paths
  const paths: ServerPaths = { ...DEFAULT_PATHS };
  for (const [key, variable] of [
    ['token', 'SF_TOKEN_PATH'],
    ['products', 'SF_PRODUCTS_PATH'],
    ['payments', 'SF_PAYMENTS_PATH'],
    ['stats', 'SF_STATS_PATH'],
    ['schedule', 'SF_SCHEDULE_PATH'],
    ['consult', 'SF_CONSULT_PATH'],
    ['notifications', 'SF_NOTIFICATIONS_PATH'],
    ['health', 'SF_HEALTH_PATH'],
    ['fragments', 'SF_FRAGMENTS_PATH'],
  ] as const) {
    const value = get(variable);
    if (value === undefined) continue;
    if (!/^\/[A-Za-z0-9._~\/-]*$/.test(value) || value.includes('//') || value.includes(':')) {
      problems.push({ variable, message: `must be a path starting with /, e.g. ${DEFAULT_PATHS[key]}` });
    } else {
      paths[key] = value.replace(/(.)\/+$/, '$1');
    }
  }

  // Payments secret (never echoed)
  const paymentsSecret = get('SF_PAYMENTS_SECRET');
  if (paymentsSecret !== undefined && paymentsSecret.length < 24) {
    problems.push({ variable: 'SF_PAYMENTS_SECRET', message: 'must be at least 24 characters (e.g. openssl rand -hex 32)' });
  }
  if (paymentsSecret === undefined) warnings.push('SF_PAYMENTS_SECRET is not set: the payments route is off');
  const statsSecret = get('SF_STATS_SECRET');
  if (statsSecret !== undefined && statsSecret.length < 24) {
    problems.push({ variable: 'SF_STATS_SECRET', message: 'must be at least 24 characters (e.g. openssl rand -hex 32)' });
  }

  const notificationsSecret = get('SF_NOTIFICATIONS_SECRET');
  if (notificationsSecret !== undefined && notificationsSecret.length < 24) {
    problems.push({ variable: 'SF_NOTIFICATIONS_SECRET', message: 'must be at least 24 characters (e.g. openssl rand -hex 32)' });
  }

  // Admin credentials (both or neither; the password is never echoed)
  const adminId = get('SF_ADMIN_ID');
  const adminPassword = env.SF_ADMIN_PASSWORD !== undefined && env.SF_ADMIN_PASSWORD !== '' ? env.SF_ADMIN_PASSWORD : undefined;
  let admin: ServerConfig['admin'];
  if ((adminId === undefined) !== (adminPassword === undefined)) {
    problems.push({
      variable: adminId === undefined ? 'SF_ADMIN_ID' : 'SF_ADMIN_PASSWORD',
      message: 'set both SF_ADMIN_ID and SF_ADMIN_PASSWORD, or neither',
    });
  } else if (adminId !== undefined && adminPassword !== undefined) {
    const lifeTime = get('SF_ADMIN_LIFETIME_DAYS');
    admin = { id: adminId, password: adminPassword };
    if (lifeTime !== undefined) admin.lifeTimeDays = integer('SF_ADMIN_LIFETIME_DAYS', 0, 0, 365);
  } else {
    warnings.push('SF_ADMIN_ID / SF_ADMIN_PASSWORD are not set: the products route answers 503');
  }

  // Other platforms (all of a group or none; keys and tokens never echoed)
  const group = (variables: readonly string[]): Record<string, string> | undefined => {
    const values = variables.map((v) => get(v));
    const set = values.filter((v) => v !== undefined).length;
    if (set === 0) return undefined;
    if (set < variables.length) {
      problems.push({ variable: variables[values.indexOf(undefined)]!, message: `set all of ${variables.join(', ')}, or none` });
      return undefined;
    }
    return Object.fromEntries(variables.map((v, i) => [v, values[i]!]));
  };
  const httpBase = (variable: string, value: string): string | undefined => {
    try {
      const url = new URL(value);
      if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.search) return value.replace(/\/+$/, '');
    } catch {
      /* reported below */
    }
    problems.push({ variable, message: 'must be an http(s) URL without credentials or query' });
    return undefined;
  };
  const ss = group(['SF_SMARTSTREAM_API_BASE', 'SF_SMARTSTREAM_MERCHANT_ID', 'SF_SMARTSTREAM_API_KEY']);
  let smartstream: SmartStreamConfig | undefined;
  if (ss) {
    const apiBase = httpBase('SF_SMARTSTREAM_API_BASE', ss.SF_SMARTSTREAM_API_BASE!);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(ss.SF_SMARTSTREAM_MERCHANT_ID!)) problems.push({ variable: 'SF_SMARTSTREAM_MERCHANT_ID', message: 'letters, digits, _ and - (1–64)' });
    else if (apiBase) smartstream = { apiBase, merchantId: ss.SF_SMARTSTREAM_MERCHANT_ID!, apiKey: ss.SF_SMARTSTREAM_API_KEY! };
  }
  const lm = group(['SF_LIVEMINUTES_ACCOUNT_SID', 'SF_LIVEMINUTES_AUTH_TOKEN', 'SF_LIVEMINUTES_HOST_ID']);
  let liveMinutes: LiveMinutesConfig | undefined;
  if (lm) {
    const base = get('SF_LIVEMINUTES_API_BASE');
    const apiBase = base === undefined ? undefined : httpBase('SF_LIVEMINUTES_API_BASE', base);
    if (lm.SF_LIVEMINUTES_HOST_ID!.length > 50) problems.push({ variable: 'SF_LIVEMINUTES_HOST_ID', message: 'at most 50 characters (LiveMinutes hostid)' });
    else liveMinutes = { accountSid: lm.SF_LIVEMINUTES_ACCOUNT_SID!, authToken: lm.SF_LIVEMINUTES_AUTH_TOKEN!, hostId: lm.SF_LIVEMINUTES_HOST_ID!, ...(apiBase ? { apiBase } : {}) };
  }

  // Rate limit
  const rateOff = get('SF_RATE_LIMIT_PER_MIN') === '0';
  const rateLimit: ServerConfig['rateLimit'] = rateOff
    ? false
    : {
        burst: integer('SF_RATE_LIMIT_BURST', DEFAULTS.rateLimit.burst, 1, 100_000),
        perMinute: integer('SF_RATE_LIMIT_PER_MIN', DEFAULTS.rateLimit.perMinute, 0, 1_000_000),
      };
  const trustedProxyHops = integer('SF_TRUST_PROXY_HOPS', 0, 0, 10);

  // Outbox
  const outboxFile = get('SF_OUTBOX_FILE') ?? DEFAULTS.outboxFile;
  const outbox: ServerConfig['outbox'] = outboxFile === 'memory' ? { kind: 'memory' } : { kind: 'file', file: outboxFile };
  if (outbox.kind === 'memory') warnings.push('SF_OUTBOX_FILE=memory: undelivered payment reports are lost on restart');

  // Shared stores for several instances (the URLs may hold passwords: never echoed)
  const databaseUrl = get('SF_DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/.test(databaseUrl)) {
    problems.push({ variable: 'SF_DATABASE_URL', message: 'must be a postgres:// URL, e.g. postgres://sauceflex@db.internal:5432/sauceflex' });
  }
  const redisUrl = get('SF_REDIS_URL');
  if (redisUrl !== undefined && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push({ variable: 'SF_REDIS_URL', message: 'must be a redis:// (or rediss://) URL, e.g. redis://cache.internal:6379/0' });
  }
  if (databaseUrl !== undefined && get('SF_OUTBOX_FILE') !== undefined) warnings.push('SF_DATABASE_URL is set: SF_OUTBOX_FILE is not used');

  const config: ServerConfig & { privateKey: KeyObject } = {
    partnerId,
    apiBase,
    privateKey: privateKey as KeyObject,
    allowedOrigins,
    tokenTtlSec,
    paths,
    rateLimit,
    trustedProxyHops,
    outbox,
    maskNickNames: flag('SF_MASK_NICKNAMES'),
    productCacheTtlSec: integer('SF_PRODUCT_CACHE_TTL_SEC', DEFAULTS.productCacheTtlSec, 0, 3600),
    upstreamTimeoutMs: integer('SF_UPSTREAM_TIMEOUT_MS', DEFAULTS.upstreamTimeoutMs, 100, 120_000),
    host: get('SF_HOST') ?? DEFAULTS.host,
    port: integer('SF_PORT', DEFAULTS.port, 0, 65535),
  };
  if (paymentsSecret !== undefined) config.paymentsSecret = paymentsSecret;
  if (statsSecret !== undefined) config.statsSecret = statsSecret;
  if (notificationsSecret !== undefined) config.notificationsSecret = notificationsSecret;
  if (admin) config.admin = admin;
  if (smartstream) config.smartstream = smartstream;
  if (liveMinutes) config.liveMinutes = liveMinutes;
  if (databaseUrl !== undefined) config.databaseUrl = databaseUrl;
  if (redisUrl !== undefined) config.redisUrl = redisUrl;

  if (problems.length) throw new ConfigError(problems);
  const loaded: LoadedConfig = { config, warnings };
  if (devKeys) loaded.devKeys = devKeys;
  return loaded;
}

function tryKey(parse: () => KeyObject, problems: { variable: string; message: string }[]): KeyObject | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.problems);
    else problems.push({ variable: 'SF_PRIVATE_KEY', message: 'the private key could not be read' });
    return undefined;
  }
}

/** A one-line description of a configuration for the start-up log: no key, password or secret in it. */
export function describeConfig(config: ServerConfig): Record<string, unknown> {
  return {
    partnerId: config.partnerId,
    apiBase: config.apiBase,
    allowedOrigins: config.allowedOrigins,
    tokenTtlSec: config.tokenTtlSec ?? DEFAULTS.tokenTtlSec,
    paths: { ...DEFAULT_PATHS, ...config.paths },
    payments: config.paymentsSecret ? 'on' : 'off',
    stats: config.admin ? (config.statsSecret ? 'secret or hook' : 'hook only') : 'off',
    notifications: config.admin && config.notificationsSecret ? 'on' : 'off',
    admin: config.admin ? 'configured' : 'off',
    sources: config.smartstream ? ['smartstream'] : [],
    consult: config.liveMinutes ? 'on' : 'off',
    rateLimit: config.rateLimit ?? DEFAULTS.rateLimit,
    outbox: config.databaseUrl ? { kind: 'postgres', url: redactUrl(config.databaseUrl) } : (config.outbox ?? { kind: 'file', file: DEFAULTS.outboxFile }),
    ...(config.redisUrl ? { redis: redactUrl(config.redisUrl) } : {}),
  };
}

/** A connection URL for a log line: the password replaced. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unreadable URL)';
  }
}
