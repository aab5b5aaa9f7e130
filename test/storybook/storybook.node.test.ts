/**
 * Storybook works as CI runs it: `storybook build` into a temporary folder, served by a tiny static
 * server on 127.0.0.1, and EVERY entry of the build's index.json (stories, and docs pages when the
 * docs addon is installed) opened in Debian's Chromium. Each must render (its play function waits
 * for the state the story is named after) with no page error, no failed or 4xx/5xx request and no
 * console error — except, in stories tagged `console-error`, the `[sauceflex] …` errors the element
 * is meant to log there (a load that failed, a missing attribute).
 *
 * In each story, axe-core (WCAG 2.2 A/AA rules, colour contrast included) must find no violation,
 * and at 320, 390, 768 and 1280 px, in Korean and in English, the layout probe
 * (test/support/layout-probe.ts) must find no horizontal overflow, no text cut off and no two
 * interactive targets overlapping: one build, one browser, each story resized in place. Chromium
 * loads every story afresh in each language: shown in place, a story's elements can still log after
 * the next one began (a config story's elements when the stores reset), which would blame the wrong story.
 *
 * In Firefox ESR and WebKit (WebKitGTK's MiniBrowser) every story must render and pass the same layout
 * probe at the same widths, in Korean and English: one browser per engine, one page, each story shown in
 * place through Storybook's own `setCurrentStory` (the preview's beforeEach resets every store between
 * stories), so the engine never reloads Storybook per story. Console errors, requests and axe are
 * Chromium's part: they do not depend on the layout engine. The three engines run at once.
 *
 * The second test generates custom-elements.json (the analyzer with the project's config, into a
 * temporary folder) and checks it against the source: every registered tag is there, with a
 * summary, every attribute its Lit properties declare and every event its code dispatches.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import puppeteer, { type BrowserContext, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { launchEngine, requestedEngines, type EngineBrowser, type EnginePage } from '../support/engine-page.js';
import { axeViolations } from '../support/axe.js';
import { measureLayout, type LayoutReport } from '../support/layout-probe.js';
import { atWidth, buildStorybook, entryUrl, LAYOUT_WIDTHS, preparePage, readIndex, repoRoot, serveStatic, storyStatus, type IndexEntry } from '../support/storybook.js';

/** How long one story may take to render and reach its state (the player's play functions are the slowest). */
const STORY_TIMEOUT_MS = 20_000;
/** After the story says it rendered: late requests (lazy images, hls.js segments) still count. */
const SETTLE_MS = 250;
/** Stories opened at once (one page each; the machine has 2 cores shared with others). */
const CONCURRENCY = 2;
/** The layout probe at every width, from the narrowest; one line per problem. */
async function layoutProblems(page: Page | EnginePage, locale: string): Promise<{ problems: string[]; narrowest: number }> {
  const problems: string[] = [];
  let narrowest = Infinity;
  let reports: LayoutReport[];
  if ('engine' in page) reports = await page.atEachWidth(LAYOUT_WIDTHS, 900, measureLayout, '#storybook-root');
  else {
    reports = [];
    for (const width of LAYOUT_WIDTHS) {
      await atWidth(page, width);
      reports.push(await page.evaluate(measureLayout, '#storybook-root'));
    }
  }
  LAYOUT_WIDTHS.forEach((width, i) => {
    const report = reports[i]!;
    const at = `${locale} ${width}px`;
    if (report.overflowPx > 0) problems.push(`${at}: the page overflows by ${report.overflowPx} px`);
    for (const cut of report.textCut) problems.push(`${at}: text cut off: ${cut}`);
    for (const overlap of report.overlaps) problems.push(`${at}: targets overlap: ${overlap}`);
    narrowest = Math.min(narrowest, report.narrowestColumnPx ?? Infinity);
  });
  return { problems, narrowest };
}

interface StoryResult {
  id: string;
  problems: string[];
  ms: number;
  /** The narrowest text column of 3+ lines the story showed at any width. */
  narrowest: number;
}

/** Where a page's console errors, page errors and failed requests go: the story it shows now. */
interface Watched {
  entry?: IndexEntry;
  problems?: string[];
}

