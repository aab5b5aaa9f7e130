/**
 * `npm run shots`: a gallery for designers — every story × width × language as a PNG in shots/
 * (git-ignored), with shots/index.html to browse them and shots/layout.json with what the layout
 * probe found in each. `--storybook <dir>` reuses a build; `--only <text>` keeps matching story ids.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { measureLayout, type LayoutReport } from '../support/layout-probe.js';
import { atWidth, buildStorybook, entryUrl, LAYOUT_WIDTHS, preparePage, readIndex, repoRoot, serveStatic, storyStatus } from '../support/storybook.js';

const { values } = parseArgs({ options: { storybook: { type: 'string' }, only: { type: 'string' }, out: { type: 'string' } } });
const outDir = values.out ?? join(repoRoot, 'shots');
const LANGS = ['ko', 'en'] as const;

let built: string | undefined;
const sbDir = values.storybook ?? (built = mkdtempSync(join(tmpdir(), 'sf-shots-sb-')));
if (built) await buildStorybook(built);
const stories = readIndex(sbDir).filter((e) => e.type === 'story' && (!values.only || e.id.includes(values.only)));
const { origin, server } = await serveStatic(sbDir);
const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
const report: Record<string, LayoutReport> = {};
const rows: string[] = [];
try {
  const page = await browser.newPage();
  await preparePage(page);
  for (const lang of LANGS) mkdirSync(join(outDir, lang), { recursive: true });
  for (const story of stories) {
    const cells: string[] = [];
    for (const lang of LANGS) {
      await atWidth(page, LAYOUT_WIDTHS[0]);
      await page.goto(entryUrl(origin, story, lang), { waitUntil: 'load' });
      const status = await storyStatus(page, 20_000);
      for (const width of LAYOUT_WIDTHS) {
        await atWidth(page, width);
        const file = `${lang}/${story.id}@${width}.png`;
        report[`${story.id} ${lang} ${width}`] = await page.evaluate(measureLayout, '#storybook-root');
        await page.screenshot({ path: join(outDir, file), fullPage: true });
        cells.push(`<figure><img src="${file}" loading="lazy" width="${Math.min(width, 390)}"><figcaption>${lang} ${width}px${status.phase === 'rendered' ? '' : ` (${status.phase})`}</figcaption></figure>`);
      }
    }
    rows.push(`<section><h2>${story.title} / ${story.name}</h2><div>${cells.join('')}</div></section>`);
    process.stdout.write('.');
  }
} finally {
  await browser.close();
  server.close();
  if (built) rmSync(built, { recursive: true, force: true });
}
writeFileSync(join(outDir, 'layout.json'), JSON.stringify(report, null, 1));
writeFileSync(
  join(outDir, 'index.html'),
  `<!doctype html><meta charset="utf-8"><title>sauceflex-widgets shots</title><style>body{font:14px system-ui;margin:1rem}section div{display:flex;gap:1rem;overflow-x:auto;align-items:flex-start}figure{margin:0}img{border:1px solid #ccc;height:auto}</style>${rows.join('\n')}`,
);
const problems = Object.entries(report).filter(([, r]) => r.overflowPx > 0 || r.textCut.length || r.overlaps.length);
console.log(`\n${stories.length} stories → ${outDir}/index.html; ${problems.length} story × lang × width with layout problems (see layout.json)`);
