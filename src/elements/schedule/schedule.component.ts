import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Broadcast, Page } from '../../api/models.js';
import { dayLabel } from '../../i18n/format.js';
import { msg } from '../../i18n/messages.js';
import { inBrowser, SauceflexElement } from '../../shared/sauceflex-element.js';
import { fetchSchedulePage, firstSchedulePage, MAX_PAGE_SIZE, scheduleQuery, type ScheduleQuery } from '../../shared/schedule-source.js';
import { rememberBroadcasts } from '../../store/broadcasts.js';
import { cardSkeleton, CardView, type CardEventName, type CardHost, type CardSettings } from '../broadcast-card/broadcast-card.js';
import { ImpressionController } from '../../shared/impressions.js';
import type { SfEventDetails } from '../../shared/sauceflex-element.js';
import '../countdown/countdown.js';
import { groupByDay, mergeRefreshed, nextStart, type DayGroup, type ScheduleType } from './schedule-groups.js';
import { fillSchedule, visibleBroadcasts, type Shown } from '../../shared/schedule-fill.js';
import styles from './schedule.styles.js';
import { failureMessage } from '../../shared/failure-message.js';
import { isHttpUrl, type ConfigProblem } from '../../store/config.js';
import { loadSourcePage } from './schedule-source.js';
import { structuredDataFor, writeStructuredData } from '../../shared/structured-data.js';
import { heightBeforeDefinition, startsInView } from '../../shared/early-placement.js';

/** The skeleton shows `limit` cards (what the content will hold, since a live schedule now fills it), up to this. */
const SKELETON_CARDS = 24;
/** Coming back to a tab refreshes only when the data is at least this old. */
const STALE_ON_RETURN_MS = 15_000;
const MINUTE = 60_000;

/** A schedule loaded elsewhere (on the server, src/ssr/): what it showed and the clock it was drawn against. */
export interface ScheduleSnapshot extends Shown {
  /** The minute (ms) the server drew the cards against: the first render in the browser uses it too. */
  now: number;
}

/**
 * @summary The live-shopping schedule: what is on air now, what is coming (grouped by day in the
 * viewer's time zone, with a countdown to the next start) and what can be watched again.
 *
 * Upcoming broadcasts come from GET /front/broadcast/schedule; `type` live / vod / catchup / latest /
 * all read GET /front/broadcast with the matching `searchType`; `curation-id` shows a curation.
 * `source` reads the list from a schedule source of the shop's backend instead (another platform's
 * live events, e.g. SmartSTREAM, as broadcasts). Rehearsals are never shown; cancelled broadcasts are
 * marked. Refreshes every `refresh-interval` seconds and when the tab is shown again, in place: no
 * skeleton, no lost scroll position; the cards' counters (views, likes, chats) change where they stand.
 *
 * With `structured-data`, the broadcasts shown are also written as schema.org JSON-LD (a `VideoObject`
 * with its `BroadcastEvent` each) into a `<script type="application/ld+json">` in the element's light
 * DOM, for search engines; cancelled ones are left out.
 *
 * @event sf-impression - From a card: a broadcast was seen (half on screen for one second, once per page view).
 * @event sf-broadcast-select - From a card: a broadcast was chosen (cancelable).
 * @event sf-remind - From a card: "remind me" turned on or off (cancelable: skips the calendar offer).
 * @event sf-share - From a card: the share button (cancelable: share your own way).
 * @event sf-login-required - From a card, with `remind-requires-login`: a guest pressed "remind me".
 *
 * @csspart header - Title row with the countdown.
 * @csspart group - One day's section.
 * @csspart day - A day's heading (오늘, 내일, …).
 * @csspart list - A day's list of cards.
 * @csspart card - Each card: the list item holding its link (or box) and its actions row.
 * @csspart card-link - Each card's link, or its box when the broadcast cannot be opened.
 * @csspart thumbnail - Each card's picture frame.
 * @csspart badge - Each card's state badge.
 * @csspart title - Each card's broadcast name.
 * @csspart meta - Each card's time and counters.
 * @csspart shop - Each card's shop name and logo.
 * @csspart products - Each card's product thumbnails.
 * @csspart actions - Each card's row of remind, share and counters.
 * @csspart remind - Each card's "remind me" toggle (`aria-pressed`).
 * @csspart share - Each card's share button.
 * @csspart counters - Each card's views, likes and chats, compact.
 * @csspart calendar - The add-to-calendar offer shown after a reminder is set.
 * @csspart note - What a card's last action did (reminder set, link copied), announced politely.
 * @csspart dialog - With `open="inline"`: the live player dialog.
 * @csspart dialog-close - The dialog's close button.
 * @csspart more - The "more" button.
 * @csspart status - Empty and error messages.
 * @csspart retry - The error state's retry button.
 *
 * @cssproperty --sf-schedule-columns - Columns in the grid layout (default 4).
 * @cssproperty --sf-schedule-min-column - Narrowest grid column before wrapping (default 10rem).
 * @cssproperty --sf-schedule-gap - Space between cards (default 0.75rem).
 * @cssproperty --sf-day-size - Day heading size (default 1rem).
 * @cssproperty --sf-accent - LIVE colour of the cards and the countdown.
 * @cssproperty --sf-on-accent - Text on the accent (LIVE badge, buttons); set a dark one with a light accent.
 * @cssproperty --sf-surface - Background of the cards and buttons.
 * @cssproperty --sf-text - Text colour, cards included.
 * @cssproperty --sf-text-muted - Secondary text colour, cards included.
 * @cssproperty --sf-border - Border colour, cards included.
 * @cssproperty --sf-radius - Corner radius, cards included.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 * @cssproperty --sf-thumbnail-aspect-ratio - The cards' picture ratio (default 3 / 4; 16 / 9 in the feed layout).
 * @cssproperty --sf-card-thumb-width - Picture width in the list layout (default 7.5rem).
 * @cssproperty --sf-card-title-size - The cards' title size (default 0.95rem).
 * @cssproperty --sf-skeleton - Placeholder colour while loading.
 */
