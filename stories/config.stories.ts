import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  attr,
  broadcastWhere,
  elementIn,
  inShadow,
  langOf,
  mockApiBase,
  mockCouponEndpoint,
  mockProductEndpoint,
  mockTokenEndpoint,
  PARTNER_ID,
  waitFor,
  type Args,
} from './support/helpers.js';

/**
 * `<sf-config>` renders nothing: it sets the page-wide options every sauceFlex element reads, as
 * HTML attributes, so a CMS editor can configure the widgets without JavaScript. An element's own
 * attribute wins over it; it wins over `configure()` in JavaScript.
 */
const live = broadcastWhere('on air', (b) => b.broadcastStateCode === 'onair');

const meta: Meta = {
  title: 'Elements/Config',
  component: 'sf-config',
  args: {
    'partner-id': PARTNER_ID,
    'api-base': mockApiBase('ok'),
    'product-endpoint': mockProductEndpoint('ok'),
    'coupon-endpoint': mockCouponEndpoint('ok'),
    'token-endpoint': mockTokenEndpoint('member'),
  },
  render: (args: Args, context: StoryContext) => html`
    <sf-config
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      token-endpoint=${attr(args['token-endpoint'])}
      product-endpoint=${attr(args['product-endpoint'])}
      coupon-endpoint=${attr(args['coupon-endpoint'])}
      coupon-issue-endpoint=${attr(args['coupon-issue-endpoint'])}
      lang=${langOf(args, context)}
      time-zone=${attr(args['time-zone'])}
      hls-src=${attr(args['hls-src'])}
    ></sf-config>
    <p style="font: 14px system-ui; color: #555">
      The product list and the coupon panel below carry only <code>broadcast-id</code>; everything else comes from
      <code>&lt;sf-config&gt;</code>.
    </p>
    <div style="display: grid; gap: 1.5rem; max-width: 48rem">
      <sf-product-list broadcast-id=${live.broadcastId} layout="carousel"></sf-product-list>
      <sf-coupon-panel broadcast-id=${live.broadcastId}></sf-coupon-panel>
    </div>
  `,
};
export default meta;

type Story = StoryObj;

export const ConfiguresThePage: Story = {
  name: 'Configures every element on the page',
  play: async ({ canvasElement }) => {
    const list = elementIn(canvasElement, 'sf-product-list');
    const panel = elementIn(canvasElement, 'sf-coupon-panel');
    await waitFor('product cards', () => (list.shadowRoot?.querySelectorAll('sf-product-card').length ?? 0) > 0 && !inShadow(list, '[part~="list"][aria-hidden="true"]'));
    await waitFor('coupons', () => inShadow(panel, 'li[data-state]'));
  },
};

export const ElementAttributeWins: Story = {
  name: "An element's own attribute wins",
  render: (args, context) => html`
    <sf-config partner-id=${attr(args['partner-id'])} api-base=${attr(args['api-base'])} lang=${langOf(args, context)}></sf-config>
    <p style="font: 14px system-ui"><sf-countdown to=${new Date(Date.now() + 95 * 60_000).toISOString()}></sf-countdown> (from &lt;sf-config&gt;)</p>
    <p style="font: 14px system-ui">
      <sf-countdown lang=${langOf(args, context) === 'ko' ? 'en' : 'ko'} to=${new Date(Date.now() + 95 * 60_000).toISOString()}></sf-countdown>
      (its own <code>lang</code>)
    </p>
  `,
  play: async ({ canvasElement }) => {
    const [first, second] = [...canvasElement.querySelectorAll('sf-countdown')];
    await waitFor('both countdowns', () => inShadow(first, '[part~="label"]') && inShadow(second, '[part~="label"]'));
    if (inShadow(first, '[part~="label"]')!.textContent === inShadow(second, '[part~="label"]')!.textContent) {
      throw new Error('the countdown with its own lang should speak the other language');
    }
  },
};

/** What a page's `dataLayer` receives: the GA4 events, newest last, as a tag manager's preview lists them. */
function dataLayerLog(list: HTMLOListElement): void {
  const page = window as unknown as { dataLayer?: unknown[] };
  const layer = (page.dataLayer ??= []);
  const show = (entry: unknown) => {
    const event = (entry as { event?: unknown } | null)?.event;
    if (typeof event !== 'string') return;
    const item = document.createElement('li');
    item.textContent = `${event} ${JSON.stringify((entry as { ecommerce?: { items?: { item_name?: string }[] } }).ecommerce?.items?.map((i) => i.item_name) ?? '')}`;
    list.append(item);
  };
  layer.forEach(show);
  const push = layer.push.bind(layer);
  layer.push = (...entries: unknown[]) => {
    entries.forEach(show);
    return push(...entries);
  };
}

export const Measurement: Story = {
  name: 'Measurement: consent pending, GA4 dataLayer',
  render: (args, context) => html`
    <sf-config partner-id=${attr(args['partner-id'])} api-base=${attr(args['api-base'])} product-endpoint=${attr(args['product-endpoint'])}
      lang=${langOf(args, context)} consent="pending" analytics="datalayer"></sf-config>
    <p style="font: 14px system-ui; color: #555; max-width: 48rem">
      <code>consent="pending"</code>: a click still carries its orderCallBackId in the product URL, kept in memory only.
      <code>analytics="datalayer"</code>: each product seen for a second (half on screen) becomes a GA4
      <code>view_item_list</code> in <code>window.dataLayer</code>, listed here.
    </p>
    <div style="display: grid; gap: 1rem; max-width: 48rem">
      <sf-product-list broadcast-id=${live.broadcastId} layout="carousel"></sf-product-list>
      <ol class="datalayer-log" aria-label="dataLayer" style="font: 13px ui-monospace, monospace; color: #1d1d1f; margin: 0; overflow-wrap: anywhere"></ol>
    </div>
  `,
  play: async ({ canvasElement }) => {
    dataLayerLog(canvasElement.querySelector<HTMLOListElement>('.datalayer-log')!);
    await waitFor('view_item_list in the dataLayer', () => canvasElement.querySelector('.datalayer-log li')?.textContent?.startsWith('view_item_list'), 10_000);
  },
};
