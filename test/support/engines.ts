/**
 * The three browser engines the browser suite runs in, all from Debian's packages (test/setup.sh installs
 * them; no browser download works here): Chromium and Firefox ESR through puppeteer-core (CDP and WebDriver
 * BiDi), WebKit as WebKitGTK's MiniBrowser through WebKitWebDriver under a private Xvfb display (it has no
 * headless mode). Recipes measured in shared/TOOLCHAIN.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import type { BrowserLauncher } from '@web/test-runner-core';
import * as puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.js';

export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
export type Engine = (typeof ENGINES)[number];

export function isEngine(name: string): name is Engine {
  return (ENGINES as readonly string[]).includes(name);
}

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER_PATH = '/usr/bin/WebKitWebDriver';
/** Where WebKit's own output goes (one file per run of the suite). */
export const WEBKIT_LOG = join(tmpdir(), `sf-webkit-${process.pid}.log`);
export const MINIBROWSER_PATH = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Let media play with sound without a user gesture, as Chromium's --autoplay-policy flag does. */
export const firefoxPrefs = {
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.autoplay.block-webaudio': false,
};

export interface EngineSession {
  launcher: BrowserLauncher;
  /** WebKit only: where its WebKitWebDriver listens (node tests drive it with webdriverio, test/support/engine-page.ts). */
  webdriverPort?: number;
  /** Stops what the launcher needed besides the browser (Xvfb and the WebDriver server for WebKit). */
  stop(): Promise<void>;
}

export async function startEngine(engine: Engine): Promise<EngineSession> {
  switch (engine) {
    case 'chromium':
      return {
        launcher: chromeLauncher({
          launchOptions: { executablePath: chromiumPath(), headless: true, args: ['--headless=new', ...chromiumArgs] },
        }),
        stop: async () => {},
      };
    case 'firefox':
      return {
        launcher: chromeLauncher({
          puppeteer,
          launchOptions: {
            browser: 'firefox',
            executablePath: FIREFOX_PATH,
            headless: true,
            protocolTimeout: 120_000,
            extraPrefsFirefox: firefoxPrefs,
          },
        }),
        stop: async () => {},
      };
    case 'webkit':
      return startWebKit();
  }
}

/** A MiniBrowser session through WebKitWebDriver. */
export const WEBKIT_CAPABILITIES = {
  browserName: 'MiniBrowser',
  'wdio:enforceWebDriverClassic': true,
  'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation', '--autoplay-policy=allow'] },
} as WebdriverIO.Capabilities;

async function startWebKit(): Promise<EngineSession> {
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: xvfb.display },
    // Its own process group: MiniBrowser and WebKit's web and network processes are stopped with it.
    detached: true,
    // WebKit's processes write GStreamer, ALSA and D-Bus warnings by the hundred: kept in a file instead.
    stdio: ['ignore', 'ignore', openSync(WEBKIT_LOG, 'w')],
  });
  const stop = async () => {
    await Promise.all([ended(driver), ended(xvfb.process)]);
  };
  // web-test-runner may exit before its serverStop hook has finished: nothing of WebKit's outlives this process.
  process.once('exit', () => {
    signalGroup(driver, 'SIGKILL');
    signalGroup(xvfb.process, 'SIGKILL');
  });
  // Stopped from outside (test/run-browsers.ts's time limit): exit, so the line above runs.
  process.once('SIGTERM', () => process.exit(143));
  try {
    await untilListening(port, driver);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    launcher: webdriverLauncher({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      capabilities: WEBKIT_CAPABILITIES,
    }),
    stop,
    webdriverPort: port,
  };
}

/** Xvfb on a display number it picks itself (-displayfd), so parallel runs never collide. */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x8000x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdio[3]!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve({ display: `:${text.trim()}`, process: child });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it chose a display`)));
  });
}

/** Resolves once a TCP connection to the port succeeds; fails if the process exits first or after 30 s. */
async function untilListening(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (!exited && Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`WebKitWebDriver did not listen on 127.0.0.1:${port}${exited ? ' (it exited)' : ' within 30 s'}; see ${WEBKIT_LOG}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Stops a helper process and its process group (a WebDriver server's browser and the browser's own processes):
 * SIGTERM, then SIGKILL if it is still there after 2 s (a busy or deadlocked WebKit ignores the first).
 */
function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child, 'SIGKILL'); // the leader is gone; what it started may not be
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => signalGroup(child, 'SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(force);
      signalGroup(child, 'SIGKILL');
      resolve();
    });
    signalGroup(child, 'SIGTERM');
  });
}

/** Signals the process group a detached child leads; quiet when it is already gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: nothing left in the group
  }
}