export class SfSchedule extends SauceflexElement implements CardHost {
  static override styles = styles;
  protected static override viewerSession = true;
  protected static override serverProperties = ['initial'];

  /** Every card is drawn here, from the card's own template (no element per card: issue 22). */
  private readonly view = new CardView(this);

  /** `sf-impression` for each card half on screen for a second. */
  protected readonly impressions = new ImpressionController(
    this,
    () =>
      this.cardItems().flatMap((target) => {
        // getAttribute, not dataset: a thousand cards after every update, and dataset builds a map each time.
        const broadcast = this.drawn.get(target.getAttribute('data-broadcast-id') ?? '');
        return broadcast ? [{ target, detail: { kind: 'broadcast' as const, id: broadcast.broadcastId, broadcastId: broadcast.broadcastId, broadcast } }] : [];
      }),
    (detail) => this.emit('sf-impression', detail),
  );

  /** The broadcasts of the cards drawn by the last render, by id. */
  private drawn = new Map<string, Broadcast>();

  /**
   * The cards' list items, in order, read from the groups' lists (a query of the whole shadow tree
   * after every "more" walked every node of a thousand cards).
   */
  private cardItems(): HTMLElement[] {
    const items: HTMLElement[] = [];
    for (const group of this.renderRoot.children) {
      if (group.localName !== 'section') continue;
      for (const item of group.lastElementChild?.children ?? []) if (item.hasAttribute('data-broadcast-id')) items.push(item as HTMLElement);
    }
    return items;
  }

  /** A new query starts over (skeleton); "more" and refreshes change what is shown in place. */
  private readonly data = this.loadData({
    args: () => [this.config.apiBase, this.config.partnerId, this.scheduleType, this.pageSize, this.search?.trim() || undefined, this.curationId, this.source],
    skip: () => this.problems().length > 0,
    load: async (_args, signal): Promise<Shown> => {
      // The loader may have asked for this page already, while this code was on its way.
      const page = this.source ? await this.fetchPage({ returnLimit: this.pageSize }, signal) : await firstSchedulePage(this.query, signal);
      signal.throwIfAborted();
      this.moreFailed = false;
      this.lastLoadedAt = Date.now();
      rememberBroadcasts(page.items);
      const filled = await this.fill({ items: page.items, nextKey: page.nextKey ?? undefined }, this.pageSize, signal);
      this.shownCount = this.pageSize;
      return filled;
    },
    onError: (error) => console.error('[sauceflex] <sf-schedule> could not load broadcasts:', error instanceof Error ? error.message : error),
  });

