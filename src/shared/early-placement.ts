/**
 * Where a tag stands before its element is defined: its height (our reservation, src/shared/reserve.ts,
 * or the shop's `:not(:defined)` rule) and whether it starts in view. The schedule's skeleton keeps
 * that height (or what stands under it would come up and go down again), and its first picture loads
 * at once with high priority only when it starts in view.
 *
 * Reading a box while the elements are being defined forces a whole-page layout in that task (70–110
 * ms at the page bench's 4× CPU slowdown, measured). So the autoloader starts a ResizeObserver on each
 * such tag when it finds it: its callback comes after a layout the browser did anyway, and reading the
 * box there costs nothing. Only a tag that gets no report first (created in script, or its code was
 * already there) is measured when asked. A report is as old as the tag's last resize: content loading
 * above it since may have moved it, which at worst gives its first picture the wrong priority.
 */
interface Placement {
  height: number;
  top: number;
  viewportHeight: number;
}

const placements = new WeakMap<Element, Placement>();
let observer: ResizeObserver | undefined;

/** Called by the autoloader for each undefined tag it finds. */
export function watchPlacement(element: Element): void {
  if (typeof ResizeObserver === 'undefined') return;
  observer ??= new ResizeObserver((entries) => {
    for (const { target } of entries) {
      const box = target.getBoundingClientRect();
      placements.set(target, { height: box.height, top: box.top, viewportHeight: innerHeight });
    }
  });
  observer.observe(element);
}

/** At the upgrade (the tag does not match `:defined` yet): the height the page gave it; 0 for an element created in script. */
export function heightBeforeDefinition(element: Element): number {
  // From here on the element sizes itself: later reports would be its own.
  observer?.unobserve(element);
  if (!element.isConnected) return 0;
  return placements.get(element)?.height ?? element.getBoundingClientRect().height;
}

/** Whether the autoloader watched this tag and the browser has reported where it stands. */
export function placementKnown(element: Element): boolean {
  return placements.has(element);
}

/** Whether the tag's top is within the first screen (true where there is no window to ask). */
export function startsInView(element: Element): boolean {
  const known = placements.get(element);
  if (known) return known.top < known.viewportHeight;
  return typeof innerHeight !== 'number' || element.getBoundingClientRect().top < innerHeight;
}
