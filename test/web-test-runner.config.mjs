// Browser tests: real Chromium (Debian's), TypeScript through esbuild, the local sauceFlex stand-in
// started here on an ephemeral loopback port and announced to every test page as `__SF_TEST__`.
// Run through `node --import tsx` (see package.json) so this file can import the TypeScript stand-in.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { fileURLToPath } from 'node:url';
import { startStandin } from '../demo/standin/index.ts';
import { chromiumArgs, chromiumPath } from './support/chromium.ts';

const standin = await startStandin({ host: '127.0.0.1', port: 0 });
process.on('exit', () => void standin.close());


export default {
  rootDir: fileURLToPath(new URL('..', import.meta.url)),
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts'],
  hostname: '127.0.0.1',
  nodeResolve: { exportConditions: ['production'] },
  // Test files share one stand-in (its faults, counters and reset): one file at a time.
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath(),
        headless: true,
        args: ['--headless=new', ...chromiumArgs],
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="ko">
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.__SF_TEST__ = ${JSON.stringify({ standinOrigin: standin.origin, apiBase: standin.apiBase })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  async serverStop() {
    await standin.close();
  },
};
