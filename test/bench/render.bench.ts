/**
 * Render benchmark: `<sf-schedule layout="list">` from the built bundle against plain DOM code
 * (document.createElement + textContent, the same CSS boxes) in the same page, in headless Chromium.
 *
 * Data: broadcasts cloned from the fixtures (see server.ts `scheduleBroadcasts`), served by the
 * bench server as ONE page of the schedule endpoint's envelope. The element asks
 * `returnLimit = min(count, 100)` (its ceiling) and shows `limit` per step; for 1,000 the server
 * answers all 1,000 in that one page and the element's nine "more" presses (no request: the
 * broadcasts are fetched already) are inside its timing, while plain DOM draws all 1,000 at once.
 * Both sides fetch and parse the same JSON inside their timing; that shared floor is reported on its own.
 *
 * - first render: element connected (or, for plain DOM, the fetch started) → every card in the DOM
 *   with its title, and a forced layout;
 * - update one: one broadcast renamed on the server, then `refresh()` (plain: fetch + compare each
 *   card's texts by id + change what differs) → that card's title shows the new name, every card
 *   settled, forced layout.
 * Order alternates each repetition; medians are reported.
 */
import type { Browser, Page } from 'puppeteer-core';
import { median, ratio, round, spread } from './stats.js';

export interface RenderRow {
  count: number;
  reps: number;
  firstRender: { elementMs: number; plainMs: number; ratio: number; elementRange: [number, number]; plainRange: [number, number] };
  updateOne: { elementMs: number; plainMs: number; ratio: number; elementRange: [number, number]; plainRange: [number, number] };
  /** fetch + JSON.parse of the same answer: included in both sides above. */
  fetchParseMs: number;
}

export interface RenderResult {
  note: string;
  rows: RenderRow[];
}

const call = <T>(page: Page, fn: string, args: object): Promise<T> => page.evaluate(`window.sfBench.${fn}(${JSON.stringify(args)})`) as Promise<T>;

export async function runRenderBench(options: {
  browser: Browser;
  origin: string;
  counts?: number[];
  reps?: (count: number) => number;
  log?: (line: string) => void;
}): Promise<RenderResult> {
  const { browser, origin } = options;
  const log = options.log ?? (() => undefined);
  const counts = options.counts ?? [10, 100, 1000];
  const repsFor = options.reps ?? ((count: number) => (count >= 1000 ? 7 : 11));
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.setViewport({ width: 1024, height: 768 });
  try {
    await page.goto(`${origin}/bench/render.html`, { waitUntil: 'load' });
    await page.waitForFunction('window.sfBenchReady === true', { timeout: 20_000 });
    const rows: RenderRow[] = [];
    for (const count of counts) {
      const apiBase = `${origin}/n/${count}/V1`;
      const limit = Math.min(count, 100);
      const reps = repsFor(count);
      const first = { element: [] as number[], plain: [] as number[] };
      const update = { element: [] as number[], plain: [] as number[] };
      const fetches: number[] = [];
      log(`render bench: ${count} broadcasts, ${reps} repetitions (+1 warm-up)…`);
      for (let rep = -1; rep < reps; rep++) {
        const order = rep % 2 === 0 ? (['element', 'plain'] as const) : (['plain', 'element'] as const);
        for (const side of order) {
          const index = Math.floor(count / 2) + (rep + 1); // a different card each time, in the middle
          if (side === 'element') {
            const firstMs = await call<number>(page, 'elementFirst', { apiBase, limit, expected: count });
            const renamed = await rename(origin, count, index % count, `이름 바뀜 #${rep + 1} element`);
            const updateMs = await call<number>(page, 'elementUpdate', renamed);
            if (rep >= 0) {
              first.element.push(firstMs);
              update.element.push(updateMs);
            }
          } else {
            const firstMs = await call<number>(page, 'plainFirst', { apiBase, limit });
            const renamed = await rename(origin, count, index % count, `이름 바뀜 #${rep + 1} plain`);
            const updateMs = await call<number>(page, 'plainUpdate', renamed);
            if (rep >= 0) {
              first.plain.push(firstMs);
              update.plain.push(updateMs);
            }
          }
        }
        if (rep >= 0) fetches.push(await call<number>(page, 'fetchOnly', { apiBase, limit }));
        await call(page, 'clear', {});
      }
      const range = (values: number[]): [number, number] => {
        const { min, max } = spread(values);
        return [round(min, 2), round(max, 2)];
      };
      const row: RenderRow = {
        count,
        reps,
        firstRender: {
          elementMs: round(median(first.element), 2),
          plainMs: round(median(first.plain), 2),
          ratio: ratio(median(first.element), median(first.plain)),
          elementRange: range(first.element),
          plainRange: range(first.plain),
        },
        updateOne: {
          elementMs: round(median(update.element), 2),
          plainMs: round(median(update.plain), 2),
          ratio: ratio(median(update.element), median(update.plain)),
          elementRange: range(update.element),
          plainRange: range(update.plain),
        },
        fetchParseMs: round(median(fetches), 2),
      };
      rows.push(row);
      log(
        `  first render ${row.firstRender.elementMs} ms vs plain ${row.firstRender.plainMs} ms (${row.firstRender.ratio}×); update one ${row.updateOne.elementMs} ms vs ${row.updateOne.plainMs} ms (${row.updateOne.ratio}×)`,
      );
    }
    if (errors.length) log(`render bench: page errors: ${errors.slice(0, 3).join(' | ')}`);
    return {
      note: 'one page of N broadcasts (the server ignores returnLimit for 1,000; the element shows 100 per step, its nine "more" presses timed); list layout; fetch+parse inside both timings; medians',
      rows,
    };
  } finally {
    await context.close();
  }
}

async function rename(origin: string, n: number, index: number, name: string): Promise<{ broadcastId: string; name: string }> {
  const res = await fetch(`${origin}/__bench/rename`, { method: 'POST', body: JSON.stringify({ n, index, name }) });
  const body = (await res.json()) as { broadcastId?: string; error?: string };
  if (!res.ok || !body.broadcastId) throw new Error(`rename failed: ${body.error ?? res.status}`);
  return { broadcastId: body.broadcastId, name };
}
