/**
 * The main entry: the API client, configuration, tracking, `<sf-config>`, and the autoloader that
 * fetches each other element the first time the page uses it (src/loader/autoload.ts). Element
 * classes are exported by their own entries (`elements/<name>.js`), which also register them
 * eagerly for a page or bundler that prefers that. Registration is guarded everywhere, so a page
 * loading the script twice (a CMS pasting the tag twice, say) does not throw.
 */
import { readScriptConfig } from './loader/script-config.js';
import { startAutoload } from './loader/autoload.js';
import { reserveSpace } from './shared/reserve.js';

export * from './api/index.js';
export { configure, type SfConfig, type Lang } from './configure.js';
export { consent } from './tracking/consent.js';
export { newPageView } from './shared/page-view.js';
export type { Consent, Analytics } from './store/config.js';
export { SfConfigElement } from './elements/config/config.js';
export { loadElement, ELEMENT_TAGS, type LazyTag } from './loader/autoload.js';
export {
  tracking,
  createTracking,
  setNavigator,
  trackedUrl,
  readOrderCallBackId,
  isOrderCallBackId,
  paymentReports,
  type Tracking,
  type TrackedClick,
  type ClickAnnouncer,
  type PaidOrder,
  type PaidLine,
} from './tracking/index.js';
export type { SfBroadcastCard } from './elements/broadcast-card/broadcast-card.component.js';
export type { SfCountdown } from './elements/countdown/countdown.component.js';
export type { SfSchedule } from './elements/schedule/schedule.component.js';
export type { SfCouponPanel } from './elements/coupon-panel/coupon-panel.component.js';
export type { SfPreviewPlayer } from './elements/preview-player/preview-player.component.js';
export type { SfBroadcastStats } from './elements/broadcast-stats/broadcast-stats.component.js';
export type { SfLivePlayer } from './elements/live-player/live-player.component.js';
export type { SfConsultButton } from './elements/consult-button/consult-button.component.js';
export type { SfCurationList } from './elements/curation-list/curation-list.component.js';
export type { SfProductCard } from './elements/product-card/product-card.component.js';
export type { SfProductList } from './elements/product-list/product-list.component.js';
export type { ScheduleType } from './elements/schedule/schedule-groups.js';
export type { ProductListLayout } from './elements/product-list/product-list.component.js';
export type { SfProductClickDetail } from './events/product-click.js';
export type { SfBroadcastSelectDetail } from './events/broadcast-select.js';
export type { SfCouponIssueDetail } from './events/coupon-issue.js';
export type { SfLoginRequiredDetail } from './events/login-required.js';
export type { SfConsultOpenDetail } from './events/consult-open.js';
export type { SfRemindDetail } from './events/remind.js';
export type { SfShareDetail } from './events/share.js';
export type { SfCurationSelectDetail } from './events/curation-select.js';
export type { SfCountdownEndDetail } from './events/countdown-end.js';
export type { SfPlayDetail } from './events/play.js';
export type { SfPauseDetail } from './events/pause.js';
export type { SfEndedDetail } from './events/ended.js';
export type { SfErrorDetail } from './events/error.js';
export type { SfImpressionDetail } from './events/impression.js';
export type { SfViewProgressDetail } from './events/view-progress.js';
export type { SfCardProductClickDetail, SfPlayerProductClickDetail } from './events/product-click.js';
export type { SfLiveExitDetail } from './events/live-exit.js';
export type { SfLiveStatusDetail } from './events/live-status.js';
export type { SfLiveTimeDetail } from './events/live-time.js';
export type { SfLiveEnterDetail } from './events/live-enter.js';
export type { SfBannerClickDetail } from './events/banner-click.js';
export type { SfElements, SfElementEvents, SfElementProps, SfEventDetails, SfEvent, SfEventName, SfTag } from './hosts/tags.js';
// `window.SauceflexWidgets` (the IIFE's global) is typed wherever this entry's types are.
export type { SauceflexWidgetsGlobal } from './loader/iife.js';

/**
 * The viewer token (src/session/viewer-session.ts), fetched with the session's code: only elements
 * start a session, and they carry that code, so a page's first download does not (jwt-decode and the
 * refresh logic are ~2 kB brotli).
 */
export const getViewerToken: typeof import('./session/viewer-session.js').getViewerToken = async (options) =>
  (await import('./session/viewer-session.js')).getViewerToken(options);

if (typeof document !== 'undefined') {
  // Script-tag data-* options, read while document.currentScript still points at our tag.
  readScriptConfig();
  // Before any element's chunk is asked for: from here on, nothing jumps when one arrives.
  reserveSpace();
  startAutoload();
}
