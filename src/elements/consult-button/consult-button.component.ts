import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import '../../events/consult-open.js';
import '../../events/login-required.js';
import { consultMsg } from '../../i18n/consult.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { loginTarget } from '../../shared/login.js';
import { isHttpUrl, type SfConfig } from '../../store/config.js';
import { navigate } from '../../tracking/navigate.js';
import { requestConsultation, type ConsultOutcome } from './consult-request.js';
import styles from './consult-button.styles.js';

type Phase = 'idle' | 'connecting' | 'opened' | 'login' | 'busy' | 'unavailable' | 'failed';

/**
 * @summary "Talk to us live": a signed-in shopper presses it and joins a 1:1 video consultation with
 * the shop (LiveMinutes), in a new tab or an on-page dialog.
 *
 * The press asks the shop's backend (`consult-endpoint`, our backend's `POST /sauceflex/consult`, with
 * the shop's cookies), which creates the shopper's meeting on LiveMinutes (or finds the one still
 * open) with the shop's own credentials and answers only the shopper's join URL. A guest gets
 * `sf-login-required` (`source: 'consultation'`); unless the shop cancels it, `login-url` (here or
 * on `<sf-config>`) opens with `returnUrl`, else a message asks them to sign in. When the service is
 * down, or the shopper pressed too often, a message says so and the button tries again.
 *
 * @event sf-consult-open - The join URL is about to open: `{joinUrl, reused, mode}` (cancelable: open it yourself).
 * @event sf-login-required - A guest pressed it: `{source: 'consultation', reason: 'guest', loginUrl}` (cancelable).
 *
 * @csspart button - The button.
 * @csspart icon - The dot before the label.
 * @csspart status - Messages under the button (connecting, opened, sign in, errors).
 * @csspart link - The join link shown after opening a tab (for a browser that blocked it).
 * @csspart dialog - The on-page dialog (`open-in="dialog"`).
 * @csspart close - The dialog's close button.
 * @csspart frame - The consultation's frame inside the dialog.
 *
 * @cssproperty --sf-accent - The button's colour.
 * @cssproperty --sf-on-accent - The button's text colour.
 * @cssproperty --sf-text - Text colour.
 * @cssproperty --sf-text-muted - Message colour.
 * @cssproperty --sf-surface - The dialog's background.
 * @cssproperty --sf-border - The dialog's border.
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 */
export class SfConsultButton extends SauceflexElement {
  static override styles = styles;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('[part="button"]') private button?: HTMLButtonElement;

  @state() private phase: Phase = 'idle';
  @state() private joinUrl?: string;

  /** The backend route that answers the shopper's join URL (our backend's `POST /sauceflex/consult`). */
  @property({ attribute: 'consult-endpoint' }) consultEndpoint?: string;
  /** Where the consultation opens: `tab` (default, a new tab) or `dialog` (on this page). */
  @property({ attribute: 'open-in', reflect: true }) openIn: 'tab' | 'dialog' = 'tab';
  /** The button's text (default "실시간 상담하기" / "Talk to us live"). */
  @property() label?: string;
  /** The shop's login page (overrides `<sf-config login-url>`): a guest's press opens it with `returnUrl`. */
  @property({ attribute: 'login-url' }) loginUrl?: string;

