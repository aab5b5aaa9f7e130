/**
 * Where the floating mini-player docks: one of the four corners of the viewport, inside the insets the
 * page keeps for its own fixed bars. Pure geometry, so it is tested without a browser's layout.
 */

export const CORNERS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
export type Corner = (typeof CORNERS)[number];

export const isCorner = (value: unknown): value is Corner => (CORNERS as readonly unknown[]).includes(value);

/** The corner nearest to a point (the centre of a dragged mini-player), in a viewport of `width` × `height`. */
export function nearestCorner(x: number, y: number, width: number, height: number): Corner {
  const vertical = y < height / 2 ? 'top' : 'bottom';
  const horizontal = x < width / 2 ? 'left' : 'right';
  return `${vertical}-${horizontal}`;
}

/** The corner an arrow key moves the mini-player to (the same corner when it is already on that side). */
export function cornerToward(corner: Corner, key: string): Corner {
  const [vertical, horizontal] = corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
  switch (key) {
    case 'ArrowUp':
      return `top-${horizontal}`;
    case 'ArrowDown':
      return `bottom-${horizontal}`;
    case 'ArrowLeft':
      return `${vertical}-left`;
    case 'ArrowRight':
      return `${vertical}-right`;
    default:
      return corner;
  }
}

/** A dragged box's offset kept inside the viewport's insets: `rect` is the docked box before the drag. */
export function clampDrag(
  dx: number,
  dy: number,
  rect: { left: number; top: number; width: number; height: number },
  viewport: { width: number; height: number },
  inset: { top: number; right: number; bottom: number; left: number },
): { dx: number; dy: number } {
  const minX = inset.left - rect.left;
  const maxX = viewport.width - inset.right - rect.width - rect.left;
  const minY = inset.top - rect.top;
  const maxY = viewport.height - inset.bottom - rect.height - rect.top;
  const clamp = (v: number, lo: number, hi: number) => (hi < lo ? lo : Math.min(hi, Math.max(lo, v)));
  return { dx: clamp(dx, minX, maxX), dy: clamp(dy, minY, maxY) };
}
