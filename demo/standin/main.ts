/**
 * `npm run standin`: the stand-in alone, on SF_STANDIN_PORT (default 8787), logging each request.
 * SF_VIEWER_PUBLIC_KEY (an SPKI PEM) enables viewer-token checks. Ctrl-C stops it.
 */
import { startStandin } from './index.js';

const port = Number(process.env.SF_STANDIN_PORT ?? 8787);
const standin = await startStandin({
  host: process.env.SF_STANDIN_HOST ?? '127.0.0.1',
  port,
  log: true,
  ...(process.env.SF_VIEWER_PUBLIC_KEY ? { viewerPublicKey: process.env.SF_VIEWER_PUBLIC_KEY } : {}),
  ...(process.env.SF_SHOP_ORIGIN ? { shopOrigin: process.env.SF_SHOP_ORIGIN } : {}),
});
console.log(`sauceFlex stand-in listening on ${standin.origin}  (API ${standin.apiBase}, partner "mobidoo")`);

const stop = async (signal: string) => {
  console.log(`\n${signal}: stopping the stand-in`);
  await standin.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
