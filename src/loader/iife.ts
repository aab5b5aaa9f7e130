/**
 * The IIFE (`sauceflex-widgets.iife.js`): for a classic `<script>` tag or a CMS template that can
 * only paste HTML. A classic script cannot split code, so instead of carrying every element it
 * loads the ES main entry that sits beside it (`sauceflex-widgets.js`, same files, same stores) and
 * lets that entry's autoloader fetch only the elements the page uses. Host the dist folder as is.
 *
 * `window.SauceflexWidgets` exists at once: `ready` (the main entry's exports, once loaded; then
 * they are on `SauceflexWidgets` itself too) and `configure()`, queued until then. Elements cannot
 * run before the entry has loaded, so a queued configure() is in place before any element reads it.
 */
import type * as Widgets from '../index.js';
import type { Consent, SfConfig } from '../store/config.js';
import { reserveSpace } from '../shared/reserve.js';
import { modulePreload, PRELOADS } from './preload.js';

/** The main entry, resolved against this script's own URL. */
const MAIN_ENTRY = 'sauceflex-widgets.js';

/**
 * Ask for the main entry's files and those of the elements already in the page at once, instead of
 * one import level (one round trip) at a time: that is what keeps a slow network from stretching
 * the page's LCP. Paths are relative to this script (the build writes them in).
 */
function preload(base: string): void {
  if (!PRELOADS) return;
  const files = [...PRELOADS.main];
  for (const [tag, more] of Object.entries(PRELOADS.elements)) {
    // Tags parsed so far (all of them under `defer`/`async`); later ones load without the head start.
    if (document.querySelector(tag)) files.push(...more);
  }
  modulePreload(files.map((file) => new URL(file, base).href));
}

export interface SauceflexWidgetsGlobal extends Partial<Omit<typeof Widgets, 'configure' | 'consent'>> {
  ready: Promise<typeof Widgets>;
  configure(config: SfConfig): void;
  /** Storage consent from a consent banner: `pending`, `granted` or `denied`; queued until the widgets load. */
  consent(value?: Consent): Consent | undefined;
}

declare global {
  interface Window {
    SauceflexWidgets?: SauceflexWidgetsGlobal;
  }
}

/** Our own URL, read while the script runs (document.currentScript is ours only then). */
function ownScriptUrl(): string | undefined {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  // Inlined by a CMS, or evaluated by a loader: look for a script tag that names the bundle.
  return document.querySelector<HTMLScriptElement>('script[src*="sauceflex-widgets"]')?.src || undefined;
}

function boot(): SauceflexWidgetsGlobal {
  // Now, not when the main entry arrives (a round trip later, after a paint): the same sheet, added once.
  reserveSpace();
  const base = ownScriptUrl();
  if (base) preload(base);
  const ready: Promise<typeof Widgets> = base
    ? import(/* webpackIgnore: true */ /* @vite-ignore */ new URL(MAIN_ENTRY, base).href)
    : Promise.reject(new Error(`[sauceflex] cannot tell where ${MAIN_ENTRY} is (this script's URL is unknown): load sauceflex-widgets.iife.js with a src`));
  const queued: ((widgets: typeof Widgets) => unknown)[] = [];
  const global: SauceflexWidgetsGlobal = {
    ready,
    configure(config) {
      queued.push((widgets) => widgets.configure(config));
    },
    consent(value) {
      if (value) queued.push((widgets) => widgets.consent(value));
      return value;
    },
  };
  ready.then(
    (widgets) => {
      Object.assign(global, widgets);
      for (const call of queued.splice(0)) call(widgets);
    },
    // Reported once here; a page that chains on `ready` handles its own rejection.
    (error: unknown) => console.error(error instanceof Error ? error.message : error),
  );
  return global;
}

// Loaded twice (a CMS pasting the tag twice): the first copy stays in charge. Nothing to do without a
// DOM (a server importing every entry of the package).
if (typeof window !== 'undefined') window.SauceflexWidgets ??= boot();
