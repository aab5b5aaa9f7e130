import { css } from 'lit';
import { sharedStyles } from '../../shared/styles.js';
import { theme } from '../../shared/theme.js';

export default [
  sharedStyles,
  css`
  :host {
    --sf-player-aspect-ratio: 9 / 16;
    --sf-player-object-fit: cover;
    --sf-player-radius: ${theme.radius};
    --sf-player-live-color: ${theme.accent};
    /* The size is the ratio's from the first paint: nothing moves when the poster, the video or the data arrive. */
    display: block;
    position: relative;
    aspect-ratio: var(--sf-player-aspect-ratio);
    font-family: ${theme.fontFamily};
    color: #fff;
    contain: layout paint style;
    container-type: inline-size;
  }

  .frame {
    position: absolute;
    inset: 0;
    overflow: hidden;
    border-radius: var(--sf-player-radius);
    background: var(--sf-player-background, #111);
  }
  .frame.skeleton {
    background: ${theme.skeleton};
  }
  @media (prefers-reduced-motion: no-preference) {
    .frame.skeleton {
      animation: sf-pulse 1.4s ease-in-out infinite;
    }
  }

  video,
  .poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: var(--sf-player-object-fit);
    display: block;
    border: 0;
  }
  .poster {
    pointer-events: none;
  }

  /* The link covers the player; with controls it shrinks to a pill so the controls stay usable. */
  .link {
    position: absolute;
    z-index: 1;
    color: inherit;
    outline-offset: -3px;
  }
  .link.cover {
    inset: 0;
  }
  .link.pill {
    top: 0.5rem;
    right: 0.5rem;
    padding: 0.25rem 0.75rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 600;
    text-decoration: none;
    background: rgb(0 0 0 / 0.6);
  }
  .link:focus-visible,
  button:focus-visible {
    outline: 3px solid ${theme.focusRing};
  }

  /* Above the link, but only its buttons take clicks: the rest of a click goes to the link below. */
  .overlay {
    position: absolute;
    inset: 0;
    z-index: 2;
    display: grid;
    place-items: center;
    pointer-events: none;
  }
  .overlay button,
  .overlay .message {
    pointer-events: auto;
  }

  /* Top row: state badge and viewers on the left, the sound on the right. */
  .top {
    position: absolute;
    top: 0.5rem;
    left: 0.5rem;
    right: 0.5rem;
    display: flex;
    align-items: center;
    gap: 0.375rem;
  }
  .badge,
  .viewers {
    padding: 0.125rem 0.5rem;
    border-radius: 999px;
    font-size: 0.75rem;
    font-weight: 700;
    white-space: nowrap;
    background: rgb(0 0 0 / 0.6);
  }
  .badge.live {
    color: ${theme.onAccent};
    background: var(--sf-player-live-color);
  }
  .viewers {
    font-weight: 600;
  }
  .mute.pip {
    margin-left: 0;
  }
  .mute {
    margin-left: auto;
    width: 2.75rem;
    height: 2.75rem;
    display: grid;
    place-items: center;
    padding: 0;
    border: 0;
    border-radius: 50%;
    cursor: pointer;
    color: #fff;
    background: rgb(0 0 0 / 0.6);
  }

  /* Bottom band: the title and what a tap does. The link under it takes the tap. */
  .info {
    position: absolute;
    left: 0;
    right: 0;
    bottom: 0;
    display: grid;
    gap: 0.375rem;
    justify-items: start;
    padding: 2.5rem 0.75rem 0.75rem;
    background: linear-gradient(transparent, rgb(0 0 0 / 0.75));
    text-align: start;
  }
  .title {
    margin: 0;
    font-size: 0.9375rem;
    font-weight: 700;
    line-height: 1.3;
    word-break: keep-all;
    overflow-wrap: anywhere;
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  .cta {
    padding: 0.375rem 0.75rem;
    border-radius: 999px;
    font-size: 0.8125rem;
    font-weight: 700;
    white-space: nowrap;
    color: ${theme.onAccent};
    background: var(--sf-player-live-color);
  }
  /* A thumbnail-sized player keeps the picture: the badge and the call, no title. */
  @container (max-width: 11rem) {
    .title {
      display: none;
    }
  }

  .spinner {
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    border: 3px solid rgb(255 255 255 / 0.35);
    border-top-color: #fff;
  }
  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      animation: sf-spin 0.9s linear infinite;
    }
  }
  @keyframes sf-spin {
    to {
      transform: rotate(1turn);
    }
  }

  .play {
    width: 3.5rem;
    height: 3.5rem;
    border-radius: 50%;
    border: 0;
    cursor: pointer;
    background: rgb(0 0 0 / 0.6);
    position: relative;
  }
  .play::before {
    content: '';
    position: absolute;
    left: 40%;
    top: 30%;
    border-style: solid;
    border-width: 0.7rem 0 0.7rem 1.15rem;
    border-color: transparent transparent transparent #fff;
  }

  .message {
    margin: 0 1rem;
    padding: 0.75rem 1rem;
    border-radius: 8px;
    display: grid;
    gap: 0.5rem;
    justify-items: center;
    text-align: center;
    font-size: 0.875rem;
    line-height: 1.4;
    background: rgb(0 0 0 / 0.72);
  }
  .message button {
    font: inherit;
    cursor: pointer;
    padding: 0.375rem 0.875rem;
    border-radius: 999px;
    border: 1px solid rgb(255 255 255 / 0.6);
    background: transparent;
    color: inherit;
  }
`,
];
