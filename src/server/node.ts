/**
 * `npm run serve`: the backend configured from the environment (see src/server/DEPLOY.md).
 * A configuration problem prints which variable is wrong and exits with status 1 — never a secret.
 * SIGINT/SIGTERM close it cleanly (the payments outbox is synced and closed).
 */
import { ConfigError, describeConfig, loadConfig } from './config.js';
import { consoleLogger } from './log.js';
import { startServer } from './start.js';

async function main(): Promise<void> {
  const levels = ['debug', 'info', 'warn', 'error'] as const;
  const level = levels.find((l) => l === process.env.SF_LOG_LEVEL) ?? 'info';
  const log = consoleLogger(level);
  const { config, warnings, devKeys } = loadConfig(process.env);
  for (const warning of warnings) log.warn(warning);
  // The demo login cookie is only for development keys; a real shop wires resolveMember to its session.
  // Demo-only code stays in demo/ and is loaded only when the demo login is on.
  const demo = devKeys !== undefined || process.env.SF_DEMO_LOGIN === '1';
  const resolveMember = demo ? (await import('../../demo/demo-member.js')).demoResolveMember : undefined;
  const server = await startServer({
    config,
    hooks: { log, ...(resolveMember ? { resolveMember } : {}) },
  });
  log.info(`listening on ${server.origin}`, describeConfig(config));
  if (devKeys) log.info(`development public key: ${devKeys.publicKeyFile}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`sauceflex server could not start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  process.exit(1);
});
