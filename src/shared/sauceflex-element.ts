/**
 * What every sauceFlex element shares: the configuration attributes (each overrides `<sf-config>`
 * and `configure()`), a re-render when the page-wide configuration changes, a typed `emit()` for
 * `sf-` events, one way to report misconfiguration (a message inside, an error in the console
 * naming the attribute, once), and for data elements: the viewer session started, data loaded
 * through `loadData()` (retried when the browser is back online) and rendered by `renderStates()`.
 */
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { configProblems, configStore, resolveConfig, toLang, type ConfigProblem, type SfConfig } from '../store/config.js';

type ResolvedConfig = ReturnType<typeof resolveConfig>;
import { StoreController } from '../store/store-controller.js';
import { msg } from '../i18n/messages.js';
import { startSession } from '../session/viewer-session.js';
import { DataController, type DataOptions } from './data-controller.js';
import { cspBlockFor, markElementsStarted, onCspBlock } from './csp.js';
import { SauceflexError } from '../api/errors.js';
import { heightBeforeDefinition, placementKnown } from './early-placement.js';
import { startAnalytics } from './analytics.js';

/**
 * A page with a DOM, not a server render. Not Lit's `isServer`: the package bundles Lit's "node" build (it
 * imports on a server), where `isServer` is always true, in the browser too.
 */
export const inBrowser = typeof document !== 'undefined';

// Lit has loaded (this module imports it): a `lit-html` Trusted Types refusal from now on is another copy's.
markElementsStarted();

/** An element's message box (empty, error and configuration messages); `action` is the retry button. */
export type MessageBox = (role: 'alert' | 'status', text: string, action?: TemplateResult) => unknown;

/** The message box of the list elements (schedule, coupon panel): a configuration problem as bare text. */
const statusBox: MessageBox = (role, text, action) =>
  role === 'alert' && !action
    ? html`<div class="status" part="status" role=${role}>${text}</div>`
    : html`<div class="status" part="status" role=${role}><p>${text}</p>${action ?? nothing}</div>`;

export interface StatesView<T> {
  /** Options missing or wrong: their message replaces everything else. */
  problems?: readonly ConfigProblem[];
  /** What to show, when there is something (given, known, or loaded). */
  value: T | null | undefined;
  /** A value with nothing in it to show (the empty state). */
  isEmpty?: (value: T) => boolean;
  content: (value: T) => unknown;
  /** The skeleton, the size of the content. */
  loading: () => unknown;
  /** The empty state's text: loaded, and nothing (or not found). */
  empty: () => string;
  /** The error state's text (default: "could not load"). */
  error?: () => string;
  /** The element's message box (default: `statusBox`). */
  message?: MessageBox;
  /** The retry button's part, if it has one. */
  retryPart?: string;
}

export class SauceflexElement extends LitElement {
  /** Overrides the page-wide partner id. */
  @property({ attribute: 'partner-id' }) partnerId?: string;
  /** Overrides the page-wide sauceFlex API base URL. */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** Overrides the page-wide token endpoint of the shop's backend. */
  @property({ attribute: 'token-endpoint' }) tokenEndpoint?: string;
  /** Interface language, `ko` or `en`; the page's by default. (The standard `lang` attribute.) */
  @property({ attribute: 'lang' }) language?: string;
  /** IANA time zone for dates; the viewer's by default. */
  @property({ attribute: 'time-zone' }) timeZone?: string;

  /** Re-render when `<sf-config>` or `configure()` change anything. */
  protected readonly configLayers = new StoreController(this, configStore, (state) => state);

  /** Whether this element needs the viewer token (started from the token endpoint before each update). */
  protected static viewerSession = false;

  private reportedProblems = '';
  private readonly onOnline = () => this.backOnline();
  private offCsp?: () => void;
  private readonly loads: DataController<readonly unknown[], unknown>[] = [];

  /**
   * Properties the server may fill (src/ssr/): each arrives as a `<script type="application/json"
   * data-sf-property="name">` child of a server-rendered element and is set before the first update,
   * so the element hydrates with the server's data instead of fetching it again.
   */
  protected static serverProperties: readonly string[] = [];

