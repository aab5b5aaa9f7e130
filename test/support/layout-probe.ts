/**
 * What a shopper's eye checks, measured in the page (passed to page.evaluate, so self-contained):
 * the page is no wider than the viewport, no text runs out of its box, no two interactive targets
 * overlap. Walks shadow roots, since every sf-* element renders into one.
 */
export interface LayoutReport {
  /** document scrollWidth minus the viewport's width (0 when nothing overflows). */
  overflowPx: number;
  /** "sf-coupon-panel > p.validity: 143 > 120 px" — text wider (or, unclamped, taller) than its box. */
  textCut: string[];
  /** "button.issue ∩ a.more" — interactive targets whose boxes intersect. */
  overlaps: string[];
  /** Width of the narrowest element whose own text wraps onto 3 or more lines (Infinity when none). */
  narrowestColumnPx: number;
}

export function measureLayout(rootSelector: string): LayoutReport {
  const root = document.querySelector(rootSelector) ?? document.body;
  const all: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(root);

  const name = (el: Element) => {
    let host: Node = el;
    while (host.parentNode) host = host.parentNode;
    const owner = host instanceof ShadowRoot ? `${host.host.localName} > ` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `${owner}${el.localName}${cls}`;
  };
  const composedContains = (outer: Element, inner: Element) => {
    for (let n: Node | null = inner; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) if (n === outer) return true;
    return false;
  };
  /** Hidden from the eye (display none, visibility, a visually-hidden clip). */
  const unseen = (el: Element) => {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) return true;
    for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
      if (!(n instanceof Element)) continue;
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || s.clipPath === 'inset(50%)') return true;
    }
    return false;
  };
  const ownText = (el: Element) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');

  const textCut: string[] = [];
  let narrowest = Infinity;
  for (const el of all) {
    if (!ownText(el) || unseen(el)) continue;
    const box = el.getBoundingClientRect();
    // Only the element's own text: a visually-hidden child is meant to sit outside the box.
    const rects = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).flatMap((n) => {
      const range = document.createRange();
      range.selectNodeContents(n);
      return [...range.getClientRects()];
    }).filter((r) => r.width > 0);
    if (rects.length === 0) continue;
    const text = {
      left: Math.min(...rects.map((r) => r.left)),
      right: Math.max(...rects.map((r) => r.right)),
      top: Math.min(...rects.map((r) => r.top)),
      bottom: Math.max(...rects.map((r) => r.bottom)),
      get width() { return this.right - this.left; },
      get height() { return this.bottom - this.top; },
    };
    const s = getComputedStyle(el);
    const clamped = s.webkitLineClamp !== 'none' && s.webkitLineClamp !== '';
    const wider = text.width - box.width > 1 || text.left < box.left - 1 || text.right > box.right + 1;
    // Glyphs may poke out of a tight line-height by a few pixels: a cut line is at least half a line.
    const slack = parseFloat(s.fontSize) / 2;
    const taller = !clamped && (text.top < box.top - slack || text.bottom > box.bottom + slack);
    if (wider || taller) textCut.push(`${name(el)} "${el.textContent!.trim().slice(0, 30)}": text ${Math.round(text.width)}×${Math.round(text.height)} in box ${Math.round(box.width)}×${Math.round(box.height)}`);
    const lines = new Set(rects.map((r) => Math.round(r.bottom))).size;
    if (lines >= 3 && s.display !== 'inline') narrowest = Math.min(narrowest, Math.round(box.width));
  }

  const inside = (inner: DOMRect, outer: DOMRect) =>
    inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
  const hitsAtCentre = (el: Element) => {
    const r = visibleBox(el) ?? el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    let hit = document.elementFromPoint(x, y);
    while (hit?.shadowRoot) {
      const deeper = hit.shadowRoot.elementFromPoint(x, y);
      if (!deeper || deeper === hit) break;
      hit = deeper;
    }
    return !!hit && composedContains(el, hit);
  };
  const inFixedLayer = (el: Element) => {
    for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
      if (n instanceof Element && getComputedStyle(n).position === 'fixed') return true;
    }
    return false;
  };
  /**
   * The part of a target the eye can see and a tap can reach: its box cut by every ancestor that clips
   * (a scrolled carousel track hides the cards' ends, which are then no target), or null when none is left.
   */
  const visibleBox = (el: Element): DOMRect | null => {
    let { left, top, right, bottom } = el.getBoundingClientRect();
    for (let n: Node | null = el.parentNode ?? null; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
      if (!(n instanceof Element)) continue;
      const s = getComputedStyle(n);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const clip = n.getBoundingClientRect();
      if (s.overflowX !== 'visible') {
        left = Math.max(left, clip.left);
        right = Math.min(right, clip.right);
      }
      if (s.overflowY !== 'visible') {
        top = Math.max(top, clip.top);
        bottom = Math.min(bottom, clip.bottom);
      }
    }
    return right - left > 1 && bottom - top > 1 ? new DOMRect(left, top, right - left, bottom - top) : null;
  };
  const targets = all.filter((el) => el.matches('a[href], button, input, select, textarea, video[controls], [role="button"], [role="link"], [tabindex]:not([tabindex="-1"])') && !unseen(el) && visibleBox(el));
  const overlaps: string[] = [];
  for (let i = 0; i < targets.length; i++) {
    for (let j = i + 1; j < targets.length; j++) {
      const a = targets[i]!;
      const b = targets[j]!;
      if (composedContains(a, b) || composedContains(b, a)) continue;
      const ra = visibleBox(a)!;
      const rb = visibleBox(b)!;
      // A button on a card-wide link (the card's actions) is fine when a tap at its centre reaches it.
      if (inside(rb, ra) && hitsAtCentre(b)) continue;
      if (inside(ra, rb) && hitsAtCentre(a)) continue;
      // A floating layer (position: fixed, as the live player's mini-player) covers the page by design, not by a
      // layout collision: fine when the layer's target is the one on top.
      const fixedA = inFixedLayer(a);
      if (fixedA !== inFixedLayer(b) && hitsAtCentre(fixedA ? a : b)) continue;
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 1 && h > 1) overlaps.push(`${name(a)} ∩ ${name(b)} (${Math.round(w)}×${Math.round(h)})`);
    }
  }

  return { overflowPx: Math.max(0, document.documentElement.scrollWidth - window.innerWidth), textCut, overlaps, narrowestColumnPx: narrowest };
}