/** Chromium's checks of everything a story does besides its layout, written into `watched.problems`. */
function watch(page: Page, watched: Watched): void {
  const report = (line: string) => watched.problems?.push(line);
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if ((watched.entry?.tags?.includes('console-error') ?? false) && text.startsWith('[sauceflex]')) return;
    report(`console error: ${text}`);
  });
  page.on('pageerror', (error) => report(`page error: ${String(error)}`));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    // Aborted on purpose: a player torn down, a hanging request dropped when the page closes.
    if (reason === 'net::ERR_ABORTED') return;
    report(`request failed: ${request.method()} ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) report(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
}

async function openEntry(context: BrowserContext, origin: string, entry: IndexEntry, locale: string): Promise<StoryResult> {
  const started = performance.now();
  const problems: string[] = [];
  let narrowest = Infinity;
  const page = await context.newPage();
  try {
    watch(page, { entry, problems });
    await preparePage(page);
    await atWidth(page, LAYOUT_WIDTHS[0]);
    await page.goto(entryUrl(origin, entry, locale), { waitUntil: 'load', timeout: STORY_TIMEOUT_MS });
    if (entry.type === 'story') {
      const status = await storyStatus(page, STORY_TIMEOUT_MS);
      if (status.phase !== 'rendered') problems.push(`did not render: ${status.phase} ${status.error ?? ''}`.trim());
      const elements = await page.evaluate(() =>
        [...document.querySelectorAll('#storybook-root *')].filter((el) => el.localName.startsWith('sf-')).map((el) => el.localName),
      );
      if (elements.length === 0) problems.push('no sf-* element rendered');
      if (locale === 'ko') problems.push(...(await axeViolations(page, '#storybook-root')));
      const layout = await layoutProblems(page, locale);
      problems.push(...layout.problems);
      narrowest = layout.narrowest;
    } else {
      await page.waitForSelector('#storybook-docs .sbdocs-content, #storybook-docs .sbdocs', { timeout: STORY_TIMEOUT_MS }).catch(() => problems.push('docs page did not render'));
    }
    // Late requests are the same in either language: only the first pass waits for them.
    if (locale === 'ko') await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  } catch (error) {
    problems.push(`could not open: ${String(error)}`);
  } finally {
    await page.close().catch(() => undefined);
  }
  return { id: `${entry.id} (${locale})`, problems, ms: performance.now() - started, narrowest };
}

interface Status {
  id?: string;
  phase: string;
  error?: string;
}

/**
 * Shows `entry` in the preview already open on `page`, as Storybook's manager does (the channel's
 * `setCurrentStory`, heard by the preview in the same window), and waits until it has rendered or failed.
 */
async function showInPlace(page: EnginePage, entry: IndexEntry): Promise<Status> {
  await page.evaluate((storyId: string) => {
    const w = window as unknown as { __sfStoryStatus: Status; __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, ...args: unknown[]): void } };
    Object.assign(w.__sfStoryStatus, { id: undefined, phase: 'rendering', error: undefined });
    w.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
  }, entry.id);
  return page.waitFor(`${entry.id} renders`, STORY_TIMEOUT_MS, (storyId: string) => {
    const s = (window as unknown as { __sfStoryStatus: Status }).__sfStoryStatus;
    return (s.phase === 'rendered' && s.id === storyId) || s.phase === 'errored' ? { phase: s.phase, error: s.error } : false;
  }, entry.id);
}

/**
 * One engine's layout pass: every story in each language, shown in place on one page, the layout probe at
 * every width. A story that cannot be shown (a timeout, a stuck page) fails alone: the next one starts on a
 * fresh page.
 */
async function layoutPass(browser: EngineBrowser, origin: string, stories: IndexEntry[], locales: readonly string[] = ['ko', 'en']): Promise<StoryResult[]> {
  const results: StoryResult[] = [];
  let page: EnginePage | undefined;
  let shownLocale: string | undefined;

  /** Stories in a row that could not be checked at all: after three the engine counts as gone. */
  let lost = 0;
  for (const locale of locales) {
    for (const entry of stories) {
      if (lost >= 3) {
        results.push({ id: `${entry.id} (${locale})`, problems: [`not checked: ${browser.engine} stopped answering three stories in a row`], ms: 0, narrowest: Infinity });
        continue;
      }
      const started = performance.now();
      const problems: string[] = [];
      let narrowest = Infinity;
      try {
        if (!page || shownLocale !== locale) {
          // A new page only after the engine stopped answering: a new MiniBrowser session can take a minute to start under load.
          if (!page) {
            page = await browser.newPage();
            await page.setViewport(LAYOUT_WIDTHS.at(-1)!);
          }
          await page.goto(entryUrl(origin, entry, locale), STORY_TIMEOUT_MS);
          shownLocale = locale;
          const status = await page.waitFor(`${entry.id} renders`, STORY_TIMEOUT_MS, () => {
            const s = (window as unknown as { __sfStoryStatus?: Status }).__sfStoryStatus;
            return s && s.phase !== 'rendering' ? { phase: s.phase, error: s.error } : false;
          });
          if (status.phase !== 'rendered') problems.push(`did not render: ${status.phase} ${status.error ?? ''}`.trim());
        } else {
          const status = await showInPlace(page, entry);
          if (status.phase !== 'rendered') problems.push(`did not render: ${status.phase} ${status.error ?? ''}`.trim());
        }
        const elements = await page.evaluate(() =>
          [...document.querySelectorAll('#storybook-root *')].filter((el) => el.localName.startsWith('sf-')).length,
        );
        if (elements === 0) problems.push('no sf-* element rendered');
        const layout = await layoutProblems(page, locale);
        problems.push(...layout.problems);
        narrowest = layout.narrowest;
        lost = 0;
      } catch (error) {
        problems.push(`could not check: ${String(error).split('\n')[0]}`);
        if (/did not answer|stopped answering|\/session"/.test(String(error))) {
          // The engine not answering (engine-page.ts's time limits, a session that will not start): a new session.
          lost += 1;
          await page?.close().catch(() => undefined);
          page = undefined;
        } else {
          // The story's own error (its play function threw): the page still answers; the next story loads afresh
          // on it, since a new MiniBrowser session can take a minute to start under load.
          shownLocale = undefined;
        }
      }
      results.push({ id: `${entry.id} (${locale})`, problems, ms: performance.now() - started, narrowest });
    }
  }
  await page?.close().catch(() => undefined);
  return results;
}

/** The diagnostics of a pass, and the assertion that no story had a problem. */
function report(t: { diagnostic(message: string): void }, engine: string, results: StoryResult[], ms: number): void {
  t.diagnostic(`${engine}: ${results.length} story × language runs in ${(ms / 1000).toFixed(1)} s`);
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5);
  t.diagnostic(`${engine}: slowest: ${slowest.map((r) => `${r.id} ${(r.ms / 1000).toFixed(1)} s`).join(', ')}`);
  t.diagnostic(`${engine}: narrowest text column of 3+ lines: ${Math.min(...results.map((r) => r.narrowest))} px`);
  const failures = results.filter((r) => r.problems.length > 0).map((r) => `${r.id}:\n    ${r.problems.join('\n    ')}`);
  assert.deepEqual(failures, [], `${engine}: stories with problems:\n  ${failures.join('\n  ')}`);
}

test('Storybook builds; every story renders and lays out soundly from 320 px in each engine; in Chromium with no console error, no failed request and no axe violation', { timeout: 20 * 60_000, concurrency: true }, async (t) => {
  // SF_STORYBOOK_DIR reuses a build (`npm run build-storybook` writes storybook-static/); else a fresh one.
  const reused = process.env.SF_STORYBOOK_DIR;
  const outDir = reused ?? mkdtempSync(join(tmpdir(), 'sf-storybook-'));
  if (!reused) t.after(() => rmSync(outDir, { recursive: true, force: true }));

  const buildMs = reused ? 0 : await buildStorybook(outDir);
  const entries = readIndex(outDir);
  const stories = entries.filter((e) => e.type === 'story');
  assert.ok(stories.length > 0, 'the build has stories');
  const perTitle = new Map<string, number>();
  for (const story of stories) perTitle.set(story.title, (perTitle.get(story.title) ?? 0) + 1);
  t.diagnostic(`storybook build ${reused ? `reused from ${reused}` : `${(buildMs / 1000).toFixed(1)} s`}; ${entries.length} entries (${stories.length} stories)`);
  t.diagnostic(`stories per element: ${[...perTitle].map(([title, n]) => `${title.replace(/^Elements\//, '')} ${n}`).join(', ')}`);

  const { origin, server } = await serveStatic(outDir);
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // The engines run at once: each pass mostly waits (for a render, a frame, a driver), so together they take
  // little longer than the slowest alone.
  await Promise.all(requestedEngines().map((engine) => {
    if (engine === 'chromium') {
      return t.test('chromium: every entry renders with no console error, no failed request, no axe violation; every story lays out soundly (ko, en)', async (st) => {
        const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
        st.after(() => browser.close());
        const started = performance.now();
        const results: StoryResult[] = [];
        // Every entry in Korean (all checks), every story again in English (the layout: longer words), each
        // loaded afresh: shown in place, a story's elements may still log after the next story began.
        const queue = [...entries.map((entry) => ({ entry, locale: 'ko' })), ...stories.map((entry) => ({ entry, locale: 'en' }))];
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            // A context (a window) per worker: two tabs of one window would leave one hidden, and a hidden
            // page neither autoplays nor ticks like a shown one.
            const context = await browser.createBrowserContext();
            try {
              for (let item = queue.shift(); item; item = queue.shift()) results.push(await openEntry(context, origin, item.entry, item.locale));
            } finally {
              await context.close();
            }
          }),
        );
        report(st, engine, results, performance.now() - started);
      });
    } else {
      return t.test(`${engine}: every story renders and lays out soundly at ${LAYOUT_WIDTHS.join(', ')} px (ko, en)`, async (st) => {
        const started = performance.now();
        const browser = await launchEngine(engine);
        st.after(() => browser.close());
        report(st, engine, await layoutPass(browser, origin, stories), performance.now() - started);
      });
    }
  }));

  // Every element has its stories file.
  const elements = readdirSync(join(repoRoot, 'src/elements')).filter((name) => existsSync(join(repoRoot, 'src/elements', name, `${name}.ts`)));
  for (const name of elements) {
    assert.ok(existsSync(join(repoRoot, 'stories', `${name}.stories.ts`)), `stories/${name}.stories.ts exists`);
  }
});

test('custom-elements.json lists every element with the attributes and events of its source', { timeout: 60_000 }, async (t) => {
  // Generated afresh from the source with the project's config (as `npm run analyze` does), into a temporary folder.
  const outDir = mkdtempSync(join(tmpdir(), 'sf-cem-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  await promisify(execFile)(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(repoRoot, outDir)], { cwd: repoRoot });
  const manifestPath = join(outDir, 'custom-elements.json');
  assert.ok(existsSync(manifestPath), 'the analyzer wrote custom-elements.json');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { customElements?: string };
  assert.equal(pkg.customElements, 'dist/custom-elements.json', 'package.json names the manifest the build ships');

  interface Declaration {
    name: string;
    tagName?: string;
    customElement?: boolean;
    summary?: string;
    attributes?: { name: string; description?: string }[];
    events?: { name: string; description?: string }[];
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  const byTag = new Map<string, Declaration>();
  for (const mod of manifest.modules) for (const d of mod.declarations ?? []) if (d.customElement && d.tagName) byTag.set(d.tagName, d);

  const shared = ['partner-id', 'api-base', 'token-endpoint', 'lang', 'time-zone'];
  const elementsDir = join(repoRoot, 'src/elements');
  const names = readdirSync(elementsDir).filter((name) => existsSync(join(elementsDir, name, `${name}.ts`)));
  assert.ok(names.length >= 8, `all elements found (${names.join(', ')})`);
  for (const name of names) {
    const registration = readFileSync(join(elementsDir, name, `${name}.ts`), 'utf8');
    const tag = /customElements\.define\('([^']+)'/.exec(registration)?.[1];
    assert.ok(tag, `${name}.ts defines a tag`);
    const declaration = byTag.get(tag);
    assert.ok(declaration, `${tag} is in custom-elements.json`);
    assert.ok(declaration.summary, `${tag} has a @summary`);

    const source = readFileSync(join(elementsDir, name, `${name}.component.ts`), 'utf8');
    // Attributes: every Lit property with an attribute (explicit, or the lower-cased field name).
    const expected = new Set<string>(/extends SauceflexElement/.test(source) ? shared : []);
    for (const m of source.matchAll(/@property\((\{[^}]*\})?\)\s*(?:override\s+|declare\s+|readonly\s+)*(\w+)/g)) {
      const options = m[1] ?? '';
      if (/attribute:\s*false/.test(options)) continue;
      expected.add(/attribute:\s*'([^']+)'/.exec(options)?.[1] ?? m[2]!.toLowerCase());
    }
    // <sf-config> observes the config attributes by name (a plain HTMLElement, no Lit properties).
    if (tag === 'sf-config') for (const a of ['partner-id', 'api-base', 'token-endpoint', 'product-endpoint', 'coupon-endpoint', 'coupon-issue-endpoint', 'lang', 'time-zone', 'hls-src', 'login-url']) expected.add(a);
    const listed = new Set((declaration.attributes ?? []).map((a) => a.name));
    for (const attribute of expected) assert.ok(listed.has(attribute), `${tag} lists attribute "${attribute}" (has: ${[...listed].join(', ')})`);

    // Events: every event the class dispatches itself, documented (with a description).
    const events = new Map((declaration.events ?? []).map((e) => [e.name, e.description ?? '']));
    for (const m of source.matchAll(/this\.emit\(\s*'(sf-[\w-]+)'/g)) {
      assert.ok(events.has(m[1]!), `${tag} lists event "${m[1]}" (has: ${[...events.keys()].join(', ')})`);
      assert.ok(events.get(m[1]!), `${tag} describes event "${m[1]}"`);
    }
  }
});
