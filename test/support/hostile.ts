/**
 * Strings that would run script if anything rendered them as HTML. Each payload, when executed,
 * calls `window.__sfTrap(name)`; `trapped()` lists the ones that ran (it must stay empty).
 *
 * Besides the short lists below (used by the element tests), this file gives the hostile suite
 * (test/hostile/) its tools: the stand-in's full corpus (`TEXT_PAYLOADS`, `URL_PAYLOADS`, served in
 * every field by the hostile fixture mode), a console / error / unhandled-rejection watch that
 * fails a test on anything not whitelisted, a scan of every shadow root for markup that could run
 * script, and timers that can be sped up for timeout tests.
 */
export { TEXT_PAYLOADS, URL_PAYLOADS, HOSTILE_PAYLOAD_COUNT, HOSTILE_BROADCAST_IDS, hostileProductId } from '../../demo/standin/hostile.js';

declare global {
  interface Window {
    __sfTrap?: (name: string) => void;
    __sfTrapped?: string[];
  }
}

export function armTrap(): void {
  window.__sfTrapped = [];
  window.__sfTrap = (name: string) => window.__sfTrapped!.push(name);
}

export const trapped = (): string[] => window.__sfTrapped ?? [];

export const HOSTILE_TEXT = [
  `<img src=x onerror="__sfTrap('img')">`,
  `<script>__sfTrap('script')</script>`,
  `"><svg onload="__sfTrap('svg')">`,
  `'); __sfTrap('quote'); ('`,
  `<a href="javascript:__sfTrap('a')">click</a>`,
  '${__sfTrap("template")}',
  `<iframe srcdoc="<script>parent.__sfTrap('srcdoc')</script>">`,
] as const;

export const HOSTILE_URLS = [
  `javascript:__sfTrap('js-url')`,
  ` JaVaScRiPt:__sfTrap('js-url-case')`,
  `data:text/html,<script>__sfTrap('data')</script>`,
  `vbscript:msgbox(1)`,
  `//evil.example/x.png`,
  `java\nscript:__sfTrap('newline')`,
] as const;

// ---- watching the page ----------------------------------------------------------------------------

export interface Watch {
  /** console.error calls not matched by the allow list, as text. */
  readonly errors: string[];
  /** console.error calls the allow list accepted (documented, deliberate messages). */
  readonly allowedErrors: string[];
  /** console.warn calls (never a failure: validation repairs are reported this way). */
  readonly warnings: string[];
  /** Unhandled promise rejections and uncaught errors, as text. */
  readonly uncaught: string[];
  /** Throws (an assertion error) listing what went wrong, if anything did. */
  assertClean(context?: string): void;
  /** Put console and the listeners back. */
  stop(): void;
}

const text = (value: unknown): string => {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
};

/**
 * Capture console.error / console.warn, unhandled rejections and uncaught errors from now on. Each
 * `allow` pattern whitelists console.error messages that are documented and deliberate (an element
 * saying it could not load, with the reason) — matched against the whole message, so be precise.
 * Captured messages are not printed: a hostile run would otherwise flood the runner's output.
 */
export function watchPage(allow: readonly RegExp[] = []): Watch {
  const errors: string[] = [];
  const allowedErrors: string[] = [];
  const warnings: string[] = [];
  const uncaught: string[] = [];
  const original = { error: console.error, warn: console.warn };
  console.error = (...args: unknown[]) => {
    const message = args.map(text).join(' ');
    (allow.some((pattern) => pattern.test(message)) ? allowedErrors : errors).push(message);
  };
  console.warn = (...args: unknown[]) => void warnings.push(args.map(text).join(' '));
  const onRejection = (event: PromiseRejectionEvent) => {
    uncaught.push(`unhandled rejection: ${text(event.reason)}`);
    event.preventDefault();
  };
  const onError = (event: ErrorEvent) => {
    // Resource load errors (a broken image) come as plain Events, not ErrorEvents, and do not count.
    if (!(event instanceof ErrorEvent)) return;
    uncaught.push(`uncaught: ${event.message} at ${event.filename}:${event.lineno}`);
  };
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
  return {
    errors,
    allowedErrors,
    warnings,
    uncaught,
    assertClean(context = '') {
      const problems = [...uncaught, ...errors.map((e) => `console.error: ${e}`)];
      if (problems.length) throw new Error(`${context ? `${context}: ` : ''}${problems.length} problem(s):\n${problems.map((p) => `  ${p.slice(0, 400)}`).join('\n')}`);
    },
    stop() {
      console.error = original.error;
      console.warn = original.warn;
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    },
  };
}

// ---- scanning what was rendered ---------------------------------------------------------------------

/** Elements that have no business inside a widget rendered from API data. */
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'form', 'math', 'foreignobject', 'applet', 'portal']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'poster', 'background', 'xlink:href', 'data', 'cite', 'ping']);
/** A URL that is not plain http(s) once the browser has stripped what it strips. */
const DANGEROUS_URL = /^[\u0000-\u0020]*(?:j[\s\u0000]*a[\s\u0000]*v[\s\u0000]*a[\s\u0000]*s[\s\u0000]*c[\s\u0000]*r[\s\u0000]*i[\s\u0000]*p[\s\u0000]*t|data|vbscript|blob|file)[\s\u0000]*:/i;

