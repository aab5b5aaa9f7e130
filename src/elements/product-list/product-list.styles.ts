import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';

export default [
  sharedStyles,
  css`
  :host {
    --sf-product-min-column: 9rem;
    --sf-product-gap: 0.75rem;
    --sf-product-carousel-item: 10rem;
    display: block;
    font-family: var(--sf-font-family, system-ui, 'Noto Sans KR', sans-serif);
    color: var(--sf-text, #1d1d1f);
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
    color: var(--sf-text, #1d1d1f);
    background: var(--sf-surface, #fff);
    border: 1px solid var(--sf-border, #e6e6e9);
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
    outline: 3px solid var(--sf-focus-ring, #2563eb);
    outline-offset: 2px;
  }
  /* Touch-only screens swipe; the buttons would only cover cards. */
  @media (hover: none) {
    .nav {
      display: none;
    }
  }

  .status {
    display: flex;
    align-items: center;
    gap: 0.75rem;
    margin: 0;
    padding: 1rem;
    font-size: 0.875rem;
    color: var(--sf-text-muted, #595960);
    border: 1px dashed var(--sf-border, #e6e6e9);
    border-radius: var(--sf-radius, 12px);
  }
  .status button {
    font: inherit;
    cursor: pointer;
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    border: 1px solid var(--sf-border, #e6e6e9);
    background: var(--sf-surface, #fff);
    color: inherit;
  }
`,
];
