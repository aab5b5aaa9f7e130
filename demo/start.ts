/**
 * `npm start`: the whole demo on 127.0.0.1 in one process — the local sauceFlex stand-in, then the
 * demo shop (Vite dev server over demo/, importing the widgets from src/). Prints the URLs and
 * stops everything on Ctrl-C. Ports: SF_STANDIN_PORT (8787), SF_DEMO_PORT (5173); a busy port
 * falls back to a free one, and the pages learn the real URLs at request time.
 */
import { createServer, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { startStandin } from './standin/index.js';

const host = '127.0.0.1';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const demoRoot = fileURLToPath(new URL('.', import.meta.url));

/** Filled once the servers are up; the demo pages' `%SF_…%` placeholders are replaced from it. */
const urls: Record<string, string> = {};

/** Replaces `%SF_API_BASE%`-style placeholders in the demo's HTML on every request. */
function demoUrls(): Plugin {
  return {
    name: 'sauceflex-demo-urls',
    transformIndexHtml: (html) => html.replace(/%(SF_[A-Z_]+)%/g, (whole, key: string) => urls[key] ?? whole),
  };
}

async function main() {
  const vite = await createServer({
    configFile: false,
    root: demoRoot,
    publicDir: false,
    logLevel: 'warn',
    plugins: [demoUrls()],
    server: {
      host,
      port: Number(process.env.SF_DEMO_PORT ?? 5173),
      strictPort: false,
      fs: { allow: [repoRoot] },
    },
  });
  await vite.listen();
  const shopOrigin = vite.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? `http://${host}:5173`;

  const standin = await startStandin({
    host,
    port: await freePortOr(Number(process.env.SF_STANDIN_PORT ?? 8787)),
    shopOrigin,
    log: true,
  });
  Object.assign(urls, { SF_API_BASE: standin.apiBase, SF_STANDIN_ORIGIN: standin.origin, SF_SHOP_ORIGIN: shopOrigin });

  console.log(`
  sauceflex-widgets demo
    shop page        ${shopOrigin}/
    sauceFlex stand-in ${standin.apiBase}   (partner "mobidoo")
  Ctrl-C stops everything.
`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await Promise.allSettled([vite.close(), standin.close()]);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** The preferred port when it is free, else 0 (the OS picks). */
async function freePortOr(preferred: number): Promise<number> {
  const { createServer: createNetServer } = await import('node:net');
  return new Promise((resolve) => {
    const probe = createNetServer()
      .once('error', () => resolve(0))
      .once('listening', () => probe.close(() => resolve(preferred)))
      .listen(preferred, host);
  });
}

main().catch((error: unknown) => {
  console.error('demo: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
