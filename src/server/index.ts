/** The thin backend's public API (Node side; nothing here belongs in the browser bundle). */
export { createServerApp, checkConfig, type ServerApp, type ServerDeps, type ServerHooks } from './app.js';
export { startServer, type RunningServer, type StartServerOptions } from './start.js';
export { loadConfig, describeConfig, parsePrivateKey, ConfigError, DEFAULTS, DEFAULT_PATHS, type ServerConfig, type ServerPaths, type LoadedConfig } from './config.js';
export { ensureDevKeys, type DevKeys } from './dev-keys.js';
export {
  ViewerTokenMinter,
  validateMember,
  maskName,
  GUEST_COOKIE,
  type ViewerMember,
  type ResolveMember,
  type SignedViewerClaims,
  type MintedToken,
} from './viewer-token.js';
export { AdminClient, type AdminClientOptions, type AdminSession, type SharedAdminSession } from './admin-client.js';
export { ProductService } from './products.js';
export {
  PaymentsForwarder,
  createPaymentsClient,
  PaymentValidationError,
  PaymentsClientError,
  type PaymentsApi,
  type PaymentsSummary,
  type PaymentItemResult,
  type PaymentOutcome,
  type PaymentReportInput,
  type PaymentUpdateInput,
  type PaymentCancelInput,
  type PaymentsForwarderOptions,
} from './payments/index.js';
export {
  MemoryOutbox,
  FileOutbox,
  OutboxLockedError,
  entryId,
  payloadHash,
  type Outbox,
  type OutboxEntry,
  type NewOutboxEntry,
  type PaymentOp,
  type StoredOutcome,
  type AddResult,
} from './outbox.js';
export { createPostgres, migrate, PostgresOutbox, type PostgresStore } from './stores/postgres.js';
export { createRedis, RedisRateLimiter, type RedisStore } from './stores/redis.js';
export { StoreUnavailableError } from './stores/errors.js';
export { MemoryRateLimiter, unlimited, type RateLimiter, type RateDecision } from './rate-limit.js';
export { HttpProblem, type ErrorBody } from './http.js';
export { consoleLogger, silentLogger, type Logger } from './log.js';
