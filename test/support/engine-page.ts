/**
 * One small page interface for node tests whose check is engine-neutral (a layout probe, what an element
 * shows): open a URL, run a function in the page, wait for a condition, set the viewport's width. Chromium
 * and Firefox ESR are driven by puppeteer-core (CDP, WebDriver BiDi), WebKit (WebKitGTK's MiniBrowser under
 * a private Xvfb) by webdriverio through WebKitWebDriver, as test/support/engines.ts starts them.
 *
 * A check that needs more than this (console messages, failed requests, an injected script before the
 * page's own) uses `page.puppeteer`, which only the puppeteer engines have: say so in the test.
 *
 * WebKitGTK can stop answering (a deadlock in its media pipeline under load): every WebDriver command has a
 * time limit, and a page that missed one fails with a message saying so; the browser then starts a new
 * MiniBrowser session for the next page, so one stuck page costs one check, never the whole run.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { remote } from 'webdriverio';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { ENGINES, FIREFOX_PATH, WEBKIT_CAPABILITIES, WEBKIT_LOG, firefoxPrefs, isEngine, startEngine, type Engine } from './engines.js';

export interface EnginePage {
  readonly engine: Engine;
  /** The puppeteer page (Chromium and Firefox only), for checks WebDriver classic cannot make. */
  readonly puppeteer?: Page;
  /** Opens `url` and resolves once its load event has fired. */
  goto(url: string, timeoutMs?: number): Promise<void>;
  /** Runs `fn` (self-contained: it is sent as source text) or an expression in the page; awaits a promise. */
  evaluate<A extends unknown[], R>(fn: ((...args: A) => R) | string, ...args: A): Promise<Awaited<R>>;
  /** Resolves with `fn`'s first truthy result; rejects naming `what` after `timeoutMs`. */
  waitFor<A extends unknown[], R>(what: string, timeoutMs: number, fn: (...args: A) => R, ...args: A): Promise<Truthy<Awaited<R>>>;
  /** Sets the viewport (the layout viewport's width is exactly `width`) and waits two frames. */
  setViewport(width: number, height?: number): Promise<void>;
  /** At each width in turn (as setViewport), runs `fn` in the page; its results in order. WebKit: one round trip. */
  atEachWidth<A extends unknown[], R>(widths: readonly number[], height: number, fn: (...args: A) => R, ...args: A): Promise<Awaited<R>[]>;
  close(): Promise<void>;
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export interface EngineBrowser {
  readonly engine: Engine;
  newPage(): Promise<EnginePage>;
  close(): Promise<void>;
}

/** How long one WebDriver command may take before WebKit counts as stuck. */
const WEBKIT_COMMAND_MS = 45_000;
/** How long a new MiniBrowser session may take to start (a cold start on a loaded 2-core machine: up to a minute and more). */
const WEBKIT_SESSION_MS = 120_000;

/** In WebKit's wrapper page: sets the frame's size when the frame asks (see webdriverPage's setViewport). */
const RESIZE_ON_REQUEST = `addEventListener('message', (event) => {
  const size = event.data && event.data.sfViewport;
  if (size) document.getElementById('sf-viewport').style.cssText = 'border:0;display:block;width:' + size.width + 'px;height:' + size.height + 'px';
});`;

/**
 * In WebKit's framed page: \`resize(width, height)\` asks the wrapper for that frame size and resolves with the
 * new innerWidth once the frame has it and two frames have passed (after 5 s with whatever width it has).
 */
const RESIZE_FRAME = `const resize = (width, height) => new Promise((resolve) => {
  const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve(innerWidth)));
  if (innerWidth === width && innerHeight === height) return done();
  const late = setTimeout(() => resolve(innerWidth), 5000);
  addEventListener('resize', function resized() {
    if (innerWidth !== width || innerHeight !== height) return;
    removeEventListener('resize', resized);
    clearTimeout(late);
    done();
  });
  parent.postMessage({ sfViewport: { width, height } }, '*');
});`;

/** tsx compiles with esbuild's keepNames, which wraps named functions in a `__name(…)` the page lacks. */
const NAME_HELPER = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/** The engines a node test runs in: all three, or those SF_BROWSERS names (as for the browser suite). */
export function requestedEngines(): Engine[] {
  const names = (process.env.SF_BROWSERS ?? ENGINES.join(',')).split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !isEngine(name));
  if (unknown.length > 0) throw new Error(`SF_BROWSERS: unknown engine ${unknown.join(', ')} (known: ${ENGINES.join(', ')})`);
  return names as Engine[];
}

export async function launchEngine(engine: Engine): Promise<EngineBrowser> {
  return engine === 'webkit' ? launchWebKit() : launchPuppeteer(engine);
}

