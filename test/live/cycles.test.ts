/**
 * Players mounted and removed at every stage leave nothing behind: no message listener, no observer, no
 * frame still attached, no timer that fires later.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/live-player/live-player.js';
import type { SfLivePlayer } from '../../src/elements/live-player/live-player.component.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { frameOf, liveBroadcast } from './support.js';

const CYCLES = 50;
const LOAD_TIMEOUT = 1_000;

describe('<sf-live-player> mount/unmount cycles', function () {
  this.timeout(120_000);

  it(`${CYCLES} cycles leave no message listener, no IntersectionObserver, no attached frame and no timer behind`, async () => {
    resetSession();
    // Count what the page gives out and takes back, for the duration of the test.
    let messageListeners = 0;
    let observers = 0;
    const add = window.addEventListener;
    const remove = window.removeEventListener;
    const Observer = window.IntersectionObserver;
    window.addEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      if (type === 'message') messageListeners++;
      return (add as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof window.addEventListener;
    window.removeEventListener = function (this: Window, type: string, ...rest: unknown[]) {
      if (type === 'message') messageListeners--;
      return (remove as (...args: unknown[]) => void).call(this, type, ...rest);
    } as typeof window.removeEventListener;
    window.IntersectionObserver = class extends Observer {
      private counted = false;
      override observe(target: Element) {
        if (!this.counted) observers++;
        this.counted = true;
        super.observe(target);
      }
      override disconnect() {
        if (this.counted) observers--;
        this.counted = false;
        super.disconnect();
      }
    };
    const errors: unknown[] = [];
    const onError = (event: Event) => errors.push((event as CustomEvent).detail);
    const frames: HTMLIFrameElement[] = [];
    try {
      const container = await fixture<HTMLDivElement>(html`<div></div>`);
      const broadcast = liveBroadcast();
      for (let i = 0; i < CYCLES; i++) {
        const phase = i % 5;
        const el = document.createElement('sf-live-player') as SfLivePlayer;
        el.broadcast = broadcast;
        el.floating = true;
        el.loadTimeout = LOAD_TIMEOUT;
        el.style.width = '120px';
        container.append(el);
        // Removed at every stage: at once; rendered; its frame loading; playing; docked as the mini-player.
        if (phase >= 1) await el.updateComplete;
        if (phase === 2) await waitUntil(() => frameOf(el) !== null, 'no frame');
        if (phase >= 3) await waitUntil(() => el.state === 'playing' || el.state === 'error', 'never loaded', { timeout: 8_000 });
        if (phase === 4) {
          el.minimize();
          await el.updateComplete;
        }
        const frame = frameOf(el);
        if (frame) frames.push(frame);
        // From its removal on, a player must stay silent: a load timer left running would say sf-error.
        el.addEventListener('sf-error', onError);
        el.remove();
        expect(messageListeners, `cycle ${i} (phase ${phase}) left a message listener`).to.equal(0);
        expect(observers, `cycle ${i} (phase ${phase}) left an IntersectionObserver`).to.equal(0);
      }
      expect(frames.length).to.be.greaterThan(CYCLES / 2);
      for (const frame of frames) {
        expect(frame.isConnected).to.equal(false);
        // A detached frame has no browsing context: its page and its stream are gone.
        expect(frame.contentWindow).to.equal(null);
      }
      // A quiet window longer than the load timeout: no player left a timer that fires (it would say sf-error).
      await aTimeout(LOAD_TIMEOUT * 2);
      expect(errors).to.deep.equal([]);
    } finally {
      window.addEventListener = add;
      window.removeEventListener = remove;
      window.IntersectionObserver = Observer;
    }
  });
});
