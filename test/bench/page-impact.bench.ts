/**
 * Page impact: the bench shop page (test/bench/shop-page.html, in the manner of demo/index.html)
 * with the widgets from the BUILT bundle — the ES entry (`<script type="module"
 * src="/dist/sauceflex-widgets.js">`) or the IIFE (`<script defer src="/dist/sauceflex-widgets.iife.js">`)
 * — and without them (the same page, widget tags and script removed), in headless Chromium, against
 * the bench server. Each load is a fresh browser context (empty cache); the three variants
 * alternate. Lighthouse is not needed: the same metrics come from PerformanceObserver entries and
 * the DevTools protocol.
 *
 * Settings: Lighthouse's mobile profile as DevTools throttling applies it — 412×823 viewport, CPU
 * slowed ×4, network 562.5 ms request latency / 1,474.56 kbit/s down / 675 kbit/s up (Lighthouse's
 * "slow 4G" with its DevTools adjustment factors; SF_BENCH_NETWORK=off for loopback speed). The
 * server speaks HTTP/1.1 (six connections per host), so ES module waterfalls cost more than over
 * HTTP/2. The page and bundles come from the shop's origin, the API and pictures from a second one
 * (sauceFlex's), as in production. The page is watched until the network has been quiet for 1 s after `load` (at most 30 s);
 * nothing is clicked or typed, so everything counted happened "before interaction".
 *
 * - FCP: the `first-contentful-paint` paint entry.
 * - LCP: the last `largest-contentful-paint` entry (there is no input to stop it earlier).
 * - CLS: layout-shift entries without recent input, grouped into session windows (gap < 1 s, window
 *   ≤ 5 s); the largest window's sum, as Core Web Vitals define it.
 * - TBT: for each long task (> 50 ms) after FCP, the part beyond 50 ms (a task straddling FCP counts
 *   from FCP). Lighthouse stops at TTI; here the window ends when the page is quiet.
 * - JS bytes: `encodedDataLength` (bytes on the wire, headers included) of every response of type
 *   Script, from the DevTools protocol; hls.js is counted apart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { repoRoot } from './build.js';
import { median, round, sleep } from './stats.js';

export interface PageLoad {
  fcpMs: number;
  lcpMs: number;
  lcpElement: string;
  cls: number;
  shiftSources: string[];
  /** Each layout shift: when (ms), how much, which nodes moved. */
  shifts: Array<{ at: number; value: number; moved: string[] }>;
  tbtMs: number;
  longTasks: number;
  /** Each long task after FCP: when it started and how long it took (ms). */
  longTaskTimes: Array<{ at: number; ms: number }>;
  jsBytes: number;
  jsFiles: number;
  hlsBytes: number;
  requests: number;
  contentEncoding: string;
  observedMs: number;
  /** When the steps the largest paint waits for happened (ms from navigation; see `waitingChain`). */
  chain: WaitingChain;
  /** Page errors and console errors during the load (should be none). */
  errors: string[];
}

/**
 * The requests a client-rendered picture waits for, each only possible once the one before it
 * answered: the HTML, the loader's entry, its static imports (core and API chunks), the element's
 * code, the API answer, the picture. Each is a round trip (562.5 ms of latency on slow 4G), so
 * this, not our CPU time, is what separates the client-only LCP from plain HTML's.
 */
export interface WaitingChain {
  htmlEnd?: number;
  entryEnd?: number;
  coreEnd?: number;
  apiStart?: number;
  apiEnd?: number;
  elementCodeEnd?: number;
  pictureStart?: number;
  pictureEnd?: number;
}

export interface PageMetrics {
  fcpMs: number;
  lcpMs: number;
  cls: number;
  tbtMs: number;
  jsBytes: number;
  hlsBytes: number;
  jsFiles: number;
  longTasks: number;
}

/** none: without widgets; plain: the schedules as server-written HTML, no JavaScript (the physical best); ssr: our server-rendered schedules, hydrated by the ES entry. */
export type Variant = 'none' | 'es' | 'iife' | 'plain' | 'ssr';