  private controller?: AbortController;
  private reportedEndpoint: string | undefined = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
    this.controller = undefined;
    if (this.phase === 'connecting') this.phase = 'idle';
  }

  protected override ownConfig(): SfConfig {
    return { ...super.ownConfig(), loginUrl: this.loginUrl };
  }

  private get mode(): 'tab' | 'dialog' {
    return this.openIn === 'dialog' ? 'dialog' : 'tab';
  }

  /** The endpoint's problem, if any (logged once per value). */
  private endpointProblem(): string | undefined {
    const endpoint = this.consultEndpoint?.trim();
    const problem = !endpoint ? 'consult-endpoint is missing' : isHttpUrl(endpoint) ? undefined : `consult-endpoint must be an http(s) URL, got "${endpoint.slice(0, 80)}"`;
    if (problem && this.reportedEndpoint !== this.consultEndpoint) console.error(`[sauceflex] <sf-consult-button>: ${problem}.`);
    this.reportedEndpoint = this.consultEndpoint;
    return problem;
  }

  private async start(): Promise<void> {
    if (this.phase === 'connecting' || this.endpointProblem()) return;
    this.phase = 'connecting';
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    const outcome = await requestConsultation(this.consultEndpoint!.trim(), this.config.lang, controller.signal);
    if (controller.signal.aborted) return;
    this.controller = undefined;
    this.settle(outcome);
  }

  private settle(outcome: ConsultOutcome): void {
    switch (outcome.kind) {
      case 'joined':
        this.joinUrl = outcome.joinUrl;
        this.phase = 'opened';
        if (this.emit('sf-consult-open', { joinUrl: outcome.joinUrl, reused: outcome.reused, mode: this.mode }, { cancelable: true })) this.open(outcome.joinUrl);
        return;
      case 'login-required':
        this.phase = 'login';
        const login = loginTarget(this.config.loginUrl);
        if (this.emit('sf-login-required', { source: 'consultation', reason: 'guest', loginUrl: login }, { cancelable: true }) && login) navigate(login);
        return;
      case 'busy':
        this.phase = 'busy';
        return;
      case 'unavailable':
      case 'failed':
        this.phase = outcome.kind;
        console.error('[sauceflex] <sf-consult-button> could not start a consultation:', outcome.error instanceof Error ? outcome.error.message : outcome.error);
        return;
    }
  }

  /** A new tab (through the one navigation path), or the dialog with the meeting in a frame. */
  private open(url: string): void {
    if (this.mode === 'tab') {
      navigate(url, '_blank');
      return;
    }
    void this.updateComplete.then(() => {
      if (this.dialog && !this.dialog.open) this.dialog.showModal();
    });
  }

  /** Close the dialog (and so leave the meeting: its frame is removed). */
  close(): void {
    this.dialog?.close();
  }

  private onDialogClose(): void {
    // The frame goes with the dialog, so camera and microphone stop.
    this.phase = 'idle';
    this.joinUrl = undefined;
    this.button?.focus();
  }

  override render() {
    const lang = this.config.lang;
    const problem = this.endpointProblem();
    if (problem) return html`<p part="status" role="alert">${consultMsg(lang, 'consult.config', { detail: problem })}</p>`;
    const connecting = this.phase === 'connecting';
    return html`
      <button part="button" type="button" aria-disabled=${connecting ? 'true' : 'false'} aria-busy=${connecting ? 'true' : 'false'}
        aria-haspopup=${this.mode === 'dialog' ? 'dialog' : nothing} @click=${() => void this.start()}>
        <span part="icon" aria-hidden="true"></span>
        <span>${connecting ? consultMsg(lang, 'consult.connecting') : this.label?.trim() || consultMsg(lang, 'consult.label')}</span>
      </button>
      <div part="status" role="status">${this.renderStatus()}</div>
      <dialog part="dialog" aria-labelledby="dialog-title" @close=${() => this.onDialogClose()}>
        <div class="dialog-header">
          <h2 id="dialog-title">${consultMsg(lang, 'consult.dialogTitle')}</h2>
          <button part="close" type="button" aria-label=${consultMsg(lang, 'consult.close')} @click=${() => this.close()}>✕</button>
        </div>
        ${this.mode === 'dialog' && this.joinUrl
          ? html`<iframe part="frame" title=${consultMsg(lang, 'consult.dialogTitle')} src=${this.joinUrl}
              allow="camera; microphone; display-capture; fullscreen; autoplay" referrerpolicy="no-referrer"></iframe>`
          : nothing}
      </dialog>
    `;
  }

  private renderStatus() {
    const lang = this.config.lang;
    switch (this.phase) {
      case 'opened':
        return this.mode === 'tab' && this.joinUrl
          ? html`<p>${consultMsg(lang, 'consult.opened')} <a part="link" href=${this.joinUrl} target="_blank" rel="noopener noreferrer">${consultMsg(lang, 'consult.openLink')}</a></p>`
          : nothing;
      case 'login': {
        const login = loginTarget(this.config.loginUrl);
        return html`<p>${consultMsg(lang, 'consult.login')} ${login ? html`<a href=${login}>${consultMsg(lang, 'consult.loginLink')}</a>` : nothing}</p>`;
      }
      case 'busy':
        return html`<p>${consultMsg(lang, 'consult.busy')}</p>`;
      case 'unavailable':
        return html`<p>${consultMsg(lang, 'consult.unavailable')}</p>`;
      case 'failed':
        return html`<p>${consultMsg(lang, 'consult.failed')}</p>`;
      default:
        return nothing;
    }
  }
}