/**
 * Everything under `root`, shadow roots included (open ones, as ours are), that could run script or
 * navigate somewhere it should not: forbidden elements, `on*` attributes, and href / src / srcset /
 * … values that are not http(s). Returns descriptions; empty means clean. Also returns how many
 * nodes it looked at, so a test can tell it scanned something.
 */
export function scanForActiveContent(root: Node): { problems: string[]; nodes: number } {
  const problems: string[] = [];
  let nodes = 0;
  const where = (el: Element) => {
    const host = (el.getRootNode() as ShadowRoot).host;
    return `<${el.localName}>${host ? ` in <${host.localName}>` : ''}`;
  };
  const visit = (node: Node) => {
    nodes++;
    if (node instanceof Element) {
      if (FORBIDDEN_TAGS.has(node.localName.toLowerCase())) problems.push(`forbidden element ${where(node)}`);
      for (const attr of Array.from(node.attributes)) {
        const name = attr.name.toLowerCase();
        // hls.js plays through MediaSource: the video's src is a blob: URL of this page's own origin.
        if (name === 'src' && node.localName === 'video' && attr.value.startsWith(`blob:${location.origin}/`)) continue;
        if (name.startsWith('on')) problems.push(`event handler attribute ${name}="${attr.value.slice(0, 80)}" on ${where(node)}`);
        if (URL_ATTRIBUTES.has(name) && DANGEROUS_URL.test(attr.value)) problems.push(`${name}="${attr.value.slice(0, 80)}" on ${where(node)}`);
        if (URL_ATTRIBUTES.has(name) && name !== 'data' && attr.value !== '' && !/^https?:\/\//i.test(attr.value.trim())) {
          problems.push(`${name} that is not an absolute http(s) URL: "${attr.value.slice(0, 80)}" on ${where(node)}`);
        }
        if (name === 'srcset') {
          for (const candidate of attr.value.split(',')) {
            const url = candidate.trim().split(/\s+/)[0] ?? '';
            if (url && !/^https?:\/\//i.test(url)) problems.push(`srcset candidate "${url.slice(0, 80)}" on ${where(node)}`);
          }
        }
        if (name === 'style' && /url\s*\(|expression\s*\(|javascript:/i.test(attr.value)) problems.push(`style="${attr.value.slice(0, 80)}" on ${where(node)}`);
      }
      if (node.shadowRoot) visit(node.shadowRoot);
      if (node instanceof HTMLTemplateElement) visit(node.content);
    }
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root);
  return { problems, nodes };
}

/** All text under `root`, shadow roots included. */
export function deepText(root: Node): string {
  let out = '';
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) out += node.textContent ?? '';
    if (node instanceof Element && node.shadowRoot) visit(node.shadowRoot);
    for (const child of Array.from(node.childNodes)) visit(child);
  };
  visit(root);
  return out;
}

/** Every element under `root` matching `selector`, shadow roots included. */
export function deepQueryAll<T extends Element = Element>(root: Node, selector: string): T[] {
  const found: T[] = [];
  const visit = (node: Node) => {
    if (node instanceof Element || node instanceof ShadowRoot || node instanceof Document || node instanceof DocumentFragment) {
      for (const el of Array.from((node as ParentNode).querySelectorAll<T>(selector))) found.push(el);
      for (const el of Array.from((node as ParentNode).querySelectorAll('*'))) if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (root instanceof Element && root.matches(selector)) found.push(root as T);
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return [...new Set(found)];
}

// ---- time ---------------------------------------------------------------------------------------------

/**
 * Make timers of exactly `from` ms fire after `to` ms instead (e.g. the 10 s request timeouts), so a
 * timeout path is tested in well under a second. Returns a function that restores the real timers.
 */
export function shortenTimers(map: Record<number, number>): () => void {
  const original = window.setTimeout;
  const originalSignal = AbortSignal.timeout;
  const shorter = (ms: number | undefined) => (ms !== undefined && map[ms] !== undefined ? map[ms] : ms);
  const patched = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => original(handler, shorter(timeout), ...args)) as typeof window.setTimeout;
  window.setTimeout = patched;
  globalThis.setTimeout = patched;
  AbortSignal.timeout = (ms: number) => originalSignal.call(AbortSignal, shorter(ms)!);
  return () => {
    window.setTimeout = original;
    globalThis.setTimeout = original;
    AbortSignal.timeout = originalSignal;
  };
}

/**
 * Make requests to URLs starting with `prefix` fail as a dropped network would (a TypeError from
 * fetch), until the returned function is called.
 */
export function failFetchesTo(prefix: string): { count: () => number; restore: () => void } {
  const original = window.fetch;
  let n = 0;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.toString() : input.url;
    if (url.startsWith(prefix)) {
      n++;
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return original.call(window, input, init);
  };
  return { count: () => n, restore: () => void (window.fetch = original) };
}

/** Pretend the browser went offline (navigator.onLine false, an `offline` event); the returned function comes back online. */
export function goOffline(): () => void {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
  return () => {
    delete (navigator as { onLine?: boolean }).onLine;
    window.dispatchEvent(new Event('online'));
  };
}
