/**
 * A backend in a child process, for the test that kills it with SIGKILL mid-delivery. Reads
 * SF_* variables like `npm run serve` and prints `ready <origin>` once it listens.
 */
import { loadConfig } from '../../src/server/config.js';
import { silentLogger } from '../../src/server/log.js';
import { startServer } from '../../src/server/start.js';

const { config } = loadConfig(process.env);
const server = await startServer({ config, hooks: { log: silentLogger } });
process.stdout.write(`ready ${server.origin}\n`);
