import { html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Broadcast } from '../../api/models.js';
import { msg } from '../../i18n/messages.js';
import { ImpressionController } from '../../shared/impressions.js';
import { SauceflexElement, type SfEventDetails } from '../../shared/sauceflex-element.js';
import { loadBroadcast } from '../../shared/broadcast-source.js';
import styles from './broadcast-card.styles.js';
import { cardSkeleton, CardView, type CardHost, type CardSettings } from './card-view.js';
import type { CardEventName } from './card-actions.js';

/**
 * @summary One broadcast: picture, state badge, title, time, shop and its first products. Opens the
 * sauceFlex player (the broadcast's `outputPath` with the viewer token as `accessToken`).
 *
 * Usable alone with `broadcast-id`, or given a `broadcast` object (`<sf-schedule>` draws the same card). With
 * `open="inline"` it opens the broadcast in `<sf-live-player>` inside a dialog on this page instead
 * (the player's code is fetched then, not before).
 *
 * @event sf-impression - The card was at least half on screen for one second (once per page view): `detail: { kind: 'broadcast', id, broadcastId, broadcast }`.
 * @event sf-broadcast-select - The shopper chose the broadcast. Cancelable: cancel it to open the
 *   player yourself (a modal, an SPA route). `detail: { broadcast, url, target }`.
 * @event sf-remind - "Remind me" turned on or off (upcoming broadcasts): `detail: { broadcastId, name, start, end, url, on }` (times ISO, UTC). Cancelable: cancel to skip the add-to-calendar offer (subscribe the shopper in your own system).
 * @event sf-share - The share button: `detail: { broadcastId, title, url }` (`url`: the `shortUrl`, else the player). Cancelable: cancel to share your own way; otherwise the Web Share API, else a copy to the clipboard.
 * @event sf-login-required - With `remind-requires-login`, a guest pressed "remind me": `detail: { broadcastId, source: 'remind', reason: 'guest' }`. Cancel it to open your login yourself; otherwise `login-url` (on `<sf-config>`) opens.
 *
 * @csspart card - The link (or box, when the broadcast cannot be opened) around everything.
 * @csspart thumbnail - The picture's frame.
 * @csspart badge - The state badge (LIVE, 방송 예정, …).
 * @csspart title - The broadcast name.
 * @csspart meta - Time and counters.
 * @csspart shop - Shop name and logo.
 * @csspart products - The first products' thumbnails.
 * @csspart dialog - With `open="inline"`: the dialog the live player opens in.
 * @csspart dialog-close - The dialog's close button.
 * @csspart actions - The row under the card: remind, share and counters.
 * @csspart remind - The "remind me" toggle (`aria-pressed`).
 * @csspart share - The share button.
 * @csspart counters - Views, likes and chats, compact.
 * @csspart calendar - The add-to-calendar offer shown after a reminder is set.
 * @csspart note - What the last action did (reminder set, link copied), announced politely.
 *
 * @cssproperty --sf-thumbnail-aspect-ratio - Picture ratio (default 3 / 4; 16 / 9 in the feed variant); may be set on an ancestor.
 * @cssproperty --sf-card-thumb-width - Picture width in the list variant (default 7.5rem).
 * @cssproperty --sf-card-title-size - Title font size (default 0.95rem).
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-accent - LIVE colour.
 * @cssproperty --sf-on-accent - Text on the accent (LIVE badge, buttons); set a dark one with a light accent.
 * @cssproperty --sf-surface - Card background.
 * @cssproperty --sf-text - Text colour.
 * @cssproperty --sf-text-muted - Secondary text colour.
 * @cssproperty --sf-border - Border colour.
 * @cssproperty --sf-skeleton - Placeholder colour while loading.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 * @cssproperty --sf-card-radius - This card's corner radius only (default `--sf-radius`).
 * @cssproperty --sf-card-background - This card's background only (default `--sf-surface`).
 * @cssproperty --sf-card-color - This card's text colour only (default `--sf-text`).
 * @cssproperty --sf-card-muted - This card's secondary text colour only (default `--sf-text-muted`).
 * @cssproperty --sf-card-border - This card's border colour only (default `--sf-border`).
 * @cssproperty --sf-live-color - This card's LIVE colour only (default `--sf-accent`).
 */
