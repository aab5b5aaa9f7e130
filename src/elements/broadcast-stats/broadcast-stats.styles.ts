import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
    :host {
      --sf-stats-line: ${theme.accent};
      display: block;
      container-type: inline-size;
      font-family: ${theme.fontFamily};
      color: ${theme.text};
      background: ${theme.surface};
      border: 1px solid ${theme.border};
      border-radius: ${theme.radius};
      padding: 1rem;
      /* The skeleton and the content share this floor, so nothing below moves when figures arrive. */
      min-block-size: 24rem;
      font-variant-numeric: tabular-nums;
    }
    h2,
    h3,
    p,
    dl,
    dd,
    ul,
    figure {
      margin: 0;
    }
    .title {
      font-size: 1.05rem;
      overflow-wrap: anywhere;
    }
    .range,
    .subtitle,
    dt,
    .axis,
    .peak,
    .band {
      color: ${theme.textMuted};
      font-size: 0.8rem;
    }
    .subtitle {
      margin-block: 1.25rem 0.5rem;
      font-weight: 600;
    }
    .totals {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0.75rem;
      margin-block-start: 1rem;
    }
    @container (min-width: 560px) {
      .totals {
        grid-template-columns: repeat(4, minmax(0, 1fr));
      }
      .charts {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
    .total dd {
      font-size: 1.25rem;
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .ages {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.375rem;
    }
    .ages li {
      display: grid;
      grid-template-columns: minmax(4.5rem, 8rem) minmax(2rem, 1fr) auto;
      align-items: center;
      gap: 0.5rem;
      font-size: 0.85rem;
    }
    .bar {
      block-size: 0.5rem;
      background: ${theme.skeleton};
      border-radius: 999px;
      overflow: hidden;
    }
    .bar span {
      display: block;
      block-size: 100%;
      background: var(--sf-stats-line);
    }
    .charts {
      display: grid;
      gap: 1rem;
    }
    figcaption {
      display: flex;
      justify-content: space-between;
      gap: 0.5rem;
      font-size: 0.85rem;
      font-weight: 600;
    }
    svg {
      display: block;
      inline-size: 100%;
      block-size: 6rem;
      margin-block: 0.25rem;
    }
    .line {
      fill: none;
      stroke: var(--sf-stats-line);
      stroke-width: 2;
      vector-effect: non-scaling-stroke;
      stroke-linejoin: round;
    }
    .area {
      fill: var(--sf-stats-line);
      opacity: 0.12;
    }
    .axis {
      display: flex;
      justify-content: space-between;
    }
    details {
      margin-block-start: 0.25rem;
      font-size: 0.85rem;
    }
    summary {
      cursor: pointer;
      min-block-size: 24px;
    }
    summary:focus-visible,
    .retry:focus-visible {
      outline: 2px solid ${theme.focusRing};
      outline-offset: 2px;
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
      margin-block-start: 0.25rem;
    }
    th,
    td {
      text-align: start;
      padding: 0.125rem 0.5rem;
      border-block-end: 1px solid ${theme.border};
      font-weight: 400;
    }
    td {
      text-align: end;
    }
    .status {
      display: grid;
      place-items: center;
      gap: 0.75rem;
      min-block-size: 22rem;
      text-align: center;
      color: ${theme.textMuted};
    }
    .retry {
      min-block-size: 44px;
      padding-inline: 1rem;
      border: 1px solid ${theme.border};
      border-radius: ${theme.radius};
      background: ${theme.surface};
      color: ${theme.text};
      font: inherit;
      cursor: pointer;
    }
    .skeleton .line,
    .skeleton .block {
      background: ${theme.skeleton};
      border-radius: 6px;
      block-size: 0.8rem;
      margin-block: 0.375rem;
    }
    .skeleton .title {
      inline-size: 60%;
      block-size: 1.1rem;
    }
    .skeleton .big {
      block-size: 1.4rem;
      inline-size: 70%;
    }
    .skeleton .block {
      block-size: 12rem;
      margin-block-start: 1.5rem;
    }
    @media (prefers-reduced-motion: no-preference) {
      .skeleton {
        animation: sf-pulse 1.6s ease-in-out infinite;
      }
    }
  `,
];