  /**
   * An element the page had before its code arrived (the autoloader watched it: src/shared/early-placement.ts)
   * draws its first view in a task of its own. The elements of a page are all upgraded in the task that
   * defines them; drawn there too, they made one long task that blocks input (the page bench's TBT). Until it
   * has drawn, it keeps the height it had before it was defined, so nothing moves in between. Elements created
   * in script draw at once, as Lit's elements do.
   */
  protected readonly heightToHold = inBrowser && placementKnown(this) ? heightBeforeDefinition(this) : undefined;
  private holdSheet?: CSSStyleSheet;

  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated || this.heightToHold === undefined) return super.scheduleUpdate();
    return new Promise((resolve) => setTimeout(resolve)).then(() => super.scheduleUpdate());
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    const root = this.renderRoot as ShadowRoot;
    if (this.holdSheet) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => sheet !== this.holdSheet);
    this.holdSheet = undefined;
  }

  override connectedCallback(): void {
    if (!this.hasUpdated) this.readServerProperties();
    super.connectedCallback();
    const root = this.renderRoot as ShadowRoot;
    if (!this.hasUpdated && this.heightToHold && !this.holdSheet && root.adoptedStyleSheets) {
      // A constructed sheet, not a style attribute: the host's own attributes stay the shop's, and a strict CSP allows it.
      this.holdSheet = new CSSStyleSheet();
      this.holdSheet.replaceSync(`:host{min-height:${this.heightToHold}px}`);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.holdSheet];
    }
    window.addEventListener('online', this.onOnline);
    this.reportObjectAttributes();
    // A violation may be reported after the failed request it explains: render the message again then.
    this.offCsp = onCspBlock(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
    this.offCsp?.();
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Before the data controllers read their args: a list asked for with the token says more.
    // (Not while rendering on a server: the viewer's token is the browser's business.)
    if (inBrowser && (this.constructor as typeof SauceflexElement).viewerSession) startSession(this.config.tokenEndpoint);
    // `analytics="datalayer"`: the bridge's chunk, once, before this element can emit anything.
    if (inBrowser) startAnalytics();
  }

  private readServerProperties(): void {
    const allowed = (this.constructor as typeof SauceflexElement).serverProperties;
    for (const script of this.querySelectorAll<HTMLScriptElement>(':scope > script[type="application/json"][data-sf-property]')) {
      const name = script.dataset.sfProperty ?? '';
      if (!allowed.includes(name)) continue;
      try {
        (this as unknown as Record<string, unknown>)[name] = JSON.parse(script.textContent ?? '');
      } catch {
        console.error(`[sauceflex] <${this.localName}>: the server's ${name} could not be read; loading it instead.`);
      }
      script.remove();
    }
  }

  /**
   * The browser is back online (the `online` event): a load that failed while the network was down
   * tries again by itself instead of waiting for a press on retry. Elements add what else to retry.
   */
  protected backOnline(): void {
    for (const load of this.loads) load.retryIfFailed();
  }

  /** The element's data, loaded through the one data controller. */
  protected loadData<const A extends readonly unknown[], T>(options: DataOptions<A, T>): DataController<A, T> {
    const load = new DataController(this, options);
    this.loads.push(load as unknown as DataController<readonly unknown[], unknown>);
    return load;
  }

  /**
   * The four states of a data element, decided in one place: configuration problems first, then
   * the content (or the empty state) when there is a value, else the error with a retry button, the
   * empty state once loaded (nothing found), or the skeleton.
   */
  protected renderStates<T>(data: Pick<DataController<readonly unknown[], unknown>, 'status' | 'reload' | 'error'>, view: StatesView<T>): unknown {
    const lang = this.config.lang;
    const message = view.message ?? statusBox;
    if (view.problems?.length) return message('alert', this.configMessage(view.problems));
    const value = view.value;
    if (value !== undefined && value !== null) return view.isEmpty?.(value) ? message('status', view.empty()) : view.content(value);
    if (data.status === 'error') {
      const retry = html`<button type="button" class="retry" part=${view.retryPart ?? nothing} @click=${() => void data.reload()}>${msg(lang, 'error.retry')}</button>`;
      const blocked = data.error instanceof SauceflexError && data.error.kind === 'network' ? cspBlockFor([data.error.url]) : undefined;
      return message('alert', blocked ? msg(lang, 'error.csp', { directive: blocked.fix }) : (view.error?.() ?? msg(lang, 'error.load')), retry);
    }
    if (data.status === 'ready') return message('status', view.empty());
    return view.loading();
  }

  /** This element's own options; subclasses add theirs. */
  protected ownConfig(): SfConfig {
    return {
      partnerId: this.partnerId,
      apiBase: this.apiBase,
      tokenEndpoint: this.tokenEndpoint,
      lang: toLang(this.language),
      timeZone: this.timeZone,
    };
  }

  /**
   * An object given as an attribute arrives as the text "[object Object]" and is lost: what React 19
   * and Vue do with `product={…}` on a tag that is not defined yet (they test `'product' in element`).
   * Properties set before definition are kept (Lit's ReactiveElement moves them onto its accessors on
   * upgrade); this names the ways to set one.
   */
  private reportObjectAttributes(): void {
    for (const { name, value } of this.attributes) {
      if (!value.startsWith('[object ')) continue;
      console.error(
        `[sauceflex] <${this.localName}> ${name}="${value}": an object was written as an attribute, so it is lost. ` +
          `Set it as a property: in React use sauceflex-widgets/react (or import 'sauceflex-widgets/elements/${this.localName.slice(3)}' before rendering); ` +
          `in Vue bind it with .prop (:${name}.prop="…"); in plain JS assign element.${name} = value.`,
      );
    }
  }

  /** The merged configuration (element attributes > `<sf-config>` > `configure()` > defaults). */
  protected get config(): ResolvedConfig {
    return this.renderingConfig ?? resolveConfig(this.ownConfig(), this.configLayers.value);
  }

  /** Merged once per update: a render reads `config` a dozen times, and a schedule renders a hundred cards. */
  private renderingConfig?: ResolvedConfig;

  protected override update(changed: PropertyValues): void {
    this.renderingConfig = resolveConfig(this.ownConfig(), this.configLayers.value);
    try {
      super.update(changed);
    } finally {
      this.renderingConfig = undefined;
    }
  }

  /** Problems with the options this element needs, logged once per distinct set. */
  protected checkConfig(needs?: ReadonlyArray<keyof SfConfig>): ConfigProblem[] {
    const problems = configProblems(this.config, needs);
    const key = problems.map((p) => p.message).join('|');
    if (key && key !== this.reportedProblems) {
      for (const problem of problems) {
        console.error(`[sauceflex] <${this.localName}>: ${problem.message}. Set the "${problem.attribute}" attribute on the element or on <sf-config>.`);
      }
    }
    this.reportedProblems = key;
    return problems;
  }

  /** What the shopper reads when options are missing or wrong, in the element's language. */
  protected configMessage(problems: readonly ConfigProblem[]): string {
    return msg(this.config.lang, 'error.config', { detail: problems.map((p) => p.message).join(', ') });
  }

  /** Dispatch a typed `sf-` event that bubbles out of shadow roots. Returns false when cancelled. */
  protected emit<K extends keyof SfEventDetails>(name: K, detail: SfEventDetails[K], options: { cancelable?: boolean } = {}): boolean {
    const event = new CustomEvent(name, { bubbles: true, composed: true, cancelable: options.cancelable ?? false, detail });
    return this.dispatchEvent(event);
  }
}

/**
 * Event name → detail type for every event our elements dispatch. Each event's module under
 * `src/events/` adds its entry (declaration merging), its one declaration: the DOM's event map
 * below is derived from it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SfEventDetails {}

type SfEventMap = { [K in keyof SfEventDetails]: CustomEvent<SfEventDetails[K]> };

declare global {
  // `addEventListener('sf-…', e => e.detail)` is typed wherever an element is.
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface GlobalEventHandlersEventMap extends SfEventMap {}
}
