/**
 * The GA4 dataLayer bridge is opt-in (`analytics="datalayer"` on `<sf-config>`, the script tag or
 * `configure`): its code is a chunk of its own, fetched the first time an element renders on a page
 * whose configuration asks for it — never by a page that does not, and never before an element
 * exists to emit anything.
 */
import { configStore } from '../store/config.js';

let asked = false;

export function startAnalytics(): void {
  if (asked) return;
  const { page, script } = configStore.getState();
  if ((page.analytics ?? script.analytics) !== 'datalayer') return;
  asked = true;
  void import('../analytics/datalayer.js').then((bridge) => bridge.startDataLayer());
}
