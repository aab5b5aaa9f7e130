// Helpers shared by the bench pages (plain JS, run as is in Chromium).

/** Resolve when `check()` holds, re-checked on every DOM change under `root` (no polling). */
export function until(root, check, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const observer = new MutationObserver(() => {
      if (!check()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

/** Collect garbage (Chromium runs with --js-flags=--expose-gc) and let a frame pass, so neither lands in a measurement. */
export async function settle() {
  globalThis.gc?.();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Force style and layout of the whole document now. */
export function layout() {
  return document.documentElement.getBoundingClientRect().height + document.body.offsetHeight;
}