  @state() private loadingMore = false;
  /** How many broadcasts are shown: `limit`, and `limit` more per "more" (pages fetched ahead stay hidden till then). */
  @state() private shownCount = 0;
  @state() private moreFailed = false;

  /**
   * What the server rendered (src/ssr/ embeds it in the page): shown at once without fetching; the
   * schedule refreshes from there as usual.
   */
  @property({ attribute: false }) initial?: ScheduleSnapshot;
  /** upcoming (default), live, vod, catchup, latest (live and catch-up), or all. */
  @property({ reflect: true }) type: ScheduleType = 'upcoming';
  /** Broadcasts per page, 1–100 (the API's returnLimit). */
  @property({ type: Number }) limit = 10;
  /** Search in broadcast, product and brand names (the API's searchWord). */
  @property() search?: string;
  /**
   * Read the list from this schedule source of the shop's backend instead of sauceFlex, e.g.
   * `/sauceflex/schedule/smartstream` (`GET /sauceflex/schedule/:source`); `search` and `curation-id`
   * apply to sauceFlex only.
   */
  @property() source?: string;
  /** Show the broadcasts of this curation instead. */
  @property({ attribute: 'curation-id' }) curationId?: string;
  /** list, feed (default) or grid; sauceFlex's own collection script offers the same three. */
  @property({ reflect: true }) layout: 'list' | 'feed' | 'grid' = 'feed';
  /** Seconds between refreshes; 0 turns them off. */
  @property({ attribute: 'refresh-interval', type: Number }) refreshInterval = 60;
  /** Where a chosen broadcast opens (passed to each card). */
  @property() target = '_self';
  /** `page` (default): a card opens the sauceFlex player's page. `inline`: it plays on this page, in a dialog (passed to each card). */
  @property() open: 'page' | 'inline' = 'page';
  /** Level of the day headings, to fit the page's outline (default 3). */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;
  /** Hide the countdown to the next broadcast. */
  @property({ attribute: 'no-countdown', type: Boolean }) noCountdown = false;
  /** Write the broadcasts shown as schema.org JSON-LD into the light DOM, for search engines. */
  @property({ attribute: 'structured-data', type: Boolean }) structuredData = false;
  /** A guest's "remind me" on the cards asks to sign in first (`sf-login-required`, then `login-url`). */
  @property({ attribute: 'remind-requires-login', type: Boolean }) remindRequiresLogin = false;
  /** Hide the cards' "remind me" toggles. */
  @property({ attribute: 'no-remind', type: Boolean }) noRemind = false;
  /** Hide the cards' share buttons. */
  @property({ attribute: 'no-share', type: Boolean }) noShare = false;

