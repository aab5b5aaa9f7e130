/**
 * Elements are fetched when the page uses them, not before. The main entry (and the IIFE, which
 * loads it) carries this map instead of the elements: a page with one `<sf-schedule>` downloads
 * the schedule and what it needs, never the player or the coupon panel. hls.js stays behind the
 * player's own `import()`, fetched only when a preview plays.
 *
 * Discovery looks at the document (and what a MutationObserver sees added to it later). Tags inside
 * another component's shadow root are not visible from here: call `loadElement(tag)`, or import
 * `elements/<name>.js`, for those. Once an element is defined, the browser upgrades every instance,
 * shadow roots included.
 */
import '../elements/config/config.js';
import { ELEMENT_CHUNKS } from './element-chunks.js';
import { prefetchFor } from './prefetch.js';
import { watchPlacement } from '../shared/early-placement.js';

const LOADERS = {
  // Defined at once (imported above): every other element reads it. Listed so loadElement() knows it.
  'sf-config': () => Promise.resolve(),
  'sf-schedule': () => import('../elements/schedule/schedule.js'),
  'sf-broadcast-card': () => import('../elements/broadcast-card/broadcast-card.js'),
  'sf-countdown': () => import('../elements/countdown/countdown.js'),
  'sf-product-card': () => import('../elements/product-card/product-card.js'),
  'sf-product-list': () => import('../elements/product-list/product-list.js'),
  'sf-coupon-panel': () => import('../elements/coupon-panel/coupon-panel.js'),
  'sf-preview-player': () => import('../elements/preview-player/preview-player.js'),
  'sf-broadcast-stats': () => import('../elements/broadcast-stats/broadcast-stats.js'),
  'sf-live-player': () => import('../elements/live-player/live-player.js'),
  'sf-consult-button': () => import('../elements/consult-button/consult-button.js'),
  'sf-curation-list': () => import('../elements/curation-list/curation-list.js'),
} as const satisfies Record<string, () => Promise<unknown>>;

export type LazyTag = keyof typeof LOADERS;

/** Every tag the autoloader knows (for a page that wants them all up front: `Promise.all(ELEMENT_TAGS.map(loadElement))`). */
export const ELEMENT_TAGS = Object.keys(LOADERS) as LazyTag[];

const pending = new Map<LazyTag, Promise<CustomElementConstructor>>();

/** Ask for an element's chunks together with its entry, not one import level after another. */
function preloadFilesOf(name: LazyTag): void {
  // A failure here is the element's own import failing too: reported there, once.
  for (const chunk of ELEMENT_CHUNKS?.[name]?.() ?? []) chunk.catch(() => undefined);
}

const isLazyTag = (tag: string): tag is LazyTag => Object.hasOwn(LOADERS, tag);

/**
 * Fetch and define one element (once; a failed fetch may be tried again). Resolves with its class.
 * Rejects with a clear error for a tag that is not ours.
 */
export function loadElement(tag: string): Promise<CustomElementConstructor> {
  const name = tag.toLowerCase();
  if (!isLazyTag(name)) return Promise.reject(new Error(`[sauceflex] no element named <${tag}> (known: ${ELEMENT_TAGS.join(', ')})`));
  let loading = pending.get(name);
  if (!loading) {
    preloadFilesOf(name);
    loading = LOADERS[name]().then(
      () => {
        if (ELEMENT_TAGS.every((tag) => customElements.get(tag))) stopWatching();
        return customElements.whenDefined(name);
      },
      (error: unknown) => {
        pending.delete(name); // offline, or a deploy in between: the next discovery tries again
        throw new Error(`[sauceflex] could not load <${name}>: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      },
    );
    pending.set(name, loading);
  }
  return loading;
}

/** Load every element of ours that is used under `root` (inclusive) and not defined yet. */
export function discover(root: ParentNode): void {
  const found = new Set<LazyTag>();
  const consider = (element: Element) => {
    const name = element.localName;
    if (!isLazyTag(name) || customElements.get(name)) return;
    // Where it stands, learnt from the browser's own layouts (src/shared/early-placement.ts); then its data
    // starts now, beside its code, not after it.
    watchPlacement(element);
    prefetchFor(element);
    if (!pending.has(name)) found.add(name);
  };
  if (root instanceof Element) consider(root);
  for (const element of root.querySelectorAll(':not(:defined)')) consider(element);
  for (const name of found) {
    // Reported, never thrown: a page must not break because one widget's file did not arrive.
    loadElement(name).catch((error: unknown) => console.error(error instanceof Error ? error.message : error));
  }
}

let observer: MutationObserver | undefined;
const onOnline = () => discover(document);

/** Everything is defined: nothing is left to find, so the page's mutations cost us nothing more. */
function stopWatching(): void {
  observer?.disconnect();
  removeEventListener('online', onOnline);
}

/** Watch the document from now on: what is there and whatever is added later (a CMS, an SPA). */
export function startAutoload(): void {
  if (observer) return;
  discover(document);
  observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) discover(node);
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // A file that failed while offline is tried again when the network comes back.
  addEventListener('online', onOnline);
}
