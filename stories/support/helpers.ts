/**
 * What every stories file shares: the theme args as inline style, the toolbar's language, fixture
 * data from the stand-in, and small waits for play functions (each story waits until its element
 * shows the state the story is named after, so a story that stops showing it fails loudly).
 */
import type { StoryContext } from '@storybook/web-components-vite';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Broadcast } from '../../src/api/models.js';
import { broadcastFixtures, productFixtures, type ProductFixture } from '../../demo/standin/fixtures.js';
import { mediaOrigin } from '../../.storybook/mock/urls.js';

export {
  brokenStream,
  hangingStream,
  mockApiBase,
  mockConsultEndpoint,
  mockCouponEndpoint,
  mockProductEndpoint,
  mockScheduleSource,
  mockStatsEndpoint,
  mockTokenEndpoint,
  PARTNER_ID,
  previewStream,
} from '../../.storybook/mock/urls.js';

export type Args = Record<string, unknown>;

/** The `--sf-*` args that are set, as the element's inline style (where a designer would put them). */
export function themeStyle(args: Args) {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(args)) {
    if (name.startsWith('--') && value !== undefined && value !== null && value !== '') vars[name] = String(value);
  }
  return styleMap(vars);
}

/** The element's `lang`: its own control when set, else the toolbar's language. */
export function langOf(args: Args, context: StoryContext): string {
  const own = args.lang;
  return typeof own === 'string' && own !== '' ? own : String(context.globals.locale ?? 'ko');
}

/** An attribute value from an arg: empty and unset args leave the attribute out. */
export function attr(value: unknown): string | undefined {
  return ifDefined(value === undefined || value === null || value === '' ? undefined : String(value)) as unknown as string | undefined;
}

/** An event handler arg (Storybook makes one per manifest event: `onSfProductClick`, …). */
export function handler(args: Args, name: string): (event: Event) => void {
  const fn = args[name];
  return typeof fn === 'function' ? (fn as (event: Event) => void) : () => undefined;
}

// ---- fixtures ------------------------------------------------------------------------------------

let cached: { at: number; broadcasts: Broadcast[]; products: ProductFixture[] } | undefined;

/** The stand-in's fixtures around the current clock (rebuilt once a minute), with this page's media. */
function data() {
  const now = Date.now();
  if (!cached || now - cached.at > 60_000) {
    cached = { at: now, broadcasts: broadcastFixtures(now, mediaOrigin()), products: productFixtures(mediaOrigin()) };
  }
  return cached;
}

export function broadcasts(): Broadcast[] {
  return data().broadcasts;
}

/** The first fixture broadcast that matches; throws when the fixtures no longer have one. */
export function broadcastWhere(what: string, test: (b: Broadcast) => boolean): Broadcast {
  const found = broadcasts().find(test);
  if (!found) throw new Error(`No fixture broadcast is ${what}`);
  return found;
}

export function products(): ProductFixture[] {
  return data().products;
}

export function productWhere(what: string, test: (p: ProductFixture) => boolean): ProductFixture {
  const found = products().find(test);
  if (!found) throw new Error(`No fixture product is ${what}`);
  return found;
}

// ---- waits for play functions -------------------------------------------------------------------

/** Polls until `check` returns something truthy; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 8_000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The story's element (the first with this tag in the canvas). */
export function elementIn<T extends Element = HTMLElement>(canvas: HTMLElement, tag: string): T {
  const element = canvas.querySelector(tag);
  if (!element) throw new Error(`<${tag}> is not in the story`);
  return element as T;
}

/** Something inside an element's shadow root. */
export function inShadow<T extends Element = HTMLElement>(host: Element | null | undefined, selector: string): T | null {
  return (host?.shadowRoot?.querySelector(selector) as T | null) ?? null;
}

/** Waits until the element's shadow root has `selector`, and returns it. */
export function waitForShadow<T extends Element = HTMLElement>(host: Element, selector: string, timeoutMs?: number): Promise<T> {
  return waitFor(`${selector} in <${host.localName}>`, () => inShadow<T>(host, selector), timeoutMs);
}
