import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
  :host {
    --sf-product-radius: ${theme.radius};
    --sf-product-background: ${theme.surface};
    --sf-product-color: ${theme.text};
    --sf-product-muted: ${theme.textMuted};
    --sf-product-border: ${theme.border};
    --sf-product-sale: ${theme.sale};
    display: block;
    font-family: ${theme.fontFamily};
    color: var(--sf-product-color);
    contain: layout style;
  }

  .card {
    position: relative;
    display: grid;
    grid-template-rows: auto 1fr;
    gap: 0.5rem;
    height: 100%;
    box-sizing: border-box;
    color: inherit;
    text-decoration: none;
    background: var(--sf-product-background);
    border: 1px solid var(--sf-product-border);
    border-radius: var(--sf-product-radius);
    padding: 0.5rem;
    outline-offset: 2px;
    -webkit-tap-highlight-color: transparent;
  }
  a.card:hover .name {
    text-decoration: underline;
  }
  a.card:focus-visible {
    outline: 3px solid ${theme.focusRing};
  }
  .card[aria-disabled='true'] .body {
    opacity: 0.6;
  }

  :host([variant='row']) .card {
    grid-template-columns: var(--sf-product-thumb-width, 6rem) 1fr;
    grid-template-rows: auto;
    align-items: start;
  }

  .thumb {
    position: relative;
    aspect-ratio: var(--sf-product-aspect-ratio, 1 / 1);
    border-radius: calc(var(--sf-product-radius) - 4px);
    overflow: hidden;
    background: ${theme.skeleton};
  }
  .thumb img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .badge {
    position: absolute;
    top: 0.375rem;
    left: 0.375rem;
    padding: 0.125rem 0.4rem;
    border-radius: 4px;
    font-size: 0.75rem;
    font-weight: 700;
    color: ${theme.onAccent};
    background: var(--sf-product-sale);
  }
  .sold-out {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    font-size: 0.9rem;
    font-weight: 700;
    letter-spacing: 0.04em;
    color: #fff;
    background: rgb(0 0 0 / 0.5);
  }

  .body {
    display: grid;
    align-content: start;
    gap: 0.2rem;
    min-width: 0;
  }
  /* Fixed line boxes, so a brand or price arriving later (or a skeleton turning into content) moves nothing. */
  .brand {
    display: block;
    min-height: 1.3em;
    line-height: 1.3;
    font-size: 0.75rem;
    font-weight: 600;
    color: var(--sf-product-muted);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .name {
    font-size: var(--sf-product-name-size, 0.875rem);
    line-height: 1.35;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
    min-height: 2.7em;
  }
  /* Three rows: a discounted price wraps its original price under it in a narrow card, then the saving. */
  .price {
    min-height: 3.6em;
    line-height: 1.3;
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: 0.35rem;
    font-size: 0.875rem;
  }
  .rate {
    font-weight: 700;
    color: var(--sf-product-sale);
  }
  .selling {
    font-weight: 700;
  }
  .original {
    font-size: 0.75rem;
    color: var(--sf-product-muted);
  }
  .saved {
    flex-basis: 100%;
    font-size: 0.75rem;
    color: var(--sf-product-sale);
  }
  .text-price {
    font-weight: 600;
    overflow-wrap: anywhere;
  }

  /* Skeleton: the same boxes as the content, so nothing moves when data arrives. */
  .skeleton .line {
    display: block;
    border-radius: 4px;
    background: ${theme.skeleton};
  }
  .skeleton .brand {
    width: 40%;
    height: 1.3em;
    background-clip: content-box;
    padding-block: 0.15em;
    box-sizing: border-box;
  }
  .skeleton .name {
    height: 2.7em;
    background: linear-gradient(${theme.skeleton} 0 38%, transparent 38% 55%, ${theme.skeleton} 55% 93%, transparent 93%);
    width: 90%;
  }
  .skeleton .price {
    width: 55%;
    height: 3.6em;
    background: linear-gradient(${theme.skeleton} 0 45%, transparent 45%);
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton .thumb,
    .skeleton .line {
      animation: sf-pulse 1.4s ease-in-out infinite;
    }
  }

  .message {
    align-content: center;
    justify-items: start;
    min-height: 8rem;
    padding: 1rem;
    font-size: 0.875rem;
    color: var(--sf-product-muted);
  }
  button {
    font: inherit;
    font-size: 0.8rem;
    cursor: pointer;
    padding: 0.3rem 0.8rem;
    border-radius: 999px;
    border: 1px solid var(--sf-product-border);
    background: var(--sf-product-background);
    color: var(--sf-product-color);
  }
  button:focus-visible {
    outline: 3px solid ${theme.focusRing};
    outline-offset: 2px;
  }
`,
];
