/**
 * What every sauceFlex element shares: the configuration attributes (each overrides `<sf-config>`
 * and `configure()`), a re-render when the page-wide configuration changes, a typed `emit()` for
 * `sf-` events, and one way to report misconfiguration (a message inside, an error in the console
 * naming the attribute, once).
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { configProblems, configStore, resolveConfig, toLang, type ConfigProblem, type SfConfig } from '../store/config.js';
import { StoreController } from '../store/store-controller.js';
import { msg } from '../i18n/messages.js';

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

  private reportedProblems = '';
  private readonly onOnline = () => this.backOnline();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('online', this.onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('online', this.onOnline);
  }

  /**
   * The browser is back online (the `online` event): an element whose load failed while the network
   * was down tries again by itself instead of waiting for a press on retry. Elements override it.
   */
  protected backOnline(): void {}

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

  /** The merged configuration (element attributes > `<sf-config>` > `configure()` > defaults). */
  protected get config() {
    return resolveConfig(this.ownConfig(), this.configLayers.value);
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
 * `src/events/` adds its entry (declaration merging) and its `GlobalEventHandlersEventMap` entry.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface SfEventDetails {}
