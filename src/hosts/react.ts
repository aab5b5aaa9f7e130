/**
 * `sauceflex-widgets/react`: a React component per element, made by @lit/react. React 18 cannot
 * hand objects or listeners to a custom element (it writes every prop as an attribute), and React 19
 * does so only once the tag is defined, which the autoloader does later: these components set
 * properties and add listeners through a ref, whenever the element is defined. Events are props
 * named after them: `onProductClick={(e) => e.detail.orderCallBackId}`.
 *
 * Importing this file defines no element: each one arrives through the autoloader (import
 * 'sauceflex-widgets' once) or its own entry. Its types also declare the tags for JSX
 * (`<sf-schedule>` in React 19) with typed `onsf-…` event props.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import type { PascalEvent, SfElementEvents, SfElementProps, SfElements, SfEvent, SfEventName, SfTag } from './tags.js';

type Events<T extends SfTag> = { [E in SfElementEvents[T] as `on${PascalEvent<E extends `sf-${infer Rest}` ? Rest : E>}`]: EventName<SfEvent<E & SfEventName>> };

/**
 * @lit/react sets a prop as a property when the class's prototype has it (`prop in prototype`).
 * The classes are not here (they load lazily, and the tag may not be defined yet), so the stand-in
 * prototype says yes to every camelCase name a plain element lacks: `product`, `broadcastId`…;
 * `class`, `data-*` and `aria-*` stay attributes, `style`, `className` and `children` stay React's.
 */
const standIn = (): new () => HTMLElement => {
  const element = globalThis.HTMLElement?.prototype ?? {};
  const react = new Set(['class', 'children', 'ref']);
  const prototype = new Proxy({}, { has: (_target, key) => typeof key === 'string' && !react.has(key) && !key.includes('-') && !(key in element) });
  return Object.assign(function SfElement() {}, { prototype }) as unknown as new () => HTMLElement;
};

function component<T extends SfTag>(tagName: T, events: readonly SfElementEvents[T][], displayName: string) {
  // `sf-product-click` → `onProductClick`
  const names = Object.fromEntries(events.map((event) => [`on${event.slice(3).replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`, event]));
  return createComponent({ react: React, tagName, elementClass: standIn() as new () => SfElements[T], events: names as unknown as Events<T>, displayName });
}

export const SfConfig = component('sf-config', [], 'SfConfig');
export const SfSchedule = component('sf-schedule', ['sf-broadcast-select', 'sf-impression', 'sf-remind', 'sf-share', 'sf-login-required'], 'SfSchedule');
export const SfBroadcastCard = component('sf-broadcast-card', ['sf-broadcast-select', 'sf-impression', 'sf-remind', 'sf-share', 'sf-login-required'], 'SfBroadcastCard');
export const SfCountdown = component('sf-countdown', ['sf-countdown-end'], 'SfCountdown');
export const SfProductCard = component('sf-product-card', ['sf-product-click', 'sf-impression'], 'SfProductCard');
export const SfProductList = component('sf-product-list', ['sf-product-click', 'sf-impression'], 'SfProductList');
export const SfCouponPanel = component('sf-coupon-panel', ['sf-coupon-issue', 'sf-login-required', 'sf-impression'], 'SfCouponPanel');
export const SfPreviewPlayer = component('sf-preview-player', ['sf-play', 'sf-pause', 'sf-ended', 'sf-error', 'sf-view-progress', 'sf-broadcast-select'], 'SfPreviewPlayer');
export const SfBroadcastStats = component('sf-broadcast-stats', [], 'SfBroadcastStats');
export const SfLivePlayer = component('sf-live-player', ['sf-product-click', 'sf-login-required', 'sf-share', 'sf-live-exit', 'sf-live-status', 'sf-live-time', 'sf-view-progress', 'sf-live-enter', 'sf-banner-click', 'sf-error'], 'SfLivePlayer');
export const SfConsultButton = component('sf-consult-button', ['sf-consult-open', 'sf-login-required'], 'SfConsultButton');
export const SfCurationList = component('sf-curation-list', ['sf-curation-select', 'sf-broadcast-select', 'sf-remind', 'sf-share', 'sf-login-required'], 'SfCurationList');

/** The props of a tag in JSX (React 19 sets properties on defined custom elements, and `onsf-…` as listeners). */
export type SfJsxProps<T extends SfTag> = React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> &
  SfElementProps<T> & { class?: string } & { [E in SfElementEvents[T] as `on${E}`]?: (event: SfEvent<E & SfEventName>) => void };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'sf-config': SfJsxProps<'sf-config'>;
      'sf-schedule': SfJsxProps<'sf-schedule'>;
      'sf-broadcast-card': SfJsxProps<'sf-broadcast-card'>;
      'sf-countdown': SfJsxProps<'sf-countdown'>;
      'sf-product-card': SfJsxProps<'sf-product-card'>;
      'sf-product-list': SfJsxProps<'sf-product-list'>;
      'sf-coupon-panel': SfJsxProps<'sf-coupon-panel'>;
      'sf-preview-player': SfJsxProps<'sf-preview-player'>;
      'sf-broadcast-stats': SfJsxProps<'sf-broadcast-stats'>;
      'sf-live-player': SfJsxProps<'sf-live-player'>;
      'sf-consult-button': SfJsxProps<'sf-consult-button'>;
      'sf-curation-list': SfJsxProps<'sf-curation-list'>;
    }
  }
}
