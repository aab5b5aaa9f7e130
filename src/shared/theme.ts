/**
 * The theme properties every element shares, with their defaults: the one place they are written.
 * A shop sets them on an element or any ancestor; styles read them through `theme.*`, which gives
 * `var(--sf-…, <default>)` (a fallback, not a declaration on :host, so a value set on any ancestor
 * or ::part() still reaches each rule). custom-elements-manifest.config.mjs reads THEME_DEFAULTS
 * from this file to document each default, so the class JSDoc only says what a property does.
 */
import { unsafeCSS, type CSSResult } from 'lit';

/**
 * The brand red: LIVE badges, buttons, discounts, countdowns. Dark enough for WCAG AA both as text on
 * the light surfaces shops use (5.3:1 on #fafafa; #e5203a was 4.37) and under white text (5.5:1).
 */
const RED = '#d0112b';

export const THEME_DEFAULTS = {
  '--sf-accent': RED,
  '--sf-sale': RED,
  '--sf-on-accent': '#fff',
  '--sf-surface': '#fff',
  '--sf-text': '#1d1d1f',
  '--sf-text-muted': '#595960',
  '--sf-border': '#e6e6e9',
  '--sf-skeleton': '#ececef',
  '--sf-radius': '12px',
  '--sf-font-family': "system-ui, 'Noto Sans KR', sans-serif",
  '--sf-focus-ring': '#2563eb',
} as const;

export type ThemeProperty = keyof typeof THEME_DEFAULTS;

const use = (name: ThemeProperty): CSSResult => unsafeCSS(`var(${name}, ${THEME_DEFAULTS[name]})`);

/** For styles files: `color: ${theme.textMuted};`. */
export const theme = {
  accent: use('--sf-accent'),
  sale: use('--sf-sale'),
  /** Text on an accent fill (badges, buttons): a shop with a light accent sets a dark one. */
  onAccent: use('--sf-on-accent'),
  surface: use('--sf-surface'),
  text: use('--sf-text'),
  textMuted: use('--sf-text-muted'),
  border: use('--sf-border'),
  skeleton: use('--sf-skeleton'),
  radius: use('--sf-radius'),
  fontFamily: use('--sf-font-family'),
  focusRing: use('--sf-focus-ring'),
} as const;
