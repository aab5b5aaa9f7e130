import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
  :host {
    --sf-coupon-accent: ${theme.accent};
    --sf-coupon-on-accent: ${theme.onAccent};
    --sf-coupon-background: ${theme.surface};
    --sf-coupon-border: ${theme.border};
    --sf-coupon-radius: ${theme.radius};
    --sf-coupon-gap: 0.75rem;
    --sf-coupon-min-height: 7.5rem;
    --sf-coupon-discount-width: 6.5rem;
    display: block;
    font-family: ${theme.fontFamily};
    color: ${theme.text};
    container-type: inline-size;
    /* Korean wraps between words, not inside them ("10% 할인" → "10%" / "할인"). */
    word-break: keep-all;
  }
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--sf-coupon-gap);
  }
  .coupon {
    box-sizing: border-box;
    display: grid;
    /* The discount column grows to its longest amount rather than break inside a number. */
    grid-template-columns: minmax(var(--sf-coupon-discount-width), min-content) minmax(0, 1fr) auto;
    align-items: stretch;
    min-height: var(--sf-coupon-min-height);
    background: var(--sf-coupon-background);
    border: 1px solid var(--sf-coupon-border);
    border-radius: var(--sf-coupon-radius);
    overflow: hidden;
  }
  .discount {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 0.25rem;
    padding: 0.75rem;
    color: var(--sf-coupon-accent);
    border-right: 2px dashed var(--sf-coupon-border);
    text-align: center;
  }
  .amount {
    font-size: 1.125rem;
    font-weight: 800;
    line-height: 1.2;
  }
  /* "₩3,000" is one word: never "₩3,00 / 0" (WebKit breaks at the comma otherwise). */
  .value {
    white-space: nowrap;
  }
  .cap {
    font-size: 0.75rem;
    color: ${theme.textMuted};
  }
  .body {
    display: flex;
    flex-direction: column;
    justify-content: center;
    gap: 0.125rem;
    padding: 0.75rem;
    min-width: 0;
  }
  .body p {
    margin: 0;
    font-size: 0.8125rem;
    color: ${theme.textMuted};
  }
  .body .name {
    font-size: 0.9375rem;
    font-weight: 700;
    color: inherit;
    overflow-wrap: anywhere;
  }
  .body .note {
    color: ${theme.text};
    font-weight: 600;
  }
  .coupon[data-state='failed'] .note,
  .coupon[data-state='error'] .note,
  .coupon[data-state='unauthorized'] .note {
    color: #b4232c;
  }
  .action {
    display: flex;
    align-items: center;
    padding: 0.75rem;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: 999px;
    padding: 0.5rem 1rem;
    white-space: nowrap;
  }
  button:focus-visible {
    outline: 3px solid ${theme.focusRing};
    outline-offset: 2px;
  }
  .issue {
    min-width: 6.5rem;
    font-size: 0.875rem;
    font-weight: 700;
    border: 1px solid var(--sf-coupon-accent);
    background: var(--sf-coupon-accent);
    color: var(--sf-coupon-on-accent);
  }
  .issue[aria-disabled='true'] {
    cursor: default;
    background: var(--sf-coupon-background);
    color: ${theme.textMuted};
    border-color: var(--sf-coupon-border);
  }
  .issue[aria-busy='true'] {
    cursor: progress;
  }
  .coupon[data-state='issued'] .issue,
  .coupon[data-state='already-issued'] .issue {
    color: var(--sf-coupon-accent);
    border-color: var(--sf-coupon-accent);
  }
  /* Spent or over: the discount loses its colour (not its contrast). */
  .coupon[data-state='exhausted'] .discount,
  .coupon[data-state='expired'] .discount {
    color: ${theme.textMuted};
  }
  /* Phones and narrow columns: the button goes under the text, so the text keeps a readable
     width (a third column left it 100 px on a 390 px phone). */
  @container (max-width: 30rem) {
    .coupon {
      grid-template-columns: minmax(var(--sf-coupon-discount-width), min-content) minmax(0, 1fr);
    }
    .discount {
      grid-row: span 2;
    }
    .action {
      grid-column: 2;
      padding-top: 0;
      justify-content: flex-end;
    }
  }
  .skeleton .line,
  .skeleton .button-placeholder {
    display: block;
    height: 0.875rem;
    margin: 0.25rem 0;
    border-radius: 4px;
    background: ${theme.skeleton};
  }
  .skeleton .line.wide {
    height: 1.25rem;
  }
  .skeleton .line.short {
    width: 60%;
  }
  .skeleton .button-placeholder {
    width: 6.5rem;
    height: 2.25rem;
    border-radius: 999px;
  }
  @media (prefers-reduced-motion: no-preference) {
    .skeleton .line,
    .skeleton .button-placeholder {
      animation: sf-pulse 1.4s ease-in-out infinite;
    }
  }
  .status {
    box-sizing: border-box;
    min-height: var(--sf-coupon-min-height);
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    padding: 1rem;
    text-align: center;
    color: ${theme.textMuted};
    border: 1px dashed var(--sf-coupon-border);
    border-radius: var(--sf-coupon-radius);
  }
  .status p {
    margin: 0 0 0.75rem;
  }
  .status p:last-child {
    margin: 0;
  }
  .retry {
    border: 1px solid var(--sf-coupon-border);
    background: var(--sf-coupon-background);
    color: inherit;
  }
`,
];
