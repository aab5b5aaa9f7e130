/**
 * Whether a player should autoplay as far as the page goes: at least half of it on screen (or, for
 * a player taller than twice the viewport, filling half the viewport) and the tab shown. A Lit
 * controller: observing starts when the host connects and stops when it leaves.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

const VISIBLE_SHARE = 0.5;
const THRESHOLDS = Array.from({ length: 21 }, (_, i) => i / 20);

export class VisibilityController implements ReactiveController {
  private observer?: IntersectionObserver;
  private onScreen = false;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    /** Called whenever on-screen or tab visibility may have changed. */
    private readonly changed: () => void,
  ) {
    host.addController(this);
  }

  get visible(): boolean {
    return this.onScreen && document.visibilityState === 'visible';
  }

  hostConnected(): void {
    this.observer = new IntersectionObserver(this.onIntersect, { threshold: THRESHOLDS });
    this.observer.observe(this.host);
    document.addEventListener('visibilitychange', this.changed);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.onScreen = false;
    document.removeEventListener('visibilitychange', this.changed);
  }

  private readonly onIntersect = (entries: IntersectionObserverEntry[]): void => {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const viewport = entry.rootBounds?.height ?? window.innerHeight;
    this.onScreen = entry.isIntersecting && (entry.intersectionRatio >= VISIBLE_SHARE || (viewport > 0 && entry.intersectionRect.height >= viewport * VISIBLE_SHARE));
    this.changed();
  };
}
