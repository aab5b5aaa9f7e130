/** Helpers for `<sf-live-player>` tests: the stand-in's broadcasts, and pressing its player page's buttons. */
import { waitUntil } from '@open-wc/testing';
import type { Broadcast } from '../../src/api/models.js';
import type { SfLivePlayer } from '../../src/elements/live-player/live-player.component.js';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import type { STANDIN_PLAYER_BUTTONS } from '../../demo/standin/player-page.js';
import { standinOrigin } from '../support/standin-control.js';

/** A live broadcast of the stand-in with products, as the API returns it (the stand-in serves its player page). */
export function liveBroadcast(): Broadcast {
  const found = broadcastFixtures(Date.now(), standinOrigin()).find((b) => b.broadcastStateCode === 'onair' && (b.productListDetail?.length ?? 0) >= 2);
  if (!found) throw new Error('the stand-in has no live broadcast with two products');
  return structuredClone(found);
}

/** A broadcast of the stand-in in `code`. */
export function broadcastIn(code: string): Broadcast {
  const found = broadcastFixtures(Date.now(), standinOrigin()).find((b) => b.broadcastStateCode === code);
  if (!found) throw new Error(`the stand-in has no broadcast in state ${code}`);
  return structuredClone(found);
}

export const frameOf = (el: SfLivePlayer): HTMLIFrameElement | null => el.shadowRoot!.querySelector('iframe');
export const partOf = (el: Element, name: string): HTMLElement | null => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** Press a button of the stand-in's player page (its test hook: the frame is cross-origin). */
export function press(el: SfLivePlayer, button: (typeof STANDIN_PLAYER_BUTTONS)[number], extra: { status?: string } = {}): void {
  const frame = frameOf(el);
  if (!frame?.contentWindow) throw new Error('no player frame to press in');
  frame.contentWindow.postMessage({ standin: 'press', button, ...extra }, '*');
}

export async function playing(el: SfLivePlayer): Promise<void> {
  await waitUntil(() => el.state === 'playing', `state stayed "${el.state}", expected "playing"`, { timeout: 8_000, interval: 20 });
}

/** Every `sf-` event the element dispatches, in order. */
export function recordEvents(el: Element, names: readonly string[]): Array<{ type: string; detail: unknown; event: CustomEvent }> {
  const seen: Array<{ type: string; detail: unknown; event: CustomEvent }> = [];
  for (const name of names) el.addEventListener(name, (event) => seen.push({ type: name, detail: (event as CustomEvent).detail, event: event as CustomEvent }));
  return seen;
}

export const LIVE_EVENTS = ['sf-product-click', 'sf-login-required', 'sf-share', 'sf-live-exit', 'sf-live-status', 'sf-live-time', 'sf-live-enter', 'sf-banner-click', 'sf-error'] as const;
