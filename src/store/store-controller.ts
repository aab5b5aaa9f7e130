/**
 * Subscribes a Lit element to a slice of a zustand vanilla store: the element re-renders when the
 * slice changes (by `equals`), and the subscription is closed when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { StoreApi } from 'zustand/vanilla';

export class StoreController<S, T> implements ReactiveController {
  private unsubscribe?: () => void;
  /** The current slice; read it in `render()`. */
  value: T;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: StoreApi<S>,
    private readonly select: (state: S) => T,
    private readonly equals: (a: T, b: T) => boolean = Object.is,
  ) {
    this.value = select(store.getState());
    host.addController(this);
  }

  hostConnected(): void {
    this.value = this.select(this.store.getState());
    this.unsubscribe = this.store.subscribe((state) => {
      const next = this.select(state);
      if (this.equals(this.value, next)) return;
      this.value = next;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

/** Shallow equality for slices that are small objects or arrays built anew by the selector. */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
