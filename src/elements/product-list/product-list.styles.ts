import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
  :host {
    --sf-product-min-column: 9rem;
    --sf-product-gap: 0.75rem;
    --sf-product-carousel-item: 10rem;
    display: block;
    font-family: ${theme.fontFamily};
    color: ${theme.text};
  }

  .frame {
    position: relative;
  }
  .track {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(var(--sf-product-min-column), 100%), 1fr));
    gap: var(--sf-product-gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .track > li {
    min-width: 0;
  }
  .track sf-product-card {
    height: 100%;
  }

  :host([layout='list']) .track {
    grid-template-columns: 1fr;
  }

  /* carousel: one row that scrolls natively (swipe, trackpad) and snaps to cards */
  :host([layout='carousel']) .track {
    grid-template-columns: none;
    grid-auto-flow: column;
    grid-auto-columns: var(--sf-product-carousel-item);
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x mandatory;
    scroll-padding-inline: 0.25rem;
    padding: 0.25rem;
    scrollbar-width: thin;
    touch-action: pan-x pan-y;
  }
  :host([layout='carousel']) .track > li {
    scroll-snap-align: start;
  }
  @media (prefers-reduced-motion: no-preference) {
    :host([layout='carousel']) .track {
      scroll-behavior: smooth;
    }
  }

  .nav {
    position: absolute;
    top: 35%;
    z-index: 1;
    width: 2.25rem;
    height: 2.25rem;
    display: grid;
    place-items: center;
    padding: 0;
    font: inherit;
    font-size: 1.4rem;
    line-height: 1;
    cursor: pointer;
    color: ${theme.text};
    background: ${theme.surface};
    border: 1px solid ${theme.border};
    border-radius: 50%;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.15);
  }
  .nav.previous {
    inset-inline-start: -0.5rem;
  }
  .nav.next {
    inset-inline-end: -0.5rem;
  }
  .nav:disabled {
    opacity: 0;
    pointer-events: none;
  }
  .nav:focus-visible,
  button:focus-visible {
    outline: 3px solid ${theme.focusRing};
    outline-offset: 2px;
  }
  /* Touch-only screens swipe; the buttons would only cover cards. */
  @media (hover: none) {
    .nav {
      display: none;
    }
  }
  /* Where the buttons show, they sit beside the track, never over a card's link (WebKit and Firefox show them). */
  @media (hover: hover) {
    :host([layout='carousel']) .frame {
      padding-inline: 2.5rem;
    }
    .nav.previous {
      inset-inline-start: 0;
    }
    .nav.next {
      inset-inline-end: 0;
    }
  }

  .status {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0;
    padding: 1rem;
    font-size: 0.875rem;
    color: ${theme.textMuted};
    border: 1px dashed ${theme.border};
    border-radius: ${theme.radius};
  }
  .status button {
    font: inherit;
    cursor: pointer;
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    border: 1px solid ${theme.border};
    background: ${theme.surface};
    color: inherit;
  }
`,
];