export interface VariantSummary extends PageMetrics {
  /** This variant − without widgets (zero for `none`). */
  difference: PageMetrics;
  lcpElements: string[];
  shiftSources: string[];
  /** The waiting chain of the load whose LCP is the median. */
  chain: WaitingChain;
  /** The long tasks of the load whose TBT is the median. */
  longTaskTimes: Array<{ at: number; ms: number }>;
  loads: PageLoad[];
}

export interface PageImpactResult {
  settings: { viewport: string; cpuSlowdown: number; network: string; loads: number; quietMs: number; protocol: string };
  variants: Record<Variant, VariantSummary>;
  errors: string[];
}

interface PerfEntries {
  fcp?: number;
  lcp: Array<{ startTime: number; size: number; element: string; url: string }>;
  shifts: Array<{ startTime: number; value: number; hadRecentInput: boolean; sources: string[] }>;
  longtasks: Array<{ startTime: number; duration: number }>;
}

const VIEWPORT = { width: 412, height: 823 };
const QUIET_MS = 1_000;
const MAX_WATCH_MS = 30_000;
/** Lighthouse's mobile "slow 4G", times its DevTools-throttling adjustment factors (RTT ×3.75, throughput ×0.9). */
export const SLOW_4G = { latency: 150 * 3.75, downloadKbps: 1.6 * 1024 * 0.9, uploadKbps: 750 * 0.9 };

export async function runPageImpactBench(options: {
  browser: Browser;
  origin: string;
  loads?: number;
  cpuSlowdown?: number;
  /** false: no network throttling (loopback speed). */
  throttleNetwork?: boolean;
  log?: (line: string) => void;
}): Promise<PageImpactResult> {
  const loads = options.loads ?? 5;
  const cpuSlowdown = options.cpuSlowdown ?? 4;
  const network = options.throttleNetwork ?? true;
  const log = options.log ?? (() => undefined);
  const observer = readFileSync(join(repoRoot, 'test/bench/browser/perf-observer.js'), 'utf8');
  const runs: Record<Variant, PageLoad[]> = { none: [], es: [], iife: [], plain: [], ssr: [] };
  const variants: Variant[] = ['es', 'none', 'iife', 'plain', 'ssr'];
  log(`page impact: ${loads} loads per variant (ES, IIFE, none, plain HTML, SSR), rotating, fresh context each, CPU ×${cpuSlowdown}, ${network ? 'slow 4G' : 'unthrottled network'}, ${VIEWPORT.width}×${VIEWPORT.height}…`);
  for (let rep = 0; rep < loads; rep++) {
    // Rotate the order so no variant always goes first.
    const order = variants.map((_, i) => variants[(i + rep) % variants.length]!);
    for (const variant of order) {
      runs[variant].push(await loadOnce(options.browser, `${options.origin}/shop.html?widgets=${variant}`, observer, cpuSlowdown, network));
    }
  }
  const summarize = (list: PageLoad[]): PageMetrics => ({
    fcpMs: round(median(list.map((l) => l.fcpMs)), 1),
    lcpMs: round(median(list.map((l) => l.lcpMs)), 1),
    cls: round(median(list.map((l) => l.cls)), 4),
    tbtMs: round(median(list.map((l) => l.tbtMs)), 1),
    jsBytes: median(list.map((l) => l.jsBytes)),
    hlsBytes: median(list.map((l) => l.hlsBytes)),
    jsFiles: median(list.map((l) => l.jsFiles)),
    longTasks: median(list.map((l) => l.longTasks)),
  });
  const distinct = (values: string[]) => [...new Set(values.filter(Boolean))];
  const base = summarize(runs.none);
  const summary = (variant: Variant): VariantSummary => {
    const metrics = summarize(runs[variant]);
    const difference = Object.fromEntries(
      Object.keys(metrics).map((key) => {
        const k = key as keyof PageMetrics;
        return [k, round(metrics[k] - base[k], k === 'cls' ? 4 : 1)];
      }),
    ) as unknown as PageMetrics;
    return {
      ...metrics,
      difference,
      lcpElements: distinct(runs[variant].map((l) => l.lcpElement)),
      shiftSources: distinct(runs[variant].flatMap((l) => l.shiftSources)),
      chain: [...runs[variant]].sort((a, b) => a.lcpMs - b.lcpMs)[Math.floor(runs[variant].length / 2)]?.chain ?? {},
      longTaskTimes: [...runs[variant]].sort((a, b) => a.tbtMs - b.tbtMs)[Math.floor(runs[variant].length / 2)]?.longTaskTimes ?? [],
      loads: runs[variant],
    };
  };
  const result: PageImpactResult = {
    settings: {
      viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
      cpuSlowdown,
      network: network
        ? `slow 4G as Lighthouse applies it with DevTools: ${SLOW_4G.latency} ms latency, ${SLOW_4G.downloadKbps.toFixed(0)} kbit/s down, ${SLOW_4G.uploadKbps.toFixed(0)} kbit/s up`
        : 'loopback, unthrottled',
      loads,
      quietMs: QUIET_MS,
      protocol: 'HTTP/1.1 (6 connections per host); bundles served brotli or gzip per Accept-Encoding',
    },
    variants: { none: summary('none'), es: summary('es'), iife: summary('iife'), plain: summary('plain'), ssr: summary('ssr') },
    errors: distinct(Object.values(runs).flat().flatMap((l) => l.errors)),
  };
  for (const variant of variants) {
    const v = result.variants[variant];
    log(`  ${variant}: FCP ${v.fcpMs} ms, LCP ${v.lcpMs} ms, CLS ${v.cls}, TBT ${v.tbtMs} ms, JS ${v.jsBytes} B`);
  }
  return result;
}