  private refreshTimer?: ReturnType<typeof setInterval>;
  private reportedSource = '';
  private lastLoadedAt = 0;
  private readonly onVisibility = () => {
    if (document.visibilityState === 'visible' && Date.now() - this.lastLoadedAt > STALE_ON_RETURN_MS) void this.refresh();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    this.restartTimer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('refreshInterval')) this.restartTimer();
    if (!this.hasUpdated && this.initial && Array.isArray(this.initial.items)) {
      const { items, nextKey, now } = this.initial;
      this.data.seed({ items, nextKey });
      this.shownCount = this.pageSize;
      this.serverNow = now;
      this.lastLoadedAt = now;
      if (inBrowser) rememberBroadcasts(items);
    }
  }

  protected override firstUpdated(changed: PropertyValues): void {
    super.firstUpdated(changed);
    // Hydrated against the server's clock; from now on, the browser's.
    this.serverNow = undefined;
  }

  /** The clock of a server-rendered schedule's first render (its cards must read as the server drew them). */
  private serverNow?: number;

  /** What to ask the API, from the attributes (normalised: a bad `limit` or `type` falls back to the default). */
  private get query(): ScheduleQuery {
    return scheduleQuery({ apiBase: this.config.apiBase, partnerId: this.config.partnerId ?? '', type: this.type, limit: this.limit, search: this.search, curationId: this.curationId });
  }

  /**
   * The height the page gave the tag before it was defined (our reservation, src/shared/reserve.ts, or the shop's
   * `:not(:defined)` rule), read during the upgrade, when the tag is not `:defined` yet. The skeleton keeps it: one
   * day's group of `limit` cards can be shorter than that box and than the content (grouped by day, each group
   * with its heading), so what stands under the schedule would come up and go down again. The base class's
   * `heightToHold` where the autoloader watched the tag, else measured now; 0 for an element created in script.
   */
  private readonly reservedHeight = this.heightToHold ?? heightBeforeDefinition(this);

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Through the CSSOM, not a style attribute: a strict CSP's style-src would refuse that.
    const skeleton = this.renderRoot.firstElementChild;
    if (this.reservedHeight && skeleton?.classList.contains('skeleton')) (skeleton as HTMLElement).style.minHeight = `${this.reservedHeight}px`;
    this.writeStructuredData();
  }

  /** The JSON-LD of what is shown (light DOM), or none without `structured-data` or before data. */
  private writeStructuredData(): void {
    const shown = this.data.value;
    if (!this.structuredData || !shown) return writeStructuredData(this, undefined);
    const visible = visibleBroadcasts(shown.items, this.scheduleType, Date.now())
      .slice(0, Math.max(this.shownCount, this.pageSize))
      .filter((item) => item.broadcastStateCode !== 'cancel');
    writeStructuredData(this, structuredDataFor(visible));
  }

  private get pageSize(): number {
    return this.query.pageSize;
  }

  private get scheduleType(): ScheduleType {
    return this.query.type;
  }

  /** A backend source needs only its own URL; sauceFlex needs the partner and API base. */
  private problems(): ConfigProblem[] {
    if (!this.source) return this.checkConfig();
    if (isHttpUrl(this.source)) return [];
    if (this.reportedSource !== this.source) console.error(`[sauceflex] <sf-schedule>: source must be an http(s) URL such as /sauceflex/schedule/smartstream.`);
    this.reportedSource = this.source;
    return [{ attribute: 'source', message: `source must be an http(s) URL, got "${this.source.slice(0, 80)}"` }];
  }

  private fetchPage(params: { returnLimit: number; nextKey?: string }, signal: AbortSignal): Promise<Page<Broadcast>> {
    if (this.source) return loadSourcePage(this.source, params, signal);
    return fetchSchedulePage(this.query, params, signal);
  }

  /** Pages on until `wanted` broadcasts are showable (src/shared/schedule-fill.ts): the skeleton reserved `limit` cards. */
  private fill(shown: Shown, wanted: number, signal: AbortSignal): Promise<Shown> {
    return fillSchedule(shown, wanted, this.scheduleType, async (nextKey) => {
      const page = await this.fetchPage({ returnLimit: this.pageSize, nextKey }, signal);
      signal.throwIfAborted();
      rememberBroadcasts(page.items);
      return page;
    });
  }

  private async loadMore(): Promise<void> {
    if (!this.hasMore() || this.loadingMore) return;
    const hadFocus = this.shadowRoot?.activeElement?.getAttribute('part') === 'more';
    const firstNew = this.cardItems().length;
    this.loadingMore = true;
    this.moreFailed = false;
    try {
      const wanted = this.shownCount + this.pageSize;
      const applied = await this.data.update((shown, signal) => this.fill(shown, wanted, signal));
      if (applied) this.shownCount = wanted;
      if (applied && hadFocus) {
        // Keyboard users continue from the first new broadcast rather than from the button.
        await this.updateComplete;
        const cards = this.cardItems();
        cards[Math.min(firstNew, cards.length - 1)]?.querySelector<HTMLElement>('.card')?.focus();
      }
    } catch (error) {
      this.moreFailed = true;
      console.error('[sauceflex] <sf-schedule> could not load more broadcasts:', error instanceof Error ? error.message : error);
    } finally {
      this.loadingMore = false;
    }
  }

  /**
   * Re-read what is shown, in place: cards are updated where they stand (keyed by id), nothing is
   * cleared first, and a failure keeps what is on screen. Called on the interval and on tab return.
   */
  async refresh(): Promise<void> {
    if (this.data.status === 'error') return this.data.reload();
    if (this.data.status !== 'ready' || this.loadingMore || this.problems().length) return;
    try {
      await this.data.update(async (shown, signal) => {
        const count = Math.min(MAX_PAGE_SIZE, Math.max(this.pageSize, shown.items.length));
        const page = await this.fetchPage({ returnLimit: count }, signal);
        this.lastLoadedAt = Date.now();
        rememberBroadcasts(page.items);
        // The refresh covered everything shown: its nextKey continues from there.
        const nextKey = shown.items.length <= count ? (page.nextKey ?? undefined) : shown.nextKey;
        return { items: mergeRefreshed(shown.items, page.items, count), nextKey };
      });
    } catch (error) {
      // Keep showing what we have; the next refresh tries again.
      console.warn('[sauceflex] <sf-schedule> refresh failed:', error instanceof Error ? error.message : error);
    }
  }

  /** Back online: a failed load tries again (the base); data shown for a while is refreshed in place. */
  protected override backOnline(): void {
    super.backOnline();
    if (this.data.status === 'ready' && Date.now() - this.lastLoadedAt > STALE_ON_RETURN_MS) void this.refresh();
  }

  /** @internal The cards' events (CardHost). */
  cardEvent<K extends CardEventName>(name: K, detail: SfEventDetails[K]): boolean {
    return this.emit(name, detail, { cancelable: true });
  }

  /** Load again from the first page (the error state's retry button). */
  retry(): Promise<void> {
    return this.data.reload();
  }

  private restartTimer(): void {
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    const seconds = Number(this.refreshInterval);
    if (!this.isConnected || !Number.isFinite(seconds) || seconds <= 0) return;
    this.refreshTimer = setInterval(() => {
      if (document.visibilityState === 'visible') void this.refresh();
    }, Math.max(5, seconds) * 1000);
  }

  override render() {
    const lang = this.config.lang;
    // Cards are drawn against the minute, not the millisecond: a render for "more" or a refresh
    // passes every card the same `now` it had, so only the cards whose broadcast changed update.
    const now = this.serverNow ?? Math.floor(Date.now() / MINUTE) * MINUTE;
    const shown = this.data.value;
    const showable = shown ? visibleBroadcasts(shown.items, this.scheduleType, now) : [];
    const visible = showable.slice(0, Math.max(this.shownCount, this.pageSize));
    const search = this.search?.trim();
    return this.renderStates(this.data, {
      problems: this.problems(),
      value: shown,
      isEmpty: ({ nextKey }) => visible.length === 0 && !nextKey,
      content: () => this.renderBroadcasts(visible, this.hasMore(), now),
      loading: () => this.renderSkeleton(),
      empty: () => (search ? msg(lang, 'schedule.emptySearch', { query: search }) : msg(lang, 'schedule.empty')),
      error: () => failureMessage(this.data.error, lang, msg(lang, 'error.load')),
      retryPart: 'retry',
    });
  }

  /** More to show: a page not fetched yet, or broadcasts fetched ahead and not shown. */
  private hasMore(): boolean {
    const shown = this.data.value;
    if (!shown) return false;
    return !!shown.nextKey || visibleBroadcasts(shown.items, this.scheduleType, Date.now()).length > Math.max(this.shownCount, this.pageSize);
  }

  private renderBroadcasts(visible: Broadcast[], more: boolean, now: number) {
    const { lang, timeZone, loginUrl, partnerId, apiBase, tokenEndpoint } = this.config;
    const settings: CardSettings = {
      ...{ lang, timeZone, loginUrl, partnerId, apiBase, tokenEndpoint, now },
      target: this.target,
      open: this.open,
      linkPart: 'card-link',
      priority: false,
      requiresLogin: this.remindRequiresLogin,
      noRemind: this.noRemind,
      noShare: this.noShare,
    };
    const settingsKey = JSON.stringify(settings);
    const first = this.priorityFor(visible[0]);
    this.drawn = new Map(visible.map((item) => [item.broadcastId, item]));
    const countdownTo = this.noCountdown ? undefined : nextStart(visible, Math.max(now, Date.now()));
    return html`
      <div class="header" part="header">
        <span class="visually-hidden" role="status">${msg(lang, 'schedule.count', { n: visible.length })}</span>
        ${countdownTo ? html`<sf-countdown to=${countdownTo} lang=${lang} @sf-countdown-end=${() => this.refresh()}></sf-countdown>` : nothing}
      </div>
      ${repeat(groupByDay(visible, timeZone), (group) => group.key, (group) => this.renderGroup(group, settings, settingsKey, first))}
      <div class="footer">
        ${more
          ? html`<button part="more" ?disabled=${this.loadingMore} aria-busy=${this.loadingMore ? 'true' : 'false'} @click=${() => this.loadMore()}>
              ${this.loadingMore ? msg(lang, 'schedule.loadingMore') : this.moreFailed ? msg(lang, 'error.retry') : msg(lang, 'schedule.more')}
            </button>`
          : nothing}
      </div>
      ${this.view.dialog(settings)}
    `;
  }

  /**
   * A day's section, drawn again only when one of its cards or the settings changed: a "more" then
   * costs the days it adds to, not every day shown (a thousand cards took ten renders of all of them).
   */
  private renderGroup(group: DayGroup, settings: CardSettings, settingsKey: string, first: Broadcast | undefined) {
    const { items } = group;
    const deps = [settingsKey, this.headingLevel, first, ...items, ...items.map((item) => this.view.stateOf(item))];
    return guard(deps, () => this.drawGroup(group, settings, settingsKey, first));
  }

  private drawGroup({ key, date, items }: DayGroup, settings: CardSettings, settingsKey: string, first: Broadcast | undefined) {
    const { lang, timeZone, now } = settings;
    const label = Number.isNaN(date.getTime()) ? '' : dayLabel(date, new Date(now), lang, timeZone);
    const headingId = `day-${key}`;
    return html`<section class="group" part="group" aria-labelledby=${headingId}>
      <div class="day" part="day" id=${headingId} role="heading" aria-level=${this.headingLevel}>${label}</div>
      <ul class="list" part="list" role="list">
        ${repeat(
          items,
          (item) => item.broadcastId,
          (item) => html`<li class="item" part="card" data-broadcast-id=${item.broadcastId}>${this.view.cardOf(item, item === first ? { ...settings, priority: true } : settings, settingsKey)}</li>`,
        )}
      </ul>
    </section>`;
  }

  /**
   * The first card's picture loads at once with high priority when the schedule starts in view (it is
   * likely the largest paint); every other picture is lazy. Decided once, at the first content.
   */
  private priorityFor(first: Broadcast | undefined): Broadcast | undefined {
    this.inView ??= startsInView(this);
    return this.inView ? first : undefined;
  }

  private inView?: boolean;

  private renderSkeleton() {
    const lang = this.config.lang;
    const count = Math.min(this.pageSize, SKELETON_CARDS);
    return html`<div class="skeleton" aria-busy="true">
      <div class="header" part="header"><span class="visually-hidden" role="status">${msg(lang, 'schedule.loading')}</span></div>
      <section class="group" part="group">
        <div class="day" part="day" aria-hidden="true">&nbsp;</div>
        <ul class="list" part="list" role="list">
          ${Array.from({ length: count }, () => html`<li class="item" part="card" aria-hidden="true">${cardSkeleton(lang, 'card-link')}</li>`)}
        </ul>
      </section>
      <div class="footer"></div>
    </div>`;
  }
}
