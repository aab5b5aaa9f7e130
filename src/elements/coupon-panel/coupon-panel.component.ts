import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Coupon } from '../../api/models.js';
import { defaultIssueEndpoint } from '../../coupons/coupon-api.js';
import { issueCoupon, type IssueOutcome } from '../../coupons/issue.js';
import { loadCouponList } from '../../coupons/list.js';
import '../../events/coupon-issue.js';
import '../../events/login-required.js';
import { couponMsg, formatOpening, formatValidity, type CouponMessageKey } from '../../i18n/coupon.js';
import { formatMoney, formatPercent } from '../../i18n/format.js';
import { msg } from '../../i18n/messages.js';
import { ImpressionController } from '../../shared/impressions.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import type { SfConfig } from '../../store/config.js';
import { couponStore, issueStateOf, knownCoupon, rememberCoupons } from '../../store/coupons.js';
import { sessionStore, type SessionState } from '../../store/session.js';
import { shallowEqual, StoreController } from '../../store/store-controller.js';
import { ACTIONABLE, couponViewState, nextBoundary, parseIdList, visibleCoupons, type CouponViewState } from './coupon-view.js';
import styles from './coupon-panel.styles.js';
import { cspBlockFor } from '../../shared/csp.js';
import { failureMessage } from '../../shared/failure-message.js';
import { loginTarget } from '../../shared/login.js';
import { navigate } from '../../tracking/navigate.js';

/** What the panel needs of the session: whether to wait, and whose coupons these are. */
const viewerOf = (s: SessionState) => ({ status: s.status, isMember: s.isMember && !!s.token, memberId: s.claims?.memberId });

/** setTimeout's ceiling is ~24.8 days; re-check at least this often for coupons that open later. */
const MAX_TIMER_MS = 6 * 60 * 60 * 1000;

const BUTTON_LABEL: Record<CouponViewState, CouponMessageKey> = {
  available: 'button.get',
  login: 'button.login',
  issuing: 'button.issuing',
  issued: 'button.issued',
  'already-issued': 'button.already',
  failed: 'button.retry',
  error: 'button.retry',
  unauthorized: 'button.retry',
  exhausted: 'button.exhausted',
  upcoming: 'button.upcoming',
  expired: 'button.expired',
  unknown: 'button.unknown',
};

const ANNOUNCEMENT: Record<IssueOutcome['status'], CouponMessageKey> = {
  issued: 'announce.issued',
  'already-issued': 'announce.already',
  failed: 'announce.failed',
  exhausted: 'announce.exhausted',
  unknown: 'announce.unknown',
  unauthorized: 'announce.unauthorized',
  error: 'announce.error',
  'login-required': 'announce.login',
};

