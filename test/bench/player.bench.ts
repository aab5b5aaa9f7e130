/**
 * Player start: time to first frame of `<sf-preview-player engine="hlsjs">` (built ES entry
 * `elements/preview-player.js`) against bare hls.js — `new Hls(); loadSource; attachMedia; play` —
 * on the same local stream (demo/media/preview, served by the bench server with `no-store`, so
 * every start fetches playlist, init segment and media again) and the same hls.js file (the ES
 * build's `hls.light-*.js` chunk), alternating which goes first. First frame =
 * requestVideoFrameCallback (fallback: 'playing' with currentTime > 0), timed from just before the
 * player (or the bare <video>) is put in the page.
 *
 * - warm: one page, hls.js already imported on both sides (one uncounted warm-up start each);
 * - cold: a fresh browser context per start, hls.js fetched and evaluated inside the timing — what
 *   a shopper's first play costs.
 *
 * hls.js starts either at once or on its stream controller's next 100-ms tick, so single starts
 * are bimodal (~30 ms or ~130 ms here); the means are kept beside the medians.
 */
import type { Browser, Page } from 'puppeteer-core';
import { median, ratio, round, spread } from './stats.js';

export interface StartFigures {
  reps: number;
  elementMs: number;
  bareMs: number;
  ratio: number;
  elementMeanMs: number;
  bareMeanMs: number;
  meanRatio: number;
  elementRange: [number, number];
  bareRange: [number, number];
}

export interface PlayerResult {
  warm: StartFigures;
  cold: StartFigures;
  /** How the first frame was detected. */
  via: string;
  stream: string;
}

interface Start {
  ms: number;
  via: string;
  engine: string;
}

const call = <T>(page: Page, fn: string, args: object): Promise<T> => page.evaluate(`window.sfBench.${fn}(${JSON.stringify(args)})`) as Promise<T>;

async function openPage(browser: Browser, origin: string) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 400, height: 600 });
  await page.goto(`${origin}/bench/player.html`, { waitUntil: 'load' });
  await page.waitForFunction('window.sfBenchReady === true', { timeout: 20_000 });
  return { context, page };
}

function figures(element: Start[], bare: Start[]): StartFigures {
  const e = element.map((s) => s.ms);
  const b = bare.map((s) => s.ms);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const range = (values: number[]): [number, number] => {
    const { min, max } = spread(values);
    return [round(min, 1), round(max, 1)];
  };
  return {
    reps: e.length,
    elementMs: round(median(e), 1),
    bareMs: round(median(b), 1),
    ratio: ratio(median(e), median(b)),
    elementMeanMs: round(mean(e), 1),
    bareMeanMs: round(mean(b), 1),
    meanRatio: ratio(mean(e), mean(b)),
    elementRange: range(e),
    bareRange: range(b),
  };
}

export async function runPlayerBench(options: {
  browser: Browser;
  origin: string;
  hlsChunk: string;
  warmReps?: number;
  coldReps?: number;
  log?: (line: string) => void;
}): Promise<PlayerResult> {
  const { browser, origin } = options;
  const warmReps = options.warmReps ?? 31;
  const coldReps = options.coldReps ?? 6;
  const log = options.log ?? (() => undefined);
  const debug = process.env.SF_BENCH_DEBUG ? log : () => undefined;
  const src = `${origin}/media/preview/index.m3u8`;
  const hlsUrl = `${origin}/dist/${options.hlsChunk}`;
  const check = (side: string, start: Start) => {
    if (start.engine !== 'hlsjs') throw new Error(`${side} played with ${start.engine}, not hls.js`);
    debug(`  ${side}: ${JSON.stringify(start)}`);
    return start;
  };
  const via = new Set<string>();

  // ---- warm: one page ----
  log(`player bench: warm, ${warmReps} starts each (+1 warm-up), alternating…`);
  const warm = { element: [] as Start[], bare: [] as Start[] };
  {
    const { context, page } = await openPage(browser, origin);
    try {
      if (!(await call<boolean>(page, 'prepare', { hlsUrl }))) throw new Error('hls.js is not supported in this Chromium');
      for (let rep = -1; rep < warmReps; rep++) {
        const order = rep % 2 === 0 ? (['element', 'bare'] as const) : (['bare', 'element'] as const);
        for (const side of order) {
          const start = check(side, await call<Start>(page, side === 'element' ? 'elementStart' : 'bareStart', { src }));
          via.add(start.via);
          if (rep >= 0) warm[side].push(start);
        }
      }
    } finally {
      await context.close();
    }
  }

  // ---- cold: a fresh context (empty cache, nothing imported) per start ----
  log(`player bench: cold, ${coldReps} starts each in fresh contexts, alternating…`);
  const cold = { element: [] as Start[], bare: [] as Start[] };
  for (let rep = 0; rep < coldReps; rep++) {
    const order = rep % 2 === 0 ? (['element', 'bare'] as const) : (['bare', 'element'] as const);
    for (const side of order) {
      const { context, page } = await openPage(browser, origin);
      try {
        const start = check(`cold ${side}`, await call<Start>(page, side === 'element' ? 'elementStart' : 'bareColdStart', { src, hlsUrl }));
        via.add(start.via);
        cold[side].push(start);
      } finally {
        await context.close();
      }
    }
  }

  const result: PlayerResult = {
    warm: figures(warm.element, warm.bare),
    cold: figures(cold.element, cold.bare),
    via: [...via].join(', '),
    stream: 'demo/media/preview (3 × 2 s fMP4, 160×90) over loopback, no-store',
  };
  log(`  warm first frame: element ${result.warm.elementMs} ms vs bare hls.js ${result.warm.bareMs} ms (${result.warm.ratio}×; means ${result.warm.meanRatio}×)`);
  log(`  cold first frame: element ${result.cold.elementMs} ms vs bare hls.js ${result.cold.bareMs} ms (${result.cold.ratio}×)`);
  return result;
}
