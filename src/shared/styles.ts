/** CSS every element shares, so each styles file holds only what is its own. */
import { css } from 'lit';

export const sharedStyles = css`
  /* Never wider than the column a shop gives it: inside a flex or grid item, a carousel or a long
     word would otherwise widen the whole page on a phone. */
  :host {
    max-width: 100%;
    min-width: 0;
  }
  /* The hidden attribute wins over each element's own display. */
  :host([hidden]) {
    display: none;
  }
  /* The skeletons' slow pulse (each element applies it, under prefers-reduced-motion: no-preference). */
  @keyframes sf-pulse {
    50% {
      opacity: 0.55;
    }
  }
  /* Read by screen readers, not shown: live regions and counts. */
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    border: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
