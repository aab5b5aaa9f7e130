/**
 * Strings that would run script if anything rendered them as HTML. Each payload, when executed,
 * calls `window.__sfTrap(name)`; `trapped()` lists the ones that ran (it must stay empty).
 */
declare global {
  interface Window {
    __sfTrap?: (name: string) => void;
    __sfTrapped?: string[];
  }
}

export function armTrap(): void {
  window.__sfTrapped = [];
  window.__sfTrap = (name: string) => window.__sfTrapped!.push(name);
}

export const trapped = (): string[] => window.__sfTrapped ?? [];

export const HOSTILE_TEXT = [
  `<img src=x onerror="__sfTrap('img')">`,
  `<script>__sfTrap('script')</script>`,
  `"><svg onload="__sfTrap('svg')">`,
  `'); __sfTrap('quote'); ('`,
  `<a href="javascript:__sfTrap('a')">click</a>`,
  '${__sfTrap("template")}',
  `<iframe srcdoc="<script>parent.__sfTrap('srcdoc')</script>">`,
] as const;

export const HOSTILE_URLS = [
  `javascript:__sfTrap('js-url')`,
  ` JaVaScRiPt:__sfTrap('js-url-case')`,
  `data:text/html,<script>__sfTrap('data')</script>`,
  `vbscript:msgbox(1)`,
  `//evil.example/x.png`,
  `java\nscript:__sfTrap('newline')`,
] as const;
