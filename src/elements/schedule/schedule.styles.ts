import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';
import { cardStyles, playerDialogStyles } from '../broadcast-card/broadcast-card.js';

export default [
  sharedStyles,
  // The cards are drawn in this shadow root: each list item is one card's box.
  cardStyles('.item', (name) => `:host([layout='${name}']) .item`),
  css`
  :host {
    --sf-schedule-gap: 0.75rem;
    --sf-schedule-columns: 4;
    --sf-schedule-min-column: 10rem;
    display: block;
    font-family: ${theme.fontFamily};
    color: ${theme.text};
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: baseline;
    gap: 0.5rem;
    min-height: 1.5rem;
    margin-bottom: 0.5rem;
  }
  .day {
    margin: 1rem 0 0.5rem;
    font-size: var(--sf-day-size, 1rem);
    font-weight: 700;
  }
  .group:first-of-type .day {
    margin-top: 0;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--sf-schedule-gap);
  }
  .list > li {
    min-width: 0;
  }
  :host([layout='list']) .list {
    grid-template-columns: 1fr;
  }
  :host([layout='feed']) .list {
    grid-template-columns: minmax(0, 36rem);
  }
  :host([layout='grid']) .list {
    grid-template-columns: repeat(auto-fill, minmax(max(var(--sf-schedule-min-column), calc((100% - (var(--sf-schedule-columns) - 1) * var(--sf-schedule-gap)) / var(--sf-schedule-columns))), 1fr));
  }
  /* Long schedules: the browser skips layout and paint of list rows far off screen; 'auto' keeps
     each row's last real height, so scrolling back does not jump. The estimate is a list card
     (11.125rem measured) and its actions row (2.5rem), rounded up: a smaller one would let an
     off-screen row's actions overlap the next card. */
  :host([layout='list']) .list > li {
    content-visibility: auto;
    contain-intrinsic-size: auto 14rem;
  }
  .status {
    padding: 2rem 1rem;
    text-align: center;
    color: ${theme.textMuted};
    border: 1px dashed ${theme.border};
    border-radius: ${theme.radius};
  }
  .status p {
    margin: 0 0 0.75rem;
  }
  .footer {
    display: flex;
    justify-content: center;
    margin-top: var(--sf-schedule-gap);
    min-height: 2.5rem;
  }
  .footer button,
  .status button {
    font: inherit;
    cursor: pointer;
    padding: 0.5rem 1.25rem;
    border-radius: 999px;
    border: 1px solid ${theme.border};
    background: ${theme.surface};
    color: inherit;
  }
  .footer button:focus-visible,
  .status button:focus-visible {
    outline: 3px solid ${theme.focusRing};
    outline-offset: 2px;
  }
  .footer button[disabled] {
    cursor: progress;
    opacity: 0.7;
  }
`,
  playerDialogStyles,
];
