/**
 * The full bundle: the API client, configuration, and every element, each registered with a guard
 * so that a page loading the script twice (a CMS pasting the tag twice, say) does not throw.
 */
import { readScriptConfig } from './store/script-config.js';

export * from './api/index.js';
export { configure, type SfConfig, type Lang } from './store/config.js';
export { getViewerToken } from './session/viewer-session.js';
export { SfConfigElement } from './elements/config/config.js';
export { SfBroadcastCard } from './elements/broadcast-card/broadcast-card.js';
export { SfCountdown } from './elements/countdown/countdown.js';
export { SfSchedule } from './elements/schedule/schedule.js';
export { SfCouponPanel } from './elements/coupon-panel/coupon-panel.js';
export { SfPreviewPlayer } from './elements/preview-player/preview-player.js';
export { SfProductCard } from './elements/product-card/product-card.js';
export { SfProductList } from './elements/product-list/product-list.js';
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
export type { SfProductClickDetail } from './events/product-click.js';
export type { SfBroadcastSelectDetail } from './events/broadcast-select.js';
export type { SfCouponIssueDetail } from './events/coupon-issue.js';
export type { SfLoginRequiredDetail } from './events/login-required.js';

// Script-tag data-* options, read while document.currentScript still points at our tag.
if (typeof document !== 'undefined') readScriptConfig();
