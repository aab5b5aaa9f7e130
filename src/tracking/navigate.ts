/**
 * The one place a product click leaves the page. Elements never touch `location` themselves, so a
 * shop (or a test) can replace how navigation happens with `setNavigator()`.
 */

export type Navigator = (url: string, target: string) => void;

/** `_self` (or empty): this tab; `_blank`: a new tab without `window.opener`; else that target. */
export const defaultNavigator: Navigator = (url, target) => {
  const name = target.trim() || '_self';
  if (name === '_self') {
    globalThis.location.assign(url);
  } else if (name === '_blank') {
    globalThis.open(url, '_blank', 'noopener');
  } else {
    globalThis.open(url, name);
  }
};

let current: Navigator = defaultNavigator;

/** Go to `url` in `target` through the current navigator. */
export function navigate(url: string, target = '_self'): void {
  current(url, target);
}

/** Replace how product clicks navigate (an SPA router, a test). Returns a function that restores the previous one. */
export function setNavigator(navigator: Navigator): () => void {
  const previous = current;
  current = navigator;
  return () => {
    current = previous;
  };
}
