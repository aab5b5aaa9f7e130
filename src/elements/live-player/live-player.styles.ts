import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
    :host {
      --sf-player-aspect-ratio: 9 / 16;
      --sf-floating-width: 11rem;
      --sf-floating-inset-top: 1rem;
      --sf-floating-inset-right: 1rem;
      --sf-floating-inset-bottom: 1rem;
      --sf-floating-inset-left: 1rem;
      --sf-floating-z-index: 2000;
      /* The size is the ratio's from the first paint: nothing moves when the broadcast or the player arrive.
         No containment here: it would make the host the containing block of the floating mini-player. */
      display: block;
      position: relative;
      aspect-ratio: var(--sf-player-aspect-ratio);
      font-family: ${theme.fontFamily};
      color: #fff;
    }

    .base {
      position: absolute;
      inset: 0;
      border-radius: ${theme.radius};
      background: var(--sf-player-background, #111);
    }

    .skeleton {
      position: absolute;
      inset: 0;
      border-radius: inherit;
      background: ${theme.skeleton};
    }
    @media (prefers-reduced-motion: no-preference) {
      .skeleton {
        animation: sf-pulse 1.4s ease-in-out infinite;
      }
    }

    .frame {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      overflow: hidden;
      border-radius: inherit;
      background: var(--sf-player-background, #111);
    }
    .screen {
      position: relative;
      flex: 1;
      min-height: 0;
    }
    iframe {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      border: 0;
      display: block;
    }

    /* The mini-player: fixed in its corner, inside the page's insets, never wider than the viewport allows. */
    .frame.docked {
      position: fixed;
      inset: auto;
      z-index: var(--sf-floating-z-index);
      inline-size: min(var(--sf-floating-width), calc(100vw - var(--sf-floating-inset-left) - var(--sf-floating-inset-right)));
      block-size: auto;
      box-shadow: 0 0.5rem 1.5rem rgb(0 0 0 / 0.35);
      border-radius: ${theme.radius};
    }
    .frame.docked .screen {
      flex: none;
      aspect-ratio: var(--sf-player-aspect-ratio);
      max-block-size: calc(100vh - var(--sf-floating-inset-top) - var(--sf-floating-inset-bottom) - 2.5rem);
    }
    :host([floating-corner='bottom-right']) .frame.docked,
    :host(:not([floating-corner])) .frame.docked {
      right: var(--sf-floating-inset-right);
      bottom: var(--sf-floating-inset-bottom);
    }
    :host([floating-corner='bottom-left']) .frame.docked {
      left: var(--sf-floating-inset-left);
      bottom: var(--sf-floating-inset-bottom);
    }
    :host([floating-corner='top-right']) .frame.docked {
      right: var(--sf-floating-inset-right);
      top: var(--sf-floating-inset-top);
    }
    :host([floating-corner='top-left']) .frame.docked {
      left: var(--sf-floating-inset-left);
      top: var(--sf-floating-inset-top);
    }
    /* No animation when it docks, moves or lands: the mini-player appears where it is. (The only motion is
       the smooth scroll back on expand, and the spinner, both off under prefers-reduced-motion.) */
    .frame.dragging {
      cursor: grabbing;
      user-select: none;
    }
    .inset-probe {
      position: fixed;
      top: var(--sf-floating-inset-top);
      right: var(--sf-floating-inset-right);
      bottom: var(--sf-floating-inset-bottom);
      left: var(--sf-floating-inset-left);
      visibility: hidden;
      pointer-events: none;
    }

    .bar {
      display: flex;
      align-items: stretch;
      gap: 1px;
      background: #000;
    }
    .bar button {
      flex: none;
      inline-size: 2.5rem;
      block-size: 2.5rem;
      border: 0;
      padding: 0;
      font: inherit;
      font-size: 1.1rem;
      color: #fff;
      background: rgb(255 255 255 / 0.08);
      cursor: pointer;
    }
    .bar .handle {
      flex: 1;
      min-inline-size: 2.5rem;
      cursor: grab;
      touch-action: none;
    }
    .bar button:hover {
      background: rgb(255 255 255 / 0.18);
    }
    button:focus-visible {
      outline: 3px solid ${theme.focusRing};
      outline-offset: -3px;
    }

    .placeholder,
    .message {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0.75rem;
      padding: 1rem;
      text-align: center;
      font-size: 0.95rem;
      color: #fff;
    }
    .placeholder {
      color: rgb(255 255 255 / 0.75);
    }
    .message button,
    .placeholder button {
      font: inherit;
      padding: 0.5rem 1rem;
      min-block-size: 2.75rem;
      border: 0;
      border-radius: ${theme.radius};
      background: ${theme.accent};
      color: ${theme.onAccent};
      cursor: pointer;
    }

    .spinner {
      position: absolute;
      inset: 50% auto auto 50%;
      inline-size: 2.5rem;
      block-size: 2.5rem;
      margin: -1.25rem 0 0 -1.25rem;
      border: 3px solid rgb(255 255 255 / 0.3);
      border-top-color: #fff;
      border-radius: 50%;
      pointer-events: none;
    }
    @media (prefers-reduced-motion: no-preference) {
      .spinner {
        animation: sf-spin 0.9s linear infinite;
      }
    }
    @keyframes sf-spin {
      to {
        transform: rotate(360deg);
      }
    }

    .notice {
      position: absolute;
      inset: auto 0.5rem 0.5rem 0.5rem;
      margin: 0;
      z-index: 1;
      pointer-events: none;
      text-align: center;
    }
    .notice:not(:empty) {
      padding: 0.5rem 0.75rem;
      border-radius: ${theme.radius};
      background: rgb(0 0 0 / 0.8);
      font-size: 0.9rem;
      overflow-wrap: anywhere;
    }
    /* While the player floats, its confirmations show at the bottom of the viewport, above the page's bar. */
    :host([docked]) .notice {
      position: fixed;
      inset: auto var(--sf-floating-inset-right) var(--sf-floating-inset-bottom) var(--sf-floating-inset-left);
      z-index: calc(var(--sf-floating-z-index) + 1);
    }
  `,
];
