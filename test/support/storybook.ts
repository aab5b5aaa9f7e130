/**
 * Storybook as CI runs it, shared by the story test and `npm run shots`: `storybook build` into a
 * folder, served read-only on 127.0.0.1, each story opened by id in its iframe.
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer-core';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
  title: string;
  name: string;
  tags?: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.map': 'application/json',
};

/** Serves `dir` read-only on an ephemeral loopback port. */
export async function serveStatic(dir: string): Promise<{ origin: string; server: Server }> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root)) file = root; // no way out of the folder
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'public, max-age=3600' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Builds Storybook into `outDir`; resolves with the milliseconds it took. */
export async function buildStorybook(outDir: string): Promise<number> {
  const pkg = createRequire(import.meta.url).resolve('storybook/package.json');
  const declared = (JSON.parse(readFileSync(pkg, 'utf8')) as { bin: string | Record<string, string> }).bin;
  const bin = typeof declared === 'string' ? declared : declared.storybook!;
  const started = performance.now();
  await promisify(execFile)(process.execPath, [join(pkg, '..', bin), 'build', '-o', outDir, '--quiet'], {
    cwd: repoRoot,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: 'true' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return performance.now() - started;
}

export function readIndex(outDir: string): IndexEntry[] {
  const index = JSON.parse(readFileSync(join(outDir, 'index.json'), 'utf8')) as { entries: Record<string, IndexEntry> };
  return Object.values(index.entries);
}

/** The iframe URL of an entry, in a toolbar language. */
export function entryUrl(origin: string, entry: IndexEntry, locale = 'ko'): string {
  const viewMode = entry.type === 'docs' ? 'docs' : 'story';
  return `${origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${viewMode}&globals=locale:${locale}`;
}

/** Waits until the story (and its play function) reports rendered or errored (.storybook/preview.ts). */
export async function storyStatus(page: Page, timeoutMs: number): Promise<{ phase: string; error?: string }> {
  try {
    const handle = await page.waitForFunction(
      () => {
        const s = (window as unknown as { __sfStoryStatus?: { phase: string; error?: string } }).__sfStoryStatus;
        return s && s.phase !== 'rendering' ? { phase: s.phase, error: s.error } : false;
      },
      { timeout: timeoutMs, polling: 50 },
    );
    return (await handle.jsonValue()) as { phase: string; error?: string };
  } catch (error) {
    return { phase: 'timeout', error: String(error) };
  }
}

/**
 * Lets functions written here run in the page: tsx compiles them with esbuild's keepNames, which
 * wraps named functions in a `__name(…)` helper the page does not have.
 */
export async function preparePage(page: Page): Promise<void> {
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn');
}

/** Resizes the page and waits two frames, so container queries and layout have settled. */
export async function atWidth(page: Page, width: number, height = 900): Promise<void> {
  await page.setViewport({ width, height });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

export const LAYOUT_WIDTHS = [320, 390, 768, 1280] as const;
