/**
 * Our tags as types, for the framework bindings (react.ts, vue.ts) and for shops that write their
 * own: each tag's class, the events it dispatches, and its public properties. Types only.
 */
import type { LitElement } from 'lit';
import type { SfEventDetails } from '../shared/sauceflex-element.js';
import type { SfBroadcastCard } from '../elements/broadcast-card/broadcast-card.component.js';
import type { SfBroadcastStats } from '../elements/broadcast-stats/broadcast-stats.component.js';
import type { SfLivePlayer } from '../elements/live-player/live-player.component.js';
import type { SfCurationList } from '../elements/curation-list/curation-list.component.js';
import type { SfConfigElement } from '../elements/config/config.component.js';
import type { SfConsultButton } from '../elements/consult-button/consult-button.component.js';
import type { SfCountdown } from '../elements/countdown/countdown.component.js';
import type { SfCouponPanel } from '../elements/coupon-panel/coupon-panel.component.js';
import type { SfPreviewPlayer } from '../elements/preview-player/preview-player.component.js';
import type { SfProductCard } from '../elements/product-card/product-card.component.js';
import type { SfProductList } from '../elements/product-list/product-list.component.js';
import type { SfSchedule } from '../elements/schedule/schedule.component.js';
// Each event's module adds its entry to SfEventDetails.
import type {} from '../events/banner-click.js';
import type {} from '../events/broadcast-select.js';
import type {} from '../events/consult-open.js';
import type {} from '../events/countdown-end.js';
import type {} from '../events/curation-select.js';
import type {} from '../events/coupon-issue.js';
import type {} from '../events/ended.js';
import type {} from '../events/error.js';
import type {} from '../events/live-enter.js';
import type {} from '../events/live-exit.js';
import type {} from '../events/live-status.js';
import type {} from '../events/live-time.js';
import type {} from '../events/login-required.js';
import type {} from '../events/pause.js';
import type {} from '../events/play.js';
import type {} from '../events/product-click.js';
import type {} from '../events/impression.js';
import type {} from '../events/view-progress.js';
import type {} from '../events/remind.js';
import type {} from '../events/share.js';

export type { SfEventDetails };

/** Tag → class. */
export interface SfElements {
  'sf-config': SfConfigElement;
  'sf-schedule': SfSchedule;
  'sf-broadcast-card': SfBroadcastCard;
  'sf-countdown': SfCountdown;
  'sf-product-card': SfProductCard;
  'sf-product-list': SfProductList;
  'sf-coupon-panel': SfCouponPanel;
  'sf-preview-player': SfPreviewPlayer;
  'sf-broadcast-stats': SfBroadcastStats;
  'sf-live-player': SfLivePlayer;
  'sf-consult-button': SfConsultButton;
  'sf-curation-list': SfCurationList;
}

/** Tag → the `sf-` events it dispatches (as its class JSDoc lists them; events bubble, so lists carry their cards'). */
export interface SfElementEvents {
  'sf-config': never;
  'sf-schedule': 'sf-broadcast-select' | 'sf-impression' | 'sf-remind' | 'sf-share' | 'sf-login-required';
  'sf-broadcast-card': 'sf-broadcast-select' | 'sf-impression' | 'sf-remind' | 'sf-share' | 'sf-login-required';
  'sf-countdown': 'sf-countdown-end';
  'sf-product-card': 'sf-product-click' | 'sf-impression';
  'sf-product-list': 'sf-product-click' | 'sf-impression';
  'sf-coupon-panel': 'sf-coupon-issue' | 'sf-login-required' | 'sf-impression';
  'sf-preview-player': 'sf-play' | 'sf-pause' | 'sf-ended' | 'sf-error' | 'sf-view-progress' | 'sf-broadcast-select';
  'sf-broadcast-stats': never;
  'sf-live-player': 'sf-product-click' | 'sf-login-required' | 'sf-share' | 'sf-live-exit' | 'sf-live-status' | 'sf-live-time' | 'sf-view-progress' | 'sf-live-enter' | 'sf-banner-click' | 'sf-error';
  'sf-consult-button': 'sf-consult-open' | 'sf-login-required';
  'sf-curation-list': 'sf-curation-select' | 'sf-broadcast-select' | 'sf-remind' | 'sf-share' | 'sf-login-required';
}

export type SfTag = keyof SfElements;
export type SfEventName = keyof SfEventDetails;
export type SfEvent<E extends SfEventName> = CustomEvent<SfEventDetails[E]>;

/** A tag's own public properties (and the shared configuration ones), all optional. */
export type SfElementProps<T extends SfTag> = Partial<Omit<SfElements[T], keyof LitElement | keyof HTMLElement>>;

/** `sf-product-click` → `SfProductClick`. */
export type PascalEvent<E extends string> = E extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalEvent<Tail>}` : Capitalize<E>;
