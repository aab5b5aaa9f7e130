import { html, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import '../../events/countdown-end.js';
import { formatDuration, parseApiDate } from '../../i18n/format.js';
import { msg } from '../../i18n/messages.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import styles from './countdown.styles.js';

/**
 * @summary The time left until a broadcast starts ("다음 방송까지 2시간 5분"). Ticks every second in
 * the last hour and every 30 seconds before that, so a page full of countdowns costs nothing.
 * Screen readers read it on demand (role timer) rather than every tick.
 *
 * @event sf-countdown-end - The time was reached. `detail: { to }`.
 * @csspart label - The words before the time.
 * @csspart time - The time left.
 *
 * @cssproperty --sf-accent - Colour of the time.
 * @cssproperty --sf-text-muted - Colour of the label.
 * @cssproperty --sf-font-family - Font stack.
 */
export class SfCountdown extends SauceflexElement {
  static override styles = styles;

  /** Set on each tick to re-render. */
  @state() private tick = 0;

  /** The start time, ISO 8601 (the API's UTC form). */
  @property() to = '';
  /** Text before the time; the default is "다음 방송까지" / "Next broadcast in". */
  @property() label?: string;

  private timer?: ReturnType<typeof setTimeout>;
  private ended = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('to')) this.ended = false;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const target = parseApiDate(this.to)?.getTime();
    if (target === undefined || !this.isConnected) return;
    const left = target - Date.now();
    if (left <= 0) {
      if (!this.ended) {
        this.ended = true;
        this.emit('sf-countdown-end', { to: this.to });
      }
      return;
    }
    const step = left <= 3_600_000 ? 1_000 : 30_000;
    this.timer = setTimeout(() => this.tick++, Math.min(step, left));
  }

  override render() {
    const lang = this.config.lang;
    const target = parseApiDate(this.to)?.getTime();
    if (target === undefined) return html``;
    const left = target - Date.now();
    return html`<span role="timer">
      <span class="label" part="label">${this.label ?? msg(lang, 'countdown.label')}</span>
      <span class="time" part="time">${left > 0 ? formatDuration(left, lang) : msg(lang, 'countdown.soon')}</span>
    </span>`;
  }
}
