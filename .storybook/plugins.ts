/**
 * Node side of the Storybook set-up (imported by main.ts):
 * - `generateManifest()`: custom-elements.json from the source (the analyzer with the project's
 *   custom-elements-manifest.config.mjs), before every dev start and build; `manifestWatcher()`
 *   regenerates it in dev when an element's class changes, so controls and docs follow the JSDoc.
 * - `storybookMedia()`: what the stand-in serves besides its API, so no story request fails:
 *   the placeholder thumbnails the fixtures point at (`/media/img/<name>.svg`, generated with the
 *   stand-in's own `placeholderSvg`) and a deliberately broken playlist (`/media/broken/index.m3u8`)
 *   for the player's error state; the stand-in's sauceFlex player page for each broadcast
 *   (`/player/broadcast/<id>.html`, the stand-in's own `playerPage`, with hls.js beside it) for
 *   `<sf-live-player>`. Served by the dev server and emitted into the static build. (The real HLS
 *   stream, demo/media/preview, is a plain `staticDirs` entry.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { broadcastFixtures, curationFixtures, productFixtures } from '../demo/standin/fixtures.js';
import { placeholderSvg } from '../demo/standin/media.js';
import { playerPage } from '../demo/standin/player-page.js';

const HLS_PATH = '/player/assets/hls.mjs';

/** The stand-in's player page of a fixture broadcast, as `<sf-live-player>` embeds it in the stories. */
function storyPlayerPage(broadcastId: string): string | undefined {
  // Origin '': the stream and the links are paths on whatever origin serves the stories (dev server or a static copy).
  const broadcast = broadcastFixtures(Date.now(), '').find((b) => b.broadcastId === broadcastId);
  if (!broadcast) return undefined;
  const products = productFixtures('');
  return playerPage(broadcast, { tokenPassed: false, hostile: false, hlsUrl: HLS_PATH, productOf: (id) => products.find((p) => p.productId === id) });
}
const hlsModule = () => readFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs'));

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Not an m3u8 (no #EXTM3U): hls.js reports a fatal manifest parsing error. */
export const BROKEN_PLAYLIST = 'This is not a playlist.\n';

export function generateManifest(): void {
  const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  execFileSync(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

export function manifestWatcher(): Plugin {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    name: 'sauceflex:custom-elements-manifest',
    apply: 'serve',
    configureServer(server) {
      // theme.ts too: the manifest takes the shared theme defaults from it.
      const watched = /src\/(elements\/[^/]+\/[^/]+\.component\.ts|shared\/(sauceflex-element|theme)\.ts)$/;
      server.watcher.on('change', (file) => {
        if (!watched.test(file.replace(/\\/g, '/'))) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          try {
            generateManifest();
          } catch (error) {
            server.config.logger.error(`custom-elements.json not regenerated: ${String(error)}`);
          }
        }, 200);
      });
    },
  };
}

/** Every placeholder image name the fixtures refer to. */
function imageNames(): string[] {
  const urls: string[] = [];
  for (const b of broadcastFixtures(Date.now(), '')) {
    urls.push(b.partnerProfileImageUrl ?? '', ...(b.thumbnailList ?? []).map((t) => t.thumbnailUrl), ...(b.broadcastThumbnailList ?? []).map((t) => t.thumbnailUrl));
    for (const p of b.productListDetail ?? []) urls.push(...(p.productThumbnailUrlList ?? []).map((t) => t.thumbnailUrl));
  }
  for (const p of productFixtures('')) urls.push(...(p.productThumbnailUrlList ?? []).map((t) => t.thumbnailUrl));
  for (const c of curationFixtures('')) urls.push(c.imageUrl ?? '');
  // The SmartSTREAM source's previews and the consultation's stand-in page (.storybook/mock/backend.ts).
  for (let i = 0; i < 8; i++) urls.push(`/media/img/smartstream-${i}.svg`);
  urls.push('/media/img/consultation.svg');
  const names = new Set<string>();
  for (const url of urls) {
    const match = /^\/media\/img\/([\w-]+)\.svg$/.exec(url);
    if (match) names.add(match[1]!);
  }
  return [...names].sort();
}

export function storybookMedia(): Plugin {
  return {
    name: 'sauceflex:storybook-media',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        const image = /^\/media\/img\/([\w-]+)\.svg$/.exec(path);
        if (image) {
          res.setHeader('content-type', 'image/svg+xml; charset=utf-8');
          res.end(placeholderSvg(image[1]!));
          return;
        }
        const player = /^\/player\/broadcast\/([\w-]+)\.html$/.exec(path);
        const page = player ? storyPlayerPage(player[1]!) : undefined;
        if (page) {
          res.setHeader('content-type', 'text/html; charset=utf-8');
          res.end(page);
          return;
        }
        if (path === HLS_PATH) {
          res.setHeader('content-type', 'text/javascript');
          res.end(hlsModule());
          return;
        }
        if (path === '/media/broken/index.m3u8') {
          res.setHeader('content-type', 'application/vnd.apple.mpegurl');
          res.end(BROKEN_PLAYLIST);
          return;
        }
        next();
      });
    },
    generateBundle() {
      for (const name of imageNames()) {
        this.emitFile({ type: 'asset', fileName: `media/img/${name}.svg`, source: placeholderSvg(name) });
      }
      this.emitFile({ type: 'asset', fileName: 'media/broken/index.m3u8', source: BROKEN_PLAYLIST });
      for (const broadcast of broadcastFixtures(Date.now(), '')) {
        this.emitFile({ type: 'asset', fileName: `player/broadcast/${broadcast.broadcastId}.html`, source: storyPlayerPage(broadcast.broadcastId)! });
      }
      this.emitFile({ type: 'asset', fileName: HLS_PATH.slice(1), source: hlsModule() });
    },
  };
}