/**
 * @summary The shop's coupons for a broadcast or for some products, each with its discount,
 * minimum order, validity and what is left, and a button that issues it to the signed-in shopper.
 *
 * The list comes from the shop's own coupon API (the guide's 쿠폰 연동): GET `coupon-endpoint` with
 * `accessToken` and `broadcastId`, or — with `external-product-ids` — POST it with `accessToken` and
 * `externalProductIds`. A coupon is issued by POSTing `coupon-issue-endpoint` (by default
 * `coupon-endpoint` + `/issue`) with `accessToken`, `couponId` and `broadcastId`: once however often
 * the button is pressed and however many panels show the coupon (they share one store), never
 * shown as issued before the shop says so. A guest's press sends nothing and dispatches
 * `sf-login-required` (cancelable); unless the shop cancels it, `login-url` (here or on `<sf-config>`)
 * opens with the page as `returnUrl`, and without one the coupon shows a visible sign-in prompt. An expired token (FA1008) is refreshed through the session and the issue sent once more.
 *
 * Coupons with `isShow: false` are never shown; expired ones are hidden unless `show-expired`
 * (then marked and not issuable); ones not yet open are shown, marked, and not issuable until
 * `startDt` (the panel re-renders when a coupon opens or ends). Results are announced in a polite
 * live region.
 *
 * @event sf-impression - A coupon's row was at least half on screen for one second (once per coupon per page view): `detail: { kind: 'coupon', id, broadcastId, coupon }`.
 * @event sf-coupon-issue - The shop answered an issue this panel sent: `{coupon, status, code?, broadcastId?}`.
 * @event sf-login-required - A guest pressed "get", or the shop refused the token: `{couponId, broadcastId?, reason}`. Cancel it to open the shop's login yourself.
 *
 * @csspart list - The list of coupons.
 * @csspart coupon - One coupon; each also has `coupon-<state>` (available, login, issuing, issued, already-issued,
 *   failed, error, unauthorized, exhausted, upcoming, expired, unknown).
 * @csspart discount - The discount block ("10%" / "₩3,000" and the cap).
 * @csspart amount - The discount value.
 * @csspart cap - "최대 ₩10,000 할인".
 * @csspart body - Name and conditions.
 * @csspart name - The coupon's name.
 * @csspart minimum - The minimum order.
 * @csspart validity - The validity range.
 * @csspart remaining - What is left.
 * @csspart note - "opens on …", "expired", a failure message.
 * @csspart issue-button - The button; each also has `issue-button-<state>` (the states of `coupon-<state>`).
 * @csspart status - Empty and error messages.
 * @csspart retry - The error state's retry button.
 * @csspart announcer - The (visually hidden) live region.
 *
 * @cssproperty --sf-coupon-accent - Discount colour and the button's fill (default `--sf-accent`).
 * @cssproperty --sf-coupon-on-accent - Text on the accent (default `--sf-on-accent`).
 * @cssproperty --sf-coupon-background - A coupon's background (default `--sf-surface`).
 * @cssproperty --sf-coupon-border - A coupon's border colour (default `--sf-border`).
 * @cssproperty --sf-coupon-radius - A coupon's corner radius (default `--sf-radius`).
 * @cssproperty --sf-coupon-gap - Space between coupons (default 0.75rem).
 * @cssproperty --sf-coupon-min-height - A coupon's height, also the skeleton's (default 7.5rem).
 * @cssproperty --sf-coupon-discount-width - Width of the discount block (default 6.5rem).
 * @cssproperty --sf-accent - Shared accent colour, the default of `--sf-coupon-accent`.
 * @cssproperty --sf-on-accent - Text on the accent (LIVE badge, buttons); set a dark one with a light accent.
 * @cssproperty --sf-surface - Shared background, the default of `--sf-coupon-background`.
 * @cssproperty --sf-border - Shared border colour, the default of `--sf-coupon-border`.
 * @cssproperty --sf-radius - Shared corner radius, the default of `--sf-coupon-radius`.
 * @cssproperty --sf-text - Text colour.
 * @cssproperty --sf-text-muted - Secondary text colour.
 * @cssproperty --sf-skeleton - Placeholder colour while loading.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 */
export class SfCouponPanel extends SauceflexElement {
  static override styles = styles;
  protected static override viewerSession = true;

  protected readonly coupons = new StoreController(this, couponStore, (s) => s);
  protected readonly session = new StoreController(this, sessionStore, viewerOf, shallowEqual);

  /** `sf-impression` for each coupon once its row has been half on screen for a second. */
  protected readonly impressions = new ImpressionController(
    this,
    () =>
      [...(this.renderRoot.querySelectorAll?.('li[data-coupon-id]') ?? [])].flatMap((target) => {
        const coupon = knownCoupon(this.coupons.value, target.getAttribute('data-coupon-id') ?? '');
        return coupon ? [{ target, detail: { kind: 'coupon' as const, id: coupon.couponId, broadcastId: this.broadcastId || undefined, coupon } }] : [];
      }),
    (detail) => this.emit('sf-impression', detail),
  );

  /** The ids of the listed coupons (the coupons themselves are in the store). A new viewer alone refreshes them in place. */
  private readonly data = this.loadData({
    args: () => [this.checkConfig(this.needs).length === 0, this.config.couponEndpoint, this.broadcastId ?? '', this.productIds.join('\n'), this.viewer],
    skip: ([usable, , , , viewer]) => !usable || viewer === undefined,
    quiet: (previous, next) => previous.slice(0, 4).every((value, i) => value === next[i]),
    load: async (_args, signal) => {
      const { items, memberId } = await this.fetchList(signal);
      signal.throwIfAborted();
      rememberCoupons(items, memberId);
      return items.map((coupon) => coupon.couponId);
    },
    onError: (error, inPlace) => {
      const text = error instanceof Error ? error.message : String(error);
      if (inPlace) console.warn('[sauceflex] <sf-coupon-panel> refresh failed:', text);
      else console.error('[sauceflex] <sf-coupon-panel> could not load coupons:', text);
    },
  });

