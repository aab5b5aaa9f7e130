import { css, unsafeCSS } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

/**
 * The card's styles, written once for both hosts: `host` is the selector of the box around one card
 * (`:host` in `<sf-broadcast-card>`, each list item in `<sf-schedule>`) and `variant(name)` selects
 * that box in a variant (list, feed, grid). Every rule is under `host`, so none reaches the
 * schedule's own header, headings or buttons.
 */
export function cardStyles(host: string, variant: (name: 'list' | 'feed' | 'grid') => string) {
  const h = unsafeCSS(host);
  const v = (name: 'list' | 'feed' | 'grid') => unsafeCSS(variant(name));
  return css`
  ${h} {
    --sf-card-radius: ${theme.radius};
    --sf-card-background: ${theme.surface};
    --sf-card-color: ${theme.text};
    --sf-card-muted: ${theme.textMuted};
    --sf-card-border: ${theme.border};
    --sf-live-color: ${theme.accent};
    /* Private: the page's --sf-thumbnail-aspect-ratio wins; each variant has its own default. */
    --_aspect: var(--sf-thumbnail-aspect-ratio, 3 / 4);
    display: block;
    font-family: ${theme.fontFamily};
    color: var(--sf-card-color);
    contain: layout style;
  }

  ${h} .card {
    display: grid;
    gap: 0.5rem;
    height: 100%;
    box-sizing: border-box;
    color: inherit;
    text-decoration: none;
    background: var(--sf-card-background);
    border: 1px solid var(--sf-card-border);
    border-radius: var(--sf-card-radius);
    padding: 0.5rem;
    outline-offset: 2px;
  }
  ${h} a.card:hover .title {
    text-decoration: underline;
  }
  ${h} a.card:focus-visible {
    outline: 3px solid ${theme.focusRing};
  }
  ${h} .card[aria-disabled='true'] {
    opacity: 0.7;
  }

  /* feed: one wide card per row, so a wide picture */
  ${v('feed')} {
    --_aspect: var(--sf-thumbnail-aspect-ratio, 16 / 9);
  }
  /* list: picture left, text right */
  ${v('list')} .card {
    grid-template-columns: var(--sf-card-thumb-width, 7.5rem) 1fr;
    align-items: start;
  }
  /* grid (image layout): the picture is the card, text laid over it */
  ${v('grid')} .card {
    position: relative;
    padding: 0;
    overflow: hidden;
  }
  ${v('grid')} .body {
    position: absolute;
    inset: auto 0 0 0;
    padding: 2.5rem 0.625rem 0.625rem;
    color: #fff;
    background: linear-gradient(transparent, rgb(0 0 0 / 0.72));
  }
  ${v('grid')} .meta,
  ${v('grid')} .shop {
    color: rgb(255 255 255 / 0.85);
  }
  ${v('grid')} .products {
    display: none;
  }

  ${h} .thumb {
    position: relative;
    aspect-ratio: var(--_aspect);
    border-radius: calc(var(--sf-card-radius) - 4px);
    overflow: hidden;
    background: ${theme.skeleton};
  }
  ${v('grid')} .thumb {
    border-radius: 0;
  }
  ${h} .thumb img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }

  ${h} .badge {
    position: absolute;
    top: 0.5rem;
    left: 0.5rem;
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 700;
    letter-spacing: 0.02em;
    color: #fff;
    background: rgb(0 0 0 / 0.6);
  }
  ${h} .badge.live {
    color: ${theme.onAccent};
    background: var(--sf-live-color);
  }
  ${h} .badge.live::before {
    content: '';
    display: inline-block;
    width: 0.45em;
    height: 0.45em;
    margin-right: 0.35em;
    border-radius: 50%;
    background: currentColor;
    vertical-align: 0.1em;
  }
  ${h} .badge.cancelled {
    background: #555;
  }
  ${h} .duration {
    position: absolute;
    right: 0.5rem;
    bottom: 0.5rem;
    padding: 0 0.375rem;
    border-radius: 4px;
    font-size: 0.75rem;
    color: #fff;
    background: rgb(0 0 0 / 0.6);
  }
  ${v('grid')} .duration {
    top: 0.5rem;
    bottom: auto;
  }

  ${h} .body {
    display: grid;
    gap: 0.25rem;
    min-width: 0;
  }
  ${h} .title {
    margin: 0;
    font-size: var(--sf-card-title-size, 0.95rem);
    font-weight: 600;
    line-height: 1.35;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  ${h} .meta,
  ${h} .shop {
    font-size: 0.8rem;
    color: var(--sf-card-muted);
  }
  /* The date and time wrap rather than lose their end ("오전 11:3…") in a narrow card. */
  ${h} .shop {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  ${h} .cancelled-text {
    text-decoration: line-through;
  }
  ${h} .shop {
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
  ${h} .shop img {
    width: 1.25rem;
    height: 1.25rem;
    border-radius: 50%;
    object-fit: cover;
    flex: none;
  }

  ${h} .products {
    display: flex;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  ${h} .products li {
    position: relative;
    width: 2.5rem;
    height: 2.5rem;
    border-radius: 6px;
    overflow: hidden;
    background: ${theme.skeleton};
    flex: none;
  }
  ${h} .products img {
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  ${h} .products .more {
    display: grid;
    place-items: center;
    font-size: 0.75rem;
    color: var(--sf-card-muted);
  }

  /* Skeleton: the same boxes as the content, so nothing moves when data arrives. */
  ${h} .skeleton .line {
    height: 0.9rem;
    border-radius: 4px;
    background: ${theme.skeleton};
  }
  ${h} .skeleton .line.short {
    width: 60%;
  }
  @media (prefers-reduced-motion: no-preference) {
    ${h} .skeleton .thumb,
    ${h} .skeleton .line {
      animation: sf-pulse 1.4s ease-in-out infinite;
    }
  }
  ${h} .message {
    padding: 1rem;
    font-size: 0.875rem;
    color: var(--sf-card-muted);
  }
  ${h} button {
    font: inherit;
    cursor: pointer;
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    border: 1px solid var(--sf-card-border);
    background: var(--sf-card-background);
    color: inherit;
  }
  /* The actions row under the card (card-actions.ts): one height whatever it holds. */
  ${h} {
    display: flex;
    flex-direction: column;
  }
  ${h} .card {
    flex: 1 1 auto;
    height: auto;
  }
  ${h} .actions {
    display: flex;
    align-items: center;
    gap: 0.375rem;
    height: 2.25rem;
    margin-top: 0.25rem;
    overflow: hidden;
    white-space: nowrap;
    /* Narrow cards (a five-column grid on a phone) show the buttons' icons only, below. */
    container-type: inline-size;
  }
  ${h} .action {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    height: 2rem;
    min-width: 2rem;
    padding: 0 0.625rem;
    font-size: 0.8rem;
    flex: 0 1 auto;
    overflow: hidden;
  }
  ${h} .action .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  /* Icon only, the text kept for screen readers: a button never reaches past its card. */
  @container (max-width: 15rem) {
    ${h} .action {
      padding: 0 0.5rem;
    }
    ${h} .action .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }
  }
  ${h} .action:focus-visible,
  ${h} .offer .link:focus-visible {
    outline: 3px solid ${theme.focusRing};
    outline-offset: 1px;
  }
  ${h} .remind[aria-pressed='true'] {
    color: ${theme.onAccent};
    background: var(--sf-live-color);
    border-color: var(--sf-live-color);
  }
  ${h} .icon {
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
    flex: none;
  }
  ${h} .counters {
    display: inline-flex;
    gap: 0.625rem;
    margin-left: auto;
    min-width: 0;
    font-size: 0.8rem;
    color: var(--sf-card-muted);
    font-variant-numeric: tabular-nums;
  }
  ${h} .count {
    display: inline-flex;
    align-items: center;
    gap: 0.2rem;
  }
  ${h} .count .icon {
    width: 0.875rem;
    height: 0.875rem;
  }
  ${h} .offer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    padding: 0.5rem 0.25rem 0;
    font-size: 0.8rem;
  }
  ${h} .offer-title {
    font-weight: 600;
    flex-basis: 100%;
  }
  ${h} .offer .link {
    padding: 0.25rem 0;
    min-height: 1.5rem;
    border: 0;
    border-radius: 0;
    background: none;
    color: ${theme.focusRing};
    text-decoration: underline;
    font-size: inherit;
  }
  ${h} .offer .undo {
    color: var(--sf-card-muted);
  }
  ${h} .note {
    font-size: 0.8rem;
    color: var(--sf-card-muted);
    overflow-wrap: anywhere;
  }
`;
}

/** `open="inline"`: the live player in a modal dialog, as large as the viewport allows at the player's ratio. */
export const playerDialogStyles = css`
  dialog {
    padding: 0;
    border: 0;
    background: transparent;
    color: #fff;
    max-inline-size: 100vw;
    max-block-size: 100vh;
    overflow: visible;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.75);
  }
  .dialog-body {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: 0.5rem;
    inline-size: min(calc(100vw - 1rem), calc((100vh - 4.5rem) * 9 / 16), 28rem);
  }
  .dialog-body sf-live-player {
    inline-size: 100%;
  }
  /* Whole, after the host's own button rules: the dialog is outside the cards in a schedule. */
  dialog .dialog-close {
    font: inherit;
    cursor: pointer;
    min-block-size: 2.75rem;
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    border: 1px solid rgb(255 255 255 / 0.6);
    color: #fff;
    background: rgb(0 0 0 / 0.6);
  }
  dialog .dialog-close:focus-visible {
    outline: 3px solid ${theme.focusRing};
    outline-offset: 2px;
  }
`;

export default [sharedStyles, cardStyles(':host', (name) => `:host([variant='${name}'])`), playerDialogStyles];
