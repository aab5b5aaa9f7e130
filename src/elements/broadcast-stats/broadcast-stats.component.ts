import { html, nothing, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { AnalysisCounts, BroadcastStats, StatsPoint } from '../../api/models.js';
import { formatDateTime, formatDuration, formatTime } from '../../i18n/format.js';
import { localeOf } from '../../i18n/locale.js';
import { statsMsg, type StatsKey } from '../../i18n/stats.js';
import { SauceflexElement } from '../../shared/sauceflex-element.js';
import type { ConfigProblem, Lang, SfConfig } from '../../store/config.js';
import { loadStats, StatsForbiddenError } from './stats-source.js';
import styles from './broadcast-stats.styles.js';

/** The counters a chart can show, in the order they are drawn. */
export const STATS_METRICS = ['uniqueVisitor', 'pageView', 'likeCount', 'chatCount', 'productClickCount', 'orderCount'] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];

const AGE_BANDS = ['10', '20', '30', '40', '50', 'gte60', 'etc'] as const;
const CHART = { width: 320, height: 96, pad: 4 } as const;

/**
 * @summary A broadcast's figures for the partner: viewers, views, watch time, likes, chats, product clicks and
 * orders, viewers by age, and small charts of how they moved over time, each with a table to read instead.
 *
 * It reads them from the shop's backend (`stats-endpoint`, our backend's `GET /sauceflex/stats/:broadcastId`),
 * which holds the partner's admin token and decides, with the shop's own cookies, who may see them. Its code
 * is fetched only by pages that use it.
 *
 * @csspart totals - The grid of totals.
 * @csspart total - One total (label and value).
 * @csspart ages - The viewers-by-age bars.
 * @csspart chart - One metric's chart (heading, picture and table).
 * @csspart status - Loading, empty, error and permission messages.
 *
 * @cssproperty --sf-stats-line - Line colour of the charts (default `--sf-accent`).
 * @cssproperty --sf-radius - Corner radius.
 * @cssproperty --sf-accent - Chart and bar colour.
 * @cssproperty --sf-surface - Background.
 * @cssproperty --sf-text - Text colour.
 * @cssproperty --sf-text-muted - Secondary text colour.
 * @cssproperty --sf-border - Border colour.
 * @cssproperty --sf-skeleton - Placeholder colour while loading.
 * @cssproperty --sf-font-family - Font stack.
 * @cssproperty --sf-focus-ring - Focus outline colour.
 */
export class SfBroadcastStats extends SauceflexElement {
  static override styles = styles;

  /** The broadcast whose figures to show. */
  @property({ attribute: 'broadcast-id' }) broadcastId?: string;
  /** Overrides the page-wide stats route of the shop's backend, e.g. `/sauceflex/stats`. */
  @property({ attribute: 'stats-endpoint' }) statsEndpoint?: string;
  /** Start of the range, an ISO date and time; default: ten minutes before the broadcast started. */
  @property() from?: string;
  /** End of the range, an ISO date and time; default: ten minutes after it ended (or now, while live). */
  @property() to?: string;
  /** Points of `1m`, `10m` or `1h`; default: the finest that gives at most 240 points. */
  @property() interval?: string;
  /** Which counters get a chart, space-separated: uniqueVisitor pageView likeCount chatCount productClickCount orderCount. */
  @property() metrics = 'uniqueVisitor likeCount productClickCount orderCount';

  private readonly data = this.loadData({
    args: () => [this.config.statsEndpoint, this.broadcastId, this.from, this.to, this.interval] as const,
    skip: ([endpoint, broadcastId]) => !endpoint || !broadcastId || this.problems().length > 0,
    load: ([endpoint, broadcastId, from, to, interval], signal) => loadStats({ endpoint: endpoint!, broadcastId: broadcastId!, from, to, interval }, signal),
    onError: (error) => {
      if (!(error instanceof StatsForbiddenError)) console.error(`[sauceflex] <sf-broadcast-stats> could not load stats: ${error instanceof Error ? error.message : String(error)}`);
    },
  });

  protected override ownConfig(): SfConfig {
    return { ...super.ownConfig(), statsEndpoint: this.statsEndpoint };
  }

  /** Without an id there is nothing to ask for: a placeholder, as a card without one. */
  private problems(): ConfigProblem[] {
    return this.broadcastId ? this.checkConfig(['statsEndpoint']) : [];
  }

  private t(key: StatsKey, params?: Record<string, string | number>): string {
    return statsMsg(this.config.lang, key, params);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Through the CSSOM, not a style attribute: a strict CSP's style-src refuses those (the README promises none is needed).
    for (const bar of this.renderRoot.querySelectorAll<HTMLElement>('.bar > [data-share]')) bar.style.inlineSize = `${bar.dataset.share}%`;
  }

  override render() {
    return this.renderStates(this.data, {
      problems: this.problems(),
      value: this.data.value,
      isEmpty: (stats) => stats.totals.pageView === 0 && stats.totals.uniqueVisitor === 0,
      content: (stats) => this.renderStats(stats),
      loading: () => this.renderSkeleton(),
      empty: () => this.t('stats.empty'),
      error: () => (this.data.error instanceof StatsForbiddenError ? this.t('stats.forbidden') : this.t('stats.error')),
    });
  }