// ---- Chromium and Firefox: puppeteer-core ---------------------------------------------------------

async function launchPuppeteer(engine: 'chromium' | 'firefox'): Promise<EngineBrowser> {
  const browser: Browser =
    engine === 'chromium'
      ? await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs })
      : await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX_PATH, headless: true, protocolTimeout: 120_000, extraPrefsFirefox: firefoxPrefs });
  return {
    engine,
    async newPage() {
      // A window per page: two tabs of one window leave one hidden, and a hidden page neither autoplays nor
      // ticks like a shown one. Chromium: a context of its own (its own storage too); Firefox: a new window.
      const context = engine === 'chromium' ? await browser.createBrowserContext() : browser.defaultBrowserContext();
      const page = engine === 'chromium' ? await context.newPage() : await browser.newPage({ type: 'window' });
      await page.evaluateOnNewDocument(NAME_HELPER);
      return puppeteerPage(engine, page, async () => {
        await page.close().catch(() => undefined);
        if (context !== browser.defaultBrowserContext()) await context.close().catch(() => undefined);
      });
    },
    close: () => browser.close(),
  };
}

function puppeteerPage(engine: Engine, page: Page, close: () => Promise<void>): EnginePage {
  return {
    engine,
    puppeteer: page,
    async goto(url, timeoutMs = 30_000) {
      await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    },
    evaluate: ((fn: string | ((...args: unknown[]) => unknown), ...args: unknown[]) =>
      typeof fn === 'string' ? page.evaluate(fn) : page.evaluate(fn, ...args)) as EnginePage['evaluate'],
    async waitFor(what, timeoutMs, fn, ...args) {
      try {
        const handle = await page.waitForFunction(fn as (...a: unknown[]) => unknown, { timeout: timeoutMs, polling: 50 }, ...args);
        return (await handle.jsonValue()) as never;
      } catch (error) {
        throw new Error(`${engine}: ${what}: not within ${timeoutMs} ms (${String(error).split('\n')[0]})`);
      }
    },
    async setViewport(width, height = 900) {
      await page.setViewport({ width, height });
      await page.evaluate(twoFrames);
    },
    async atEachWidth(widths, height, fn, ...args) {
      const results = [];
      for (const width of widths) {
        await this.setViewport(width, height);
        results.push(await page.evaluate(fn as (...a: unknown[]) => unknown, ...args));
      }
      return results as never;
    },
    close,
  };
}

// ---- WebKit: webdriverio through WebKitWebDriver ----------------------------------------------------

type Session = WebdriverIO.Browser;

async function launchWebKit(): Promise<EngineBrowser> {
  const driver = await startEngine('webkit');
  const port = driver.webdriverPort!;
  const open = (): Promise<Session> =>
    remote({
      hostname: '127.0.0.1',
      port,
      // Our own errors say what failed; webdriverio's log would repeat each one on stderr.
      logLevel: 'silent',
      // A stuck WebKit must fail the check, not be asked three more times. Each command has its own shorter
      // limit (bounded below); this one is what a new session may take: MiniBrowser starts slowly under load.
      connectionRetryCount: 0,
      connectionRetryTimeout: WEBKIT_SESSION_MS + 5_000,
      capabilities: WEBKIT_CAPABILITIES,
    });
  const sessions = new Set<Session>();
  const endSession = async (session: Session) => {
    sessions.delete(session);
    await bounded('end the session', 10_000, session.deleteSession()).catch(() => undefined);
  };
  return {
    engine: 'webkit',
    async newPage() {
      // One MiniBrowser window per page: WebKitGTK shows each window (no hidden tabs) under Xvfb.
      const session = await bounded('start a MiniBrowser session', WEBKIT_SESSION_MS, open());
      sessions.add(session);
      return webdriverPage(session, () => endSession(session));
    },
    async close() {
      await Promise.all([...sessions].map(endSession));
      await driver.stop();
    },
  };
}