  @state() private announcement = '';
  /** The coupon a guest pressed without a login page to go to: it shows the sign-in prompt. */
  @state() private loginPromptFor?: string;

  /** The shop's coupon list endpoint (overrides `<sf-config coupon-endpoint>`). */
  @property({ attribute: 'coupon-endpoint' }) couponEndpoint?: string;
  /** The shop's coupon issue endpoint; by default `coupon-endpoint` + `/issue`. */
  @property({ attribute: 'coupon-issue-endpoint' }) couponIssueEndpoint?: string;
  /** The broadcast whose coupons to show (GET list), and sent with each issue. */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** Comma-separated shop product codes: the list is then POSTed with `externalProductIds`. */
  @property({ attribute: 'external-product-ids' }) externalProductIds?: string;
  /** Show expired coupons (marked, not issuable) instead of hiding them. */
  @property({ attribute: 'show-expired', type: Boolean }) showExpired = false;
  /** The shop's login page (overrides `<sf-config login-url>`): a guest's press opens it with `returnUrl` (or fills `{returnUrl}`). */
  @property({ attribute: 'login-url' }) loginUrl?: string;
  /** Placeholder coupons while loading (1–6, default 2). */
  @property({ attribute: 'skeleton-count', type: Number }) skeletonCount = 2;
  /** Milliseconds to wait for the shop's coupon API per request (default 10000). */
  @property({ type: Number }) timeout = 10_000;

  /** Whose coupons the list says (`guest`, `member:<id>`): undefined until the session first settles. */
  private viewer?: string;
  private clockTimer?: ReturnType<typeof setTimeout>;
  private announceTimer?: ReturnType<typeof setTimeout>;