async function loadOnce(browser: Browser, url: string, observer: string, cpuSlowdown: number, throttleNetwork: boolean): Promise<PageLoad> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.setViewport({ ...VIEWPORT, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    if (throttleNetwork) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: SLOW_4G.latency,
        downloadThroughput: (SLOW_4G.downloadKbps * 1024) / 8,
        uploadThroughput: (SLOW_4G.uploadKbps * 1024) / 8,
      });
    }
    const inflight = new Set<string>();
    const scripts = new Map<string, string>();
    const encodings = new Set<string>();
    let requests = 0;
    let jsBytes = 0;
    let jsFiles = 0;
    let hlsBytes = 0;
    let lastActivity = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!inflight.has(e.requestId)) requests++;
      inflight.add(e.requestId);
      lastActivity = Date.now();
    });
    cdp.on('Network.responseReceived', (e) => {
      if (e.type !== 'Script') return;
      scripts.set(e.requestId, e.response.url);
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      encodings.add(headers['content-encoding'] ?? 'identity');
    });
    cdp.on('Network.loadingFinished', (e) => {
      inflight.delete(e.requestId);
      lastActivity = Date.now();
      const scriptUrl = scripts.get(e.requestId);
      if (scriptUrl === undefined) return;
      jsBytes += e.encodedDataLength;
      jsFiles++;
      if (/hls\.light-|sauceflex-hls\.js/.test(scriptUrl)) hlsBytes += e.encodedDataLength;
    });
    cdp.on('Network.loadingFailed', (e) => {
      inflight.delete(e.requestId);
      lastActivity = Date.now();
    });
    await page.evaluateOnNewDocument(observer);
    const started = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    while (Date.now() - started < MAX_WATCH_MS && (inflight.size > 0 || Date.now() - lastActivity < QUIET_MS)) await sleep(50);
    const observedMs = Date.now() - started;
    const perf = (await page.evaluate('window.__sfPerf')) as PerfEntries;
    const fcp = perf.fcp ?? Number.NaN;
    const lcp = perf.lcp.at(-1);
    const timings = (await page.evaluate(RESOURCE_TIMINGS)) as ResourceTiming[];
    return {
      fcpMs: round(fcp, 1),
      lcpMs: round(lcp?.startTime ?? Number.NaN, 1),
      // An element inside a shadow root is reported as null: the URL still tells which picture it was.
      lcpElement: lcp ? `${lcp.element || 'in a shadow root'}${lcp.url ? ` (${lcp.url.replace(/^https?:\/\/[^/]+/, '')})` : ''}` : '',
      cls: round(cumulativeLayoutShift(perf.shifts), 4),
      shiftSources: perf.shifts.filter((s) => !s.hadRecentInput).flatMap((s) => s.sources),
      shifts: perf.shifts.filter((s) => !s.hadRecentInput).map((s) => ({ at: round(s.startTime, 0), value: round(s.value, 4), moved: s.sources })),
      tbtMs: round(totalBlockingTime(perf.longtasks, fcp), 1),
      longTasks: perf.longtasks.length,
      longTaskTimes: perf.longtasks.filter((t) => t.startTime + t.duration > fcp).map((t) => ({ at: round(t.startTime, 0), ms: round(t.duration, 0) })),
      jsBytes,
      jsFiles,
      hlsBytes,
      requests,
      contentEncoding: [...encodings].join(',') || 'none',
      observedMs,
      chain: waitingChain(timings, lcp?.url),
      errors,
    };
  } finally {
    await context.close();
  }
}

