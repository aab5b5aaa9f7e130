import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Curation } from '../../api/models.js';
import '../../events/curation-select.js';
import { msg } from '../../i18n/messages.js';
import { remindMsg } from '../../i18n/remind.js';
import { clientFor } from '../../shared/clients.js';
import { failureMessage } from '../../shared/failure-message.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import { safeUrl } from '../../shared/safe-url.js';
import styles from './curation-list.styles.js';

const MAX_LIMIT = 100;
const SKELETON_TILES = 6;

interface Shown {
  items: Curation[];
  nextKey?: string;
}

/**
 * @summary The partner's curations as a rail: each with its picture, name and how many live and replay
 * broadcasts it holds. Opening one shows its broadcasts below (an `<sf-schedule curation-id>`, loaded
 * then); "more" at the rail's end reads the next page. Private curations are never shown.
 *
 * Reads GET /front/curation/{partnerId}. The rail scrolls by swipe, trackpad or keyboard: Tab moves
 * from curation to curation and brings each into view, arrow keys scroll it when it has the focus.
 *
 * @event sf-curation-select - A curation was opened: `detail: { curation }`. Cancelable: cancel it to show the curation yourself (its own page, say); nothing opens then.
 *
 * @csspart rail - The scrolling row of curations.
 * @csspart curation - Each curation's button (`aria-expanded`).
 * @csspart picture - A curation's picture.
 * @csspart name - A curation's name.
 * @csspart counts - Its live and replay counts.
 * @csspart more - The "more curations" button at the rail's end.
 * @csspart panel - The opened curation's broadcasts.
 * @csspart status - Empty and error messages.
 * @csspart retry - The error state's retry button.
 *
 * @cssproperty --sf-curation-tile - Width of a curation in the rail (default 9rem).
 * @cssproperty --sf-curation-aspect-ratio - Picture ratio (default 1 / 1).
 * @cssproperty --sf-accent - The open curation's outline and the live count.
 * @cssproperty --sf-surface - Background of the tiles and buttons.
 * @cssproperty --sf-text - Text colour.
 * @cssproperty --sf-text-muted - Secondary text colour.
 * @cssproperty --sf-border - Border colour.
 * @cssproperty --sf-skeleton - Placeholder colour while loading.
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 */
export class SfCurationList extends SauceflexElement {
  static override styles = styles;

  private readonly data = this.loadData({
    args: () => [this.config.apiBase, this.config.partnerId, this.pageSize],
    skip: () => this.checkConfig().length > 0,
    load: async (_args, signal): Promise<Shown> => {
      const page = await this.client().curations({ returnLimit: this.pageSize, signal });
      this.moreFailed = false;
      return { items: page.items, nextKey: page.nextKey ?? undefined };
    },
    onError: (error) => console.error('[sauceflex] <sf-curation-list> could not load curations:', error instanceof Error ? error.message : error),
  });

  @state() private openId?: string;
  @state() private loadingMore = false;
  @state() private moreFailed = false;
  /** The schedule element's code has arrived (fetched when a curation is first opened). */
  @state() private scheduleReady = false;

  /** Curations per page, 1–100 (the API's returnLimit). */
  @property({ type: Number }) limit = 10;
  /** How an opened curation lays out its broadcasts: list, feed or grid (default). */
  @property() layout: 'list' | 'feed' | 'grid' = 'grid';
  /** Where a chosen broadcast opens (passed to the opened curation's schedule). */
  @property() target = '_self';
  /** Level of the opened curation's heading, to fit the page's outline (default 3). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  private get pageSize(): number {
    const limit = Math.trunc(Number(this.limit));
    return Number.isFinite(limit) ? Math.min(MAX_LIMIT, Math.max(1, limit)) : 10;
  }

  private client() {
    return clientFor({ apiBase: this.config.apiBase, partnerId: this.config.partnerId ?? '' });
  }

  /** Load again from the first page (the error state's retry button). */
  retry(): Promise<void> {
    return this.data.reload();
  }

  /** Open a curation (or close it when open), as its button does. */
  async toggle(curationId: string): Promise<void> {
    if (this.openId === curationId) {
      this.openId = undefined;
      return;
    }
    const curation = this.data.value?.items.find((item) => item.curationId === curationId);
    if (!curation) return;
    if (!this.emit('sf-curation-select', { curation }, { cancelable: true })) return;
    this.openId = curationId;
    if (!this.scheduleReady) {
      await import('../schedule/schedule.js');
      this.scheduleReady = true;
    }
  }

