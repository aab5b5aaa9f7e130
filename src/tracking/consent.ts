/**
 * Storage consent: whether the widgets may write (or read) cookies and storage on this browser.
 * Small on purpose: it is in every page's first download.
 *
 * The last say wins: `consent` on `<sf-config>` (or `data-consent` on the script tag, or
 * `configure({consent})`) when it changes, and `consent(…)` at run time (a consent banner). With no
 * say of ours, Google Consent Mode's `analytics_storage` decides when the page has it (its
 * `default: denied` counts as pending, an `update` to denied as denied); with neither, storage is
 * granted, as before this option existed. A value that is none of the three is ignored, with an error.
 *
 * `pending`: nothing is read from or written to cookies or storage; what the page learns (an
 * orderCallBackId) lives in memory. `granted`: stored, including what the page learned while pending.
 * `denied`: what we stored is removed. Listeners (`onConsent`) do the storing and removing.
 */
import { configStore, type Consent } from '../store/config.js';

let said: Consent | undefined;
let configured: unknown;
let applied: Consent | undefined;
const listeners = new Set<(consent: Consent) => void>();

/** The value when it is one of the three; else undefined, with an error naming it (never a throw). */
function valid(value: unknown): Consent | undefined {
  if (value === 'pending' || value === 'granted' || value === 'denied') return value;
  if (value !== undefined) console.error(`[sauceflex] consent "${String(value)}" is not pending, granted or denied`);
}

/** Google Consent Mode's last word on `analytics_storage` in `window.dataLayer`, if the page uses it. */
export function consentModeSignal(layer = (globalThis as { dataLayer?: unknown }).dataLayer): Consent | undefined {
  if (!Array.isArray(layer)) return;
  for (let i = layer.length; i--; ) {
    const entry = layer[i];
    const value = entry?.[0] === 'consent' && entry[2]?.analytics_storage;
    if (value === 'granted') return value;
    if (value === 'denied') return entry[1] === 'update' ? value : 'pending';
  }
}

/** The consent in force now. */
export const currentConsent = (): Consent => said ?? consentModeSignal() ?? 'granted';

/** Set the consent at run time (`SauceflexWidgets.consent('granted')`); without an argument, read it. */
export function consent(value?: Consent): Consent {
  said = valid(value) ?? said;
  return syncConsent();
}

/** May we touch cookies and storage now? */
export const mayStore = (): boolean => syncConsent() === 'granted';

/** Called with the new consent whenever it changes (not at once). Returns its own unsubscribe. */
export function onConsent(listener: (consent: Consent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Tell the listeners when the consent in force is not what they last heard. */
function syncConsent(): Consent {
  const now = currentConsent();
  const before = applied;
  applied = now;
  if (before && before !== now) for (const listener of listeners) listener(now);
  return now;
}

function fromConfig(): void {
  const { page, script } = configStore.getState();
  const next = page.consent ?? script.consent;
  if (next === configured) return;
  configured = next;
  said = valid(next) ?? said;
  syncConsent();
}

fromConfig();
configStore.subscribe(fromConfig);
// A Consent Mode update is noticed when we next store something, and when the page is hidden or left.
globalThis.addEventListener?.('pagehide', syncConsent);
globalThis.document?.addEventListener('visibilitychange', syncConsent);
