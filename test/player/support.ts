/** Shared by the player tests: the stand-in's stream, a fresh URL per test, playback checks. */
import { waitUntil } from '@open-wc/testing';
import { playerTiming } from '../../src/player/engine.js';
import { standinOrigin } from '../support/standin-control.js';

let counter = 0;

/**
 * The stand-in's preview stream under a URL of its own (the stand-in ignores the query), so the
 * resource timing entries of one test are told apart from every other's.
 */
export function streamUrl(tag = 'p'): string {
  counter++;
  return `${standinOrigin()}/media/preview/index.m3u8?case=${tag}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Resource timing entries whose URL contains `part` (the buffer is enlarged so none is dropped). */
export function requestsFor(part: string): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.name.includes(part));
}

export function roomForResourceTimings(): void {
  performance.setResourceTimingBufferSize(100_000);
}

/** The video inside a player. */
export const videoOf = (el: Element): HTMLVideoElement => el.shadowRoot!.querySelector('video')!;
export const partOf = (el: Element, name: string): HTMLElement | null => el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** Wait until the video's clock has really moved past `seconds`. */
export async function playsPast(video: HTMLVideoElement, seconds = 0.5, timeout = 8_000): Promise<void> {
  await waitUntil(() => video.currentTime > seconds && !video.paused, `currentTime did not pass ${seconds}s (at ${video.currentTime}, paused ${video.paused})`, { timeout, interval: 50 });
}

/** Fast retries for a test; returns a function that puts the defaults back. */
export function fastRetries(overrides: Partial<typeof playerTiming> = {}): () => void {
  const saved = { ...playerTiming };
  Object.assign(playerTiming, { retryBaseMs: 50, retryMaxMs: 200, networkRetries: 2, loaderRetries: 1, ...overrides });
  return () => Object.assign(playerTiming, saved);
}