  protected override ownConfig(): SfConfig {
    return { ...super.ownConfig(), couponEndpoint: this.couponEndpoint, couponIssueEndpoint: this.couponIssueEndpoint, loginUrl: this.loginUrl };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.clockTimer);
    clearTimeout(this.announceTimer);
    this.clockTimer = this.announceTimer = undefined;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Read afresh: starting the session may have just made it 'loading'. While it is, the list waits
    // (asked for with the token, it says which coupons the member already has).
    const session = viewerOf(sessionStore.getState());
    if (session.status !== 'loading') this.viewer = session.isMember ? `member:${session.memberId ?? ''}` : 'guest';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    this.scheduleClock();
  }

  private get needs(): (keyof SfConfig)[] {
    return this.config.couponIssueEndpoint ? ['couponEndpoint', 'couponIssueEndpoint'] : ['couponEndpoint'];
  }

  private get productIds(): string[] {
    return parseIdList(this.externalProductIds);
  }

  private get issueEndpoint(): string {
    return this.config.couponIssueEndpoint ?? defaultIssueEndpoint(this.config.couponEndpoint!);
  }

  private get timeoutMs(): number | undefined {
    const value = Number(this.timeout);
    return Number.isFinite(value) && value > 0 ? value : undefined;
  }

  private fetchList(signal?: AbortSignal) {
    return loadCouponList({
      endpoint: this.config.couponEndpoint!,
      broadcastId: this.broadcastId || undefined,
      externalProductIds: this.productIds,
      timeoutMs: this.timeoutMs,
      signal,
    });
  }

  /** Re-render when a shown coupon opens or ends. */
  private scheduleClock(): void {
    clearTimeout(this.clockTimer);
    this.clockTimer = undefined;
    if (!this.isConnected || this.data.value === undefined) return;
    const now = Date.now();
    const next = nextBoundary(this.shownCoupons(now), now);
    if (next === undefined) return;
    this.clockTimer = setTimeout(() => this.requestUpdate(), Math.min(MAX_TIMER_MS, next - now + 50));
  }

  private shownCoupons(now: number): Coupon[] {
    const known = this.coupons.value.coupons;
    const list = (this.data.value ?? []).map((id) => known[id]).filter((coupon): coupon is Coupon => coupon !== undefined);
    return visibleCoupons(list, now, this.showExpired);
  }

  private viewStateOf(coupon: Coupon, now: number): CouponViewState {
    const session = this.session.value;
    const issue = issueStateOf(this.coupons.value, coupon.couponId, session.memberId);
    return couponViewState(coupon, issue, now, session.isMember);
  }

  private async onIssueClick(coupon: Coupon): Promise<void> {
    // aria-disabled buttons still receive clicks: only actionable states go on.
    if (!ACTIONABLE.has(this.viewStateOf(coupon, Date.now()))) return;
    await this.issue(coupon.couponId);
  }

  private announce(text: string): void {
    // Cleared first, so the same message twice in a row is spoken twice.
    clearTimeout(this.announceTimer);
    this.announcement = '';
    this.announceTimer = setTimeout(() => {
      this.announcement = text;
    }, 100);
  }

  /**
   * Issue a coupon shown in this panel, as its button does: the guest check, the single flight, the
   * token refresh, then `sf-coupon-issue` / `sf-login-required` and an announcement — from this
   * panel only when it started the request. Resolves with the outcome.
   */
  async issue(couponId: string): Promise<IssueOutcome> {
    const problems = this.checkConfig(this.needs);
    if (problems.length) throw new Error(`<sf-coupon-panel> cannot issue: ${problems.map((p) => p.message).join(', ')}`);
    const broadcastId = this.broadcastId || undefined;
    const outcome = await issueCoupon({
      endpoint: this.issueEndpoint,
      couponId,
      broadcastId,
      timeoutMs: this.timeoutMs,
      recheck: async () => {
        const { items, memberId } = await this.fetchList();
        rememberCoupons(items, memberId);
        return items.find((item) => item.couponId === couponId);
      },
    });
    if (!outcome.initiated) return outcome;
    const lang = this.config.lang;
    const coupon = (outcome.status !== 'login-required' ? outcome.coupon : undefined) ?? knownCoupon(couponStore.getState(), couponId);
    const name = coupon?.couponName ?? couponId;
    if (outcome.status === 'login-required') {
      if (this.emit('sf-login-required', { couponId, broadcastId, reason: 'guest' }, { cancelable: true })) this.openLogin(couponId);
    } else {
      if (coupon) this.emit('sf-coupon-issue', { coupon, status: outcome.status, code: outcome.code, broadcastId });
      if (outcome.status === 'unauthorized') this.emit('sf-login-required', { couponId, broadcastId, reason: outcome.reason ?? 'invalid-token' });
      if (outcome.status === 'error') {
        console.error('[sauceflex] <sf-coupon-panel> coupon issue failed:', outcome.error instanceof Error ? outcome.error.message : outcome.error);
      }
    }
    this.announce(couponMsg(lang, ANNOUNCEMENT[outcome.status], { name }));
    return outcome;
  }

  /** A guest's press made visible: the shop's login (back to this page after), or a prompt on the coupon. */
  private openLogin(couponId: string): void {
    const target = loginTarget(this.config.loginUrl);
    if (!target) {
      this.loginPromptFor = couponId;
      return;
    }
    navigate(target);
  }

  /** Load the list again (the error state's retry button). */
  retry(): Promise<void> {
    return this.data.reload();
  }

  override render() {
    return html`${this.renderTokenBlocked()}${this.renderContent()}
      <div class="visually-hidden" part="announcer" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  /**
   * The page's CSP refused the viewer token: coupons still list (as for a guest), but a member could
   * never get one, so the panel names the directive to add instead of asking a signed-in shopper to sign in.
   */
  private renderTokenBlocked() {
    const endpoint = this.config.tokenEndpoint;
    const blocked = endpoint && this.session.value.status === 'error' ? cspBlockFor([new URL(endpoint, location.href).href]) : undefined;
    return blocked ? html`<div class="status" part="status" role="alert">${msg(this.config.lang, 'error.csp', { directive: blocked.fix })}</div>` : nothing;
  }

  private renderContent() {
    const lang = this.config.lang;
    const now = Date.now();
    return this.renderStates(this.data, {
      problems: this.checkConfig(this.needs),
      value: this.data.value && this.shownCoupons(now),
      isEmpty: (shown) => shown.length === 0,
      content: (shown) => html`<ul class="list" part="list" role="list" aria-label=${couponMsg(lang, 'coupon.list')}>
        ${repeat(shown, (coupon) => coupon.couponId, (coupon) => this.renderCoupon(coupon, now))}
      </ul>`,
      loading: () => this.renderSkeleton(),
      empty: () => couponMsg(lang, 'coupon.empty'),
      error: () => failureMessage(this.data.error, lang, couponMsg(lang, 'coupon.error')),
      retryPart: 'retry',
    });
  }

  private renderCoupon(coupon: Coupon, now: number) {
    const { lang, timeZone } = this.config;
    const view = this.viewStateOf(coupon, now);
    const actionable = ACTIONABLE.has(view);
    const rate = coupon.dcType === 'Rate';
    const value = rate ? formatPercent(coupon.dcRate, lang) : formatMoney(coupon.dcPrice, lang);
    const cap = rate && coupon.limitMaxPrice > 0 ? couponMsg(lang, 'coupon.cap', { amount: formatMoney(coupon.limitMaxPrice, lang) }) : '';
    const minimum = coupon.possiblePrice > 0
      ? couponMsg(lang, 'coupon.minimum', { amount: formatMoney(coupon.possiblePrice, lang) })
      : couponMsg(lang, 'coupon.noMinimum');
    const start = new Date(coupon.startDt);
    const end = new Date(coupon.endDt);
    const remaining = coupon.maxIssueCount > 0
      ? couponMsg(lang, 'coupon.left', { n: coupon.maxIssueCount })
      : couponMsg(lang, 'coupon.exhausted');
    const note = view === 'login' && this.loginPromptFor === coupon.couponId ? couponMsg(lang, 'coupon.loginPrompt') : this.noteOf(view, start);
    const nameId = `coupon-name-${this.idFor(coupon.couponId)}`;
    const buttonId = `coupon-button-${this.idFor(coupon.couponId)}`;
    return html`<li class="coupon" part="coupon coupon-${view}" data-coupon-id=${coupon.couponId} data-state=${view}>
      <div class="discount" part="discount">
        <span class="amount" part="amount">${this.renderAmount(value)}</span>
        ${cap ? html`<span class="cap" part="cap">${cap}</span>` : nothing}
      </div>
      <div class="body" part="body">
        <p class="name" part="name" id=${nameId}>${coupon.couponName}</p>
        <p class="minimum" part="minimum">${minimum}</p>
        <p class="validity" part="validity"><span class="visually-hidden">${couponMsg(lang, 'coupon.validity')} </span>${formatValidity(start, end, lang, timeZone, new Date(now))}</p>
        <p class="remaining" part="remaining">${remaining}</p>
        ${note ? html`<p class="note" part="note">${note}</p>` : nothing}
      </div>
      <div class="action">
        <button class="issue" part="issue-button issue-button-${view}" type="button" id=${buttonId}
          aria-labelledby="${buttonId} ${nameId}"
          aria-disabled=${actionable ? 'false' : 'true'} aria-busy=${view === 'issuing' ? 'true' : 'false'}
          @click=${() => this.onIssueClick(coupon)}>${couponMsg(lang, BUTTON_LABEL[view])}</button>
      </div>
    </li>`;
  }

  /** "₩3,000 할인" with the value unbreakable: the words around it may wrap, the number never. */
  private renderAmount(value: string) {
    const [before = '', after = ''] = couponMsg(this.config.lang, 'coupon.discount', { value: '\u0000' }).split('\u0000');
    return html`${before}<span class="value">${value}</span>${after}`;
  }

  private noteOf(view: CouponViewState, start: Date): string {
    const { lang, timeZone } = this.config;
    switch (view) {
      case 'upcoming':
        return couponMsg(lang, 'coupon.upcoming', { date: formatOpening(start, lang, timeZone) });
      case 'expired':
        return couponMsg(lang, 'coupon.expired');
      case 'failed':
        return couponMsg(lang, 'coupon.failed');
      case 'error':
        return couponMsg(lang, 'coupon.error.issue');
      case 'unauthorized':
        return couponMsg(lang, 'coupon.unauthorized');
      default:
        return '';
    }
  }

  /** A coupon id made safe for an id attribute (ids are the shop's, any text). */
  private idFor(couponId: string): string {
    return Array.from(couponId, (ch) => (/[\w-]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}`)).join('');
  }

  private renderSkeleton() {
    const lang = this.config.lang;
    const count = Math.min(6, Math.max(1, Math.trunc(Number(this.skeletonCount)) || 2));
    return html`<div aria-busy="true">
      <span class="visually-hidden" role="status">${couponMsg(lang, 'coupon.loading')}</span>
      <ul class="list" part="list" role="list" aria-hidden="true">
        ${Array.from({ length: count }, () => html`<li class="coupon skeleton" part="coupon">
          <div class="discount" part="discount"><span class="line wide"></span></div>
          <div class="body" part="body"><span class="line"></span><span class="line short"></span><span class="line short"></span></div>
          <div class="action"><span class="button-placeholder"></span></div>
        </li>`)}
      </ul>
    </div>`;
  }
}