  private renderSkeleton() {
    return html`<div class="skeleton" role="group" aria-busy="true" aria-label=${this.t('stats.loading')}>
      <div class="line title"></div>
      <div class="totals">${STATS_METRICS.map(() => html`<div class="total"><div class="line"></div><div class="line big"></div></div>`)}</div>
      <div class="block"></div>
    </div>`;
  }

  private renderStats(stats: BroadcastStats) {
    const { lang, timeZone } = this.config;
    const number = new Intl.NumberFormat(localeOf(lang));
    const totals: [StatsKey, string][] = [
      ['stats.uniqueVisitor', number.format(stats.totals.uniqueVisitor)],
      ['stats.pageView', number.format(stats.totals.pageView)],
      ['stats.playTime', formatDuration(stats.totals.playTime * 1000, lang)],
      ['stats.avgPlayTime', formatDuration(stats.totals.avgPlayTime * 1000, lang)],
      ['stats.likeCount', number.format(stats.totals.likeCount)],
      ['stats.chatCount', number.format(stats.totals.chatCount)],
      ['stats.productClickCount', number.format(stats.totals.productClickCount)],
      ['stats.orderCount', number.format(stats.totals.orderCount)],
    ];
    const range = this.t('stats.range', { from: formatDateTime(new Date(stats.from), lang, timeZone), to: formatDateTime(new Date(stats.to), lang, timeZone) });
    const wanted = this.metrics.split(/\s+/).filter((m): m is StatsMetric => (STATS_METRICS as readonly string[]).includes(m));
    return html`<section class="stats" aria-label=${this.t('stats.label', { name: stats.broadcastName })}>
      <header>
        <h2 class="title">${stats.broadcastName}</h2>
        <p class="range">${range}</p>
      </header>
      <dl class="totals" part="totals">
        ${totals.map(([key, value]) => html`<div class="total" part="total"><dt>${this.t(key)}</dt><dd>${value}</dd></div>`)}
      </dl>
      ${this.renderAges(stats, number, lang)}
      <h3 class="subtitle">${this.t('stats.trend', { interval: this.t(`stats.interval.${stats.interval}` as StatsKey) })}</h3>
      <div class="charts">${wanted.map((metric) => this.renderChart(stats.series, metric, number, lang, timeZone))}</div>
    </section>`;
  }

  private renderAges(stats: BroadcastStats, number: Intl.NumberFormat, lang: Lang) {
    const bands = AGE_BANDS.filter((band) => stats.totals.age[band]);
    const total = bands.reduce((sum, band) => sum + stats.totals.age[band]!.uniqueVisitor, 0);
    if (!bands.length || total === 0) return nothing;
    const percent = new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 });
    return html`<h3 class="subtitle">${this.t('stats.age')}</h3>
      <ul class="ages" part="ages">
        ${bands.map((band) => {
          const viewers = stats.totals.age[band]!.uniqueVisitor;
          const share = viewers / total;
          return html`<li>
            <span class="band">${this.t(`stats.age.${band}` as StatsKey)}</span>
            <span class="bar" aria-hidden="true"><span data-share=${(share * 100).toFixed(1)}></span></span>
            <span class="value">${number.format(viewers)} (${percent.format(share)})</span>
          </li>`;
        })}
      </ul>`;
  }

  private renderChart(series: readonly StatsPoint[], metric: StatsMetric, number: Intl.NumberFormat, lang: Lang, timeZone?: string) {
    const label = this.t(`stats.${metric}` as StatsKey);
    const values = series.map((point) => point[metric as keyof AnalysisCounts]);
    const max = Math.max(0, ...values);
    const { width, height, pad } = CHART;
    const x = (i: number) => (series.length < 2 ? width / 2 : pad + (i * (width - 2 * pad)) / (series.length - 1));
    const y = (v: number) => height - pad - (max === 0 ? 0 : (v / max) * (height - 2 * pad));
    const line = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    const area = `${x(0).toFixed(1)},${height - pad} ${line} ${x(values.length - 1).toFixed(1)},${height - pad}`;
    const first = series[0];
    const last = series[series.length - 1];
    return html`<figure class="chart" part="chart">
      <figcaption><span>${label}</span><span class="peak">${this.t('stats.peak', { value: number.format(max) })}</span></figcaption>
      <svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" aria-hidden="true" focusable="false">
        ${svg`<polygon class="area" points=${area}></polygon><polyline class="line" points=${line}></polyline>`}
      </svg>
      ${first && last
        ? html`<div class="axis" aria-hidden="true"><span>${formatTime(new Date(first.at), lang, timeZone)}</span><span>${formatTime(new Date(last.at), lang, timeZone)}</span></div>`
        : nothing}
      <details>
        <summary>${this.t('stats.table')}</summary>
        <table>
          <thead><tr><th scope="col">${this.t('stats.time')}</th><th scope="col">${label}</th></tr></thead>
          <tbody>
            ${series.map((point, i) => html`<tr><th scope="row">${formatTime(new Date(point.at), lang, timeZone)}</th><td>${number.format(values[i]!)}</td></tr>`)}
          </tbody>
        </table>
      </details>
    </figure>`;
  }
}
