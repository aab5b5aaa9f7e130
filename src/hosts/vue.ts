/**
 * `sauceflex-widgets/vue`: types only (`import type {} from 'sauceflex-widgets/vue'` once, or list
 * it in tsconfig "types"). Declares our tags as Vue global components, so templates type-check
 * their props and `@sf-…` listeners. Vue must be told they are custom elements
 * (`compilerOptions.isCustomElement: (tag) => tag.startsWith('sf-')`), and objects bound with
 * `.prop` (`:product.prop="p"`): before the autoloader defines a tag Vue would write them as
 * attributes.
 */
import type { DefineComponent } from 'vue';
import type { PascalEvent, SfElementEvents, SfElementProps, SfEvent, SfEventName, SfTag } from './tags.js';

export type SfVueProps<T extends SfTag> = SfElementProps<T> & { [E in SfElementEvents[T] as `on${PascalEvent<E>}`]?: (event: SfEvent<E & SfEventName>) => void };

declare module 'vue' {
  interface GlobalComponents {
    'sf-config': DefineComponent<SfVueProps<'sf-config'>>;
    'sf-schedule': DefineComponent<SfVueProps<'sf-schedule'>>;
    'sf-broadcast-card': DefineComponent<SfVueProps<'sf-broadcast-card'>>;
    'sf-countdown': DefineComponent<SfVueProps<'sf-countdown'>>;
    'sf-product-card': DefineComponent<SfVueProps<'sf-product-card'>>;
    'sf-product-list': DefineComponent<SfVueProps<'sf-product-list'>>;
    'sf-coupon-panel': DefineComponent<SfVueProps<'sf-coupon-panel'>>;
    'sf-preview-player': DefineComponent<SfVueProps<'sf-preview-player'>>;
    'sf-broadcast-stats': DefineComponent<SfVueProps<'sf-broadcast-stats'>>;
    'sf-live-player': DefineComponent<SfVueProps<'sf-live-player'>>;
    'sf-consult-button': DefineComponent<SfVueProps<'sf-consult-button'>>;
    'sf-curation-list': DefineComponent<SfVueProps<'sf-curation-list'>>;
  }
}