  private async loadMore(): Promise<void> {
    if (this.loadingMore || !this.data.value?.nextKey) return;
    this.loadingMore = true;
    this.moreFailed = false;
    const firstNew = this.data.value.items.length;
    const hadFocus = this.shadowRoot?.activeElement?.getAttribute('part') === 'more';
    try {
      const applied = await this.data.update(async (shown, signal) => {
        const page = await this.client().curations({ returnLimit: this.pageSize, nextKey: shown.nextKey, signal });
        const known = new Set(shown.items.map((item) => item.curationId));
        return { items: [...shown.items, ...page.items.filter((item) => !known.has(item.curationId))], nextKey: page.nextKey ?? undefined };
      });
      if (applied && hadFocus) {
        // Keyboard users continue from the first new curation rather than from the button. The step
        // settles before the task hands its value to the element: wait for the task, then the render.
        await this.data.taskComplete;
        await this.updateComplete;
        (this.renderRoot.querySelectorAll<HTMLElement>('[part~="curation"]')[firstNew] ?? null)?.focus();
      }
    } catch (error) {
      this.moreFailed = true;
      console.error('[sauceflex] <sf-curation-list> could not load more curations:', error instanceof Error ? error.message : error);
    } finally {
      this.loadingMore = false;
    }
  }

  override render() {
    const lang = this.config.lang;
    return this.renderStates(this.data, {
      problems: this.checkConfig(),
      value: this.data.value,
      isEmpty: (shown) => visible(shown.items).length === 0 && !shown.nextKey,
      content: (shown) => this.renderRail(visible(shown.items), !!shown.nextKey),
      loading: () => this.renderSkeleton(),
      empty: () => remindMsg(lang, 'curation.empty'),
      error: () => failureMessage(this.data.error, lang, msg(lang, 'error.load')),
      retryPart: 'retry',
    });
  }

  private renderRail(items: Curation[], more: boolean) {
    const lang = this.config.lang;
    const open = items.find((item) => item.curationId === this.openId);
    return html`
      <ul class="rail" part="rail" role="list" aria-label=${remindMsg(lang, 'curation.title')}>
        ${repeat(items, (item) => item.curationId, (item) => this.renderTile(item))}
        ${more
          ? html`<li class="more-slot"><button type="button" class="more" part="more" ?disabled=${this.loadingMore} aria-busy=${this.loadingMore ? 'true' : 'false'} @click=${() => this.loadMore()}>
              ${this.loadingMore ? msg(lang, 'schedule.loadingMore') : this.moreFailed ? msg(lang, 'error.retry') : remindMsg(lang, 'curation.more')}
            </button></li>`
          : nothing}
      </ul>
      ${open ? this.renderPanel(open) : nothing}
    `;
  }

  private renderTile(curation: Curation) {
    const lang = this.config.lang;
    const picture = safeUrl(curation.imageUrl);
    const name = curation.curationName?.trim() || remindMsg(lang, 'curation.untitled');
    const expanded = curation.curationId === this.openId;
    return html`<li>
      <button type="button" class="tile" part="curation" aria-expanded=${expanded ? 'true' : 'false'} aria-controls="panel" @click=${() => this.toggle(curation.curationId)}>
        <span class="picture" part="picture">${picture ? html`<img src=${picture} alt="" loading="lazy" decoding="async" />` : nothing}</span>
        <span class="name" part="name">${name}</span>
        <span class="counts" part="counts">
          ${count(curation.liveCount) ? html`<span class="live">${remindMsg(lang, 'curation.live', { n: curation.liveCount })}</span>` : nothing}
          ${count(curation.vodCount) ? html`<span>${remindMsg(lang, 'curation.vod', { n: curation.vodCount })}</span>` : nothing}
        </span>
      </button>
    </li>`;
  }

  private renderPanel(curation: Curation) {
    const { lang, timeZone, partnerId, apiBase, tokenEndpoint } = this.config;
    const name = curation.curationName?.trim() || remindMsg(lang, 'curation.untitled');
    return html`<section class="panel" part="panel" id="panel" aria-labelledby="panel-heading">
      <div class="panel-head">
        <div id="panel-heading" class="panel-title" role="heading" aria-level=${this.headingLevel}>${name}</div>
        <button type="button" class="close" @click=${() => this.toggle(curation.curationId)}>${remindMsg(lang, 'curation.close')}</button>
      </div>
      ${this.scheduleReady
        ? html`<sf-schedule curation-id=${curation.curationId} layout=${this.layout} target=${this.target} lang=${lang} no-countdown
            heading-level=${Math.min(6, this.headingLevel + 1)} partner-id=${partnerId ?? nothing} api-base=${apiBase}
            token-endpoint=${tokenEndpoint ?? nothing} time-zone=${timeZone ?? nothing}></sf-schedule>`
        : html`<div class="panel-placeholder" aria-busy="true"></div>`}
    </section>`;
  }

  private renderSkeleton() {
    const lang = this.config.lang;
    return html`<div aria-busy="true">
      <span class="visually-hidden" role="status">${remindMsg(lang, 'curation.loading')}</span>
      <ul class="rail skeleton" part="rail" role="list" aria-hidden="true">
        ${Array.from({ length: Math.min(this.pageSize, SKELETON_TILES) }, () => html`<li><span class="tile"><span class="picture"></span><span class="line"></span><span class="line short"></span></span></li>`)}
      </ul>
    </div>`;
  }
}

/** Public curations in the partner's order (`ord`). */
function visible(items: Curation[]): Curation[] {
  return items.filter((item) => item.isPublic !== false).sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0));
}

const count = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;
