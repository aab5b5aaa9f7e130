/**
 * What the page's Content Security Policy refused us, read from `securitypolicyviolation` events, so
 * an element can say which directive to add instead of blaming the network (a blocked fetch looks
 * exactly like an offline one to the code that made it).
 *
 * Imported first by every element's registration module: it must listen before Lit evaluates, because
 * a Trusted Types policy that refuses Lit's `lit-html` policy makes Lit throw while it loads, and then
 * no element of ours can start. This module alone is left to say so, inside the elements.
 */
import { msg } from '../i18n/messages.js';
import { setRefused } from '../api/request.js';
import { takeEarlyViolations } from './csp-buffer.js';

/** One enforced violation, and the directive (with its source) that would have allowed it. */
export interface CspBlock {
  directive: string;
  /** What was blocked: a URL, `blob`, or a Trusted Types policy name. */
  blocked: string;
  /** The origin (or `blob:`) the directive lacks; none for Trusted Types. */
  source?: string;
  /** What to add to the policy, e.g. `connect-src https://api.sauceflex.com`. */
  fix: string;
}

const blocks: CspBlock[] = [];
const listeners = new Set<() => void>();
const logged = new Set<string>();
let elementsStarted = false;

function onViolation(event: SecurityPolicyViolationEvent): void {
  if (event.disposition !== 'enforce') return; // report-only policies block nothing
  const directive = event.effectiveDirective || event.violatedDirective;
  const blocked = event.blockedURI;
  if (directive === 'trusted-types') {
    if (event.sample !== 'lit-html') return;
    // Listed already: so a second `lit-html` policy was refused (another Lit app, a second copy of ours).
    const listed = /(?:^|;)\s*trusted-types\s[^;]*(?:\blit-html\b|\*)/.test(event.originalPolicy);
    const block = { directive, blocked: 'lit-html', fix: listed ? `'allow-duplicates' in trusted-types` : 'lit-html in trusted-types' };
    blocks.push(block);
    if (!elementsStarted) showInUndefinedElements(block);
    return;
  }
  const source = blocked === 'blob' || blocked.startsWith('blob:') ? 'blob:' : originOf(blocked);
  if (!source) return;
  blocks.push({ directive, blocked, source, fix: `${directive} ${source}` });
  for (const listener of listeners) listener();
}

if (typeof document !== 'undefined') {
  for (const event of takeEarlyViolations()) onViolation(event);
  document.addEventListener('securitypolicyviolation', onViolation, true);
  // A fetch the policy refused fails like an offline one; the HTTP path asks here before retrying it.
  setRefused((url) => blocks.some((b) => b.directive === 'connect-src' && b.source === originOf(url)));
}

/** Called once Lit and the element base have loaded: a later `lit-html` refusal is someone else's policy. */
export function markElementsStarted(): void {
  elementsStarted = true;
}

/** Run `listener` on each new violation (an element re-renders its message); returns the unsubscribe. */
export function onCspBlock(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The violation that blocked one of `urls` (matched by origin; `blob:` by scheme), if the page
 * reported one. Logged once per cause and page.
 */
export function cspBlockFor(urls: ReadonlyArray<string | undefined>): CspBlock | undefined {
  const wanted = new Set(urls.map((url) => (url?.startsWith('blob:') ? 'blob:' : originOf(url))).filter(Boolean));
  const block = blocks.find((b) => b.source !== undefined && wanted.has(b.source));
  if (block) logOnce(block);
  return block;
}

function logOnce(block: CspBlock): void {
  if (logged.has(block.fix)) return;
  logged.add(block.fix);
  console.error(`[sauceflex] The page's Content-Security-Policy blocked ${block.blocked} (${block.directive}): add ${block.fix}. See the README, "Content Security Policy".`);
}

function originOf(url: string | undefined): string | undefined {
  try {
    const { origin } = new URL(url ?? '');
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Lit never loaded: every element of ours on the page stays undefined, so the message goes into each. */
function showInUndefinedElements(block: CspBlock): void {
  logOnce(block);
  for (const element of document.querySelectorAll(':not(:defined)')) {
    if (!element.localName.startsWith('sf-') || element.localName === 'sf-config' || element.shadowRoot) continue;
    const lang = (element.closest('[lang]')?.getAttribute('lang') ?? document.querySelector('sf-config')?.getAttribute('lang') ?? 'ko').startsWith('en') ? 'en' : 'ko';
    const box = document.createElement('p');
    box.setAttribute('part', 'message');
    box.setAttribute('role', 'alert');
    // textContent and attachShadow are no Trusted Types sinks: this works under the policy that stopped Lit.
    box.textContent = msg(lang, 'error.csp', { directive: block.fix });
    element.attachShadow({ mode: 'open' }).append(box);
  }
}
