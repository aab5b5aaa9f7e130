import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
    :host {
      display: inline-block;
      font-family: ${theme.fontFamily};
      color: ${theme.text};
      /* The button's height is known before it upgrades and never changes: no layout shift. */
      min-block-size: 2.75rem;
    }
    [part='button'] {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: 2.75rem;
      max-inline-size: 100%;
      padding: 0.5rem 1.125rem;
      border: 0;
      border-radius: ${theme.radius};
      background: ${theme.accent};
      color: ${theme.onAccent};
      font: inherit;
      font-weight: 700;
      cursor: pointer;
      overflow-wrap: anywhere;
      text-align: start;
    }
    [part='button'][aria-disabled='true'] {
      cursor: progress;
      opacity: 0.75;
    }
    [part='button']:focus-visible,
    a:focus-visible,
    [part='close']:focus-visible {
      outline: 3px solid ${theme.focusRing};
      outline-offset: 2px;
    }
    [part='icon'] {
      inline-size: 0.625rem;
      block-size: 0.625rem;
      border-radius: 50%;
      background: currentColor;
      flex: none;
    }
    [part='status'] {
      margin: 0.375rem 0 0;
      font-size: 0.875rem;
      color: ${theme.textMuted};
    }
    [part='status']:empty {
      display: none;
    }
    [part='status'] p {
      margin: 0;
    }
    a {
      color: inherit;
    }
    [part='dialog'] {
      inline-size: min(40rem, 100vw - 1rem);
      block-size: min(36rem, 100dvh - 1rem);
      padding: 0;
      border: 1px solid ${theme.border};
      border-radius: ${theme.radius};
      background: ${theme.surface};
      color: ${theme.text};
    }
    [part='dialog'][open] {
      display: flex;
      flex-direction: column;
    }
    [part='dialog']::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    .dialog-header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.5rem 0.5rem 0.5rem 1rem;
      border-block-end: 1px solid ${theme.border};
    }
    h2 {
      margin: 0;
      font-size: 1rem;
    }
    [part='close'] {
      min-inline-size: 2.75rem;
      min-block-size: 2.75rem;
      border: 0;
      background: transparent;
      color: inherit;
      font: inherit;
      font-size: 1.25rem;
      cursor: pointer;
    }
    [part='frame'] {
      flex: 1;
      inline-size: 100%;
      border: 0;
    }
    @media (prefers-reduced-motion: no-preference) {
      [part='button'][aria-disabled='true'] [part='icon'] {
        animation: sf-pulse 1.2s ease-in-out infinite;
      }
    }
  `,
];
