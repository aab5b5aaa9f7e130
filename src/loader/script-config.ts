/**
 * `data-*` options on the script tag that loaded the widgets (the IIFE's classic script, or a
 * module script that carries them): the same names as `<sf-config>`'s attributes, e.g.
 * `<script src="…/sauceflex-widgets.iife.js" data-partner-id="mobidoo" data-lang="en">`.
 */
import { configFromAttributes, setPageConfig } from '../store/config.js';

export function readScriptConfig(current: HTMLOrSVGScriptElement | null = document.currentScript): void {
  const script = current?.hasAttribute('data-partner-id') ? current : document.querySelector('script[data-partner-id]');
  if (!script) return;
  // <sf-config> speaks for the page when both exist; the script tag fills in only when it is absent.
  if (document.querySelector('sf-config')) return;
  setPageConfig(configFromAttributes((name) => script.getAttribute(name), 'data-'));
}