/** A WebDriver command that must answer within `ms`. */
function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`webkit: WebKit did not answer "${what}" within ${ms / 1000} s (stuck? see ${WEBKIT_LOG})`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function webdriverPage(session: Session, close: () => Promise<void>): EnginePage {
  /** Set once a command missed its time limit: the page is no longer trusted to answer. */
  let stuck: Error | undefined;
  const command = async <T>(what: string, work: () => Promise<T>, ms = WEBKIT_COMMAND_MS): Promise<T> => {
    if (stuck) throw new Error(`webkit: not asked "${what}": the page stopped answering earlier (${stuck.message})`);
    try {
      return await bounded(what, ms, work());
    } catch (error) {
      if (error instanceof Error && error.message.includes('did not answer')) stuck = error;
      throw error;
    }
  };
  const script = (fn: string | ((...args: never[]) => unknown)) =>
    typeof fn === 'string' ? `${NAME_HELPER} return (${fn});` : `${NAME_HELPER} return (${fn.toString()}).apply(null, arguments);`;
  const evaluate = (<R>(fn: string | ((...args: never[]) => unknown), ...args: unknown[]): Promise<R> =>
    command(`evaluate ${typeof fn === 'string' ? fn.slice(0, 40) : fn.name || 'a function'}`, () => session.execute(script(fn), ...args) as Promise<R>)) as EnginePage['evaluate'];
  /** The viewport asked for: the page runs in an iframe of exactly this size (see below). */
  const viewport = { width: 1280, height: 900 };
  const frameStyle = () => `border:0;display:block;width:${viewport.width}px;height:${viewport.height}px`;
  /** Framed once setViewport was called before the first goto; else pages open top-level, as a shopper's would. */
  let framed = false;
  let started = false;
  let opened = false;

  return {
    engine: 'webkit',
    /**
     * MiniBrowser's window cannot be narrower than its toolbar (about 450 px), so a page whose viewport the
     * test sets (setViewport before the first goto) is opened in an iframe of the viewport's size on a blank
     * page, and every command runs inside that frame: its `innerWidth`, media and container queries are the
     * frame's. A page whose size does not matter (no setViewport) opens top-level.
     */
    async goto(url, timeoutMs = 30_000) {
      await command(`open ${url}`, async () => {
        await session.setTimeout({ pageLoad: timeoutMs, script: WEBKIT_COMMAND_MS });
        started = true;
        if (!framed) {
          await session.url(url);
          return;
        }
        await session.switchToParentFrame().catch(() => undefined);
        await session.setWindowSize(1360, 1000);
        // The frame asks its parent for a new size (setViewport): one command instead of leaving the frame.
        const wrapper = `<!doctype html><html><body style="margin:0"><iframe id="sf-viewport" allow="autoplay; fullscreen" style="${frameStyle()}" src="${url.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"></iframe><script>${RESIZE_ON_REQUEST}</script></body></html>`;
        // The top page's load waits for the frame's.
        await session.url(`data:text/html;charset=utf-8,${encodeURIComponent(wrapper)}`);
        const frame = await session.findElement('css selector', '#sf-viewport');
        await session.switchFrame(frame as unknown as WebdriverIO.Element);
        opened = true;
      }, timeoutMs + 5_000);
    },
    evaluate,
    async waitFor(what, timeoutMs, fn, ...args) {
      const deadline = Date.now() + timeoutMs;
      // Polled in the page (every 50 ms, for up to 5 s per command), so a wait costs one round trip or a few.
      const poll = `${NAME_HELPER} const fn = (${fn.toString()}); const args = arguments[0]; const end = Date.now() + arguments[1];
        return new Promise((resolve, reject) => { const tick = () => { try { const v = fn(...args); if (v || Date.now() > end) resolve(v || null); else setTimeout(tick, 50); } catch (e) { reject(e); } }; tick(); });`;
      for (;;) {
        const value = await command(`wait until ${what}`, () => session.execute(poll, args, Math.min(5_000, Math.max(0, deadline - Date.now()))));
        if (value) return value as never;
        if (Date.now() >= deadline) throw new Error(`webkit: ${what}: not within ${timeoutMs} ms`);
      }
    },
    async setViewport(width, height = 900) {
      Object.assign(viewport, { width, height });
      if (!opened) {
        if (!started) framed = true;
        else throw new Error('webkit: setViewport after a page opened top-level: call it before the first goto');
        return; // the next goto makes the frame this size
      }
      const inner = await command(`resize to ${width}×${height}`, () => session.execute(`${RESIZE_FRAME} return resize(arguments[0], arguments[1]);`, width, height) as Promise<number>);
      if (inner !== width) throw new Error(`webkit: the viewport is ${inner} px wide after a resize to ${width} px`);
    },
    async atEachWidth(widths, height, fn, ...args) {
      if (!opened) throw new Error('webkit: atEachWidth needs a page opened after setViewport (a framed page)');
      const results = await command(`at widths ${widths.join(', ')}`, () =>
        session.execute(
          `${NAME_HELPER} ${RESIZE_FRAME} const fn = (${fn.toString()}); const [widths, height, args] = arguments;
           return (async () => { const out = []; for (const width of widths) { const inner = await resize(width, height);
             if (inner !== width) throw new Error('the viewport is ' + inner + ' px wide after a resize to ' + width + ' px');
             out.push(await fn(...args)); } return out; })();`,
          widths,
          height,
          args,
        ) as Promise<Awaited<ReturnType<typeof fn>>[]>,
      );
      Object.assign(viewport, { width: widths.at(-1), height });
      return results as never;
    },
    close,
  };
}
