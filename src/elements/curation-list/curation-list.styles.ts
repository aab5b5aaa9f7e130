import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
  :host {
    --_tile: var(--sf-curation-tile, 9rem);
    display: block;
    /* The rail's height before and after data arrives (src/shared/reserve.ts reserves the same). */
    min-height: 16rem;
    font-family: ${theme.fontFamily};
    color: ${theme.text};
  }

  .rail {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: var(--_tile);
    gap: 0.75rem;
    margin: 0;
    padding: 0.25rem 0.25rem 0.5rem;
    list-style: none;
    overflow-x: auto;
    overscroll-behavior-x: contain;
    scroll-snap-type: x proximity;
    scroll-padding-inline: 0.25rem;
    scrollbar-width: thin;
  }
  .rail > li {
    scroll-snap-align: start;
    min-width: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    .rail {
      scroll-behavior: smooth;
    }
  }

  .tile {
    display: grid;
    gap: 0.375rem;
    width: 100%;
    padding: 0.375rem;
    box-sizing: border-box;
    font: inherit;
    text-align: start;
    color: inherit;
    cursor: pointer;
    background: ${theme.surface};
    border: 1px solid ${theme.border};
    border-radius: ${theme.radius};
  }
  .tile[aria-expanded='true'] {
    border-color: ${theme.accent};
    box-shadow: inset 0 0 0 1px ${theme.accent};
  }
  .tile:focus-visible,
  .more:focus-visible,
  .close:focus-visible {
    outline: 3px solid ${theme.focusRing};
    outline-offset: 2px;
  }
  .picture {
    display: block;
    aspect-ratio: var(--sf-curation-aspect-ratio, 1 / 1);
    border-radius: calc(${theme.radius} - 4px);
    overflow: hidden;
    background: ${theme.skeleton};
  }
  .picture img {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .name {
    font-size: 0.9rem;
    font-weight: 600;
    line-height: 1.3;
    /* Two lines, always: a short name takes the same height, so tiles line up. */
    min-height: 2.6em;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    min-height: 1.2em;
    font-size: 0.8rem;
    color: ${theme.textMuted};
  }
  .counts .live {
    color: ${theme.accent};
    font-weight: 600;
  }

  .more-slot {
    display: grid;
    align-items: center;
  }
  .more,
  .close,
  .retry {
    font: inherit;
    font-size: 0.875rem;
    cursor: pointer;
    padding: 0.5rem 0.875rem;
    border-radius: 999px;
    border: 1px solid ${theme.border};
    background: ${theme.surface};
    color: inherit;
  }

  .panel {
    margin-top: 0.75rem;
  }
  .panel-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    margin-bottom: 0.5rem;
  }
  .panel-title {
    font-size: 1rem;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .panel-placeholder {
    min-height: 24rem;
  }

  .skeleton .line {
    display: block;
    height: 0.9rem;
    border-radius: 4px;
    background: ${theme.skeleton};
  }
  .skeleton .line.short {
    width: 60%;
  }
  .skeleton .tile {
    cursor: default;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton .picture,
    .skeleton .line {
      animation: sf-pulse 1.4s ease-in-out infinite;
    }
  }

  .status {
    padding: 1rem;
    font-size: 0.875rem;
    color: ${theme.textMuted};
  }
`,
];