interface ResourceTiming {
  path: string;
  start: number;
  end: number;
}

/** The navigation and every resource, as source text (tsx would add helpers to a function passed to evaluate). */
const RESOURCE_TIMINGS = `[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .map((e) => ({ path: e.entryType === 'navigation' ? '(html)' : new URL(e.name).pathname, start: Math.round(e.startTime), end: Math.round(e.responseEnd) }))`;

export function waitingChain(timings: ResourceTiming[], pictureUrl = ''): WaitingChain {
  const first = (test: (path: string) => boolean) => timings.filter((t) => test(t.path)).sort((a, b) => a.start - b.start)[0];
  const last = (test: (path: string) => boolean) => timings.filter((t) => test(t.path)).sort((a, b) => b.end - a.end)[0];
  const picture = pictureUrl ? first((path) => path === new URL(pictureUrl).pathname) : undefined;
  const api = first((path) => path.includes('/front/broadcast/'));
  return {
    htmlEnd: first((path) => path === '(html)')?.end,
    entryEnd: first((path) => /sauceflex-widgets(\.iife)?\.js$/.test(path))?.end,
    coreEnd: last((path) => /\/(core|api)-[\w-]+\.js$/.test(path))?.end,
    apiStart: api?.start,
    apiEnd: api?.end,
    elementCodeEnd: last((path) => /\/(elements\/schedule|elements-shared-[\w-]+|broadcast-card-[\w-]+)\.js$/.test(path))?.end,
    pictureStart: picture?.start,
    pictureEnd: picture?.end,
  };
}

/** Core Web Vitals CLS: the largest session window (shifts < 1 s apart, window ≤ 5 s), input-driven shifts left out. */
export function cumulativeLayoutShift(shifts: PerfEntries['shifts']): number {
  let best = 0;
  let current = 0;
  let windowStart = -Infinity;
  let previous = -Infinity;
  for (const shift of shifts) {
    if (shift.hadRecentInput) continue;
    if (shift.startTime - previous >= 1_000 || shift.startTime - windowStart >= 5_000) {
      current = 0;
      windowStart = shift.startTime;
    }
    current += shift.value;
    previous = shift.startTime;
    best = Math.max(best, current);
  }
  return best;
}

/** Sum of each long task's time beyond 50 ms, counted from FCP on. */
export function totalBlockingTime(tasks: PerfEntries['longtasks'], fcp: number): number {
  if (!Number.isFinite(fcp)) return Number.NaN;
  let total = 0;
  for (const task of tasks) {
    const end = task.startTime + task.duration;
    const counted = end - Math.max(task.startTime, fcp);
    if (counted > 50) total += counted - 50;
  }
  return total;
}