export class SfBroadcastCard extends SauceflexElement implements CardHost {
  static override styles = styles;
  protected static override serverProperties = ['broadcast'];
  protected static override viewerSession = true;

  private readonly view = new CardView(this);

  private readonly data = this.loadData({
    args: () => [this.broadcast ? undefined : this.broadcastId, this.config.apiBase, this.config.partnerId],
    skip: ([broadcastId, , partnerId]) => !broadcastId || !partnerId,
    load: ([broadcastId, apiBase, partnerId], signal) => loadBroadcast({ apiBase, partnerId: partnerId! }, broadcastId!, { signal }),
  });

  /** `sf-impression` once the card has been half on screen for a second. */
  protected readonly impressions = new ImpressionController(
    this,
    () => (this.shown ? [{ target: this, detail: { kind: 'broadcast', id: this.shown.broadcastId, broadcastId: this.shown.broadcastId, broadcast: this.shown } }] : []),
    (detail) => this.emit('sf-impression', detail),
  );

  /** The broadcast to show, or loaded from `broadcast-id`. */
  @property({ attribute: false }) broadcast?: Broadcast;
  /** Load and show this broadcast by id (when no `broadcast` object is given). */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** Where the player opens: `_self` (default), `_blank`, or a frame name. */
  @property() target = '_self';
  /** list (picture left), feed (picture on top, default) or grid (text over the picture). */
  @property({ reflect: true }) variant: 'list' | 'feed' | 'grid' = 'feed';
  /** The picture is among the first the shopper sees: fetched at once with high priority, not lazily. */
  @property({ type: Boolean }) priority = false;
  /** The clock the state and labels are computed against (ms); the page's clock by default. */
  @property({ attribute: false }) now?: number;
  /** `page` (default): open the sauceFlex player's page. `inline`: play it here, in a dialog with `<sf-live-player>`. */
  @property() open: 'page' | 'inline' = 'page';
  /** A guest's "remind me" asks to sign in first (`sf-login-required`, then `login-url`). */
  @property({ attribute: 'remind-requires-login', type: Boolean }) remindRequiresLogin = false;
  /** Hide the "remind me" toggle. */
  @property({ attribute: 'no-remind', type: Boolean }) noRemind = false;
  /** Hide the share button. */
  @property({ attribute: 'no-share', type: Boolean }) noShare = false;

  /** @internal The card's events (CardHost). */
  cardEvent<K extends CardEventName>(name: K, detail: SfEventDetails[K]): boolean {
    return this.emit(name, detail, { cancelable: true });
  }

  private get shown(): Broadcast | null | undefined {
    return this.broadcast ?? this.data.value;
  }

  override render() {
    const lang = this.config.lang;
    // Only a card that must load by id needs the API settings; without either it is a placeholder.
    return this.renderStates(this.data, {
      problems: this.broadcast || !this.broadcastId ? [] : this.checkConfig(),
      value: this.shown,
      content: (broadcast) => {
        const { timeZone, loginUrl, partnerId, apiBase, tokenEndpoint } = this.config;
        const settings: CardSettings = {
          ...{ lang, timeZone, loginUrl, partnerId, apiBase, tokenEndpoint },
          now: this.now ?? Date.now(),
          target: this.target,
          open: this.open,
          linkPart: 'card',
          priority: this.priority,
          requiresLogin: this.remindRequiresLogin,
          noRemind: this.noRemind,
          noShare: this.noShare,
        };
        return html`${this.view.card(broadcast, settings)}${this.view.dialog(settings)}`;
      },
      loading: () => cardSkeleton(lang),
      empty: () => msg(lang, 'card.notFound'),
      message: (role, text, action) =>
        action
          ? html`<div class="card message" part="card" role=${role}><span>${text}</span>${action}</div>`
          : html`<div class="card message" part="card" role=${role}>${text}</div>`,
    });
  }
}
